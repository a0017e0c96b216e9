"""Where the visitor is and how they got there: the home screen plus a stack of articles."""

from __future__ import annotations

from collections.abc import Collection

HOME = "home"


class History:
    """Back goes to the previous article or home; Home forgets the whole trail."""

    def __init__(self) -> None:
        self._articles: list[str] = []

    @property
    def current(self) -> str:
        return f"article/{self._articles[-1]}" if self._articles else HOME

    @property
    def current_slug(self) -> str | None:
        return self._articles[-1] if self._articles else None

    @property
    def depth(self) -> int:
        return len(self._articles)

    def open(self, slug: str) -> None:
        if self.current_slug != slug:
            self._articles.append(slug)

    def back(self) -> str | None:
        """Leave the current article; the slug now shown, or None for home."""
        if self._articles:
            self._articles.pop()
        return self.current_slug

    def home(self) -> None:
        self._articles.clear()

    def keep_only(self, slugs: Collection[str]) -> None:
        """Forget the articles that are gone (after an author's edit, in `kiosk preview`)."""
        self._articles = [slug for slug in self._articles if slug in slugs]
