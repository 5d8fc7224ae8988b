extensions = ["sphinx_alliance"]
