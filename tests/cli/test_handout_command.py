"""`kiosk handout`, run as a real subprocess the way staff and IT run it."""

from __future__ import annotations

from pathlib import Path

from kiosk.cli import build_parser
from kiosk.cli.handout import PAPERS
from tests.cli.test_content_commands import kiosk
from tests.conftest import BUNDLED_CONTENT
from tests.handout.test_layout import page_count, pdf_words, poppler, write_long_takeaway

SLUGS = sorted(p.stem for p in (BUNDLED_CONTENT / "articles").glob("*.md") if "." not in p.stem)


def test_handout_writes_a_one_page_pdf_of_the_article(tmp_path: Path) -> None:
    out = tmp_path / "sheets" / "crisis.pdf"  # a folder that does not exist yet is made
    result = kiosk("handout", "americas-opioid-crisis", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(out)
    assert page_count(out) == 1
    assert "(letter)" in poppler("pdfinfo", str(out))
    assert "America's opioid crisis" in pdf_words(out)


def test_handout_all_writes_one_pdf_per_article_on_a4(tmp_path: Path) -> None:
    result = kiosk("handout", "--all", "--out", str(tmp_path / "all"), "--paper", "a4")
    assert result.returncode == 0, result.stderr
    written = sorted(p.name for p in (tmp_path / "all").iterdir())
    assert written == [f"{slug}.pdf" for slug in SLUGS]
    assert len(result.stdout.splitlines()) == len(SLUGS)
    for pdf in (tmp_path / "all").iterdir():
        assert page_count(pdf) == 1
        assert "(A4)" in poppler("pdfinfo", str(pdf))


def test_a_very_long_takeaway_still_makes_one_page(pack_copy: Path, tmp_path: Path) -> None:
    write_long_takeaway(pack_copy)
    out = tmp_path / "long.pdf"
    result = kiosk("handout", "--content", str(pack_copy), "americas-opioid-crisis", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert page_count(out) == 1
    assert "Shortened to fit one page" in pdf_words(out)


def test_an_unknown_article_is_named_with_the_ones_there_are(tmp_path: Path) -> None:
    out = tmp_path / "x.pdf"
    result = kiosk("handout", "no-such-article", "--out", str(out))
    assert result.returncode == 1
    assert result.stderr.startswith("there is no article 'no-such-article' in this pack")
    assert all(slug in result.stderr for slug in SLUGS)
    assert not out.exists()


def test_a_broken_pack_shows_its_problems(tmp_path: Path) -> None:
    (tmp_path / "pack.yaml").write_text("format: 9\n")
    result = kiosk("handout", "--content", str(tmp_path), "anything", "--out", str(tmp_path / "x.pdf"))
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert lines[0] == f"the content in {tmp_path} cannot be read; fix these problems first:"
    assert any(line.startswith("pack.yaml:1:") for line in lines)


def test_an_out_that_cannot_be_written_is_a_plain_sentence(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    result = kiosk("handout", "americas-opioid-crisis", "--out", str(blocker / "x.pdf"))
    assert result.returncode == 1
    assert result.stderr.strip() == (
        f"cannot write the handout to {blocker / 'x.pdf'}: part of that path is a file, not a folder"
    )
    assert "Traceback" not in result.stderr

    result = kiosk("handout", "americas-opioid-crisis", "--out", str(tmp_path))
    assert result.returncode == 1
    assert "it is a folder; give a file name like" in result.stderr

    result = kiosk("handout", "--all", "--out", str(blocker))
    assert result.returncode == 1
    assert "it is a file; --all needs a folder" in result.stderr
    assert blocker.read_text() == "not a folder"


def test_a_slug_or_all_is_required_but_not_both(tmp_path: Path) -> None:
    assert kiosk("handout", "--out", str(tmp_path / "x.pdf")).returncode == 2
    both = kiosk("handout", "--all", "americas-opioid-crisis", "--out", str(tmp_path))
    assert both.returncode == 2 and "not allowed with argument --all" in both.stderr


def test_the_paper_choices_are_the_sheets_paper_sizes(qapp) -> None:
    from kiosk.handout.layout import PAPER_SIZES

    assert tuple(PAPER_SIZES) == PAPERS
    args = build_parser().parse_args(["handout", "x", "--out", "x.pdf"])
    assert args.paper is None  # the settings' paper, read when the command runs


def test_the_paper_is_the_one_staff_chose_unless_said(tmp_path: Path) -> None:
    """`--paper` defaults to the settings' [printing] paper, as the kiosk prints, not always letter."""
    settings = tmp_path / "settings.toml"
    settings.write_text('[printing]\npaper = "a4"\n', encoding="utf-8")
    chosen = tmp_path / "chosen.pdf"
    result = kiosk("handout", "americas-opioid-crisis", "--out", str(chosen), "--config", str(settings))
    assert result.returncode == 0, result.stderr
    assert "(A4)" in poppler("pdfinfo", str(chosen))
    said = tmp_path / "said.pdf"
    result = kiosk("handout", "americas-opioid-crisis", "--out", str(said), "--config", str(settings),
                   "--paper", "letter")
    assert result.returncode == 0, result.stderr
    assert "(letter)" in poppler("pdfinfo", str(said))
