# Pages that hold more than their own document: viewcode's source pages (no document at
# all), and a title with an icon that the theme shows in every page's navigation. The theme
# is set by the tests through confoverrides.
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.viewcode",
    "sphinx_design",
    "sphinx_copybutton",
    "sphinx_alliance",
]
project = "Navigation"
exclude_patterns = ["_build"]
alliance_page_assets = True
# See test-page-assets/conf.py.
templates_path: list[str] = []
# Chromium asks for /favicon.ico when a page names no icon; the browser tests count a 404.
html_favicon = "favicon.svg"
