# The theme is set by the tests that try each one, through confoverrides.
extensions = ["sphinx_design", "sphinx_copybutton", "sphinx_alliance"]
project = "Page assets"
exclude_patterns = ["_build"]
html_static_path = ["_static"]
html_css_files = ["widget.css"]
alliance_page_assets = {"widget.css": {"when": [".widget"]}}
# pydata-sphinx-theme and sphinx-book-theme append to templates_path: without a list of
# this project's own, they would append to Sphinx's default, shared by every later build.
templates_path: list[str] = []
# Chromium asks for /favicon.ico when a page names no icon; the browser tests count a 404.
html_favicon = "favicon.svg"
