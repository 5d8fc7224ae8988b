#!/usr/bin/env bash
# `make test-matrix`: the suite, browser tests aside, on each Python 3.11+ found on this
# machine, with the oldest supported Sphinx and with the newest that Python allows (the
# lock's). Each cell is a venv of its own under .venv-matrix/ holding uv.lock's versions;
# the oldest cells swap in Sphinx 8.2.3 and the docutils it needs. A Python found neither
# on PATH nor under pyenv is skipped with a message. Exits non-zero if a cell fails.
set -uo pipefail
cd "$(dirname "$0")/.."

UV=${UV:-uv}
VERSIONS=${MATRIX_PYTHONS:-3.11 3.12 3.13 3.14}
OLDEST_SPHINX=(sphinx==8.2.3 docutils==0.21.2)
OUT=.venv-matrix
mkdir -p "$OUT"

"$UV" export --locked --quiet --no-hashes --no-emit-project --extra docs --group test \
    --output-file "$OUT/lock.txt" || exit 1
grep -v -i -E '^(sphinx|docutils)==' "$OUT/lock.txt" >"$OUT/lock-but-sphinx.txt"

# The interpreter for version $1: python3.X on PATH, else pyenv's newest 3.X.
find_python() {
    local candidate
    local pyenv=${PYENV_ROOT:-$HOME/.pyenv}/versions
    for candidate in "python$1" $(ls -d "$pyenv/$1".*/bin/python"$1" 2>/dev/null | sort -rV); do
        "$candidate" -c 'import sys; print(sys.executable)' 2>/dev/null && return
    done
}

results=()
failed=0
for version in $VERSIONS; do
    python=$(find_python "$version")
    if [ -z "$python" ]; then
        echo "test-matrix: no Python $version on PATH or under pyenv: skipped"
        results+=("Python $version: skipped, not found")
        continue
    fi
    for sphinx in oldest newest; do
        venv="$OUT/py$version-$sphinx"
        if [ "$sphinx" = oldest ]; then
            requirements=(-r "$OUT/lock-but-sphinx.txt" "${OLDEST_SPHINX[@]}")
        else
            requirements=(-r "$OUT/lock.txt")
        fi
        "$UV" venv --quiet --clear --python "$python" "$venv" &&
            "$UV" pip install --quiet --python "$venv/bin/python" "${requirements[@]}" -e . ||
            exit 1
        cell="Python $("$venv/bin/python" -c 'import platform; print(platform.python_version())')"
        cell+=" + Sphinx $("$venv/bin/python" -c 'import sphinx; print(sphinx.__version__)')"
        cell+=", docutils $("$venv/bin/python" -c 'import docutils; print(docutils.__version__)')"
        echo "test-matrix: $cell"
        log="$OUT/py$version-$sphinx.log"
        if "$venv/bin/python" -m pytest -n 2 -q -m "not browser" >"$log" 2>&1; then
            status=passed
        else
            status=FAILED
            failed=1
        fi
        results+=("$cell: $status, $(tail -n 1 "$log" | tr -d '=' | xargs) ($log)")
        echo "${results[-1]}"
    done
done

echo "test-matrix: summary"
printf '  %s\n' "${results[@]}"
exit $failed
