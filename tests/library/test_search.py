"""Search: what a visitor types and the article that must come first, in English and Spanish,
on the compiled form and on a pack in memory alike; and the ranking's rules."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from kiosk.content.model import Pack
from kiosk.library.search import Searcher, searcher_for
from tests.helpers.library import compiled, loaded, write_library

DAY = date(2026, 12, 3)

FIRST = [  # (language, typed, the article that must come first)
    ("en", "heart", "heart-health"),
    ("en", "HEART", "heart-health"),
    ("en", "diab", "diabetes-basics"),  # a word's start, while it is typed
    ("en", "diabetes", "diabetes-basics"),
    ("en", "vaccines", "flu-vaccine"),  # another form of the word (Snowball)
    ("en", "vaccination", "flu-vaccine"),
    ("en", "diabetis", "diabetes-basics"),  # one letter wrong
    ("en", "presure", "heart-health"),  # one letter missing
    ("en", "pressuure", "heart-health"),  # one letter extra
    ("en", "kidneys", "kidney-care"),
    ("en", "walking heart", "walking"),  # every word, in any field
    ("es", "corazon", "heart-health"),  # without its accent
    ("es", "Corazón", "heart-health"),
    ("es", "vacunas", "flu-vaccine"),  # "vacunas" finds "vacuna"
    ("es", "vacuna", "flu-vaccine"),
    ("es", "gripe", "flu-vaccine"),
]


@pytest.fixture(scope="module", params=["compiled", "memory"])
def pack(request, tmp_path_factory) -> Pack:
    folder = tmp_path_factory.mktemp("library")
    root = write_library(folder / "pack")
    return compiled(root, folder / "data") if request.param == "compiled" else loaded(root)


@pytest.fixture(scope="module")
def searcher(pack: Pack) -> Searcher:
    return searcher_for(pack)


@pytest.mark.parametrize(("language", "typed", "first"), FIRST)
def test_the_right_article_comes_first(searcher: Searcher, language: str, typed: str, first: str) -> None:
    found = searcher.search(typed, language, DAY).found
    assert found, f"{typed!r} found nothing"
    assert found[0].slug == first, [r.slug for r in found]


def test_titles_and_topics_rank_above_a_word_deep_in_a_body(searcher: Searcher) -> None:
    """'pressure' is in a heart article's title and deep in the kidneys article's body (after a
    long paragraph): the title wins; the body still counts."""
    slugs = [r.slug for r in searcher.search("pressure", "en", DAY).found]
    assert slugs[0] == "heart-health"
    assert "kidney-care" in slugs
    assert slugs.index("kidney-care") > slugs.index("heart-health")


def test_a_topic_title_finds_the_articles_filed_under_it(searcher: Searcher) -> None:
    slugs = {r.slug for r in searcher.search("prevention", "en", DAY).found}
    assert slugs == {"flu-vaccine"}


def test_nothing_found_is_an_empty_list_not_an_error(searcher: Searcher) -> None:
    results = searcher.search("xyzzy", "en", DAY)
    assert results.found == []
    assert searcher.search("", "en", DAY).found == []
    assert searcher.search("  ¿¡!  ", "en", DAY).found == []


def test_when_no_article_has_every_word_those_with_some_are_listed(searcher: Searcher) -> None:
    results = searcher.search("kidneys xyzzy", "en", DAY)
    assert not results.every_word
    assert [r.slug for r in results.found] == ["kidney-care"]


def test_the_matching_words_are_marked_in_bold(searcher: Searcher) -> None:
    results = searcher.search("diab", "en", DAY)
    assert results.marked("Diabetes basics & more") == "<b>Diabetes</b> basics &amp; more"
    spanish = searcher.search("corazon", "es", DAY)
    assert spanish.marked("Su corazón") == "Su <b>corazón</b>"
    fuzzy = searcher.search("presure", "en", DAY)
    assert "<b>pressure</b>" in fuzzy.marked("Blood pressure")


def test_short_words_are_not_guessed_at(searcher: Searcher) -> None:
    """One letter away is a different word for short words ("hart", "flu"): no guessing below
    five letters."""
    assert searcher.search("hart", "en", DAY).found == []


def test_spanish_finds_translations_and_the_originals_without_one(searcher: Searcher) -> None:
    titles = [r.title for r in searcher.search("kidneys", "es", DAY).found]
    assert titles == ["Looking after your kidneys"]  # no Spanish text: the English one
    titles = [r.title for r in searcher.search("vacuna", "es", DAY).found]
    assert titles[0] == "La vacuna contra la gripe"


def test_hidden_articles_are_never_found(tmp_path: Path) -> None:
    root = write_library(tmp_path / "pack", {"flu-vaccine": "show_from: 2027-10-01\n"})
    for pack in (compiled(root, tmp_path / "data"), loaded(root)):
        searcher = searcher_for(pack)
        before = [r.slug for r in searcher.search("vaccine", "en", date(2027, 9, 30)).found]
        assert before == ["walking"]  # it mentions vaccines in passing; the flu vaccine is hidden
        after = [r.slug for r in searcher.search("vaccine", "en", date(2027, 10, 1)).found]
        assert after == ["flu-vaccine", "walking"]
