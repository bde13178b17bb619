"""The cycle collector runs in the window's thread only (kastedesk/ui/main_thread_gc.py)."""

from __future__ import annotations

import gc
import threading
import weakref

from PySide6.QtWidgets import QApplication, QDialog

from kastedesk.ui import main_thread_gc, one_per_app
from kastedesk.ui.app import create_application


class _Cycle:
    def __init__(self) -> None:
        self.me = self


def test_the_program_turns_the_automatic_collector_off_and_collects_from_a_timer(
    qapp: QApplication, qtbot
) -> None:
    for collector in qapp.findChildren(main_thread_gc.MainThreadCollector):
        collector.setParent(None)  # as in a program that has not made its application yet
        collector.deleteLater()
    gc.enable()  # Python's default (the tests keep it off)
    try:
        assert create_application() is qapp
        assert not gc.isenabled()  # the application turned it off
    finally:
        gc.disable()
    collector = qapp.findChild(main_thread_gc.MainThreadCollector)
    assert collector is not None and collector.timer.isActive()
    create_application()  # again: still one collector
    assert len(qapp.findChildren(main_thread_gc.MainThreadCollector)) == 1
    freed = threading.Event()
    garbage = _Cycle()
    weakref.finalize(garbage, freed.set)
    del garbage
    assert not freed.is_set()  # a cycle: reference counting alone does not free it
    collector.timer.setInterval(5)
    gc.collect(0)  # counts start from nothing
    for _ in range(gc.get_threshold()[0] + 1):
        _Cycle()
    qtbot.waitUntil(freed.is_set, timeout=2000)


def test_a_worker_thread_never_collects_a_dialog_of_the_window(qapp: QApplication) -> None:
    """Cyclic garbage holding a dialog stays until the GUI thread collects it (what the
    collector being off gives: a worker's allocations start no collection)."""
    gc.collect()
    dialog = QDialog()
    dialog.cycle = dialog  # type: ignore[attr-defined]
    gone = weakref.ref(dialog)
    del dialog
    in_worker = threading.Thread(target=lambda: [_Cycle() for _ in range(100_000)])
    in_worker.start()
    in_worker.join()
    assert gone() is not None  # many allocations in the worker: no collection there
    gc.collect()
    assert gone() is None


def test_collect_due_follows_the_collectors_thresholds() -> None:
    gc.collect()
    assert main_thread_gc.collect_due() == 0  # nothing passed a threshold
    for _ in range(gc.get_threshold()[0] + 1):
        _Cycle()
    assert main_thread_gc.collect_due() > 0


def test_a_full_collection_waits_for_a_quarter_more_long_lived_objects(monkeypatch) -> None:
    """CPython's rule: the oldest generation is collected when its count passed its
    threshold and a quarter as many objects as it held were added since its last run."""
    gc.collect()
    held = len(gc.get_objects(generation=2))
    started: list[int] = []

    def record(phase: str, info: dict) -> None:
        if phase == "start":
            started.append(info["generation"])

    gc.callbacks.append(record)
    monkeypatch.setattr(gc, "get_count", lambda: tuple(t + 1 for t in gc.get_threshold()))
    try:
        monkeypatch.setattr(main_thread_gc, "_long_lived_total", held)  # few added since
        main_thread_gc.collect_due()
        monkeypatch.setattr(main_thread_gc, "_long_lived_total", held // 2)  # many added
        main_thread_gc.collect_due()
    finally:
        gc.callbacks.remove(record)
    assert started == [1, 2]
    assert main_thread_gc._long_lived_total == len(gc.get_objects(generation=2))


def test_the_collector_is_remembered_not_looked_up(qapp, monkeypatch) -> None:
    """A lookup among the application's children wrapped its style, and PySide then made a
    dozen of QStyle's enums before the window showed: install asks nothing of the object."""
    from PySide6.QtCore import QObject

    class NoLookups(QObject):
        def findChild(self, *_args: object, **_kwargs: object) -> None:
            raise AssertionError("looked up")

        findChildren = findChild

    monkeypatch.setattr(one_per_app, "_kept", {})  # restored after
    owner = NoLookups()
    collector = main_thread_gc.install(owner)
    assert main_thread_gc.install(owner) is collector and collector.parent() is owner
    other = NoLookups()
    assert main_thread_gc.install(other) is not collector  # one per object it was given
    owner.deleteLater()
    other.deleteLater()
