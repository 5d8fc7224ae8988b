"""The Read the Docs configuration is valid, and a build run its way works."""

import json

import pytest
import yaml
from conftest import REPO, build_site, parse_html
from jsonschema import Draft7Validator

SCHEMA = REPO.parent / "shared" / "reference" / "readthedocs-v2.schema.json"


@pytest.fixture
def config() -> dict:
    return yaml.safe_load((REPO / ".readthedocs.yaml").read_text())


@pytest.mark.skipif(
    not SCHEMA.exists(), reason="the shared reference folder is not beside the repo"
)
def test_config_validates_against_read_the_docs_schema(config):
    schema = json.loads(SCHEMA.read_text())
    errors = [e.message for e in Draft7Validator(schema).iter_errors(config)]
    assert errors == []


def test_config_builds_the_docs_from_the_lock_file(config):
    assert config["sphinx"] == {"configuration": "docs/conf.py", "fail_on_warning": True}
    assert config["build"]["tools"]["python"] == "3.11"
    (install,) = config["build"]["jobs"]["install"]
    assert "-c constraints.txt" in install
    assert (REPO / "constraints.txt").exists()


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
