"""A handout printed through the real window and a real CUPS queue is counted for its article;
one that could not be printed is not."""

from __future__ import annotations

from kiosk.printing.cups import VISITOR_MESSAGE_READY, VISITOR_MESSAGE_UNAVAILABLE
from kiosk.usage.summary import rows
from tests.printing.conftest import QUEUE, CupsQueue
from tests.printing.test_handout_printing import print_from_the_article
from tests.ui.shell.test_idle_controller import DUAL


def printed(kiosk) -> dict[str, int]:
    return {r.article: r.count for r in rows(kiosk.fleet.counter.path) if r.measure == "handout_printed"}


def test_a_printed_handout_is_counted_for_its_article(make_kiosk, qtbot, kiosk_queue: CupsQueue) -> None:
    kiosk = make_kiosk()
    print_from_the_article(kiosk, qtbot)
    qtbot.waitUntil(lambda: kiosk.printing.confirm.message.text() == VISITOR_MESSAGE_READY, timeout=30000)
    assert printed(kiosk) == {DUAL: 1}


def test_a_handout_the_printer_refused_is_not_counted(make_kiosk, qtbot, kiosk_queue: CupsQueue) -> None:
    kiosk_queue.tool("cupsreject", "-r", "Out of paper", QUEUE)
    try:
        kiosk = make_kiosk()
        print_from_the_article(kiosk, qtbot)
        qtbot.waitUntil(
            lambda: kiosk.printing.confirm.message.text() == VISITOR_MESSAGE_UNAVAILABLE, timeout=30000
        )
        assert printed(kiosk) == {}
    finally:
        kiosk_queue.tool("cupsaccept", QUEUE)
