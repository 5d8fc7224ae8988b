"""Sphinx directives for deep-linkable FAQ entries and member logo grids, and page assets.

One module per feature (``faq``, ``member_logos``, ``page_assets``), each saying where it
runs in a build; ``assets`` and ``options`` serve the directives, ``_shared`` all three.
"""

from importlib.metadata import version
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util.typing import ExtensionMetadata

from .faq import setup_faq
from .member_logos import setup_member_logos

__version__ = version("sphinx-alliance")

STATIC_DIR = Path(__file__).parent / "static"


def _add_static_path(app: Sphinx, config: Config) -> None:
    # At config-inited, so the stored configuration of an incremental build matches.
    config.html_static_path.append(str(STATIC_DIR))


def setup(app: Sphinx) -> ExtensionMetadata:
    """Register the three features: the ``faq`` directive, the ``member-logos`` directive,
    and page assets (``alliance_page_assets``, also loadable alone as
    ``sphinx_alliance.page_assets``)."""
    app.connect("config-inited", _add_static_path)
    setup_faq(app)
    setup_member_logos(app)
    app.setup_extension("sphinx_alliance.page_assets")
    return {
        "version": __version__,
        "env_version": 2,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
