"""Add an extension's CSS and JS only to the HTML pages that need them.

At ``html-page-context`` (500), before page assets (900) decides what each page keeps.
"""

from collections.abc import Sequence
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx


def add_assets_where_used(
    app: Sphinx, node_class: type[nodes.Element], css: Sequence[str] = (), js: Sequence[str] = ()
) -> None:
    """Link *css* and *js* (deferred) from every page whose doctree holds a *node_class*.

    Like ``sphinx.ext.mathjax``, files added during ``html-page-context`` go to that
    page only; ``app.set_html_assets_policy("always")`` adds them everywhere.
    """

    def add(
        app: Sphinx,
        pagename: str,
        templatename: str,
        context: dict[str, Any],
        doctree: nodes.document | None,
    ) -> None:
        used = doctree is not None and next(doctree.findall(node_class), None) is not None
        if used or app.registry.html_assets_policy == "always":
            for filename in css:
                app.add_css_file(filename)
            for filename in js:
                app.add_js_file(filename, loading_method="defer")

    app.connect("html-page-context", add)
