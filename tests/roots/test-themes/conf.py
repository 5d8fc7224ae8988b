# The theme is set by each test through confoverrides.
extensions = ["sphinx_alliance"]
project = "Themes"
exclude_patterns = ["_build"]
# pydata-sphinx-theme and sphinx-book-theme append to templates_path: without a list of
# this project's own, they would append to Sphinx's default, shared by every later build.
templates_path: list[str] = []
