"""Sphinx configuration for the Bytecode Alliance website."""

import os

project = "Bytecode Alliance"
author = "Bytecode Alliance"
copyright = "%Y, Bytecode Alliance contributors"
language = "en"

extensions = [
    "myst_parser",
    "sphinx_design",
    "sphinx_copybutton",
    "sphinx_alliance",
]

# Read the Docs never passes -n: keep the build nitpicky from here.
nitpicky = True

myst_enable_extensions = [
    "attrs_block",
    "attrs_inline",
    "colon_fence",
    "deflist",
]
myst_heading_anchors = 3

exclude_patterns = ["_build", "Thumbs.db", ".DS_Store"]

# Read the Docs sets the canonical URL of the version being built; local builds have none.
html_baseurl = os.environ.get("READTHEDOCS_CANONICAL_URL", "")

html_theme = "furo"
html_title = "Bytecode Alliance"
html_static_path = ["_static"]
