"""The Qt binding must not wear down Python's shared objects: a kiosk calls Qt for days.

PySide6 6.12.0 on Python 3.11 drops a reference to None on every call of a method that returns
nothing; after some ten thousand calls Python aborts with "deallocating None". From 3.12 None is
immortal and its count no longer moves, so the test holds there too.
"""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QLabel, QWidget

CALLS = 2000


def test_methods_that_return_nothing_keep_none_alive(qapp) -> None:
    widget = QWidget()
    label = QLabel("x", widget)
    before = sys.getrefcount(None)
    for _ in range(CALLS):
        widget.resize(100, 100)
        label.setText("y")
        widget.update()
    lost = before - sys.getrefcount(None)
    assert lost < CALLS // 10, f"{lost} references to None lost in {3 * CALLS} calls"


def test_methods_that_return_bools_keep_true_and_false_alive(qapp) -> None:
    widget = QWidget()
    before = sys.getrefcount(True), sys.getrefcount(False)
    for _ in range(CALLS):
        widget.isVisible()
        widget.isHidden()
    after = sys.getrefcount(True), sys.getrefcount(False)
    assert after[0] > before[0] - CALLS // 10
    assert after[1] > before[1] - CALLS // 10
