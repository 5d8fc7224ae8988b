"""Sphinx configuration for the Bytecode Alliance website."""

import contextlib
import importlib
import io
import logging
import os
from pathlib import Path
from urllib.parse import urlparse

import sphinx.util.logging
import yaml

from sphinx_alliance.page_assets import BUILTIN_RULES

project = "Bytecode Alliance"
author = "Bytecode Alliance"
copyright = "%Y, Bytecode Alliance contributors"
language = "en"

extensions = [
    "myst_parser",
    "sphinx_design",
    "sphinx_copybutton",
    "sphinx_alliance",
    "notfound.extension",
    "sphinxext.opengraph",
]

# Read the Docs never passes -n: keep the build nitpicky from here.
nitpicky = True

myst_enable_extensions = [
    "attrs_block",
    "attrs_inline",
    "colon_fence",
    "deflist",
    "substitution",
]
myst_heading_anchors = 3
# MyST logs its whole configuration at info level on every build: keep its warnings only.
logging.getLogger("sphinx.myst_parser.sphinx_ext.main").setLevel(logging.WARNING)

# The facts about the Alliance's projects live once, in _data/projects.yml; the
# overview table and every project page's key-facts table read them from here as
# {{ projects.<key>.<field> }}. Editing the file changes this config value, so
# Sphinx rereads every page.
PROJECTS_DATA = Path(__file__).parent / "_data" / "projects.yml"


def read_projects() -> dict[str, dict[str, str]]:
    """The projects' facts; a YAML mistake is a located warning, not a traceback."""
    try:
        return yaml.safe_load(PROJECTS_DATA.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = f":{mark.line + 1}" if mark else ""
        problem = getattr(error, "problem", None) or error
        sphinx.util.logging.getLogger(__name__).warning(
            "%s; the project pages lack their facts", problem, location=f"{PROJECTS_DATA}{line}"
        )
        return {}


myst_substitutions = {"projects": read_projects()}

exclude_patterns = ["_build", "Thumbs.db", ".DS_Store"]

# Read the Docs sets the canonical URL of the version being built; local builds have none.
html_baseurl = os.environ.get("READTHEDOCS_CANONICAL_URL", "")

# Read the Docs serves 404.html for every missing path, at any depth: its links must be
# absolute. The prefix is the canonical URL's path there, and "/" for a local build.
notfound_urls_prefix = urlparse(html_baseurl).path or "/"
# [text](site:path) in the 404 page is an absolute link under that same prefix.
myst_url_schemes = {
    "http": None,
    "https": None,
    "mailto": None,
    "ftp": None,
    "site": notfound_urls_prefix + "{{path}}",
}

# Each page links only the CSS and JS it uses, and its scripts wait for the page. Under furo
# nothing calls Sphinx's two base scripts while the page loads, outside the search page.
# Every stylesheet but furo's is copied into the pages that use it, so that one file blocks
# the first paint.
alliance_page_assets = {
    "documentation_options.js": {"defer": True},
    "doctools.js": {"defer": True},
    "pygments.css": {**BUILTIN_RULES["pygments.css"], "inline": True},
    "copybutton.css": {**BUILTIN_RULES["copybutton.css"], "inline": True},
    "styles/furo-extensions.css": {"inline": True},
    "site.css": {"inline": True},
}

# Member logos of up to 4 KiB (Vite's default inline limit) are written into the page.
alliance_member_logos_embed_limit = 4096

html_theme = "furo"
html_title = "Bytecode Alliance"
html_static_path = ["_static"]
templates_path = ["_templates"]
html_css_files = ["site.css"]
html_favicon = "_static/favicon.svg"
# Browsers ask for /favicon.ico on their own.
html_extra_path = ["_extra"]
html_theme_options = {
    "light_css_variables": {
        "color-brand-primary": "#4a2fbd",
        "color-brand-content": "#4a2fbd",
        "color-brand-visited": "#6a3fa0",
    },
    "dark_css_variables": {
        "color-brand-primary": "#b3a6ff",
        "color-brand-content": "#b3a6ff",
        "color-brand-visited": "#d0a6ff",
    },
}

ogp_site_url = html_baseurl
# The wordmark on the hero's gradient, 1200x630, rendered with headless Chromium.
ogp_image = "_static/og-image.png"
ogp_image_alt = "The Bytecode Alliance wordmark"
# Every page shares that image, so no generated social cards (they would need matplotlib).
ogp_social_cards = {"enable": False}
# Without matplotlib, sphinxext-opengraph 0.13 prints a notice when imported, whatever the
# configuration: import it here, before Sphinx does, with that print swallowed.
with contextlib.redirect_stdout(io.StringIO()):
    importlib.import_module("sphinxext.opengraph")
