"""Where the visitor is and how they got there: the home screen plus a stack of places.

A place is `home`, `article/SLUG`, `topic/ID`, `a-z` or `search`. Back goes to the place
before (an article opened from a topic goes back to the topic); Home forgets the whole trail.
"""

from __future__ import annotations

from collections.abc import Collection

HOME = "home"
A_TO_Z = "a-z"
SEARCH = "search"
ARTICLE, TOPIC = "article/", "topic/"


def article_place(slug: str) -> str:
    return ARTICLE + slug


def topic_place(topic_id: str) -> str:
    return TOPIC + topic_id


def is_place(screen: str) -> bool:
    """Whether `screen` names a place the window can show (for snapshots and tests)."""
    return screen in (HOME, A_TO_Z, SEARCH) or (
        screen.startswith((ARTICLE, TOPIC)) and screen.partition("/")[2] != "")


class History:
    """Back goes to the previous place or home; Home forgets the whole trail."""

    def __init__(self) -> None:
        self._places: list[str] = []

    @property
    def current(self) -> str:
        return self._places[-1] if self._places else HOME

    @property
    def current_slug(self) -> str | None:
        """The article on screen, if an article is."""
        current = self.current
        return current.removeprefix(ARTICLE) if current.startswith(ARTICLE) else None

    @property
    def current_topic(self) -> str | None:
        current = self.current
        return current.removeprefix(TOPIC) if current.startswith(TOPIC) else None

    @property
    def depth(self) -> int:
        return len(self._places)

    def open(self, slug: str) -> None:
        """Go to an article."""
        self.go(article_place(slug))

    def go(self, place: str) -> None:
        """Go to any place; going home clears the trail, going where one is does nothing."""
        if place == HOME:
            self.home()
        elif self.current != place:
            self._places.append(place)

    def back(self) -> str | None:
        """Leave the current place; the article now shown, or None when it is not an article."""
        if self._places:
            self._places.pop()
        return self.current_slug

    def home(self) -> None:
        self._places.clear()

    def keep_only(self, slugs: Collection[str]) -> None:
        """Forget the articles that are gone (after an author's edit, in `kiosk preview`): the
        places that are articles no longer in the pack leave the trail."""
        self._places = [place for place in self._places
                        if not place.startswith(ARTICLE) or place.removeprefix(ARTICLE) in slugs]
