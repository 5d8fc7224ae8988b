extensions = ["myst_parser", "sphinx_alliance"]
myst_enable_extensions = ["colon_fence"]
project = "Hostile member data"
version = "1"
copyright = "2026, Tests"
