"""A web page saved with a browser's "Save page as": the file itself (never a web address), its
metadata (title, description, canonical address), the folder of files saved beside it, and the
links the page lists as related posts. Nothing here reads the network.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit, urlunsplit

if TYPE_CHECKING:
    from lxml.html import HtmlElement

MAX_PAGE_BYTES = 20 * 1024 * 1024
WEB_ADDRESS = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*://|www\.)", re.IGNORECASE)
# Chrome and Firefox write `<!-- saved from url=(0049)https://... -->` at the top of a saved page.
SAVED_FROM = re.compile(rb"<!--\s*saved from url=\(\d+\)(\S+?)\s*-->", re.IGNORECASE)
# Containers of "related posts" lists on common blog engines and page builders.
RELATED_CONTAINER = re.compile(
    r"related|yarpp|you-may-also-like|more-posts|read-next|further-reading|see-also", re.IGNORECASE
)
RELATED_HEADING = re.compile(
    r"^\s*(related|related (posts|articles|reading)|you (may|might) also like|read next|"
    r"more (articles|posts|to read)|see also|further reading)\b", re.IGNORECASE,
)
# Where a page's own teasers are not: navigation, headers, footers, sidebars.
_CHROME = {"nav", "header", "footer", "aside"}


class PageRefused(Exception):  # noqa: N818 (a refusal for people, like PackRejected)
    """The page cannot become an article; `message` says why and what to do, in plain words."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass
class SavedPage:
    path: Path
    html: str
    title: str | None = None
    description: str | None = None
    address: str | None = None  # the canonical web address, when the page says it
    page_type: str | None = None  # og:type
    image_address: str | None = None  # og:image
    related_links: list[str] = field(default_factory=list)
    teasers: int = 0  # headings that each link to another page: many on a list page

    @property
    def files_folders(self) -> list[Path]:
        """The folders saved with the page: `PAGE_files` (Chrome, Firefox), or a translated name
        such as `PAGE-Dateien` or `PAGE_archivos`: any folder beside it named after it."""
        stem = self.path.stem
        folder = self.path.parent
        return sorted(
            p for p in folder.iterdir()
            if p.is_dir() and p.name != stem and p.name.startswith(stem) and p.name[len(stem)] in "_- ."
        )

    def resolve(self, href: str) -> str:
        """An address in the page, made absolute against the page's own address when it has one."""
        return urljoin(self.address, href) if self.address else href


def read_saved_page(page: str) -> SavedPage:
    """The saved page at `page`, or a refusal that says what to do instead."""
    if WEB_ADDRESS.match(page):
        raise PageRefused(
            f"'{page}' is a web address, and the kiosk never reads the network. Open the page in "
            "your browser, save it with 'Save page as' (choose 'Web page, complete'), and give the "
            "saved .html file instead"
        )
    path = Path(page)
    if not path.exists():
        raise PageRefused(f"there is no file {path}; check the name, or save the page again")
    if path.is_dir():
        raise PageRefused(f"{path} is a folder; give the saved page's .html file")
    raw = path.read_bytes()[: MAX_PAGE_BYTES + 1]
    if len(raw) > MAX_PAGE_BYTES:
        raise PageRefused(f"{path} is larger than 20 MB, far larger than an article's page")
    if not re.search(rb"<(html|body|p|div|article)\b", raw[:200_000], re.IGNORECASE):
        raise PageRefused(f"{path} is not a web page (no HTML in it); save the page as 'Web page'")
    from trafilatura.utils import decode_file, load_html

    html = decode_file(raw)
    tree = load_html(html)
    if tree is None:
        raise PageRefused(f"{path} could not be read as a web page; save it again from the browser")
    saved = SavedPage(path=path.resolve(), html=html)
    _read_metadata(saved, tree, raw)
    saved.related_links = _related_links(saved, tree)
    saved.teasers = _teasers(tree)
    return saved


def _read_metadata(saved: SavedPage, tree: HtmlElement, raw: bytes) -> None:
    from trafilatura import extract_metadata

    metadata = extract_metadata(tree)
    saved_from = SAVED_FROM.search(raw[:4096])
    origin = saved_from.group(1).decode("ascii", "replace") if saved_from else None
    canonical = _first(tree, "//link[@rel='canonical']/@href", "//meta[@property='og:url']/@content")
    address = urljoin(origin, canonical) if origin and canonical else canonical or origin
    if address is None and metadata is not None and metadata.url:
        address = metadata.url
    saved.address = address if address and re.match(r"^https?://", address) else None
    saved.title = _clean(metadata.title) if metadata is not None and metadata.title else None
    saved.description = _clean(_first(
        tree, "//meta[@name='description']/@content", "//meta[@property='og:description']/@content",
        "//meta[@name='twitter:description']/@content",
    ))
    saved.page_type = _first(tree, "//meta[@property='og:type']/@content")
    saved.image_address = _first(tree, "//meta[@property='og:image']/@content")


def _first(tree: HtmlElement, *paths: str) -> str | None:
    for path in paths:
        found = [str(v).strip() for v in tree.xpath(path) if str(v).strip()]
        if found:
            return found[0]
    return None


def _clean(text: str | None) -> str | None:
    return " ".join(text.split()) if text else None


def _related_links(saved: SavedPage, tree: HtmlElement) -> list[str]:
    """The addresses a "related posts" list links to, in the page's order."""
    containers = [
        element for element in tree.iter()
        if isinstance(element.tag, str)
        and RELATED_CONTAINER.search(f"{element.get('class', '')} {element.get('id', '')}")
    ]
    for heading in tree.xpath("//h2|//h3|//h4|//h5|//p[strong]"):
        if RELATED_HEADING.match(heading.text_content() or ""):
            parent = heading.getparent()
            if parent is not None:
                containers.append(parent)
    links: list[str] = []
    for container in containers:
        for href in container.xpath(".//a/@href"):
            address = saved.resolve(str(href).strip())
            if address.startswith(("http://", "https://")) and address not in links:
                links.append(address)
    return links


def _teasers(tree: HtmlElement) -> int:
    """Headings whose words are one link to another page, outside menus and sidebars: a list
    page is made of them; an article has a few at most (its related posts)."""
    count = 0
    for heading in tree.xpath("//h1|//h2|//h3|//h4"):
        links = heading.xpath(".//a[@href]")
        text = " ".join((heading.text_content() or "").split())
        if len(links) != 1 or not text or " ".join(links[0].text_content().split()) != text:
            continue
        ancestors = [a for a in heading.iterancestors() if isinstance(a.tag, str)]
        if any(a.tag in _CHROME for a in ancestors) or any(
            RELATED_CONTAINER.search(f"{a.get('class', '')} {a.get('id', '')}") for a in ancestors
        ):
            continue
        count += 1
    return count


def normalized_address(address: str) -> str:
    """An address compared loosely: http or https, with or without www., a trailing slash, a
    query or a fragment are all the same page."""
    parts = urlsplit(address.strip())
    host = parts.netloc.lower().removeprefix("www.")
    path = parts.path.rstrip("/") or "/"
    return urlunsplit(("", host, path, "", ""))
