"""A page's own text, as trafilatura finds it (its XML: no menus, sidebars, comments or share
buttons), written as the Markdown the kiosk shows: headings, paragraphs, lists, emphasis, tables,
block quotes, pictures and links. What to do with each link and picture is asked of the caller.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lxml.etree import _Element

# Returns the Markdown for a link (its text as a link, or plain) and for a picture ("" to leave it out).
LinkWriter = Callable[[str, str], str]
PictureWriter = Callable[[str, str], str]

_ESCAPED = re.compile(r"([\\`*_\[\]<])")
_BLOCK_START = re.compile(r"^(\s*)([#>+-]|\d+[.)])(\s)")
_EMPHASIS = {"#b": "**", "#i": "*", "#u": "", "#t": "`"}


@dataclass
class PageText:
    markdown: str
    words: int
    linked_words: int  # words inside links: most of the words on a list page


def extract_page_text(html: str) -> str | None:
    """trafilatura's XML of the page's main text, or None when it finds none. Reads only `html`:
    trafilatura is never given an address, so it never fetches anything."""
    import trafilatura

    result: str | None = trafilatura.extract(
        html, output_format="xml", include_comments=False, include_tables=True,
        include_images=True, include_formatting=True, include_links=True, deduplicate=False,
        with_metadata=False,
    )
    return result


def xml_to_markdown(xml: str, link: LinkWriter, picture: PictureWriter, title: str | None) -> PageText:
    from lxml import etree

    root = etree.fromstring(xml.encode("utf-8"), parser=etree.XMLParser(resolve_entities=False))
    main = root.find("main")
    writer = _Writer(link, picture, title)
    blocks = writer.blocks(main if main is not None else root)
    markdown = "\n\n".join(b for b in blocks if b.strip()) + "\n"
    return PageText(_shift_headings(markdown), writer.words, writer.linked_words)


class _Writer:
    def __init__(self, link: LinkWriter, picture: PictureWriter, title: str | None) -> None:
        self.link = link
        self.picture = picture
        self.title = " ".join(title.split()).casefold() if title else None
        self.words = 0
        self.linked_words = 0

    def blocks(self, parent: _Element) -> list[str]:
        out: list[str] = []
        if parent.text and parent.text.strip():
            out.append(self._escape_text(parent.text.strip()))
        for child in parent:
            out.extend(self.block(child))
            if child.tail and child.tail.strip():
                out.append(self._escape_text(child.tail.strip()))
        return out

    def block(self, element: _Element) -> list[str]:
        tag = element.tag
        if tag == "head":
            text = self.inline(element).strip()
            if not text or (self.title and " ".join(text.split()).casefold() == self.title):
                return []  # the title is the article's title, shown above its text
            level = int(element.get("rend", "h2")[1:] or 2) if element.get("rend", "").startswith("h") else 2
            return [f"{'#' * min(max(level, 1), 6)} {text}"]
        if tag == "p":
            text = self.inline(element).strip()
            return [_guard_block_start(text)] if text else []
        if tag == "list":
            return [self.list_block(element, 0)]
        if tag == "quote":
            inner = "\n\n".join(self.blocks(element)) or self.inline(element)
            return ["\n".join(f"> {line}".rstrip() for line in inner.splitlines())]
        if tag == "table":
            return [self.table(element)]
        if tag == "graphic":
            return [self.picture(element.get("src", ""), element.get("alt", ""))]
        if tag in ("code", "pre"):
            return ["```\n" + "".join(element.itertext()).strip("\n") + "\n```"]
        if tag in ("div", "main", "section"):
            return self.blocks(element)
        text = self.inline(element).strip()
        return [text] if text else []

    def list_block(self, element: _Element, depth: int) -> str:
        ordered = element.get("rend", "").lower() == "ol"
        lines: list[str] = []
        number = 0
        for item in element:
            if item.tag != "item":
                continue
            number += 1
            marker = f"{number}." if ordered else "-"
            nested = [child for child in item if child.tag == "list"]
            for child in nested:
                item.remove(child)  # written below the item's own words
            text = self.inline(item).strip()
            lines.append(f"{'    ' * depth}{marker} {text}")
            lines.extend(self.list_block(child, depth + 1) for child in nested)
        return "\n".join(lines)

    def table(self, element: _Element) -> str:
        rows = []
        for row in element.iter("row"):
            cells = [self.inline(cell).strip().replace("|", "\\|").replace("\n", " ")
                     for cell in row if cell.tag == "cell"]
            if cells:
                rows.append(cells)
        if not rows:
            return ""
        width = max(len(r) for r in rows)
        rows = [r + [""] * (width - len(r)) for r in rows]
        lines = ["| " + " | ".join(rows[0]) + " |", "|" + " --- |" * width]
        lines += ["| " + " | ".join(r) + " |" for r in rows[1:]]
        return "\n".join(lines)

    def inline(self, element: _Element) -> str:
        parts = [self._escape_text(element.text or "")]
        for child in element:
            parts.append(self.inline_child(child))
            parts.append(self._escape_text(child.tail or ""))
        return re.sub(r"[ \t]+", " ", "".join(parts))

    def inline_child(self, child: _Element) -> str:
        tag = child.tag
        if tag == "hi":
            mark = _EMPHASIS.get(child.get("rend", ""), "")
            inner = self.inline(child)
            stripped = inner.strip()
            if not stripped or not mark:
                return inner
            lead, trail = inner[: len(inner) - len(inner.lstrip())], inner[len(inner.rstrip()):]
            return f"{lead}{mark}{stripped}{mark}{trail}"
        if tag == "ref":
            text = self.inline(child).strip()
            self.linked_words += len(text.split())
            return self.link(text, child.get("target", "")) if text else ""
        if tag == "lb":
            return "  \n"
        if tag == "graphic":
            return self.picture(child.get("src", ""), child.get("alt", ""))
        if tag == "list":
            return "\n\n" + self.list_block(child, 0) + "\n\n"
        return self.inline(child)

    def _escape_text(self, text: str) -> str:
        self.words += len(text.split())
        return _ESCAPED.sub(r"\\\1", text.replace("\n", " "))


def _guard_block_start(text: str) -> str:
    """A paragraph that starts like a heading, a list or a quote ('1984. A year...') stays a
    paragraph."""
    return _BLOCK_START.sub(lambda m: f"{m.group(1)}{m.group(2)[:-1]}\\{m.group(2)[-1]}{m.group(3)}"
                            if m.group(2)[-1] in ".)" else f"{m.group(1)}\\{m.group(2)}{m.group(3)}", text)


def _shift_headings(markdown: str) -> str:
    """The body's top headings become level 2: level 1 is the article's title."""
    levels = [len(m.group(1)) for m in re.finditer(r"^(#{1,6}) ", markdown, re.MULTILINE)]
    if not levels or min(levels) == 2:
        return markdown
    shift = 2 - min(levels)
    return re.sub(
        r"^(#{1,6}) ", lambda m: "#" * min(6, len(m.group(1)) + shift) + " ", markdown, flags=re.MULTILINE
    )
