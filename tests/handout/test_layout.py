"""The printed sheet as real PDFs, read back with poppler and a QR reader: one page, every number."""

from __future__ import annotations

import itertools
import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
import zxingcpp
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter

from kiosk.content.loader import load_pack
from kiosk.content.model import Pack
from kiosk.handout.layout import PAPER_SIZES, HandoutLayout, layout_handout
from kiosk.handout.pdf import handout_pdf_bytes, paper_size_dots, render_handout_preview, write_handout_pdf
from kiosk.handout.qr import QUIET_ZONE_MODULES, draw_qr, qr_matrix
from kiosk.handout.sheet import handout_content, split_sentences
from kiosk.handout.text import LAYOUT_DPI, handout_font_family
from tests.conftest import BUNDLED_CONTENT

PRINTED = date(2026, 11, 28)
PAGE_SIZES = {"letter": "612 x 792 pts (letter)", "a4": "595 x 842 pts (A4)"}
LONG_POINT = (
    "Point {n} says something long enough to wrap onto a second line of the sheet. It has a second "
    "sentence, too. And a third one that goes on for a while to take up more space."
)
ARTICLE_URL = "https://www.theraleighhouse.com/blog/americas-opioid-crisis-and-what-is-helping"


def write_long_takeaway(pack_root: Path, slug: str = "americas-opioid-crisis", points: int = 25) -> None:
    """Give one article of a pack copy a takeaway far too long for a page, and its own web address."""
    article = pack_root / "articles" / f"{slug}.md"
    text = article.read_text(encoding="utf-8")
    start, end = text.index("takeaway:"), text.index("reviewed:")
    items = "".join(f'  - "{LONG_POINT.format(n=n)}"\n' for n in range(1, points + 1))
    article.write_text(text[:start] + "takeaway:\n" + items + f"url: {ARTICLE_URL}\n" + text[end:],
                       encoding="utf-8")


def poppler(*args: str) -> str:
    assert shutil.which(args[0]), f"{args[0]} is missing: apt-get install poppler-utils"
    return subprocess.run(args, check=True, capture_output=True, text=True, timeout=60).stdout


def page_count(pdf: Path) -> int:
    return int(re.search(r"^Pages:\s+(\d+)$", poppler("pdfinfo", str(pdf)), re.M).group(1))


def pdf_words(pdf: Path) -> str:
    """The PDF's text with every run of white space made one space (lines wrap anywhere)."""
    return " ".join(poppler("pdftotext", str(pdf), "-").split())


def decode_qr(image: QImage) -> list[str]:
    return [code.text for code in zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)]


def pdf_page_image(pdf: Path, dpi: int = 150) -> QImage:
    stem = pdf.with_suffix("")
    poppler("pdftoppm", "-png", "-r", str(dpi), "-singlefile", str(pdf), str(stem))
    return QImage(str(stem) + ".png")


@pytest.fixture(scope="module")
def pack() -> Pack:
    return load(BUNDLED_CONTENT)


def load(root: Path) -> Pack:
    result = load_pack(root)
    assert result.pack is not None, result.errors
    return result.pack


@pytest.fixture
def long_pack(pack_copy: Path) -> Pack:
    write_long_takeaway(pack_copy)
    return load(pack_copy)


def pdf_of(pack: Pack, slug: str, folder: Path, paper: str = "letter") -> Path:
    return write_handout_pdf(pack, slug, folder / f"{slug}-{paper}.pdf", paper=paper, printed_on=PRINTED)


def laid_out(pack: Pack, slug: str, paper: str = "letter") -> HandoutLayout:
    content = handout_content(pack, slug, printed_on=PRINTED)
    return layout_handout(content, paper_size_dots(paper), handout_font_family())


@pytest.mark.parametrize("paper", PAPER_SIZES)
def test_every_bundled_article_is_one_page_of_the_chosen_paper(qapp, pack, tmp_path, paper) -> None:
    for slug in pack.articles:
        pdf = pdf_of(pack, slug, tmp_path, paper)
        assert page_count(pdf) == 1, slug
        assert PAGE_SIZES[paper] in poppler("pdfinfo", str(pdf))


def test_the_sheet_says_what_a_patient_needs(qapp, pack, tmp_path) -> None:
    for article in pack.ordered_articles():
        words = pdf_words(pdf_of(pack, article.slug, tmp_path))
        assert article.title in words
        assert "720-891-4657" in words
        help_box = words[words.index("Where to get help"):words.index("Printed ")]
        for line in pack.help.lines:  # pdftotext may read the numbers' column after the labels'
            assert line.label in help_box and line.number in help_box, line
        for stat in article.stats:
            assert stat.value in words and stat.label in words
            assert f"Source: {stat.source}" in words, stat.source
        for point in article.takeaway:  # the bundled articles fit whole
            assert point in words
        assert "988 Suicide & Crisis Lifeline" in help_box
        assert "Printed November 28, 2026" in words
        assert "Content last reviewed November 27, 2026" in words
        assert "Shortened to fit" not in words


def test_the_qr_code_on_paper_opens_the_clinic_website(qapp, pack, tmp_path) -> None:
    pdf = pdf_of(pack, "dual-diagnosis-heroin-depression", tmp_path)
    assert decode_qr(pdf_page_image(pdf)) == ["https://www.theraleighhouse.com"]
    assert "www.theraleighhouse.com" in pdf_words(pdf)


def test_the_qr_code_opens_the_article_when_it_has_an_address(qapp, long_pack, tmp_path) -> None:
    pdf = pdf_of(long_pack, "americas-opioid-crisis", tmp_path, "a4")
    assert decode_qr(pdf_page_image(pdf)) == [ARTICLE_URL]
    assert "Scan to read the whole article" in pdf_words(pdf)


def test_the_drawn_code_is_segnos_matrix_with_a_quiet_zone(qapp) -> None:
    matrix = qr_matrix(ARTICLE_URL)
    module = 10
    side = (len(matrix) + 2 * QUIET_ZONE_MODULES) * module
    image = QImage(side + 40, side + 40, QImage.Format.Format_RGB32)
    image.fill(QColor("#808080"))  # grey around it: the quiet zone must be painted white
    painter = QPainter(image)
    draw_qr(painter, matrix, QRectF(20, 20, side, side))
    painter.end()

    def centre(row: int, column: int) -> tuple[int, int]:
        return (20 + (column + QUIET_ZONE_MODULES) * module + module // 2,
                20 + (row + QUIET_ZONE_MODULES) * module + module // 2)

    def dark(row: int, column: int) -> bool:
        return QColor(image.pixel(*centre(row, column))).lightness() < 128

    size = len(matrix)
    assert [[dark(r, c) for c in range(size)] for r in range(size)] == matrix
    quiet = range(-QUIET_ZONE_MODULES, size + QUIET_ZONE_MODULES)
    for r, c in itertools.product(quiet, quiet):
        if not (0 <= r < size and 0 <= c < size):
            assert not dark(r, c) and QColor(image.pixel(*centre(r, c))) == QColor("white")


@pytest.mark.parametrize("paper", PAPER_SIZES)
def test_a_very_long_takeaway_is_cut_between_sentences_to_one_page(qapp, long_pack, tmp_path, paper) -> None:
    pdf = pdf_of(long_pack, "americas-opioid-crisis", tmp_path, paper)
    assert page_count(pdf) == 1
    sheet = laid_out(long_pack, "americas-opioid-crisis", paper)
    original = long_pack.articles["americas-opioid-crisis"].takeaway
    assert sheet.shortened and 1 <= len(sheet.points) < len(original)
    for kept, whole in zip(sheet.points, original, strict=False):
        sentences = split_sentences(kept)
        assert split_sentences(whole)[: len(sentences)] == sentences  # whole sentences, from the start
    words = pdf_words(pdf)
    assert all(point in words for point in sheet.points)
    assert "Point 25" not in words
    assert "Shortened to fit one page. The whole article is at the web address below." in words
    assert "Where to get help" in words and "1-800-662-4357" in words  # the box is never pushed off


def regions_of_every_sheet(pack: Pack, long_pack: Pack):
    for paper, (source, slug) in itertools.product(PAPER_SIZES, [
        *((pack, slug) for slug in pack.articles), (long_pack, "americas-opioid-crisis"),
    ]):
        yield f"{slug} on {paper}", laid_out(source, slug, paper)


def test_no_part_overlaps_another_or_the_margins(qapp, pack, long_pack) -> None:
    for name, sheet in regions_of_every_sheet(pack, long_pack):
        inside = sheet.page.adjusted(sheet.margin, sheet.margin, -sheet.margin, -sheet.margin)
        for region in sheet.regions:
            assert inside.contains(region.rect), f"{region.name} leaves the margins in {name}"
        for one, other in itertools.combinations(sheet.regions, 2):
            assert not one.rect.intersects(other.rect), f"{one.name} overlaps {other.name} in {name}"
        names = {region.name for region in sheet.regions}
        assert {"header", "title", "summary", "points", "stats", "help", "qr", "footer"} <= names


def test_fitting_is_the_same_every_time(qapp, long_pack) -> None:
    first = laid_out(long_pack, "americas-opioid-crisis")
    again = laid_out(long_pack, "americas-opioid-crisis")
    assert first.points == again.points
    assert [r.rect for r in first.regions] == [r.rect for r in again.regions]


def test_the_preview_is_the_same_sheet_on_a_white_image(qapp, pack) -> None:
    image = render_handout_preview(pack, "americas-opioid-crisis", width_px=1275, printed_on=PRINTED)
    assert (image.width(), image.height()) == (1275, 1650)  # letter at 150 dpi
    assert decode_qr(image) == ["https://www.theraleighhouse.com"]
    sheet = laid_out(pack, "americas-opioid-crisis")
    scale = 1275 / sheet.page.width()
    for region in sheet.regions:
        assert ink_in(image, region.rect, scale) > 0, f"nothing drawn for {region.name}"
    top_margin = QRectF(0, 0, sheet.page.width(), sheet.margin)
    assert ink_in(image, top_margin, scale) == 0


def ink_in(image: QImage, rect, scale: float) -> int:
    """How many sampled pixels in `rect` (layout dots) are darker than light grey."""
    left, top = int(rect.left() * scale), int(rect.top() * scale)
    right, bottom = int(rect.right() * scale), int(rect.bottom() * scale)
    return sum(
        1
        for x in range(left, right, 2)
        for y in range(top, bottom, 2)
        if QColor(image.pixel(x, y)).lightness() < 200
    )


def test_the_pdf_is_small_and_embeds_only_the_kiosk_typeface(qapp, pack, tmp_path) -> None:
    pdf = pdf_of(pack, "dual-diagnosis-heroin-depression", tmp_path)
    assert pdf.stat().st_size < 300 * 1024
    fonts = poppler("pdffonts", str(pdf)).splitlines()[2:]
    assert 1 <= len(fonts) <= 3, fonts  # regular, bold, italic at most
    for line in fonts:
        assert "AtkinsonHyperlegible" in line and " yes " in line, line  # embedded (as a subset)


def test_a_photo_logo_goes_in_as_a_modest_image(qapp, pack_copy, tmp_path) -> None:
    logo = QImage(3000, 2000, QImage.Format.Format_RGB32)
    logo.fill(QColor("white"))
    for x, y in itertools.product(range(3000), range(0, 2000, 250)):
        logo.setPixelColor(x, y, QColor(x % 256, 90, 160))
    logo.save(str(pack_copy / "media" / "logo.png"))
    yaml = pack_copy / "pack.yaml"
    yaml.write_text(yaml.read_text().replace("media/logo.svg", "media/logo.png"))
    pdf = pdf_of(load(pack_copy), "americas-opioid-crisis", tmp_path)
    images = poppler("pdfimages", "-list", str(pdf)).splitlines()[2:]
    assert len(images) == 1
    width, height = (int(v) for v in images[0].split()[3:5])
    assert max(width, height) <= round(0.75 * LAYOUT_DPI)  # drawn 0.75 in wide: 300 dpi at most
    assert pdf.stat().st_size < 300 * 1024


def test_a_plain_pack_gets_a_plain_sheet(qapp, pack_copy, tmp_path) -> None:
    """No logo, no website, no statistics, no takeaway: still one tidy page, the help box full width."""
    yaml = pack_copy / "pack.yaml"
    text = yaml.read_text().replace("  website: https://www.theraleighhouse.com\n", "")
    yaml.write_text(text.replace("  logo: media/logo.svg\n", ""))
    article = pack_copy / "articles" / "what-is-synthetic-fentanyl.md"
    text = article.read_text()
    text = text[: text.index("stats:")] + text[text.index("related:"):]
    article.write_text(text[: text.index("takeaway:")] + text[text.index("reviewed:"):])
    plain = load(pack_copy)
    sheet = laid_out(plain, "what-is-synthetic-fentanyl")
    names = [region.name for region in sheet.regions]
    assert "qr" not in names and "stats" not in names
    assert sheet.region("help").rect.width() == pytest.approx(sheet.page.width() - 2 * sheet.margin)
    pdf = pdf_of(plain, "what-is-synthetic-fentanyl", tmp_path)
    assert page_count(pdf) == 1
    words = pdf_words(pdf)
    assert "FROM THE ARTICLE" in words and "Fentanyl is a synthetic opioid." in words
    assert "Scan to" not in words


def test_pdf_bytes_are_a_pdf_and_an_unknown_paper_is_refused(qapp, pack) -> None:
    assert handout_pdf_bytes(pack, "americas-opioid-crisis", printed_on=PRINTED).startswith(b"%PDF-")
    with pytest.raises(ValueError, match="letter, a4"):
        handout_pdf_bytes(pack, "americas-opioid-crisis", paper="legal")


def test_the_paper_sizes_match_the_printing_setting() -> None:
    from kiosk.settings.declared import describe_settings

    paper = next(spec for spec in describe_settings() if spec.attribute == "paper")
    assert tuple(PAPER_SIZES) == paper.choices
