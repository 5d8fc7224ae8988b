"""``python -m build`` makes a complete sdist and wheel, and the wheel works on its own.

The wheel is installed into a fresh virtual environment (no system site-packages,
nothing from this checkout on the path) from a wheelhouse of its pinned dependencies,
then builds a small reStructuredText project with ``extensions = ["sphinx_alliance"]``.
"""

import json
import os
import subprocess
import sys
import tarfile
import tomllib
import zipfile
from pathlib import Path

import pytest
from conftest import REPO, parse_html

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


def test_wheel_contains_the_package_and_its_static_files(dist):
    names = set(zipfile.ZipFile(dist["wheel"]).namelist())
    for name in static_files():
        assert f"sphinx_alliance/static/{name}" in names
    assert {"sphinx_alliance/__init__.py", "sphinx_alliance/faq.py"} <= names
    assert "sphinx_alliance/member_logos.py" in names
    assert not [n for n in names if "__pycache__" in n or n.startswith(("tests/", "docs/"))]


def test_sdist_contains_sources_tests_and_docs_but_no_build_output(dist):
    with tarfile.open(dist["sdist"]) as sdist:
        names = {name.split("/", 1)[1] for name in sdist.getnames() if "/" in name}
    for name in static_files():
        assert f"sphinx_alliance/static/{name}" in names
    assert {"pyproject.toml", "tests/conftest.py", "docs/conf.py", "constraints.txt"} <= names
    assert not [n for n in names if "_build/" in n or "__pycache__" in n]


@pytest.fixture(scope="module")
def fresh_venv(dist, tmp_path_factory: pytest.TempPathFactory, request) -> Path:
    """A new venv holding only the wheel and the dependency versions this suite runs on."""
    # The wheelhouse persists in pytest's cache: later runs download nothing new.
    wheelhouse = request.config.cache.mkdir("wheelhouse")
    pip = (sys.executable, "-m", "pip", "--disable-pip-version-check", "-q")
    constraints = tmp_path_factory.mktemp("pins") / "constraints.txt"
    constraints.write_text(run(*pip, "freeze", "--exclude-editable"))
    run(
        *pip, "download", "--only-binary=:all:", "-c", constraints, "-d", wheelhouse, dist["wheel"]
    )
    venv = tmp_path_factory.mktemp("fresh") / "venv"
    run(sys.executable, "-m", "venv", "--without-pip", venv)
    python = venv / "bin" / "python"
    run(*pip, "--python", python, "install", "--no-index", "--find-links", wheelhouse,
        "-c", constraints, dist["wheel"])  # fmt: skip
    return python


def test_wheel_installs_without_anything_from_the_checkout(fresh_venv):
    where = json.loads(run(fresh_venv, "-I", "-c", WHERE))
    site_packages = fresh_venv.parent.parent / "lib"
    assert Path(where["file"]).is_relative_to(site_packages)
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    assert where["version"] == project["version"]
    assert not [p for p in where["path"] if p and Path(p).resolve().is_relative_to(REPO)]


def test_project_built_with_the_wheel_serves_the_css_and_js(fresh_venv, tmp_path):
    source = tmp_path / "source"
    source.mkdir()
    (source / "conf.py").write_text(CONF)
    (source / "index.rst").write_text(INDEX)
    (source / "example.svg").write_text(LOGO)
    html = tmp_path / "html"
    run(fresh_venv, "-I", "-m", "sphinx", "-W", "--keep-going", "-n", "-q", "-b", "html",
        source, html, cwd=tmp_path)  # fmt: skip

    page = parse_html(html / "index.html")
    assert page.select("div.sa-faq#installed-from-the-wheel > details > summary")
    assert page.select("ul.sa-member-logos > li.sa-member img[alt='Example Corp']")
    stylesheets = {link["href"] for link in page.find_all("link", rel="stylesheet")}
    scripts = {script["src"]: script for script in page.find_all("script", src=True)}
    installed = next((fresh_venv.parent.parent / "lib").glob("python*/site-packages"))
    for name in static_files():
        served = html / "_static" / name
        assert (
            served.read_bytes() == (installed / "sphinx_alliance" / "static" / name).read_bytes()
        )
        if name.endswith(".css"):
            assert f"_static/{name}" in {href.split("?")[0] for href in stylesheets}
        else:
            (src,) = [s for s in scripts if s.split("?")[0] == f"_static/{name}"]
            assert scripts[src].has_attr("defer")
