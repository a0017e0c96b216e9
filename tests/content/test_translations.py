"""Translated packs: `languages` and `translations` in pack.yaml, `articles/SLUG.LANG.md`.

Each test writes a small pack with a Spanish translation and breaks one thing in it; the line
numbers in the templates below are part of the tests (keep the comments in step with the text).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.content.loader import LoadResult, load_pack
from kiosk.content.model import Pack
from kiosk.content.problems import Problem, Severity
from kiosk.content.translations import numbers_in
from kiosk.content.validation import validate_pack
from tests.helpers.packs import (
    ARTICLE_LINES,
    article,
    assert_error_at,
    assert_plain_sentence,
    assert_problem_form,
    default_articles,
    write_pack,
)

# Line numbers in BILINGUAL_PACK_YAML.
LINES = {"languages": 5, "translations": 19, "translations.es": 20, "help.lines.es.1": 26}
BILINGUAL_PACK_YAML = """\
format: 1
id: test-pack
version: "1"
title: Test pack
languages: [en, es]
organization:
  name: Test Clinic
  phone: "555-0100"
help:
  heading: Need help?
  text: Calls are free.
  lines:
    - label: Front desk
      number: "555-0100"
    - label: Crisis line
      number: "988"
home:
  featured: first
translations:
  es:
    title: Paquete de prueba
    help:
      heading: ¿Necesita ayuda?
      lines:
        - label: Recepción
        - label: Línea de crisis
"""

STAT = '  - {value: "2x", label: twice as likely, source: NIDA}\n'
SPANISH_STAT = '  - {value: "2x", label: el doble de probable, source: NIDA}\n'
# Line numbers in an article made by `article(extra="stats:\n" + one stat line)`.
STATS_LINES = {"related": 4, "stats": 6, "stats.0": 7}


def spanish_first(extra: str = "", related: str = "second", body: str = "Texto.\n") -> str:
    return article(
        title="Primer artículo", summary="Un resumen corto.", related=related, extra=extra,
        body=body,
    )


def bilingual_pack(
    root: Path, extra: dict[str, str] | None = None, pack_yaml: str = BILINGUAL_PACK_YAML
) -> Path:
    """The bilingual pack with first and second, and `extra` articles (default: first.es)."""
    articles: dict[str, str | bytes] = dict(default_articles())
    articles.update({"first.es": spanish_first()} if extra is None else extra)
    return write_pack(root, pack_yaml=pack_yaml, articles=articles)


def loaded(root: Path) -> tuple[LoadResult, Pack]:
    result = load_pack(root)
    for problem in result.problems:
        assert_problem_form(problem)
        assert_plain_sentence(problem.message)
    assert result.pack is not None, "\n".join(map(str, result.errors))
    return result, result.pack


def one_warning(result: LoadResult) -> Problem:
    assert result.errors == [], "\n".join(map(str, result.errors))
    assert len(result.warnings) == 1, "\n".join(map(str, result.warnings))
    warning = result.warnings[0]
    assert warning.severity is Severity.WARNING
    return warning


# ---------------------------------------------------------------------------------------------
# Packs that load


def test_a_pack_without_languages_is_english_only(tmp_path: Path) -> None:
    result, pack = loaded(write_pack(tmp_path))
    assert result.problems == []
    assert pack.languages == ("en",)
    assert pack.language == pack.default_language == "en"
    assert pack.translations == {} and pack.texts == {}
    assert pack.localized("es") is pack
    assert pack.localized("en") is pack
    assert pack.untranslated("es") == set()


def test_localized_pack_has_the_translated_title_help_and_articles(tmp_path: Path) -> None:
    result, pack = loaded(bilingual_pack(tmp_path))
    assert result.problems == []
    assert pack.languages == ("en", "es")
    assert pack.language == "en"
    assert pack.title == "Test pack"
    assert pack.articles["first"].title == "First article"
    spanish = pack.localized("es")
    assert spanish.language == "es"
    assert spanish.title == "Paquete de prueba"
    assert spanish.help.heading == "¿Necesita ayuda?"
    assert spanish.help.text == "Calls are free."  # left out: stays in the first language
    assert [(line.label, line.number) for line in spanish.help.lines] == [
        ("Recepción", "555-0100"), ("Línea de crisis", "988"),
    ]
    first = spanish.articles["first"]
    assert first.title == "Primer artículo" and first.slug == "first"
    assert first.source_path == tmp_path / "articles" / "first.es.md"
    assert first.body_first_line == ARTICLE_LINES["body"]
    assert spanish.articles["second"] is pack.articles["second"]
    assert [a.slug for a in spanish.ordered_articles()] == ["first", "second"]
    assert spanish.featured_article().title == "Primer artículo"


def test_untranslated_articles_fall_back_to_the_first_language(tmp_path: Path) -> None:
    _result, pack = loaded(bilingual_pack(tmp_path))
    assert pack.untranslated("es") == {"second"}
    assert pack.localized("es").untranslated("es") == {"second"}
    assert pack.untranslated("en") == set()
    assert pack.untranslated("fr") == set()


def test_switching_back_and_forth_between_languages(tmp_path: Path) -> None:
    _result, pack = loaded(bilingual_pack(tmp_path))
    spanish = pack.localized("es")
    assert spanish.localized("es") is spanish
    assert spanish.localized("en") is pack
    assert spanish.localized("fr") is spanish
    assert spanish.localized("en").localized("es") == spanish


def test_a_translation_file_is_not_an_article_of_its_own(tmp_path: Path) -> None:
    _result, pack = loaded(bilingual_pack(tmp_path))
    assert sorted(pack.articles) == ["first", "second"]
    assert sorted(pack.translations["es"]) == ["first"]


# ---------------------------------------------------------------------------------------------
# Translation files that are wrong


def test_translation_into_a_language_the_pack_does_not_list(tmp_path: Path) -> None:
    bilingual_pack(tmp_path, {"first.fr": spanish_first()})
    assert_error_at(tmp_path, "articles/first.fr.md", 1, "'fr'", "en, es", "languages")


def test_translation_in_a_pack_without_languages(tmp_path: Path) -> None:
    articles: dict[str, str | bytes] = dict(default_articles())
    articles["first.es"] = spanish_first()
    write_pack(tmp_path, articles=articles)
    assert_error_at(tmp_path, "articles/first.es.md", 1, "'es'", "languages")


def test_translation_without_an_original(tmp_path: Path) -> None:
    bilingual_pack(tmp_path, {"third.es": spanish_first()})
    assert_error_at(tmp_path, "articles/third.es.md", 1, "'third'", "no articles/third.md")


def test_translation_into_the_first_language(tmp_path: Path) -> None:
    bilingual_pack(tmp_path, {"first.en": spanish_first()})
    assert_error_at(tmp_path, "articles/first.en.md", 1, "first language", "articles/first.md")


def test_badly_named_translation_file(tmp_path: Path) -> None:
    bilingual_pack(tmp_path, {"first.es.old": spanish_first()})
    assert_error_at(tmp_path, "articles/first.es.old.md", 1, "lower-case", ".es.md")


def test_problem_inside_a_translation_names_the_translation(tmp_path: Path) -> None:
    bilingual_pack(tmp_path, {"first.es": spanish_first(related="nowhere")})
    assert_error_at(
        tmp_path, "articles/first.es.md", ARTICLE_LINES["related.0"], "'nowhere'",
        "no articles/nowhere.md",
    )


# ---------------------------------------------------------------------------------------------
# languages and translations in pack.yaml


def test_language_code_must_be_letters(tmp_path: Path) -> None:
    english_only = BILINGUAL_PACK_YAML.split("translations:")[0]
    yaml = english_only.replace("languages: [en, es]", "languages: [en, Spanish]")
    bilingual_pack(tmp_path, extra={}, pack_yaml=yaml)
    assert_error_at(tmp_path, "pack.yaml", LINES["languages"], "'Spanish'", "language code")


def test_language_listed_twice(tmp_path: Path) -> None:
    yaml = BILINGUAL_PACK_YAML.replace("languages: [en, es]", "languages: [en, es, es]")
    bilingual_pack(tmp_path, pack_yaml=yaml)
    assert_error_at(tmp_path, "pack.yaml", LINES["languages"], "'es'", "twice")


def test_translations_for_a_language_not_listed(tmp_path: Path) -> None:
    yaml = BILINGUAL_PACK_YAML + "  fr:\n    title: Paquet de test\n"
    bilingual_pack(tmp_path, pack_yaml=yaml)
    assert_error_at(
        tmp_path, "pack.yaml", len(yaml.splitlines()) - 1, "'translations.fr'", "en, es",
    )


def test_translations_for_the_first_language_are_ignored_with_a_warning(tmp_path: Path) -> None:
    yaml = BILINGUAL_PACK_YAML + "  en:\n    title: Other title\n"
    result, pack = loaded(bilingual_pack(tmp_path, pack_yaml=yaml))
    warning = one_warning(result)
    assert (warning.path, warning.line) == ("pack.yaml", len(yaml.splitlines()) - 1)
    assert "first language" in warning.message and "ignored" in warning.message
    assert pack.title == "Test pack"


def test_a_language_without_translated_pack_text_is_a_warning(tmp_path: Path) -> None:
    yaml = BILINGUAL_PACK_YAML.split("translations:")[0]
    result, pack = loaded(bilingual_pack(tmp_path, pack_yaml=yaml))
    warning = one_warning(result)
    assert (warning.path, warning.line) == ("pack.yaml", LINES["languages"])
    assert "'es'" in warning.message
    spanish = pack.localized("es")
    assert spanish.title == "Test pack" and spanish.help == pack.help
    assert spanish.articles["first"].title == "Primer artículo"


def test_help_line_numbers_are_not_translated(tmp_path: Path) -> None:
    yaml = BILINGUAL_PACK_YAML.replace(
        "        - label: Línea de crisis\n",
        "        - label: Línea de crisis\n          number: \"911\"\n",
    )
    result, pack = loaded(bilingual_pack(tmp_path, pack_yaml=yaml))
    warning = one_warning(result)
    assert (warning.path, warning.line) == ("pack.yaml", LINES["help.lines.es.1"] + 1)
    assert "same in every language" in warning.message
    assert pack.localized("es").help.lines[1].number == "988"


def test_more_help_labels_than_lines(tmp_path: Path) -> None:
    yaml = BILINGUAL_PACK_YAML + "        - label: Otra línea\n"
    result, pack = loaded(bilingual_pack(tmp_path, pack_yaml=yaml))
    warning = one_warning(result)
    assert (warning.path, warning.line) == ("pack.yaml", len(yaml.splitlines()))
    assert "ignored" in warning.message
    assert len(pack.localized("es").help.lines) == 2


def test_fewer_help_labels_keep_the_first_language(tmp_path: Path) -> None:
    yaml = BILINGUAL_PACK_YAML.replace("        - label: Línea de crisis\n", "")
    result, pack = loaded(bilingual_pack(tmp_path, pack_yaml=yaml))
    warning = one_warning(result)
    assert (warning.path, warning.line) == ("pack.yaml", LINES["help.lines.es.1"] - 2)
    labels = [line.label for line in pack.localized("es").help.lines]
    assert labels == ["Recepción", "Crisis line"]


# ---------------------------------------------------------------------------------------------
# A translation that differs from its original (warnings: the pack still shows)


def stats_pack(root: Path, original_stat: str, spanish_stats: str, spanish_related: str) -> Path:
    return bilingual_pack(root, {
        "first": article(extra="stats:\n" + original_stat),
        "first.es": spanish_first(extra="stats:\n" + spanish_stats, related=spanish_related),
    })


def test_matching_statistics_and_related_links_give_no_warning(tmp_path: Path) -> None:
    result, _pack = loaded(stats_pack(tmp_path, STAT, SPANISH_STAT, "second"))
    assert result.problems == []


def test_a_statistic_with_another_value(tmp_path: Path) -> None:
    changed = SPANISH_STAT.replace('"2x"', '"3x"')
    result, pack = loaded(stats_pack(tmp_path, STAT, changed, "second"))
    warning = one_warning(result)
    assert (warning.path, warning.line) == ("articles/first.es.md", STATS_LINES["stats.0"])
    assert "'3x'" in warning.message and "'2x'" in warning.message
    assert "articles/first.md" in warning.message
    assert pack.localized("es").articles["first"].stats[0].value == "3x"


def test_a_statistic_with_another_source(tmp_path: Path) -> None:
    changed = SPANISH_STAT.replace("source: NIDA", "source: CDC")
    result, _pack = loaded(stats_pack(tmp_path, STAT, changed, "second"))
    warning = one_warning(result)
    assert (warning.path, warning.line) == ("articles/first.es.md", STATS_LINES["stats.0"])
    assert "'CDC'" in warning.message and "'NIDA'" in warning.message


def test_a_missing_statistic(tmp_path: Path) -> None:
    result, _pack = loaded(stats_pack(tmp_path, STAT + STAT, SPANISH_STAT, "second"))
    warning = one_warning(result)
    assert (warning.path, warning.line) == ("articles/first.es.md", STATS_LINES["stats"])
    assert "1 statistic but" in warning.message and "has 2" in warning.message


def test_different_related_links(tmp_path: Path) -> None:
    bilingual_pack(tmp_path, {
        "third": article(title="Third", related="first"),
        "first.es": spanish_first(related="third"),
    })
    result, _pack = loaded(tmp_path)
    warning = one_warning(result)
    assert (warning.path, warning.line) == ("articles/first.es.md", STATS_LINES["related"])
    assert "lists third" in warning.message and "lists second" in warning.message


def test_validate_names_the_translation_for_a_broken_link(tmp_path: Path) -> None:
    body = "Lea [otro](nowhere.md).\n"
    bilingual_pack(tmp_path, {"first.es": spanish_first(body=body)})
    result = validate_pack(tmp_path)
    assert result.errors == []
    assert [(p.path, p.line) for p in result.warnings] == [
        ("articles/first.es.md", ARTICLE_LINES["body"]),
    ]
    assert "nowhere.md" in result.warnings[0].message


# ---------------------------------------------------------------------------------------------
# The bundled pack


def test_bundled_pack_is_fully_translated_into_spanish(bundled_content: Path) -> None:
    result = validate_pack(bundled_content)
    assert result.problems == [], "\n".join(map(str, result.problems))
    pack = result.pack
    assert pack is not None
    assert pack.languages == ("en", "es")
    assert pack.untranslated("es") == set()
    spanish = pack.localized("es")
    assert spanish.title != pack.title and spanish.help.heading != pack.help.heading
    assert [line.number for line in spanish.help.lines] == [line.number for line in pack.help.lines]
    assert all(a.label != b.label for a, b in zip(spanish.help.lines, pack.help.lines, strict=True))
    assert sorted(spanish.articles) == sorted(pack.articles)
    for slug, original in pack.articles.items():
        translated = spanish.articles[slug]
        assert translated.source_path.name == f"{slug}.es.md"
        assert translated.title != original.title and translated.summary != original.summary
        assert len(translated.takeaway) == len(original.takeaway)
        assert translated.related == original.related
        assert [(numbers_in(s.value), s.source) for s in translated.stats] == [
            (numbers_in(s.value), s.source) for s in original.stats
        ]
        assert translated.image == original.image and translated.image_alt


@pytest.mark.parametrize(("original", "translated"), [
    ("Up to 50x", "Hasta 50 veces"),
    ("3 in 4", "3 de cada 4"),
    ("About 80,000", "Unas 80 000"),
    ("1.5 million", "1,5 millones"),
    ("23%", "23 %"),
])
def test_a_statistic_may_put_its_numbers_in_other_words(original: str, translated: str) -> None:
    assert numbers_in(original) == numbers_in(translated)


@pytest.mark.parametrize(("original", "translated"), [
    ("Up to 50x", "Hasta 5 veces"), ("3 in 4", "3 de cada 5"), ("About 80,000", "Unas 8000"),
])
def test_a_statistic_with_other_numbers_is_different(original: str, translated: str) -> None:
    assert numbers_in(original) != numbers_in(translated)


def test_a_value_in_other_words_gives_no_warning(tmp_path: Path) -> None:
    changed = SPANISH_STAT.replace('"2x"', '"2 veces"')
    result, _pack = loaded(stats_pack(tmp_path, STAT, changed, "second"))
    assert result.problems == []
