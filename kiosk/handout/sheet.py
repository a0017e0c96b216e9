"""What goes on a printed handout, and how its key points are shortened to fit. No Qt here.

The layout (kiosk.handout.layout) measures; this module decides what to say and where a
point may be cut: only between sentences, so a patient never reads half a thought.
"""

from __future__ import annotations

import html
import re
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

from kiosk.content.model import HelpLine, Pack, Stat
from kiosk.content.render import markdown_to_html

# Paragraphs of the body used as points when an article has no `takeaway`; fitting trims them.
FALLBACK_PARAGRAPHS = 3
ELLIPSIS = "\u2026"
MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)
# A full stop after these is not the end of a sentence ("Dr. Lee", "the U.S. Army").
_ABBREVIATIONS = frozenset({
    "mr", "mrs", "ms", "dr", "st", "vs", "etc", "e.g", "i.e", "u.s", "u.k", "no", "approx",
    "jr", "sr", "prof", "inc", "dept", "min", "hrs", "mg",
})
# End punctuation, any closing quotes or brackets, then space before a capital, digit or quote.
_SENTENCE_END = re.compile(r"""[.!?\u2026]+["'\u2019\u201d)\]]*\s+(?=["'\u2018\u201c(\[]?[A-Z0-9])""")


class UnknownArticleError(LookupError):
    """The slug names no article of the pack; the message lists the ones it has."""

    def __init__(self, slug: str, known: Sequence[str]) -> None:
        self.slug = slug
        self.known = tuple(sorted(known))
        super().__init__(
            f"there is no article '{slug}' in this pack (articles: {', '.join(self.known) or 'none'})"
        )


@dataclass(frozen=True)
class HandoutContent:
    """Everything one sheet shows, already chosen from the pack; the layout only places it."""

    slug: str
    title: str
    summary: str
    points: tuple[str, ...]
    points_are_takeaway: bool  # False: the points are the article's first paragraphs
    stats: tuple[Stat, ...]
    clinic_name: str
    clinic_phone: str
    clinic_website: str | None
    logo: Path | None
    help_heading: str
    help_text: str | None
    help_lines: tuple[HelpLine, ...]
    qr_url: str | None
    reviewed: date | None
    printed_on: date
    language: str = "en"  # of the pack's texts, for the dates written out

    @property
    def qr_is_article(self) -> bool:
        """The code opens the article itself (its `url`), not just the clinic's website."""
        return self.qr_url is not None and self.qr_url != self.clinic_website

    def phone_lines(self) -> tuple[HelpLine, ...]:
        """The clinic's number first (unless a help line already gives it), then every help line."""
        clinic = _digits(self.clinic_phone)
        if any(_digits(line.number) == clinic for line in self.help_lines):
            return self.help_lines
        return (HelpLine(label=self.clinic_name, number=self.clinic_phone), *self.help_lines)


def handout_content(pack: Pack, slug: str, *, printed_on: date) -> HandoutContent:
    """The handout for one article. Raises UnknownArticleError for a slug the pack lacks."""
    article = pack.articles.get(slug)
    if article is None:
        raise UnknownArticleError(slug, list(pack.articles))
    organization = pack.organization
    points = article.takeaway or first_paragraphs(article.body, FALLBACK_PARAGRAPHS)
    return HandoutContent(
        slug=slug,
        title=article.title,
        summary=article.summary,
        points=tuple(points),
        points_are_takeaway=bool(article.takeaway),
        stats=article.stats,
        clinic_name=organization.name,
        clinic_phone=organization.phone,
        clinic_website=organization.website,
        logo=organization.logo,
        help_heading=pack.help.heading,
        help_text=pack.help.text,
        help_lines=pack.help.lines,
        qr_url=article.url or organization.website,
        reviewed=article.reviewed,
        printed_on=printed_on,
        language=pack.language,
    )


def split_sentences(text: str) -> list[str]:
    """The sentences of `text`, each with its own end punctuation; whitespace is normalised."""
    text = " ".join(text.split())
    sentences: list[str] = []
    start = 0
    for end in _SENTENCE_END.finditer(text):
        candidate = text[start:end.start()]
        last_word = candidate.rsplit(" ", 1)[-1].rstrip(".").lower()
        if last_word in _ABBREVIATIONS or re.fullmatch(r"[a-z]", last_word):
            continue  # "Dr." or an initial: the sentence goes on
        sentences.append(text[start:end.end()].strip())
        start = end.end()
    rest = text[start:].strip()
    if rest:
        sentences.append(rest)
    return sentences


def shorten_points(
    points: Sequence[str], fits: Callable[[tuple[str, ...]], bool]
) -> tuple[str, ...]:
    """The longest beginning of `points` that `fits`, cut only between sentences.

    Shorter candidates drop sentences from the end: the last point loses its last sentence,
    then the point itself goes. `fits` must only get harder with more text (true of any height
    measure), so a binary search finds the answer in a few measurements. If not even the first
    sentence fits, it is cut after a whole word and ends in an ellipsis; if no word fits, no points.
    """
    full = tuple(" ".join(point.split()) for point in points if point.strip())
    if fits(full):
        return full
    sentences = [split_sentences(point) for point in full]
    bounds = _cumulative([len(s) for s in sentences])

    def prefix(count: int) -> tuple[str, ...]:
        whole = bisect_right(bounds, count) - 1  # points kept entire
        kept = [" ".join(s) for s in sentences[:whole]]
        if whole < len(sentences) and count > bounds[whole]:
            kept.append(" ".join(sentences[whole][: count - bounds[whole]]))
        return tuple(kept)

    count = _largest(1, bounds[-1] - 1, lambda n: fits(prefix(n)))
    if count is not None:
        return prefix(count)
    return _cut_at_a_word(prefix(1)[0] if bounds[-1] else "", fits)


def _cut_at_a_word(sentence: str, fits: Callable[[tuple[str, ...]], bool]) -> tuple[str, ...]:
    words = sentence.split()

    def cut(n: int) -> tuple[str, ...]:
        return (" ".join(words[:n]).rstrip(",;:") + ELLIPSIS,)

    count = _largest(1, len(words) - 1, lambda n: fits(cut(n)))
    return cut(count) if count is not None else ()


def _cumulative(counts: list[int]) -> list[int]:
    bounds = [0]
    for count in counts:
        bounds.append(bounds[-1] + count)
    return bounds


def _largest(low: int, high: int, ok: Callable[[int], bool]) -> int | None:
    """The largest n in [low, high] with ok(n), for an `ok` that is true up to some n and then false."""
    best = None
    while low <= high:
        middle = (low + high) // 2
        if ok(middle):
            best, low = middle, middle + 1
        else:
            high = middle - 1
    return best


def first_paragraphs(body: str, count: int) -> tuple[str, ...]:
    """The plain text of the first `count` paragraphs of a Markdown body.

    Headings, lists, quotes and tables are skipped, and so is a paragraph that only introduces a
    list ("There are two kinds:"): on paper without its list it would say nothing.
    """
    collector = _ParagraphText()
    collector.feed(markdown_to_html(body))
    collector.close()
    return tuple(collector.paragraphs[:count])


class _ParagraphText(HTMLParser):
    """Collects the text of top-level <p> elements; links keep their words, markup goes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self._depth = 0  # inside <li>, <blockquote> or <table>: not a paragraph of the article
        self._current: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("li", "blockquote", "table"):
            self._depth += 1
        elif tag == "p" and self._depth == 0:
            self._current = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("li", "blockquote", "table"):
            self._depth = max(0, self._depth - 1)
        elif tag == "p" and self._current is not None:
            text = " ".join(html.unescape("".join(self._current)).split())
            if text and not text.endswith(":"):  # it leads into a list, which is left out
                self.paragraphs.append(text)
            self._current = None

    def handle_data(self, data: str) -> None:
        if self._current is not None:
            self._current.append(data)


def long_date(day: date) -> str:
    """"November 27, 2026", whatever the machine's locale."""
    return f"{MONTHS[day.month - 1]} {day.day}, {day.year}"


def printable_address(url: str) -> str:
    """A web address as a person types it: no scheme, no trailing slash."""
    parts = urlsplit(url)
    shown = url.split("://", 1)[-1] if parts.scheme in ("http", "https") else url
    return shown.rstrip("/")


def _digits(number: str) -> str:
    return re.sub(r"\D", "", number)
