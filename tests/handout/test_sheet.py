"""What a handout says, chosen from the pack, and how its points are cut to fit: no Qt involved."""

from __future__ import annotations

import subprocess
import sys
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.content.loader import load_pack
from kiosk.content.model import HelpLine, Pack
from kiosk.handout.sheet import (
    ELLIPSIS,
    UnknownArticleError,
    first_paragraphs,
    handout_content,
    long_date,
    printable_address,
    shorten_points,
    split_sentences,
)
from tests.conftest import BUNDLED_CONTENT, REPO

PRINTED = date(2026, 11, 28)


@pytest.fixture(scope="module")
def pack() -> Pack:
    result = load_pack(BUNDLED_CONTENT)
    assert result.pack is not None, result.errors
    return result.pack


def test_the_content_module_loads_no_qt_at_all() -> None:
    code = "import sys, kiosk.handout.sheet; print(sorted(m for m in sys.modules if 'PySide6' in m))"
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_content_comes_from_the_article_and_the_clinic(pack: Pack) -> None:
    content = handout_content(pack, "americas-opioid-crisis", printed_on=PRINTED)
    article = pack.articles["americas-opioid-crisis"]
    assert content.title == "America's opioid crisis"
    assert content.summary == article.summary
    assert content.points == article.takeaway and content.points_are_takeaway
    assert content.stats == article.stats
    assert (content.clinic_name, content.clinic_phone) == ("The Raleigh House", "720-891-4657")
    assert content.logo == pack.organization.logo
    assert content.help_heading == "Need to talk to someone now?"
    assert content.reviewed == date(2026, 11, 27)
    assert content.printed_on == PRINTED


def test_the_code_opens_the_article_when_it_has_an_address(pack: Pack) -> None:
    content = handout_content(pack, "americas-opioid-crisis", printed_on=PRINTED)
    assert content.qr_url == "https://www.theraleighhouse.com" and not content.qr_is_article
    article = pack.articles["americas-opioid-crisis"]
    with_url = _with_article(pack, article.__class__(**{**article.__dict__, "url": "https://example.org/a"}))
    content = handout_content(with_url, "americas-opioid-crisis", printed_on=PRINTED)
    assert content.qr_url == "https://example.org/a" and content.qr_is_article


def test_no_code_without_any_address(pack: Pack) -> None:
    bare = Pack(**{**pack.__dict__, "organization": pack.organization.__class__(name="Clinic", phone="555")})
    assert handout_content(bare, "americas-opioid-crisis", printed_on=PRINTED).qr_url is None


def test_the_clinic_number_is_listed_once(pack: Pack) -> None:
    content = handout_content(pack, "americas-opioid-crisis", printed_on=PRINTED)
    assert content.phone_lines() == pack.help.lines  # "Our front desk" already gives it
    assert [line.number for line in content.phone_lines()] == ["720-891-4657", "988", "1-800-662-4357"]
    other = Pack(**{**pack.__dict__, "help": pack.help.__class__(
        heading="Help", lines=(HelpLine("988 Lifeline", "988"),))})
    lines = handout_content(other, "americas-opioid-crisis", printed_on=PRINTED).phone_lines()
    assert lines == (HelpLine("The Raleigh House", "720-891-4657"), HelpLine("988 Lifeline", "988"))


def test_an_article_without_takeaway_uses_its_first_paragraphs(pack: Pack) -> None:
    article = pack.articles["what-is-synthetic-fentanyl"]
    plain = _with_article(pack, article.__class__(**{**article.__dict__, "takeaway": ()}))
    content = handout_content(plain, "what-is-synthetic-fentanyl", printed_on=PRINTED)
    assert not content.points_are_takeaway
    assert content.points[0].startswith("Fentanyl is a synthetic opioid. \u201cSynthetic\u201d means")
    assert all(not point.endswith(":") for point in content.points)  # no lead-in to a missing list
    assert len(content.points) == 3


def test_first_paragraphs_are_plain_text_without_lists_or_headings() -> None:
    body = (
        "## Heading\n\nFirst *one* with [a link](other.md) &amp; more.\n\nThe kinds:\n\n"
        "- a list item\n\n> a quote\n\nSecond one.\n\nThird one.\n"
    )
    assert first_paragraphs(body, 2) == ("First one with a link & more.", "Second one.")


def test_an_unknown_slug_names_the_articles(pack: Pack) -> None:
    with pytest.raises(UnknownArticleError) as raised:
        handout_content(pack, "no-such-article", printed_on=PRINTED)
    assert "no-such-article" in str(raised.value)
    assert "americas-opioid-crisis, dual-diagnosis-heroin-depression" in str(raised.value)


@pytest.mark.parametrize(("text", "sentences"), [
    ("One. Two! Three?", ["One.", "Two!", "Three?"]),
    ("Most deaths in the U.S. involve opioids. Treatment works.",
     ["Most deaths in the U.S. involve opioids.", "Treatment works."]),
    ("Ask Dr. Lee or J. Smith. Then rest.", ["Ask Dr. Lee or J. Smith.", "Then rest."]),
    ("She said \u201cStop.\u201d Then she left.", ["She said \u201cStop.\u201d", "Then she left."]),
    ("Up to 50x stronger. 3 in 4 deaths.", ["Up to 50x stronger.", "3 in 4 deaths."]),
    ("version 2.5 is out. no capital after", ["version 2.5 is out. no capital after"]),
    ("  Spaces\n  and lines.  ", ["Spaces and lines."]),
    ("", []),
])
def test_split_sentences(text: str, sentences: list[str]) -> None:
    assert split_sentences(text) == sentences


def within(limit: int):
    return lambda points: sum(len(p) for p in points) <= limit


def test_points_that_fit_are_kept_whole() -> None:
    points = ("One. Two.", "Three.")
    assert shorten_points(points, within(100)) == points


def test_the_last_points_lose_sentences_then_go() -> None:
    points = ("Aa bb. Cc dd.", "Ee ff. Gg hh.", "Ii jj.")
    two_points = ("Aa bb. Cc dd.", "Ee ff. Gg hh.")
    assert shorten_points(points, within(len("Aa bb. Cc dd.Ee ff. Gg hh."))) == two_points
    assert shorten_points(points, within(len("Aa bb. Cc dd.Ee ff. Gg"))) == ("Aa bb. Cc dd.", "Ee ff.")
    assert shorten_points(points, within(len("Aa bb. Cc"))) == ("Aa bb.",)


def test_a_first_sentence_too_long_is_cut_after_a_whole_word() -> None:
    points = ("Naloxone can reverse an opioid overdose, quickly and safely.",)
    kept = shorten_points(points, within(len("Naloxone can reverse an opio")))
    assert kept == ("Naloxone can reverse an" + ELLIPSIS,)
    assert shorten_points(points, within(3)) == ()


sentence = st.builds(
    lambda words: " ".join(words).capitalize() + ".",
    # Two letters or more: a one-letter word before a full stop reads as an initial ("J. Smith").
    st.lists(st.text("abcdefgh", min_size=2, max_size=8), min_size=1, max_size=6),
)
point = st.lists(sentence, min_size=1, max_size=4).map(" ".join)


@given(points=st.lists(point, max_size=6), limit=st.integers(0, 400))
def test_shortening_keeps_whole_sentences_from_the_start_and_as_many_as_fit(points, limit) -> None:
    fits = within(limit)
    kept = shorten_points(points, fits)
    assert fits(kept)
    flat = [s for p in points for s in split_sentences(p)]
    kept_flat = [s for p in kept for s in split_sentences(p)]
    if kept and kept[0].endswith(ELLIPSIS):
        words = kept[0].removesuffix(ELLIPSIS).split()
        assert flat[0].split()[: len(words)] == words  # whole words of the first sentence
        assert not fits((flat[0],))
        return
    assert kept_flat == flat[: len(kept_flat)]
    if len(kept_flat) < len(flat):  # the next sentence (and its joining space, if any) would not fit
        assert sum(map(len, kept)) + len(flat[len(kept_flat)]) + 1 > limit


def test_dates_read_the_same_in_every_locale() -> None:
    assert long_date(date(2026, 3, 5)) == "March 5, 2026"


@pytest.mark.parametrize(("url", "shown"), [
    ("https://www.theraleighhouse.com", "www.theraleighhouse.com"),
    ("https://example.org/help/", "example.org/help"),
    ("http://example.org/a?b=c", "example.org/a?b=c"),
])
def test_printed_addresses_drop_the_scheme(url: str, shown: str) -> None:
    assert printable_address(url) == shown


def _with_article(pack: Pack, article) -> Pack:
    return Pack(**{**pack.__dict__, "articles": {**pack.articles, article.slug: article}})
