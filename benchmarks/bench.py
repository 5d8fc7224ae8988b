"""Benchmark sphinx-alliance: FAQ and logo grids at scale, and the site's rebuilds.

Usage (from the repository root; ``make bench`` runs the first line)::

    python benchmarks/bench.py                 # everything, printed as Markdown
    python benchmarks/bench.py --only faq --sizes 100 1000 --reps 1
    python benchmarks/bench.py --profile faq 5000  # cProfile of one build

Every build is a fresh ``python -m sphinx`` process (``-b html -W --keep-going -n``, serial).
Runs of different variants and sizes are interleaved within each repetition, so that drift
in a shared machine's load spreads over all of them, and the tables show medians. Time is
wall-clock; peak memory is the child's maximum resident set size from ``os.wait4``. The
documents read and written are counted from Sphinx's own progress lines.
"""

import argparse
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path

from projects import FAQ_VARIANTS, write_faq_project, write_logos_project

REPO = Path(__file__).resolve().parent.parent
DOCS = REPO / "docs"

READ_LINE = re.compile(r"^reading sources\.\.\. \[\s*\d+%\] (.+)$", re.MULTILINE)
WRITE_LINE = re.compile(r"^writing output\.\.\. \[\s*\d+%\] (.+)$", re.MULTILINE)


@dataclass
class Build:
    """One ``sphinx-build`` run."""

    seconds: float
    cpu_seconds: float
    peak_mib: float
    read: list[str]
    written: list[str]
    returncode: int
    stderr: str

    @property
    def ok(self) -> bool:
        return self.returncode == 0 and not self.stderr


def sphinx_build(srcdir: Path, outdir: Path, *args: str) -> Build:
    """Build *srcdir* into ``outdir/html`` (doctrees in ``outdir/doctrees``) and measure it."""
    command = [
        sys.executable,
        "-m",
        "sphinx",
        "-b",
        "html",
        "-W",
        "--keep-going",
        "-n",
        "-d",
        str(outdir / "doctrees"),
        *args,
        str(srcdir),
        str(outdir / "html"),
    ]
    with tempfile.TemporaryFile("w+") as stdout, tempfile.TemporaryFile("w+") as stderr:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=stdout, stderr=stderr)
        # wait4 gives this child's own resource usage (RUSAGE_CHILDREN would be cumulative).
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        stdout.seek(0)
        stderr.seek(0)
        output, errors = stdout.read(), stderr.read()
    return Build(
        seconds=seconds,
        cpu_seconds=usage.ru_utime + usage.ru_stime,
        peak_mib=usage.ru_maxrss / 1024,
        read=READ_LINE.findall(output),
        written=WRITE_LINE.findall(output),
        returncode=process.returncode,
        stderr=errors,
    )


def clean_build(srcdir: Path, outdir: Path) -> Build:
    shutil.rmtree(outdir, ignore_errors=True)
    build = sphinx_build(srcdir, outdir)
    if not build.ok:
        tail = "\n".join(build.stderr.splitlines()[-5:])
        print(f"  ! {srcdir.name}: exit {build.returncode}\n{tail}", file=sys.stderr)
    return build


@dataclass
class Series:
    """Repeated measurements of one configuration."""

    builds: list[Build] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return bool(self.builds) and all(build.ok for build in self.builds)

    @property
    def seconds(self) -> float:
        return statistics.median(build.seconds for build in self.builds)

    @property
    def cpu_seconds(self) -> float:
        return statistics.median(build.cpu_seconds for build in self.builds)

    @property
    def peak_mib(self) -> float:
        return statistics.median(build.peak_mib for build in self.builds)


def bench_faq(
    work: Path, variants: list[str], sizes: list[int], reps: int
) -> dict[tuple[str, int], Series]:
    """Build every variant at every size *reps* times, interleaved; a 0-entry baseline too."""
    projects = {("empty", 0): write_faq_project(work / "empty", "note", 0)}
    for size in sizes:
        for variant in variants:
            srcdir = work / f"{variant}-{size}"
            projects[variant, size] = write_faq_project(srcdir, variant, size)
    results = {key: Series() for key in projects}
    for rep in range(reps):
        # Rotate the variants' order each repetition so none always runs first.
        shift = rep % len(variants)
        order = [*variants[shift:], *variants[:shift]]
        jobs = [("empty", 0)] + [(v, size) for size in sizes for v in order]
        for key in jobs:
            build = clean_build(projects[key], work / "out" / f"{key[0]}-{key[1]}")
            results[key].builds.append(build)
            print(
                f"  rep {rep + 1}/{reps} {key[0]:>8} N={key[1]:<5} "
                f"{build.seconds:6.2f} s wall {build.cpu_seconds:6.2f} s CPU"
            )
    return results


def bench_logos(work: Path, sizes: list[int], reps: int) -> dict[int, Series]:
    """Build the logo grid at every size *reps* times, interleaved; a 0-logo baseline too."""
    projects = {size: write_logos_project(work / f"logos-{size}", size) for size in [0, *sizes]}
    results = {size: Series() for size in projects}
    for rep in range(reps):
        for size, srcdir in projects.items():
            build = clean_build(srcdir, work / "out" / f"logos-{size}")
            results[size].builds.append(build)
            print(f"  rep {rep + 1}/{reps} logos M={size:<5} {build.cpu_seconds:6.2f} s CPU")
    return results


def _edit_project_page(srcdir: Path) -> str:
    """Append a paragraph to one project page; return its docname."""
    pages = sorted(srcdir.glob("projects/*.md")) or sorted(
        set(srcdir.rglob("*.md")) - {srcdir / "index.md"}
    )
    page = pages[0]
    with page.open("a", encoding="utf-8") as file:
        file.write("\nA paragraph added by the benchmark.\n")
    return page.relative_to(srcdir).with_suffix("").as_posix()


def _edit_faq_answer(srcdir: Path) -> None:
    """Add a sentence to the answer of the first FAQ entry on the landing page."""
    page = srcdir / "index.md"
    text = page.read_text(encoding="utf-8")
    entry = re.search(r"^:{3,}\{faq\}.*\n(?::.*\n)*\n", text, re.MULTILINE)
    if entry is None:
        raise SystemExit(f"{page}: no faq entry to edit")
    added = "A sentence added by the benchmark.\n\n"
    page.write_text(text[: entry.end()] + added + text[entry.end() :], encoding="utf-8")


def _edit_faq_question(srcdir: Path) -> str:
    """Reword the landing page's FAQ question that most other pages refer to; return its name."""
    page = srcdir / "index.md"
    text = page.read_text(encoding="utf-8")
    others = [path.read_text("utf-8") for path in srcdir.rglob("*.md") if path != page]
    entries = re.finditer(r"^:{3,}\{faq\} (.*)\n:name: (\S+)$", text, re.MULTILINE)
    entry = max(entries, key=lambda entry: sum(entry[2] in other for other in others))
    page.write_text(f"{text[: entry.end(1)]} (edited){text[entry.end(1) :]}", encoding="utf-8")
    return entry[2]


def _edit_members(srcdir: Path) -> None:
    """Rename the first member in ``_data/members.yml``."""
    members = srcdir / "_data" / "members.yml"
    text = members.read_text(encoding="utf-8")
    members.write_text(re.sub(r"name: (.+)", r"name: \1 (edited)", text, count=1), "utf-8")


def pages_showing_members(html: Path) -> list[str]:
    """The built pages that hold a member grid."""
    return sorted(
        page.relative_to(html).with_suffix("").as_posix()
        for page in html.rglob("*.html")
        if 'class="sa-member-logos' in page.read_text("utf-8")
    )


SITE_STEPS = (
    "clean build",
    "no-op rebuild",
    "one project page edited",
    "one FAQ answer edited",
    "one FAQ question edited",
    "members.yml edited",
)


def bench_site(work: Path, reps: int) -> tuple[dict[str, Series], list[str], list[str]]:
    """Build a copy of ``docs/`` clean, then rebuild it unchanged and after four edits."""
    results = {step: Series() for step in SITE_STEPS}
    edited, showing = [], []
    for rep in range(reps):
        srcdir = work / f"site-{rep}"
        outdir = work / "out" / f"site-{rep}"
        shutil.copytree(DOCS, srcdir, ignore=shutil.ignore_patterns("_build"))
        builds = [clean_build(srcdir, outdir)]
        showing = pages_showing_members(outdir / "html")
        builds.append(sphinx_build(srcdir, outdir))
        page = _edit_project_page(srcdir)
        builds.append(sphinx_build(srcdir, outdir))
        _edit_faq_answer(srcdir)
        builds.append(sphinx_build(srcdir, outdir))
        question = _edit_faq_question(srcdir)
        builds.append(sphinx_build(srcdir, outdir))
        edited = [page, question]
        _edit_members(srcdir)
        builds.append(sphinx_build(srcdir, outdir))
        for step, build in zip(SITE_STEPS, builds, strict=True):
            results[step].builds.append(build)
            print(f"  rep {rep + 1}/{reps} site: {step:<24} {build.cpu_seconds:6.2f} s CPU")
    return results, edited, showing


def _status(series: Series) -> str:
    return "" if series.ok else " (FAILED)"


def report_faq(
    results: dict[tuple[str, int], Series], variants: list[str], sizes: list[int]
) -> list[str]:
    lines = []
    for metric, label in (("cpu_seconds", "CPU time"), ("seconds", "Wall-clock time")):
        base = getattr(results["empty", 0], metric)
        others = [v for v in variants if v != "faq"] if "faq" in variants else []
        header = [f"{v} (s)" for v in variants] + [f"faq/{v}" for v in others]
        header += [f"{v} ms/entry" for v in variants]
        lines += [
            f"{label}; the empty project (same pages and extensions, no entries) takes "
            f"{base:.2f} s, and ms/entry is the time above it divided by N.",
            "",
            f"| N | {' | '.join(header)} |",
            f"|---:|{'---:|' * len(header)}",
        ]
        for size in sizes:
            times = {v: getattr(results[v, size], metric) for v in variants}
            cells = [f"{t:.2f}{_status(results[v, size])}" for v, t in times.items()]
            cells += [f"{times['faq'] / times[v]:.2f}" for v in others]
            cells += [f"{(t - base) / size * 1000:.2f}" for t in times.values()]
            lines.append(f"| {size} | {' | '.join(cells)} |")
        lines.append("")
    largest = max(sizes)
    if len(sizes) > 1:
        smaller = sorted(sizes)[-2]
        base = results["empty", 0].cpu_seconds

        def per_entry(variant: str, size: int) -> float:
            return (results[variant, size].cpu_seconds - base) / size

        growth = ", ".join(
            f"{v} {per_entry(v, largest) / per_entry(v, smaller):.2f}" for v in variants
        )
        lines += [
            f"Linear growth: CPU per entry at N={largest} over N={smaller} (1.00 = linear): "
            f"{growth}.",
            "",
        ]
    peaks = ", ".join(f"{v} {results[v, largest].peak_mib:.0f} MiB" for v in variants)
    return [*lines, f"Peak memory at N={largest} (max RSS, median): {peaks}."]


def report_logos(results: dict[int, Series]) -> list[str]:
    base = results[0].cpu_seconds
    lines = [
        f"Empty grid (0 logos): {base:.2f} s CPU.",
        "",
        "| M | CPU (s) | wall (s) | CPU ms/logo above empty | peak MiB |",
        "|---:|---:|---:|---:|---:|",
    ]
    for size, series in results.items():
        if size:
            per_logo = (series.cpu_seconds - base) / size * 1000
            lines.append(
                f"| {size} | {series.cpu_seconds:.2f}{_status(series)} | {series.seconds:.2f} "
                f"| {per_logo:.2f} | {series.peak_mib:.0f} |"
            )
    sizes = sorted(size for size in results if size)
    if len(sizes) > 1:
        smaller, largest = sizes[-2:]
        per_logo = [(results[size].cpu_seconds - base) / size for size in (smaller, largest)]
        lines += [
            "",
            f"Linear growth: CPU per logo at M={largest} over M={smaller} (1.00 = linear): "
            f"{per_logo[1] / per_logo[0]:.2f}.",
        ]
    return lines


def report_site(results: dict[str, Series], edited: list[str], showing: list[str]) -> list[str]:
    lines = [
        f"Edited: the page `{edited[0]}`, the first FAQ answer and the question `{edited[1]}` "
        f"on `index`, a member's name. Pages with a member grid: {', '.join(showing)}.",
        "",
        "| step | CPU (s) | wall (s) | docs read | docs written | read | written |",
        "|---|---:|---:|---:|---:|---|---|",
    ]
    for step, series in results.items():
        last = series.builds[-1]
        read = ", ".join(last.read) if len(last.read) <= 6 else f"{len(last.read)} docs"
        written = ", ".join(last.written) if len(last.written) <= 8 else ""
        lines.append(
            f"| {step} | {series.cpu_seconds:.2f}{_status(series)} | {series.seconds:.2f} "
            f"| {len(last.read)} "
            f"| {len(last.written)} | {read} | {written} |"
        )
    return lines


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        models = re.findall(r"^model name\s*:\s*(.+)$", cpuinfo.read_text(), re.MULTILINE)
        cpu = models[0] if models else cpu
    packages = ", ".join(
        f"{name} {version(name)}"
        for name in ("sphinx", "myst-parser", "sphinx-design", "docutils")
    )
    return (
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC; {cpu}, {os.cpu_count()} cores "
        f"(load average {os.getloadavg()[0]:.1f} at the start), "
        f"Python {platform.python_version()}, {packages}."
    )


def profile(variant: str, size: int, work: Path) -> None:
    """Run one clean build under cProfile and print where the time goes."""
    import pstats

    if variant == "logos":
        srcdir = write_logos_project(work / f"logos-{size}", size)
    else:
        srcdir = write_faq_project(work / f"{variant}-{size}", variant, size)
    stats_file = work / "build.prof"
    sphinx = ["sphinx", "-q", "-b", "html", "-d", str(work / "doctrees"), str(srcdir)]
    profiler = [sys.executable, "-m", "cProfile", "-o", str(stats_file), "-m"]
    subprocess.run([*profiler, *sphinx, str(work / "html")], check=True)
    stats = pstats.Stats(str(stats_file))
    stats.sort_stats("cumulative").print_stats(30)
    stats.sort_stats("cumulative").print_stats("sphinx_alliance", 20)
    stats.sort_stats("tottime").print_stats(20)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=["faq", "logos", "site"], action="append")
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 5000])
    parser.add_argument("--logos", type=int, nargs="+", default=[10, 100, 1000])
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--variants", nargs="+", choices=FAQ_VARIANTS, default=FAQ_VARIANTS)
    parser.add_argument(
        "--profile", nargs=2, metavar=("VARIANT", "N"), help="profile one build (or `logos M`)"
    )
    options = parser.parse_args()
    parts = options.only or ["faq", "logos", "site"]
    with tempfile.TemporaryDirectory(prefix="sa-bench-") as tmp:
        work = Path(tmp)
        if options.profile:
            variant, size = options.profile
            profile(variant, int(size), work)
            return
        report = ["## Machine", "", machine(), ""]
        if "faq" in parts:
            faq = bench_faq(work, options.variants, options.sizes, options.reps)
            report += [f"## FAQ entries on one page ({options.reps} reps, medians)", ""]
            report += [*report_faq(faq, options.variants, options.sizes), ""]
        if "logos" in parts:
            logos = bench_logos(work, options.logos, options.reps)
            report += [f"## Member logos ({options.reps} reps, medians)", ""]
            report += [*report_logos(logos), ""]
        if "site" in parts:
            site = bench_site(work, options.reps)
            report += [f"## The site, `docs/` ({options.reps} reps, medians)", ""]
            report += [*report_site(*site), ""]
    print("\n".join(report))


if __name__ == "__main__":
    main()
