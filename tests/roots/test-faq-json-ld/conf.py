# Answers holding what the doctree has and a reader never sees (tests/test_faq_json_ld.py).
extensions = ["myst_parser", "sphinx.ext.todo", "sphinx_alliance"]
myst_enable_extensions = ["colon_fence"]
version = "1"
copyright = "2026"
