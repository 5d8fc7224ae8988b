"""The ``member-logos`` directive: a grid of linked logos from YAML data."""

from sphinx.application import Sphinx


def setup_member_logos(app: Sphinx) -> None:
    """Register the ``member-logos`` directive and its nodes."""
