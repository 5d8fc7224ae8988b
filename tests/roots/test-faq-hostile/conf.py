# Questions whose unsafe parts arrive after the directive has run: through roles,
# substitutions, hyperlink targets and translations (tests/test_faq_hostile.py).
extensions = ["myst_parser", "sphinx_alliance"]
myst_enable_extensions = ["colon_fence", "attrs_inline", "substitution"]
myst_substitutions = {"bold": '<b onmouseover="alert(1)">bold</b>'}
locale_dirs = ["locale"]
version = "1"
copyright = "2026"
