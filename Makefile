# KasteDesk developer commands. `make run` and `make test` work on a fresh clone.
# The interpreter .venv is made with (tools/venv_python.sh): on Linux the distribution's
# CPython when it is 3.11 or newer (built with PGO and LTO), else python3.
# `make PYTHON=python3.12 …` chooses another; it counts when .venv is made (remove .venv).
PYTHON ?= $(shell sh tools/venv_python.sh)
VENV   := .venv
BIN    := $(VENV)/bin
PY     := $(BIN)/python
LANGS  := fi sv
POT    := translations/kastedesk.pot
MO     := $(foreach l,$(LANGS),translations/$(l)/LC_MESSAGES/kastedesk.mo)

.PHONY: run test docs test-pg test-processes test-properties test-dist dist bench lint translations extract-translations update-translations clean

# On Linux, first checks the system libraries Qt's window needs and prints how to install them.
run: $(VENV)/.installed $(MO)
	$(PY) tools/check_qt_libs.py
	$(BIN)/kastedesk

# pytest in one worker process per core (pytest-xdist; `make test PYTEST_WORKERS=0` runs it in
# this one). Each test has its own folders, database and settings; docs/testing.md.
# Bytecode is cached as Python does by default, even where PYTHONDONTWRITEBYTECODE is set: else
# every run compiles the program and rewrites every test module again in each worker.
# The tests' files are kept in memory where Linux has room (/dev/shm; tools/test_tmpdir.sh);
# `make test TEST_TMPDIR=` keeps them in the usual temporary folder.
PYTEST_WORKERS ?= auto
TEST_TMPDIR ?= $(shell sh tools/test_tmpdir.sh)
TEST_ENV := $(if $(TEST_TMPDIR),TMPDIR=$(TEST_TMPDIR)) PYTHONDONTWRITEBYTECODE= QT_QPA_PLATFORM=offscreen
# ruff and mypy first; on a fresh clone the tests' bytecode is made meanwhile on the core
# mypy leaves idle (tools/static_checks.sh).
test: $(VENV)/.installed-test $(MO)
	$(TEST_ENV) sh tools/static_checks.sh $(BIN)
	$(TEST_ENV) $(BIN)/pytest -n $(PYTEST_WORKERS)

# The storage, service, bundle and command tests again on a throwaway PostgreSQL cluster
# (Debian's `postgresql` package; a Unix socket in a temporary folder, stopped afterwards).
PG_TESTS ?= tests/storage tests/services tests/bundles tests/cli tests/meetings tests/feedback \
	tests/documents tests/costs tests/evaluation tests/ui/test_server_window.py
test-pg: $(VENV)/.installed-test $(MO)
	QT_QPA_PLATFORM=offscreen tools/with_test_postgres.sh $(BIN)/pytest $(PG_TESTS)

# Several processes on one database, and kills at chosen moments (minutes; .ci/run runs it).
test-processes: $(VENV)/.installed-test $(MO)
	QT_QPA_PLATFORM=offscreen $(BIN)/pytest -m processes

# The property tests (hypothesis) with ten times the examples `make test` tries (.ci/run runs it).
test-properties: $(VENV)/.installed-test $(MO)
	KASTEDESK_PROPERTIES=thorough $(TEST_ENV) $(BIN)/pytest -n $(PYTEST_WORKERS) -m properties

# The frozen program for this platform (Windows: then `iscc installer/kastedesk.iss`).
dist: $(VENV)/.installed-dist
	$(BIN)/pyinstaller --noconfirm --clean --log-level WARN build.spec
	@du -sh dist/KasteDesk

# Builds a wheel and the bundle in temporary folders and runs the frozen self-check (minutes).
test-dist: $(VENV)/.installed-dist $(VENV)/.installed-test $(MO)
	$(BIN)/pytest -m dist

# Speed on a large generated dataset (cached in .bench-cache/), against baselines measured
# in the same run; writes docs/benchmarks.md (never a timed unit test).
bench: $(VENV)/.installed $(MO)
	$(PY) bench/run.py
	@if [ -x dist/KasteDesk/KasteDesk ]; then $(PY) bench/startup_bench.py; \
	else echo "startup_bench: skipped, run make dist first"; fi

# The user guide's screenshots (resources/guide/img/fi, sv), taken offscreen from the real
# program on demo data; commit the PNGs it writes. `tests/ui/test_guide.py` checks the guide.
docs: $(VENV)/.installed $(MO)
	$(PY) tools/make_guide_screenshots.py

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .

$(PY):
	@echo "Making $(VENV) with $(PYTHON) ($$($(PYTHON) -V 2>&1)); make PYTHON=... chooses another"
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml setup.py | $(PY)
	$(PY) -m pip install --disable-pip-version-check -q -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml setup.py | $(PY)
	$(PY) -m pip install --disable-pip-version-check -q -e '.[test]'
	touch $@ $(VENV)/.installed

# PyInstaller comes from the `dist` extra, pinned with the other dependencies.
$(VENV)/.installed-dist: pyproject.toml setup.py | $(PY)
	$(PY) -m pip install --disable-pip-version-check -q -e '.[dist]'
	touch $@ $(VENV)/.installed

# Compiled catalogs are build products: never committed, always made from the .po files.
translations: $(MO)

translations/%/LC_MESSAGES/kastedesk.mo: translations/%/LC_MESSAGES/kastedesk.po | $(VENV)/.installed
	$(BIN)/pybabel compile -D kastedesk -l $* -i $< -o $@

# After adding or changing user-visible strings: extract, update, translate, test.
extract-translations: $(VENV)/.installed
	$(BIN)/pybabel extract -F babel.cfg --no-location --sort-output \
		--project=KasteDesk --copyright-holder="KasteDesk" -o $(POT) .

update-translations: extract-translations
	$(BIN)/pybabel update -D kastedesk -i $(POT) -d translations \
		--no-fuzzy-matching --ignore-obsolete

clean:
	rm -rf build dist $(MO) .pytest_cache .ruff_cache .mypy_cache
