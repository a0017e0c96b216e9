"""A strict reading of rendered HTML: every tag or attribute that could run code or fetch."""

from __future__ import annotations

from html.parser import HTMLParser

ALLOWED_HREF = "kiosk:article/other"
ALLOWED_SRC = "media/ok.png"
ALLOWED_ATTRIBUTES = {"href", "src", "alt", "title", "align", "start"}
BANNED_TAGS = {
    "script", "iframe", "object", "embed", "style", "frame", "frameset", "link", "meta", "base",
    "form", "svg", "math",
}


class UnsafeMarkupFinder(HTMLParser):
    """Lists every banned tag, event or style attribute, and link or image target not allowed."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in BANNED_TAGS:
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}>")
            elif name == "style":
                self.found.append(f"<{tag} style>")
            elif name == "href" and value != ALLOWED_HREF:
                self.found.append(f"<{tag} href={value!r}>")
            elif name == "src" and value != ALLOWED_SRC:
                self.found.append(f"<{tag} src={value!r}>")
            elif name not in ALLOWED_ATTRIBUTES:
                self.found.append(f"<{tag} {name}> (not on the allow-list)")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)


def unsafe_markup(html: str) -> list[str]:
    """What is unsafe in `html`, rendered with only `other` known and only media/ok.png present."""
    finder = UnsafeMarkupFinder()
    finder.feed(html)
    finder.close()
    return finder.found
