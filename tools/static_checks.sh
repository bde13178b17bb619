#!/bin/sh
# `make test`'s first step: ruff and mypy, with the tests' bytecode made meanwhile.
#
# Usage: tools/static_checks.sh BIN, BIN being the virtual environment's bin folder; the
# environment (TMPDIR, QT_QPA_PLATFORM) is the one pytest will run in.
#
# mypy uses one core. On a fresh clone (no test module compiled by pytest yet) the other
# core meanwhile compiles the program and lets pytest collect the tests, which compiles
# each test module with its rewritten asserts: otherwise every pytest worker does all of
# that itself as it starts, about 3 s of a first run's pytest time (docs/testing.md).
# Later runs find the bytecode and skip this. The exit status is ruff's or mypy's.
bin=$1
warm=
if ! ls tests/__pycache__/conftest.*-pytest-*.pyc >/dev/null 2>&1; then
    ( "$bin/python" -m compileall -q kastedesk tests >/dev/null 2>&1
      PYTHONDONTWRITEBYTECODE= "$bin/pytest" -q --collect-only -p no:cacheprovider \
          >/dev/null 2>&1 ) &
    warm=$!
fi
"$bin/ruff" check . && "$bin/mypy"
status=$?
[ -n "$warm" ] && wait "$warm"
exit $status
