"""Seasonal articles with a hand-driven clock: at midnight an article appears, or disappears,
at every entry point: the home screen, its topic, A to Z, search, a related carousel and a link
in another article; and staff see what is hidden and when it returns."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest

from kiosk.app import Kiosk
from kiosk.content.render import ARTICLE_URL_PREFIX
from kiosk.rules.clock import ManualClock
from kiosk.ui.staff.sections import hidden_today_text
from kiosk.ui.widgets.entry_list import ENTRY_ROLE
from tests.helpers.library import write_library

SEASONAL = "flu-vaccine"
FIRST_DAY = datetime(2026, 10, 1)


@pytest.fixture
def library(tmp_path: Path) -> Path:
    root = write_library(tmp_path / "pack", {SEASONAL: "show_from: 2026-10-01\nshow_until: 2027-03-31\n"})
    walking = root / "articles" / "walking.md"  # related to the seasonal article, and links to it
    text = walking.read_text().replace("topics: [heart]\n", "topics: [heart]\nrelated: [flu-vaccine]\n")
    walking.write_text(text + "\nRead [about the flu vaccine](flu-vaccine.md).\n")
    return root


def kiosk_at(make_kiosk, library: Path, moment: datetime) -> Kiosk:
    kiosk = make_kiosk(content=library)
    clock = kiosk.clock
    assert isinstance(clock, ManualClock)
    clock.set_local_time(moment)
    assert kiosk.day_watch is not None
    kiosk.day_watch.tick()
    return kiosk


def everywhere(kiosk: Kiosk) -> dict[str, bool]:
    """Where the seasonal article can be found right now, place by place."""
    window = kiosk.window
    window.go_home()
    found = {"home": SEASONAL in [t.slug for t in window.home_page.tiles]}
    counts = {t.topic_id: t.accessibleName() for t in window.home_page.topic_tiles}
    found["home topic count"] = "vaccines" in counts
    window.open_topic("vaccines") if "vaccines" in counts else None
    page = window.topic_page
    found["topic"] = page is not None and window.current_screen == "topic/vaccines" and any(
        page.tiles.model().index(r, 0).data(ENTRY_ROLE).slug == SEASONAL
        for r in range(page.tiles.model().rowCount()))
    window.open_a_to_z()
    a_to_z = window.a_to_z_page
    assert a_to_z is not None
    found["a-z"] = any(getattr(item, "slug", None) == SEASONAL for item in a_to_z.rows.entry_model().items)
    window.open_search()
    search = window.search_page
    assert search is not None
    search.clear()
    search.type("vaccine")
    found["search"] = search.results is not None and SEASONAL in [r.slug for r in search.results.found]
    window.go_home()
    window.open_article("walking")
    article_page = window.article_page
    found["related"] = SEASONAL in [a.slug for a in article_page.carousel.articles]
    found["link"] = f"{ARTICLE_URL_PREFIX}{SEASONAL}" in article_page.body.toHtml()
    window.go_home()
    window.open_article(SEASONAL)
    found["opens"] = window.current_screen == f"article/{SEASONAL}"
    window.go_home()
    return found


def test_an_article_appears_at_midnight_everywhere(make_kiosk, library: Path) -> None:
    kiosk = kiosk_at(make_kiosk, library, FIRST_DAY - timedelta(minutes=1))
    assert everywhere(kiosk) == dict.fromkeys(
        ["home", "home topic count", "topic", "a-z", "search", "related", "link", "opens"], False)
    kiosk.clock.advance(120)  # type: ignore[attr-defined]
    kiosk.day_watch.tick()  # type: ignore[union-attr]
    found = everywhere(kiosk)
    del found["home"]  # the home screen of a library shows its featured article and the topics
    assert found == dict.fromkeys(
        ["home topic count", "topic", "a-z", "search", "related", "link", "opens"], True)


def test_an_article_disappears_at_midnight_everywhere(make_kiosk, library: Path) -> None:
    kiosk = kiosk_at(make_kiosk, library, datetime(2027, 3, 31, 23, 59))
    assert all(value for key, value in everywhere(kiosk).items() if key != "home")
    kiosk.clock.advance(120)  # type: ignore[attr-defined]
    kiosk.day_watch.tick()  # type: ignore[union-attr]
    assert not any(everywhere(kiosk).values())


def test_a_visitor_on_the_article_at_midnight_is_taken_home(make_kiosk, library: Path) -> None:
    kiosk = kiosk_at(make_kiosk, library, datetime(2027, 3, 31, 23, 59))
    kiosk.window.open_article(SEASONAL)
    kiosk.clock.advance(120)  # type: ignore[attr-defined]
    kiosk.day_watch.tick()  # type: ignore[union-attr]
    assert kiosk.window.current_screen == "home"


def test_staff_see_what_is_hidden_today_and_when_it_returns(make_kiosk, library: Path) -> None:
    kiosk = kiosk_at(make_kiosk, library, datetime(2026, 9, 15, 10))
    text = hidden_today_text(kiosk.window.base_pack, kiosk.window.day)
    assert text == ("Hidden today by their dates (1):\n"
                    "\u2022 The flu vaccine: shown again from 1 October 2026")
    kiosk.clock.set_local_time(datetime(2027, 4, 2, 10))  # type: ignore[attr-defined]
    kiosk.day_watch.tick()  # type: ignore[union-attr]
    assert hidden_today_text(kiosk.window.base_pack, kiosk.window.day).endswith(
        "The flu vaccine: ended on 31 March 2027")
    kiosk.clock.set_local_time(datetime(2026, 12, 1, 10))  # type: ignore[attr-defined]
    kiosk.day_watch.tick()  # type: ignore[union-attr]
    assert hidden_today_text(kiosk.window.base_pack, kiosk.window.day) == "Every article is shown today."
