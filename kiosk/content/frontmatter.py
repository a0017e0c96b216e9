"""Splitting an article into its YAML front matter and its Markdown body."""

from __future__ import annotations

from dataclasses import dataclass

FENCE = "---"


class FrontMatterError(Exception):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


@dataclass(frozen=True)
class SplitArticle:
    front_matter: str
    front_matter_first_line: int
    body: str
    body_first_line: int


def split_front_matter(text: str) -> SplitArticle:
    """Split `---`-fenced front matter from the body; line numbers are 1-based."""
    lines = text.lstrip("\ufeff").splitlines(keepends=True)
    if not lines or lines[0].strip() != FENCE:
        raise FrontMatterError(
            1,
            "the article must start with a line '---', then its title: and summary:, "
            "then another line '---'",
        )
    for index in range(1, len(lines)):
        if lines[index].rstrip() in (FENCE, "..."):
            return SplitArticle(
                front_matter="".join(lines[1:index]),
                front_matter_first_line=2,
                body="".join(lines[index + 1 :]),
                body_first_line=index + 2,
            )
    raise FrontMatterError(
        1, "the front matter is never closed; add a line '---' after the last field"
    )
