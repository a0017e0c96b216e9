"""Article Markdown to safe HTML for Qt's rich text: Python-Markdown, then an nh3 allow-list.

Content arrives on USB sticks, so it is untrusted: no script, no event attributes, no styles,
no remote or `data:` URL of any kind. Links to other articles become `kiosk:article/SLUG`;
images must be files in the pack's own `media/` folder. Every other link or image is dropped.
"""

from __future__ import annotations

import html as html_text
import posixpath
import re
import threading
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from kiosk.content.model import Article, Pack
from kiosk.content.pack_paths import UnsafePathError, resolve_inside
from kiosk.content.problems import Problem, Severity
from kiosk.content.typography import smart_typography

ARTICLE_SCHEME = "kiosk"
ARTICLE_URL_PREFIX = "kiosk:article/"
# Typographer's quotes and dashes come from kiosk/content/typography.py, not the `smarty`
# extension: the same result in a fifth of the time.
MARKDOWN_EXTENSIONS = ("tables", "attr_list", "sane_lists")
ALLOWED_TAGS = frozenset({
    "h1", "h2", "h3", "h4", "h5", "h6", "p", "br", "hr", "blockquote", "pre", "code",
    "ul", "ol", "li", "strong", "em", "b", "i", "u", "s", "del", "sub", "sup", "small",
    "table", "thead", "tbody", "tr", "th", "td", "img", "a", "span",
})
ALLOWED_ATTRIBUTES = {
    "a": {"href"},
    "img": {"src", "alt"},
    "th": {"align"},
    "td": {"align"},
    "ol": {"start"},
}
# nh3 drops a URL whose scheme is not listed before our filter sees it, so the author would get
# no warning. The filter sees these schemes too, to report them, and lets none of them through:
# it only ever returns `kiosk:article/SLUG` or a `media/...` path.
_REPORTED_SCHEMES = frozenset({
    ARTICLE_SCHEME, "http", "https", "mailto", "tel", "sms", "ftp", "file", "data",
    "javascript", "vbscript",
})
_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")
# nh3 keeps an <img> whose source it dropped; Qt would draw it as a broken picture. nh3 escapes
# '"' and '>' inside attribute values, so ` src="` can only be the attribute, never alt text.
_IMAGE_WITHOUT_SOURCE = re.compile(r'<img(?![^>]*\ssrc=")[^>]*>')
# Python-Markdown's time grows with the square of an article's lines and of its inline marks
# (20,000 headings take 13 s, 20,000 links 6 s), nh3's with the depth of unclosed tags. Past these
# limits, far beyond a real article (a second at most), the article is shown as plain text.
MAX_BODY_LINES = 5_000
MAX_BODY_MARKS = 10_000
_MARKS = "[<*_`'\"&"
_TOO_LONG, _TOO_DEEP = "too long", "too deep"


@dataclass(frozen=True)
class RenderedArticle:
    html: str
    problems: tuple[Problem, ...] = ()
    images: tuple[str, ...] = ()


@dataclass
class _References:
    """What the sanitiser saw and dropped while rendering one article."""

    dropped_links: list[str] = field(default_factory=list)
    dropped_images: list[str] = field(default_factory=list)
    images: list[str] = field(default_factory=list)
    shown_plain: str | None = None  # why Markdown was not laid out: _TOO_LONG or _TOO_DEEP


_converters = threading.local()  # a Markdown instance is reusable, but not across threads


def markdown_to_html(text: str) -> str:
    """Markdown to (unsanitised) HTML with the extensions the kiosk supports."""
    converter = getattr(_converters, "markdown", None)
    if converter is None:
        import markdown  # imported on first use: keeps it off the start-up path before first paint

        converter = markdown.Markdown(
            extensions=list(MARKDOWN_EXTENSIONS),
            extension_configs={"tables": {"use_align_attribute": True}},
            output_format="html",
        )
        _converters.markdown = converter
    try:
        html: str = converter.reset().convert(text)
    except RecursionError:
        _converters.markdown = None  # it stopped half-way through: build a fresh one next time
        raise
    return smart_typography(html)


def sanitise_html(
    html: str,
    article_link: Callable[[str], str | None],
    media_image: Callable[[str], str | None],
) -> str:
    """Keep only the allow-listed tags and attributes; links and images go through resolvers."""
    import nh3  # imported on first use, like markdown

    def keep(element: str, attribute: str, value: str) -> str | None:
        if element == "a" and attribute == "href":
            return article_link(value)
        if element == "img" and attribute == "src":
            return media_image(value)
        if element == "ol" and attribute == "start":
            return value if value.isdigit() else None
        return value

    cleaned = nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        clean_content_tags={"script", "style"},
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        attribute_filter=keep,
        url_schemes=set(_REPORTED_SCHEMES),
        link_rel=None,
        strip_comments=True,
    )
    return _IMAGE_WITHOUT_SOURCE.sub("", cleaned)


def article_slug_from_link(href: str) -> str | None:
    """The slug a link points at (`other.md`, `./other.md#part`, `kiosk:article/other`)."""
    href = href.strip()
    if href.startswith(ARTICLE_URL_PREFIX):
        slug = href.removeprefix(ARTICLE_URL_PREFIX)
        return slug if _SLUG.match(slug) else None
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        return None
    path = unquote(parts.path)
    if path.startswith("./"):
        path = path[2:]
    if "/" in path or not path.endswith(".md"):
        return None
    slug = path.removesuffix(".md")
    return slug if _SLUG.match(slug) else None


def media_path_from_src(src: str) -> str | None:
    """The pack-relative `media/...` path an image source names (from the pack or an article)."""
    parts = urlsplit(src.strip())
    if parts.scheme or parts.netloc or parts.query:
        return None
    path = unquote(parts.path)
    for base in ("", "articles"):
        candidate = posixpath.normpath(posixpath.join(base, path)) if path else ""
        if candidate.startswith("media/") and ".." not in candidate.split("/"):
            return candidate
    return None


def render_untrusted(
    text: str, known_slugs: Collection[str] = (), media_exists: Callable[[str], bool] | None = None
) -> str:
    """Render Markdown from an unknown source (tests, `kiosk render` on loose text)."""
    return _render(text, known_slugs, media_exists or (lambda _path: False), _References())


def _render(
    text: str,
    known_slugs: Collection[str],
    media_exists: Callable[[str], bool],
    references: _References,
) -> str:
    def article_link(href: str) -> str | None:
        slug = article_slug_from_link(href)
        if slug is not None and slug in known_slugs:
            return ARTICLE_URL_PREFIX + slug
        references.dropped_links.append(href)
        return None

    def media_image(src: str) -> str | None:
        path = media_path_from_src(src)
        if path is not None and media_exists(path):
            references.images.append(path)
            return path
        references.dropped_images.append(src)
        return None

    return sanitise_html(_markdown_or_plain(text, references), article_link, media_image)


def _markdown_or_plain(text: str, references: _References) -> str:
    """The Markdown laid out, or plain paragraphs when it would take too long or too deep."""
    if len(text.splitlines()) > MAX_BODY_LINES or sum(map(text.count, _MARKS)) > MAX_BODY_MARKS:
        references.shown_plain = _TOO_LONG
        return _plain_paragraphs(text)
    try:
        return markdown_to_html(text)
    except RecursionError:  # lists nested hundreds deep overflow Python-Markdown's recursive parser
        references.shown_plain = _TOO_DEEP
        return _plain_paragraphs(text)


def _plain_paragraphs(text: str) -> str:
    """`text` as escaped paragraphs, for a body Markdown cannot lay out: readable, never markup."""
    blocks = (block.strip() for block in text.split("\n\n"))
    return "".join(f"<p>{html_text.escape(block)}</p>" for block in blocks if block)


def _deepest_line(body: str, first_line: int) -> int:
    """The line with the longest run of indentation and list or quote markers."""
    depths = [len(line) - len(line.lstrip(" \t>*+-0123456789.)")) for line in body.splitlines()]
    return first_line + depths.index(max(depths)) if depths else first_line


class ArticleRenderer:
    """Renders each article of a pack once and keeps the result."""

    def __init__(self, pack: Pack) -> None:
        self.pack = pack
        self._cache: dict[str, RenderedArticle] = {}

    def render(self, slug: str) -> RenderedArticle:
        cached = self._cache.get(slug)
        if cached is None:
            cached = self._render_article(slug)
            self._cache[slug] = cached
        return cached

    def _media_exists(self, relative: str) -> bool:
        try:
            return resolve_inside(self.pack.root, relative).is_file()
        except (UnsafePathError, OSError):  # OSError: a name too long for the file system
            return False

    def _render_article(self, slug: str) -> RenderedArticle:
        article = self.pack.articles[slug]
        references = _References()
        html = _render(article.body, self.pack.articles.keys(), self._media_exists, references)
        relative = f"articles/{slug}.md"
        searched_from: dict[str, int] = {}  # the same target twice is on two different lines

        def problem(target: str, message: str) -> Problem:
            line = _line_of(article.body, target, article.body_first_line, searched_from)
            return Problem(relative, line, message, Severity.WARNING)

        problems = [
            problem(src, f"the image '{src}' is not in this pack's media/ folder; it is left out")
            for src in references.dropped_images
        ] + [
            problem(href, f"the link '{href}' is not an article of this pack; it shows as text")
            for href in references.dropped_links
        ]
        if references.shown_plain is not None:
            problems.append(_shown_plain_problem(relative, article, references.shown_plain))
        return RenderedArticle(html=html, problems=tuple(problems), images=tuple(references.images))


def _shown_plain_problem(relative: str, article: Article, why: str) -> Problem:
    if why == _TOO_DEEP:
        line = _deepest_line(article.body, article.body_first_line)
        message = (
            "the lists or quotes here are nested hundreds of levels deep, too deep to lay out; "
            "flatten them (until then the article shows as plain text)"
        )
    else:
        line = article.body_first_line
        message = (
            f"the article is too long to lay out (more than {MAX_BODY_LINES:,} lines, or "
            f"{MAX_BODY_MARKS:,} links, tags and marks); split it into shorter articles "
            "(until then it shows as plain text)"
        )
    return Problem(relative, line, message, Severity.WARNING)


def _line_of(body: str, target: str, first_line: int, searched_from: dict[str, int]) -> int:
    """The line of `target` written as a whole link target, after where it was found last time."""
    whole = re.compile(re.escape(target) + r"""(?![^\s)>"'])""")
    found = whole.search(body, searched_from.get(target, 0)) or whole.search(body)
    index = found.start() if found else body.find(target)
    searched_from[target] = index + 1
    return first_line if index < 0 else first_line + body.count("\n", 0, index)


def pack_media_path(pack_root: Path, relative: str) -> Path | None:
    """The file behind a rendered image source, or None when it is not a safe media file."""
    try:
        path = resolve_inside(pack_root, relative)
    except UnsafePathError:
        return None
    return path if path.is_relative_to((pack_root / "media").resolve()) else None
