"""Fixtures, and the Hypothesis profiles; the helpers the tests share are in ``support.py``."""

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, settings
from support import ROOTS, build_site

pytest_plugins = ("sphinx.testing.fixtures",)

# Generated-input tests build Sphinx projects: each example is a batch of many
# instances, so few examples go a long way. `make fuzz` runs the long profile.
# No shrinking in the suite: each try rebuilds a project (minutes in all), and the
# failing example, printed whole, reproduces from its seed.
settings.register_profile(
    "suite",
    max_examples=8,
    deadline=None,
    derandomize=True,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "fuzz", settings.get_profile("suite"), max_examples=24, derandomize=False
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "suite"))


@pytest.fixture(scope="session")
def rootdir() -> Path:
    """Where ``@pytest.mark.sphinx(testroot=...)`` finds ``roots/test-*``."""
    return ROOTS


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site, built once per test session with warnings as errors."""
    return build_site(tmp_path_factory.mktemp("site"))
