"""`make bench` cannot rot: every measurement runs once on a tiny dataset of the same shape."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench"


def _load(name: str):
    spec = importlib.util.spec_from_file_location(name, BENCH / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def bench(tmp_path_factory: pytest.TempPathFactory):
    sys.path.insert(0, str(BENCH))
    try:
        yield _load("run")
    finally:
        sys.path.remove(str(BENCH))


def test_every_benchmark_runs_once_on_a_tiny_dataset(bench, qapp, tmp_path: Path, capsys) -> None:
    output = tmp_path / "benchmarks.md"
    assert bench.main(["--smoke", "--cache", str(tmp_path / "cache"), "--output", str(output)]) == 0
    printed = capsys.readouterr().out
    for name in (
        "start to the window shown",
        "open a group with 12 meetings",
        "open a 40-item meeting: SQL statements",
        "tick one attendance box: SQL statements",
        "40-item minutes as DOCX",
        "feedback summary, 120 responses",
        "bundle re-import",
        "add one person to a group of 60",
        "members tab, 60 people: load",
        "keystroke in the filter, p95",
    ):
        assert name in printed
    assert not output.exists()  # only a full run writes docs/benchmarks.md


def test_the_cached_dataset_is_reused(bench, tmp_path: Path) -> None:
    data = sys.modules["dataset"]
    first = data.cached_dataset(data.TINY, tmp_path)
    stamp = first.path.stat().st_mtime_ns
    again = data.cached_dataset(data.TINY, tmp_path)
    assert again == first
    assert again.path.stat().st_mtime_ns == stamp


def test_the_report_names_machine_dataset_and_ratios(bench) -> None:
    data = sys.modules["dataset"]
    result = bench.Result("feedback summary", "ms", [3.0, 2.0, 4.0], "sqlite3 GROUP BY",
                          [1.0, 2.0, 3.0], "≤ 1.3×", False)  # fmt: skip
    dataset = data.Dataset(Path("x.sqlite"), data.LARGE, 1, 1, 2, 3, 1000, 1)
    text = bench.markdown([result], dataset, 3)
    assert "cores" in text and "10,000 people in one group" in text
    assert "| feedback summary | 3.0 (2.0–4.0) | sqlite3 GROUP BY: 2.0 (1.0–3.0) | 1.50× |" in text
    assert "**no**" in text
