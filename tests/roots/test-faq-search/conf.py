extensions = ["myst_parser", "sphinx_alliance"]
myst_enable_extensions = ["colon_fence"]
