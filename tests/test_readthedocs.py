"""The Read the Docs configuration is valid, and a build run its way works."""

import json
import re

import pytest
import yaml
from jsonschema import Draft7Validator
from support import REPO, build_site, parse_html

# Read the Docs' public JSON schema of the v2 configuration file.
SCHEMA = REPO / "tests" / "data" / "readthedocs-v2.schema.json"


@pytest.fixture
def config() -> dict:
    return yaml.safe_load((REPO / ".readthedocs.yaml").read_text())


def test_config_validates_against_read_the_docs_schema(config):
    schema = json.loads(SCHEMA.read_text())
    errors = [e.message for e in Draft7Validator(schema).iter_errors(config)]
    assert errors == []


def test_config_builds_the_docs_from_the_lock_file_with_the_makefiles_uv(config):
    assert config["sphinx"] == {"configuration": "docs/conf.py", "fail_on_warning": True}
    assert config["build"]["tools"]["python"] == "3.13"
    (install_uv,) = config["build"]["jobs"]["post_create_environment"]
    makefile_uv = re.search(r"^UV_VERSION := (\S+)$", (REPO / "Makefile").read_text(), re.M)
    assert makefile_uv is not None
    assert install_uv == f"python -m pip install uv=={makefile_uv[1]}"
    (install,) = config["build"]["jobs"]["install"]
    assert install.startswith("UV_PROJECT_ENVIRONMENT=$READTHEDOCS_VIRTUALENV_PATH ")
    assert install.endswith(" uv sync --locked --extra docs --no-dev")


def test_build_as_read_the_docs_runs_it_sets_the_canonical_url(tmp_path):
    canonical = "https://bytecodealliance.readthedocs.io/en/latest/"
    html = build_site(
        tmp_path,
        "-T",
        "-D",
        "language=en",
        env={"READTHEDOCS": "True", "READTHEDOCS_CANONICAL_URL": canonical},
    )
    link = parse_html(html / "index.html").find("link", rel="canonical")
    assert link is not None
    assert link["href"] == canonical + "index.html"
