# Strangers' content: every question, answer and member name below tries to run script.
# A visitor's browser must run none of it (tests/browser/test_hostile.py).
extensions = ["myst_parser", "sphinx_alliance"]
myst_enable_extensions = ["colon_fence"]
html_theme = "furo"
# Chromium asks for /favicon.ico when a page names no icon; the browser tests count a 404.
html_favicon = "favicon.svg"
