"""Every statistic of an article (up to four), with its source, is printed on the one page:
articles the bundled pack does not have, with one to four statistics, short and long labels and
no to eight key points, in English and Spanish, on both papers, read back from the PDF."""

from __future__ import annotations

import itertools
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.content.loader import load_pack
from kiosk.content.model import Pack
from kiosk.handout.layout import PAPER_SIZES
from kiosk.ui.shell.language import use_ui_language
from tests.conftest import BUNDLED_CONTENT
from tests.handout.test_layout import laid_out, page_count, pdf_of, pdf_words

SHORT_LABELS = {
    "en": ["of adults had a mental illness", "stronger than morphine", "called the helpline",
           "of deaths involved an opioid"],
    "es": ["de los adultos tuvo una enfermedad mental", "más fuerte que la morfina",
           "llamaron a la línea de ayuda", "de las muertes tuvieron que ver con un opioide"],
}
# Long: a whole sentence of a label, about as long as a statistic's label sensibly gets (the
# longest bundled one is 96 characters).
LONG_LABELS = {
    "en": [
        "of people with a substance use disorder also had a mental illness in the same year, "
        "most without treatment",
        "of the overdose deaths counted in the United States in 2022 involved fentanyl or a "
        "similar synthetic opioid",
        "people called the national helpline for free, confidential help finding treatment "
        "and support groups",
        "of adults who needed treatment for substance use last year did not get it, often "
        "not knowing where to go",
    ],
    "es": [
        "de las personas con un trastorno por uso de sustancias también tuvo una enfermedad "
        "mental el mismo año, casi siempre sin tratamiento",
        "de las muertes por sobredosis contadas en Estados Unidos en 2022 tuvieron que ver con "
        "fentanilo u otro opioide sintético",
        "personas llamaron a la línea nacional de ayuda, gratis y confidencial, para encontrar "
        "tratamiento y grupos de apoyo",
        "de los adultos que necesitaban tratamiento por uso de sustancias el año pasado no lo "
        "recibieron, muchas veces sin saber adónde ir",
    ],
}
VALUES = ["About 1 in 4", "73%", "2.1 million", "3 in 4"]
SOURCES = [
    "Substance Abuse and Mental Health Services Administration (SAMHSA)",
    "Centers for Disease Control and Prevention (CDC)",
    "National Institute on Drug Abuse",
    "National Survey on Drug Use and Health",
]
POINTS = {
    "en": "Key point {n}: treatment works, and asking for help is a strong first step.",
    "es": "Punto clave {n}: el tratamiento funciona, y pedir ayuda es un buen primer paso.",
}
TITLES = {
    "en": "What the numbers say about getting help for substance use",
    "es": "Lo que dicen las cifras sobre buscar ayuda por el uso de sustancias",
}
BODY = {
    "en": "The first paragraph of the article, used when it has no key points.\n\nA second one.\n",
    "es": "El primer párrafo del artículo, usado cuando no tiene puntos clave.\n\nUn segundo.\n",
}
STAT_COUNTS = (1, 2, 3, 4)
LABEL_KINDS = {"short": SHORT_LABELS, "long": LONG_LABELS}
POINT_COUNTS = (0, 3, 8)
SOURCE_WORD = {"en": "Source:", "es": "Fuente:"}


def slug_of(stats: int, labels: str, points: int) -> str:
    return f"sheet-{stats}-stats-{labels}-{points}-points"


def article_text(language: str, stats: int, labels: str, points: int) -> str:
    stat_lines = "".join(
        f'  - {{value: "{VALUES[i]}", label: "{LABEL_KINDS[labels][language][i]}", '
        f'source: "{SOURCES[i]}"}}\n'
        for i in range(stats)
    )
    point_lines = "".join(f'  - "{POINTS[language].format(n=n)}"\n' for n in range(1, points + 1))
    return (
        "---\n"
        f"title: {TITLES[language]}\n"
        f"summary: {'A plain summary that runs onto a second line of the printed sheet. ' * 2}\n"
        f"stats:\n{stat_lines}"
        + (f"takeaway:\n{point_lines}" if points else "")
        + "reviewed: 2026-11-27\n---\n" + BODY[language]
    )


def cases() -> Iterator[tuple[int, str, int]]:
    return itertools.product(STAT_COUNTS, LABEL_KINDS, POINT_COUNTS)


@pytest.fixture(scope="module")
def stats_pack(tmp_path_factory: pytest.TempPathFactory) -> Pack:
    root = tmp_path_factory.mktemp("stats") / "pack"
    shutil.copytree(BUNDLED_CONTENT, root)
    for stats, labels, points in cases():
        for language, suffix in (("en", ""), ("es", ".es")):
            path = root / "articles" / f"{slug_of(stats, labels, points)}{suffix}.md"
            path.write_text(article_text(language, stats, labels, points), encoding="utf-8")
    result = load_pack(root)
    assert result.pack is not None, result.errors
    return result.pack


@pytest.fixture
def sheet_language(request: pytest.FixtureRequest, qapp) -> Iterator[str]:
    """The kiosk's own words on the sheet in the language of the test, English again after."""
    language: str = request.param
    assert use_ui_language(language)
    yield language
    use_ui_language("en")


@pytest.mark.parametrize("paper", PAPER_SIZES)
@pytest.mark.parametrize("sheet_language", ["en", "es"], indirect=True)
def test_every_statistic_and_its_source_is_on_the_one_page(
    stats_pack: Pack, sheet_language: str, paper: str, tmp_path: Path
) -> None:
    pack = stats_pack.localized(sheet_language)
    for stats, labels, points in cases():
        slug = slug_of(stats, labels, points)
        case = f"{slug} in {sheet_language} on {paper}"
        pdf = pdf_of(pack, slug, tmp_path, paper)
        assert page_count(pdf) == 1, case
        words = pdf_words(pdf)
        for stat in pack.articles[slug].stats:
            assert stat.value in words, f"{stat.value} missing in {case}"
            assert stat.label in words, f"{stat.label!r} missing in {case}"
            assert f"{SOURCE_WORD[sheet_language]} {stat.source}" in words, f"{stat.source} in {case}"
        sheet = laid_out(pack, slug, paper)
        assert sheet.stats_shown == stats, case


def test_the_reported_sheet_two_statistics_and_three_short_points_keep_their_points(
    stats_pack: Pack, qapp
) -> None:
    """The issue's article: both statistics, and the three points whole at a reading size."""
    for paper in PAPER_SIZES:
        sheet = laid_out(stats_pack, slug_of(2, "short", 3), paper)
        assert sheet.stats_shown == 2 and not sheet.shortened
        assert len(sheet.points) == 3


def test_statistics_come_before_the_key_points_and_the_help_box_stays_put(stats_pack: Pack, qapp) -> None:
    """Four long statistics and eight points in Spanish: every card shows and the points give
    way; the help box and the QR code are where they are on a sheet with one short statistic."""
    pack = stats_pack.localized("es")
    for paper in PAPER_SIZES:
        crowded = laid_out(pack, slug_of(4, "long", 8), paper)
        assert crowded.stats_shown == 4 and crowded.shortened
        plain = laid_out(pack, slug_of(1, "short", 0), paper)
        for name in ("help", "qr", "footer"):
            assert crowded.region(name).rect == plain.region(name).rect, name
        assert crowded.region("stats").rect.bottom() < crowded.region("help").rect.top()


@pytest.mark.parametrize("paper", PAPER_SIZES)
@pytest.mark.parametrize("sheet_language", ["en", "es"], indirect=True)
def test_the_bundled_sheets_show_every_statistic_in_both_languages(
    sheet_language: str, paper: str, tmp_path: Path
) -> None:
    result = load_pack(BUNDLED_CONTENT)
    assert result.pack is not None
    pack = result.pack.localized(sheet_language)
    for slug, article in pack.articles.items():
        words = pdf_words(pdf_of(pack, slug, tmp_path, paper))
        for stat in article.stats:
            assert stat.value in words and stat.label in words, (slug, stat)
            assert f"{SOURCE_WORD[sheet_language]} {stat.source}" in words, (slug, stat)
        assert laid_out(pack, slug, paper).stats_shown == len(article.stats), slug
