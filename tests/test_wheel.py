"""``python -m build`` makes a complete sdist and wheel, and the wheel works on its own.

The wheel is installed into a fresh virtual environment (no system site-packages,
nothing from this checkout on the path) from a wheelhouse of its dependencies, pinned to
the versions this suite runs on (so each cell of ``make test-matrix`` checks the wheel on
its Sphinx), then builds a small reStructuredText project with
``extensions = ["sphinx_alliance"]``.
"""

import json
import os
import shutil
import subprocess
import sys
import tarfile
import tomllib
import zipfile
from pathlib import Path

import pytest
from support import REPO, attr, hrefs, parse_html

STATIC = REPO / "sphinx_alliance" / "static"

CONF = 'extensions = ["sphinx_alliance"]\n'

INDEX = """\
Wheel check
===========

.. faq:: Is this installed from the wheel?
   :name: installed-from-the-wheel

   Yes.

.. member-logos::

   - name: Example Corp
     logo: example.svg
     homepage: https://example.com
"""

LOGO = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 40">'
    '<rect width="120" height="40"/></svg>'
)

# Printed by the fresh interpreter: where it finds the package, and its whole path.
WHERE = (
    "import json, sys, sphinx_alliance;"
    "print(json.dumps({'file': sphinx_alliance.__file__, 'version': sphinx_alliance.__version__,"
    " 'path': sys.path}))"
)


def run(*args: str | Path, cwd: Path | None = None) -> str:
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "PYTHONHOME"}}
    result = subprocess.run(
        [str(a) for a in args], capture_output=True, text=True, cwd=cwd, env=env, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The sdist, and the wheel that ``build`` makes from that sdist."""
    out = tmp_path_factory.mktemp("dist")
    run(sys.executable, "-m", "build", "--outdir", out, REPO)
    (sdist,) = out.glob("sphinx_alliance-*.tar.gz")
    (wheel,) = out.glob("sphinx_alliance-*-py3-none-any.whl")
    return {"sdist": sdist, "wheel": wheel}


def static_files() -> list[str]:
    names = sorted(p.name for p in STATIC.iterdir() if p.is_file())
    assert {"sphinx-alliance-faq.css", "sphinx-alliance-faq.js"} <= set(names)
    return names


def test_sdist_and_wheel_contain_the_package_and_its_static_files(dist):
    wheel = set(zipfile.ZipFile(dist["wheel"]).namelist())
    with tarfile.open(dist["sdist"]) as archive:
        sdist = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    for name in static_files():
        assert f"sphinx_alliance/static/{name}" in wheel
        assert f"sphinx_alliance/static/{name}" in sdist
    modules = {"sphinx_alliance/__init__.py", "sphinx_alliance/faq.py"}
    modules.add("sphinx_alliance/member_logos.py")
    modules.add("sphinx_alliance/schemas/members.schema.json")  # documented in the reference
    assert modules <= wheel
    assert modules <= sdist
    assert not [n for n in wheel if "__pycache__" in n or n.startswith(("tests/", "docs/"))]
    assert {"pyproject.toml", "tests/conftest.py", "docs/conf.py", "uv.lock"} <= sdist
    assert {"tools/check_data.py", "docs/_data/projects.schema.json"} <= sdist  # make check
    assert not [n for n in sdist if "_build/" in n or "__pycache__" in n]


def install_in_fresh_venv(wheel: Path, tmp_path: Path, cache: pytest.Cache) -> Path:
    """A new venv holding only *wheel* and the dependency versions this suite runs on."""
    # The wheelhouse persists in pytest's cache: later runs download nothing new.
    wheelhouse = cache.mkdir("wheelhouse")
    # pip would take an earlier build of ours from there, with its old dependencies.
    for earlier in wheelhouse.glob("sphinx_alliance-*"):
        earlier.unlink()
    pip = (sys.executable, "-m", "pip", "--disable-pip-version-check", "-q")
    constraints = tmp_path / "constraints.txt"
    constraints.write_text(run(*pip, "freeze", "--exclude-editable"))
    run(*pip, "download", "--only-binary=:all:", "-c", constraints, "-d", wheelhouse, wheel)
    venv = tmp_path / "venv"
    run(sys.executable, "-m", "venv", "--without-pip", venv)
    python = venv / "bin" / "python"
    run(*pip, "--python", python, "install", "--no-index", "--find-links", wheelhouse,
        "-c", constraints, wheel)  # fmt: skip
    return python


def test_wheel_alone_builds_a_project_that_serves_the_css_and_js(dist, tmp_path, request):
    python = install_in_fresh_venv(dist["wheel"], tmp_path, request.config.cache)
    installed = next((tmp_path / "venv" / "lib").glob("python*/site-packages"))

    where = json.loads(run(python, "-I", "-c", WHERE))
    assert Path(where["file"]).is_relative_to(installed)
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    assert where["version"] == project["version"]
    assert not [p for p in where["path"] if p and Path(p).resolve().is_relative_to(REPO)]

    source = tmp_path / "source"
    source.mkdir()
    (source / "conf.py").write_text(CONF)
    (source / "index.rst").write_text(INDEX)
    (source / "example.svg").write_text(LOGO)
    html = tmp_path / "html"
    run(python, "-I", "-m", "sphinx", "-W", "--keep-going", "-n", "-q", "-b", "html",
        source, html, cwd=tmp_path)  # fmt: skip

    page = parse_html(html / "index.html")
    assert page.select("div.sa-faq > details > summary#installed-from-the-wheel")
    assert page.select("ul.sa-member-logos > li.sa-member img[alt='Example Corp']")
    stylesheets = {name.split("?")[0] for name in hrefs(page, "link[rel~=stylesheet]")}
    scripts = {attr(s, "src").split("?")[0]: s for s in page.select("script[src]")}
    for name in static_files():
        shipped = installed / "sphinx_alliance" / "static" / name
        assert (html / "_static" / name).read_bytes() == shipped.read_bytes()
        if name.endswith(".css"):
            assert f"_static/{name}" in stylesheets
        else:
            assert scripts[f"_static/{name}"].has_attr("defer")


RELEASE = REPO / "tools" / "release.py"


def release_check(dist: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, RELEASE, "check", dist, *args],
        capture_output=True,
        text=True,
        check=False,
    )


def test_release_check_passes_the_built_artefacts(dist):
    result = release_check(dist["wheel"].parent)
    assert result.returncode == 0, result.stderr
    version = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["version"]
    assert f"version {version}" in result.stdout


def test_release_check_names_what_is_wrong(dist, tmp_path):
    """A wheel with a stray file or without py.typed, and a tag of another version, fail."""
    shutil.copy(dist["sdist"], tmp_path)
    with (
        zipfile.ZipFile(dist["wheel"]) as good,
        zipfile.ZipFile(tmp_path / dist["wheel"].name, "w") as bad,
    ):
        for item in good.infolist():
            if item.filename != "sphinx_alliance/py.typed":
                bad.writestr(item, good.read(item))
        bad.writestr("sphinx_alliance/notes.txt", "stray")
    result = release_check(tmp_path, "--tag", "v999.0.0")
    assert result.returncode == 1
    problems = set(result.stderr.splitlines())
    assert "release: wheel lacks sphinx_alliance/py.typed" in problems
    assert "release: wheel holds sphinx_alliance/notes.txt, which is not the package's" in problems
    assert any(p.startswith("release: tag v999.0.0 does not name") for p in problems)


def test_release_notes_are_the_changelog_entry_of_the_version():
    version = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["version"]
    result = subprocess.run(
        [sys.executable, RELEASE, "notes", version], capture_output=True, text=True, check=True
    )
    changelog = (REPO / "CHANGELOG.md").read_text()
    entry = changelog.split(f"## [{version}]", 1)[1].split("\n", 1)[1].split("\n## ", 1)[0]
    assert result.stdout.strip() == entry.strip()
    assert result.stdout.startswith("### ")
    missing = subprocess.run(
        [sys.executable, RELEASE, "notes", "0.0.0-never"], capture_output=True, text=True
    )
    assert missing.returncode == 1
