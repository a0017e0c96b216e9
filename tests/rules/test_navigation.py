"""The visitor's trail: home, then a stack of articles."""

from __future__ import annotations

from kiosk.rules.navigation import HOME, History


def test_starts_at_home() -> None:
    history = History()
    assert history.current == HOME
    assert history.current_slug is None
    assert history.depth == 0


def test_open_shows_the_article() -> None:
    history = History()
    history.open("fentanyl")
    assert history.current == "article/fentanyl"
    assert history.current_slug == "fentanyl"
    assert history.depth == 1


def test_back_returns_to_previous_article_then_home() -> None:
    history = History()
    history.open("a")
    history.open("b")
    history.open("c")
    assert history.back() == "b"
    assert history.current == "article/b"
    assert history.back() == "a"
    assert history.back() is None
    assert history.current == HOME


def test_opening_the_same_article_twice_pushes_once() -> None:
    history = History()
    history.open("a")
    history.open("a")
    assert history.depth == 1
    assert history.back() is None
    assert history.current == HOME


def test_same_article_again_later_is_a_new_step() -> None:
    history = History()
    for slug in ("a", "b", "a"):
        history.open(slug)
    assert history.depth == 3
    assert history.back() == "b"


def test_home_forgets_the_trail() -> None:
    history = History()
    history.open("a")
    history.open("b")
    history.home()
    assert history.current == HOME
    assert history.depth == 0
    assert history.back() is None


def test_back_from_home_stays_home() -> None:
    history = History()
    assert history.back() is None
    assert history.back() is None
    assert history.current == HOME
    assert history.depth == 0
    history.open("a")
    assert history.current == "article/a"
