# The theme is set by the tests that try each one, through confoverrides.
extensions = ["sphinx_design", "sphinx_copybutton", "sphinx_alliance"]
project = "Page assets"
exclude_patterns = ["_build"]
html_static_path = ["_static"]
html_css_files = ["widget.css"]
alliance_page_assets = {"widget.css": {"when": [".widget"]}}
