"""The library's pack format: topics in pack.yaml and the articles, show_from/show_until dates,
and home.featured as a list. Every error and warning at its file and line."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from kiosk.content.loader import load_pack
from kiosk.content.model import Article
from kiosk.content.validation import validate_pack
from tests.helpers.packs import (
    PACK_YAML,
    article,
    assert_error_at,
    assert_plain_sentence,
    assert_problem_form,
    write_pack,
)

TOPICS = """\
topics:
  - id: heart
    title: Heart and blood pressure
  - {id: diabetes, title: Diabetes}
"""
# In PACK_YAML + TOPICS: the lines of the topics' entries.
TOPIC_LINES = {"topics": 18, "heart": 19, "heart.title": 20, "diabetes": 21}


def filed(topics: str = "[heart]", extra: str = "", **kwargs: str) -> str:
    return article(extra=f"topics: {topics}\n{extra}", **kwargs)


def library(tmp_path: Path, pack_yaml: str = PACK_YAML + TOPICS, **articles: str) -> Path:
    chosen = {"first": filed("[heart]"), "second": filed("[diabetes]", title="Second", related="first")}
    chosen.update(articles)
    return write_pack(tmp_path, pack_yaml=pack_yaml, articles=dict(chosen))


def only_warnings(root: Path) -> list[str]:
    result = load_pack(root)
    assert result.errors == [], "\n".join(map(str, result.errors))
    for problem in result.problems:
        assert_problem_form(problem)
        assert_plain_sentence(problem.message)
    return [str(problem) for problem in result.warnings]


def test_topics_and_dates_load_into_the_model(tmp_path: Path) -> None:
    dates = "show_from: 2026-10-01\nshow_until: 2027-03-31\n"
    root = library(tmp_path, first=filed("[heart, diabetes]", dates))
    assert only_warnings(root) == []
    pack = load_pack(root).pack
    assert pack is not None
    assert [(t.id, t.title) for t in pack.topics] == [("heart", "Heart and blood pressure"),
                                                     ("diabetes", "Diabetes")]
    first = pack.articles["first"]
    assert first.topics == ("heart", "diabetes")
    assert (first.show_from, first.show_until) == (date(2026, 10, 1), date(2027, 3, 31))
    assert first.shown_on(date(2026, 10, 1)) and first.shown_on(date(2027, 3, 31))
    assert not first.shown_on(date(2026, 9, 30)) and not first.shown_on(date(2027, 4, 1))
    assert pack.articles.topic_counts(date(2026, 12, 1)) == {"heart": 1, "diabetes": 2}
    assert pack.articles.topic_counts(date(2026, 6, 1)) == {"diabetes": 1}


def test_either_date_alone_is_allowed(tmp_path: Path) -> None:
    root = library(tmp_path, first=filed(extra="show_until: 2026-12-24\n"),
                   second=filed("[diabetes]", "show_from: 2027-01-01\n", title="Second", related="first"))
    assert only_warnings(root) == []
    catalogue = load_pack(root).pack.articles  # type: ignore[union-attr]
    assert catalogue.ordered_slugs(date(2026, 12, 24)) == ["first"]
    assert catalogue.ordered_slugs(date(2026, 12, 25)) == []
    assert catalogue.ordered_slugs(date(2027, 1, 1)) == ["second"]
    assert [h.slug for h in catalogue.hidden(date(2026, 12, 25))] == ["second", "first"]
    assert catalogue.hidden(date(2026, 12, 25))[0].returns_on == date(2027, 1, 1)
    assert catalogue.hidden(date(2026, 12, 25))[1].returns_on is None


def test_an_article_topic_that_is_not_declared_is_an_error_at_its_line(tmp_path: Path) -> None:
    root = library(tmp_path, first=article(extra="topics:\n  - heart\n  - lungs\n"))
    assert_error_at(root, "articles/first.md", 8, "'lungs'", "not declared", "heart, diabetes")


def test_an_article_topic_in_a_pack_without_topics_is_an_error(tmp_path: Path) -> None:
    root = library(tmp_path, pack_yaml=PACK_YAML, second=article(title="Second", related="first"))
    assert_error_at(root, "articles/first.md", 6, "'heart'", "not declared", "none yet")


def test_a_topic_id_that_is_not_lower_case_letters_digits_and_dashes_is_an_error(tmp_path: Path) -> None:
    yaml = PACK_YAML + TOPICS + "  - {id: Older Adults, title: Older adults}\n"
    assert_error_at(library(tmp_path, pack_yaml=yaml), "pack.yaml", 22, "'Older Adults'",
                    "lower-case letters, digits and dashes")


def test_a_topic_declared_twice_is_an_error_at_the_second(tmp_path: Path) -> None:
    yaml = PACK_YAML + TOPICS + "  - {id: heart, title: Hearts again}\n"
    assert_error_at(library(tmp_path, pack_yaml=yaml), "pack.yaml", 22, "'heart'", "declared twice")


def test_a_topic_needs_a_title(tmp_path: Path) -> None:
    yaml = PACK_YAML + TOPICS + "  - {id: lungs}\n"
    assert_error_at(library(tmp_path, pack_yaml=yaml), "pack.yaml", 22, "'topics.title'", "missing")


def test_show_until_before_show_from_is_an_error_at_show_until(tmp_path: Path) -> None:
    root = library(tmp_path, first=filed(extra="show_from: 2027-03-01\nshow_until: 2026-10-01\n"))
    assert_error_at(root, "articles/first.md", 8, "'show_until'", "before", "never be shown")


def test_a_date_that_is_not_a_date_is_an_error(tmp_path: Path) -> None:
    root = library(tmp_path, first=filed(extra="show_from: next spring\n"))
    assert_error_at(root, "articles/first.md", 7, "'show_from'", "YYYY-MM-DD")
    root = library(tmp_path / "b", first=filed(extra="show_until: 2026-02-30\n"))
    assert_error_at(root, "articles/first.md", 7, "date does not exist", "YYYY-MM-DD")


def test_featured_may_be_a_list_and_the_first_shown_is_featured(tmp_path: Path) -> None:
    yaml = PACK_YAML.replace("  featured: first\n", "  featured: [first, second]\n") + TOPICS
    root = library(tmp_path, pack_yaml=yaml, first=filed(extra="show_until: 2026-12-31\n"))
    assert only_warnings(root) == []
    pack = load_pack(root).pack
    assert pack is not None and pack.featured == ("first", "second")
    assert pack.featured_article(date(2026, 12, 31)).slug == "first"
    assert pack.featured_article(date(2027, 1, 1)).slug == "second"


def test_an_unknown_slug_in_a_featured_list_is_an_error_at_its_line(tmp_path: Path) -> None:
    yaml = PACK_YAML.replace("  featured: first\n", "  featured:\n    - first\n    - nope\n") + TOPICS
    assert_error_at(library(tmp_path, pack_yaml=yaml), "pack.yaml", 16, "'home.featured'", "'nope'")


def test_a_featured_list_that_can_never_be_shown_again_is_a_validate_error(tmp_path: Path) -> None:
    yaml = PACK_YAML.replace("  featured: first\n", "  featured: [first, second]\n") + TOPICS
    root = library(
        tmp_path, pack_yaml=yaml, first=filed(extra="show_until: 2026-01-31\n"),
        second=filed("[diabetes]", "show_until: 2026-06-30\n", title="Second", related="first"),
    )
    assert load_pack(root).pack is not None, "loading never refuses a pack for its dates"
    assert validate_pack(root, today=date(2026, 6, 30)).pack is not None
    result = validate_pack(root, today=date(2026, 7, 1))
    assert result.pack is None
    [error] = result.errors
    assert (error.path, error.line) == ("pack.yaml", 14)
    assert "'first' (shown until 2026-01-31)" in error.message and "'second'" in error.message
    assert_plain_sentence(error.message)


def test_a_featured_article_not_shown_today_gives_way_to_the_first_shown(tmp_path: Path) -> None:
    root = library(tmp_path, first=filed(extra="show_from: 2027-01-01\n"))
    pack = load_pack(root).pack
    assert pack is not None
    assert pack.featured_article(date(2026, 12, 1)).slug == "second"
    assert pack.featured_article(date(2027, 1, 1)).slug == "first"


def test_a_declared_topic_with_no_articles_is_a_warning_at_its_line(tmp_path: Path) -> None:
    root = library(tmp_path, second=filed("[heart]", title="Second", related="first"))
    assert only_warnings(root) == [
        f"pack.yaml:{TOPIC_LINES['diabetes']}: warning: no article is filed under the topic "
        "'diabetes'; add 'topics: [diabetes]' to an article, or remove the topic",
    ]


def test_an_article_in_no_topic_is_a_warning_when_the_pack_has_topics(tmp_path: Path) -> None:
    root = library(tmp_path, second=article(title="Second", related="first"),
                   first=filed("[heart, diabetes]"))
    [warning] = only_warnings(root)
    assert warning.startswith("articles/second.md:1: warning: this article is in no topic")
    assert "still found by search and A to Z" in warning


def test_more_than_twelve_articles_and_no_topics_is_a_warning(tmp_path: Path) -> None:
    articles = {f"a{n:02d}": article(title=f"Article {n}", related="a00" if n else "a01") for n in range(13)}
    yaml = PACK_YAML.replace("featured: first", "featured: a00").split("  order:")[0]
    root = write_pack(tmp_path, pack_yaml=yaml, articles=dict(articles))
    [warning] = only_warnings(root)
    assert warning.startswith("pack.yaml:13: warning: the pack has 13 articles and no 'topics'")
    assert "visitors will have to scroll through 13 articles" in warning
    del articles["a12"]
    (root / "articles" / "a12.md").unlink()
    assert only_warnings(root) == []


def test_topic_titles_are_translated_in_the_order_of_the_topics(tmp_path: Path) -> None:
    yaml = (PACK_YAML.replace("format: 1\n", "format: 1\nlanguages: [en, es]\n") + TOPICS
            + "translations:\n  es:\n    title: Paquete\n    topics:\n"
            "      - {title: Corazón y presión arterial}\n      - {title: Diabetes}\n")
    root = library(tmp_path, pack_yaml=yaml)
    pack = load_pack(root).pack
    assert pack is not None
    spanish = pack.localized("es")
    assert [t.title for t in spanish.topics] == ["Corazón y presión arterial", "Diabetes"]
    assert spanish.localized("en").topics[0].title == "Heart and blood pressure"


def test_a_translation_shares_its_originals_topics_and_dates(tmp_path: Path) -> None:
    yaml = (PACK_YAML.replace("format: 1\n", "format: 1\nlanguages: [en, es]\n") + TOPICS
            + "translations:\n  es:\n    title: Paquete\n")
    root = library(tmp_path, pack_yaml=yaml, first=filed(extra="show_until: 2027-03-31\n"))
    (root / "articles" / "first.es.md").write_text(
        article(title="Primero", extra="topics: [diabetes]\n"), encoding="utf-8")
    result = load_pack(root)
    assert result.pack is not None
    translated: Article = result.pack.localized("es").articles["first"]
    assert translated.title == "Primero"
    assert (translated.topics, translated.show_until) == (("heart",), date(2027, 3, 31))
    [warning] = [str(p) for p in result.warnings if "first.es.md" in p.path]
    assert warning.startswith("articles/first.es.md:6: warning: 'topics' comes from the original")
