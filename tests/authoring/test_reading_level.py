"""Reading levels: known texts at known grades in English and Spanish, the sentences that make an
article hard (with their lines), the pack's own limit, the warning `kiosk validate` prints, and the
bundled pack, which must read at grade 8 or below in both languages."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.authoring.reading_checks import pack_reading_levels, read_grade_limit
from kiosk.authoring.reading_level import (
    fernandez_huerta_for_grade,
    grade_for_fernandez_huerta,
    measure,
    sentences_of,
)
from kiosk.content.loader import load_pack
from tests.cli.test_content_commands import kiosk
from tests.conftest import BUNDLED_CONTENT
from tests.helpers.packs import PACK_YAML, article, write_pack

# 6 words of one syllable in one sentence: 0.39 * 6 + 11.8 * 1 - 15.59
SIMPLE = "The cat sat on the mat."
SIMPLE_GRADE = 0.39 * 6 + 11.8 * 1 - 15.59
# 8 words, 31 syllables (com-or-bid, psy-chi-at-ric, con-di-tions, sig-nif-i-cant-ly, com-pli-cate,
# phar-ma-co-log-i-cal, in-ter-ven-tion, strat-e-gies): 0.39 * 8 + 11.8 * 31 / 8 - 15.59
HARD = "Comorbid psychiatric conditions significantly complicate pharmacological intervention strategies."
HARD_GRADE = 0.39 * 8 + 11.8 * 31 / 8 - 15.59
# Spanish, 7 words and 11 syllables (el ga-to co-me pan y be-be le-che) in 2 sentences:
# 206.84 - 60 * 11 / 7 - 1.02 * 7 / 2
SPANISH_EASY = "El gato come pan. Y bebe leche."
SPANISH_EASY_SCORE = 206.84 - 60 * 11 / 7 - 1.02 * 7 / 2


def test_english_texts_at_their_known_grades() -> None:
    simple = measure(SIMPLE, "en")
    hard = measure(HARD, "en")
    assert simple is not None and hard is not None
    assert simple.grade == pytest.approx(SIMPLE_GRADE, abs=0.3)
    assert hard.grade == pytest.approx(HARD_GRADE, abs=2.0)
    assert hard.describe().startswith("grade ") and "Flesch-Kincaid" in hard.describe()


def test_spanish_texts_at_their_known_scores() -> None:
    level = measure(SPANISH_EASY, "es")
    assert level is not None
    assert level.score == pytest.approx(SPANISH_EASY_SCORE, abs=1.0)
    assert level.describe().startswith("Fernández-Huerta ")
    hard = measure(
        "La intervención farmacológica multidisciplinaria complica significativamente las "
        "estrategias terapéuticas convencionales de los profesionales sanitarios especializados.",
        "es",
    )
    assert hard is not None and hard.above(8) and hard.score < 30


def test_the_spanish_scale_maps_grade_8_to_a_score_of_60_and_back() -> None:
    assert fernandez_huerta_for_grade(8) == 60
    assert fernandez_huerta_for_grade(6) == 70
    assert fernandez_huerta_for_grade(9) == pytest.approx(57.5)
    for grade in (4, 5, 6, 7, 8, 10, 12, 14):
        assert grade_for_fernandez_huerta(fernandez_huerta_for_grade(grade)) == pytest.approx(grade)


def test_other_languages_and_empty_bodies_are_not_measured() -> None:
    assert measure("Tôi đi học. Trời đẹp quá hôm nay.", "vi") is None
    assert measure("## Only a heading\n\n| a | b |\n|---|---|\n| 1 | 2 |\n", "en") is None


def test_sentences_keep_their_lines_and_leave_out_headings_tables_and_code() -> None:
    body = (
        "## A heading that is not a sentence\n"   # line 10
        "\n"
        "First sentence here. Second one\n"        # line 12
        "goes on to the next line.\n"
        "\n"
        "- A list item counts as a sentence\n"    # line 15
        "- So does this [linked](other.md) one\n"
        "\n"
        "| a table | row |\n"
        "```\ncode is not prose\n```\n"
        "> A quoted sentence with *emphasis*.\n"  # line 22
    )
    found = [(s.text, s.line) for s in sentences_of(body, first_line=10)]
    assert found == [
        ("First sentence here.", 12),
        ("Second one goes on to the next line.", 12),
        ("A list item counts as a sentence", 15),
        ("So does this linked one", 16),
        ("A quoted sentence with emphasis.", 22),
    ]


def test_the_three_longest_sentences_are_named_longest_first() -> None:
    body = " ".join([
        "Short one here.", "This sentence is the longest of them all by quite a long way, truly.",
        "A middle sized sentence sits here now.", "Tiny.", "This one is fairly long as well, friend.",
    ])
    level = measure(body, "en")
    assert level is not None
    assert [s.words for s in level.longest] == [14, 8, 7]


def hard_article(body_sentences: int = 6) -> str:
    sentence = (
        "Pharmacological interventions for comorbid psychiatric conditions necessitate "
        "comprehensive multidisciplinary evaluation and individualized therapeutic planning. "
    )
    return article(related="second", body=sentence * body_sentences + "\n")


def test_validate_warns_at_the_first_line_and_names_the_longest_sentences(tmp_path: Path) -> None:
    root = write_pack(tmp_path / "pack", articles={
        "first": hard_article(), "second": article(title="Second", related="first"),
    })
    result = kiosk("validate", str(root))
    assert result.returncode == 0, result.stdout + result.stderr
    warning = next(line for line in result.stdout.splitlines() if "reading level is" in line)
    assert warning.startswith("articles/first.md:1: warning: the reading level is grade ")
    assert "harder than grade 8" in warning
    assert warning.count("(14 words)") == 3 and 'line 7 (14 words): "Pharmacological' in warning
    assert "articles/second.md  grade " in result.stderr  # in the table of levels
    assert result.stdout.strip().endswith("ok: 2 articles")


def test_a_pack_sets_its_own_limit(tmp_path: Path) -> None:
    root = write_pack(tmp_path / "pack", PACK_YAML + "authoring:\n  max_grade: 30\n")
    limit = read_grade_limit(root)
    assert limit.grade == 8 and len(limit.problems) == 1
    assert str(limit.problems[0]).startswith("pack.yaml:19: warning: 'authoring.max_grade' must be")
    write_pack(root, PACK_YAML + "authoring:\n  max_grade: 9\n", {
        "first": article(body="We can help. " * 3), "second": article(related="first"),
    })
    loaded = load_pack(root)
    assert loaded.problems == []  # the kiosk knows the key, and ignores it
    assert loaded.pack is not None
    levels = pack_reading_levels(loaded.pack)
    assert levels.limit.grade == 9 and levels.limit.set_by_pack
    assert levels.problems == []


def test_the_bundled_pack_reads_at_grade_8_or_below_in_both_languages() -> None:
    loaded = load_pack(BUNDLED_CONTENT)
    assert loaded.pack is not None
    levels = pack_reading_levels(loaded.pack)
    assert len(levels.levels) == 8
    assert levels.problems == [], [str(p) for p in levels.problems]
    for path, level in levels.levels.items():
        assert level.grade <= 8, f"{path}: {level.describe()}"
