"""The ``faq`` directive: one question and its answer, deep-linkable."""

from sphinx.application import Sphinx


def setup_faq(app: Sphinx) -> None:
    """Register the ``faq`` directive and its nodes."""
