"""Generate the Sphinx projects that the benchmarks build.

Every FAQ project has the same three pages whatever the variant: ``index`` (a toctree),
``entries`` (N questions and answers) and ``refs`` (a ``{ref}`` to every tenth entry), and
loads the same extensions, so the variants differ only in how an entry is written.
"""

from pathlib import Path

FAQ_VARIANTS = ("faq", "dropdown", "note")

CONF = """\
extensions = ["myst_parser", "sphinx_design", "sphinx_alliance"]
myst_enable_extensions = ["colon_fence"]
project = "Benchmark"
nitpicky = True
"""

INDEX = """\
# Benchmark

```{toctree}
entries
refs
```
"""


def _question(i: int) -> str:
    return f"What does component {i} do with `wasm` modules?"


def _answer(i: int) -> str:
    return (
        f"Component {i} compiles *WebAssembly* modules ahead of time and runs them in a "
        f"sandbox; see [the guide](https://example.org/guide/{i}) for the details.\n\n"
        "It implements `wasi:cli/run` and keeps each instance's memory separate.\n"
    )


def _entry(variant: str, i: int) -> str:
    if variant == "note":
        body = f"**{_question(i)}**\n\n{_answer(i)}"
        return f":::{{note}}\n:name: q-{i}\n\n{body}:::\n"
    return f":::{{{variant}}} {_question(i)}\n:name: q-{i}\n\n{_answer(i)}:::\n"


def _reference(variant: str, i: int) -> str:
    # A note has no title for {ref} to show: give the link text, as an author would.
    if variant == "note":
        return f"- {{ref}}`Question {i} <q-{i}>`\n"
    return f"- {{ref}}`q-{i}`\n"


def write_faq_project(srcdir: Path, variant: str, count: int) -> Path:
    """Write a project whose ``entries`` page holds *count* entries written as *variant*."""
    if variant not in FAQ_VARIANTS:
        raise ValueError(f"unknown variant {variant!r}; expected one of {FAQ_VARIANTS}")
    srcdir.mkdir(parents=True, exist_ok=True)
    (srcdir / "conf.py").write_text(CONF, encoding="utf-8")
    (srcdir / "index.md").write_text(INDEX, encoding="utf-8")
    entries = "".join(f"{_entry(variant, i)}\n" for i in range(count))
    (srcdir / "entries.md").write_text(f"# Entries\n\n{entries}", encoding="utf-8")
    refs = "".join(_reference(variant, i) for i in range(0, count, 10))
    (srcdir / "refs.md").write_text(f"# References\n\n{refs}", encoding="utf-8")
    return srcdir


LOGO = """\
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} 40" width="{width}" height="40">
  <rect width="{width}" height="40" rx="6" fill="#2b6cb0"/>
  <text x="10" y="27" font-family="sans-serif" font-size="18" fill="#fff">Member {i}</text>
</svg>
"""


def write_logos_project(srcdir: Path, count: int) -> Path:
    """Write a project whose ``index`` page shows a grid of *count* distinct logo files."""
    data = srcdir / "_data"
    logos = data / "logos"
    logos.mkdir(parents=True, exist_ok=True)
    (srcdir / "conf.py").write_text(CONF, encoding="utf-8")
    members = []
    for i in range(count):
        (logos / f"member-{i}.svg").write_text(
            LOGO.format(width=120 + i % 5 * 20, i=i), encoding="utf-8"
        )
        members.append(
            f"- name: Member {i}\n"
            f"  logo: logos/member-{i}.svg\n"
            f"  homepage: https://member{i}.example.org/\n"
        )
    (data / "members.yml").write_text("".join(members), encoding="utf-8")
    # With no members the page has no grid: an empty data file is an error.
    grid = ":::{member-logos} /_data/members.yml\n:::\n" if count else ""
    (srcdir / "index.md").write_text(f"# Members\n\n{grid}", encoding="utf-8")
    return srcdir
