# The theme is set by each test through confoverrides.
extensions = ["sphinx_alliance"]
project = "Themes"
exclude_patterns = ["_build"]
