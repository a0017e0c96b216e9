"""Pictures damaged after their header: loading (at every start) reads headers only and passes
them; `kiosk validate` and the review before an install decode every picture to its last byte
and say which one and where: an error for an article's own picture (or the logo), a warning
for one in its text. SVGs the pack's checks pass are also read by Qt's own SVG reader there."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from PIL import Image

from kiosk.content.loader import load_pack
from kiosk.content.pictures import decode_picture, decode_problem, image_problem
from kiosk.content.validation import validate_pack
from kiosk.packs.manifest import SignatureInfo
from kiosk.packs.review import review_pack
from kiosk.ui.widgets.images import qt_svg_problem
from tests.conftest import REPO
from tests.helpers.hostile_files import jpeg, noisy_png
from tests.helpers.packs import assert_plain_sentence

FENTANYL = "articles/what-is-synthetic-fentanyl.md"
CRISIS = "articles/americas-opioid-crisis.md"
NOT_SVG = '<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><svg/></html>'
NO_SIZE_SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="0" height="0"></svg>'


def cut(data: bytes) -> bytes:
    return data[: len(data) * 6 // 10]


def line_of(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text().splitlines(), 1) if text in line)


def use_as_main_picture(root: Path, article: str, name: str) -> None:
    path = root / article
    text = path.read_text()
    start = text.index("image: ")
    end = text.index("\n", start)
    path.write_text(text[:start] + f"image: media/{name}" + text[end:])


def add_to_text(root: Path, article: str, name: str) -> None:
    path = root / article
    path.write_text(path.read_text() + f"\n![A picture](media/{name})\n")


def kiosk_validate(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "kiosk", "validate", str(root)], cwd=REPO,
                          capture_output=True, text=True, timeout=120)


def test_a_cut_off_main_picture_passes_loading_and_fails_validation(pack_copy: Path) -> None:
    (pack_copy / "media" / "cut.jpg").write_bytes(cut(jpeg(1600, 1200)))
    use_as_main_picture(pack_copy, FENTANYL, "cut.jpg")
    assert image_problem(pack_copy / "media" / "cut.jpg", "media/cut.jpg") is None  # header only
    assert load_pack(pack_copy).pack is not None  # the kiosk still starts quickly with it
    result = validate_pack(pack_copy)
    assert result.pack is None
    [error] = result.errors
    assert (error.path, error.line) == (FENTANYL, line_of(pack_copy / FENTANYL, "image: media/cut.jpg"))
    assert "media/cut.jpg" in error.message and "damaged" in error.message
    assert_plain_sentence(error.message)
    done = kiosk_validate(pack_copy)
    assert done.returncode == 1 and f"{FENTANYL}:{error.line}: the image 'media/cut.jpg'" in done.stdout


def test_a_cut_off_picture_in_the_text_is_a_warning_at_its_line(pack_copy: Path) -> None:
    (pack_copy / "media" / "cut.png").write_bytes(cut(noisy_png()))
    add_to_text(pack_copy, CRISIS, "cut.png")
    result = validate_pack(pack_copy)
    assert result.pack is not None and result.errors == []
    [warning] = [p for p in result.warnings if "cut.png" in p.message]
    assert (warning.path, warning.line) == (CRISIS, line_of(pack_copy / CRISIS, "media/cut.png"))
    assert "empty frame" in warning.message


def test_a_translations_own_picture_and_the_logo_are_decoded_too(pack_copy: Path) -> None:
    (pack_copy / "media" / "cut.jpg").write_bytes(cut(jpeg(800, 600)))
    use_as_main_picture(pack_copy, "articles/what-is-synthetic-fentanyl.es.md", "cut.jpg")
    pack_yaml = pack_copy / "pack.yaml"
    pack_yaml.write_text(pack_yaml.read_text().replace("media/logo.svg", "media/cut.jpg"))
    errors = {(p.path, p.line) for p in validate_pack(pack_copy).errors}
    assert errors == {
        ("articles/what-is-synthetic-fentanyl.es.md",
         line_of(pack_copy / "articles/what-is-synthetic-fentanyl.es.md", "image: media/cut.jpg")),
        ("pack.yaml", line_of(pack_yaml, "logo: media/cut.jpg")),
    }


def test_svgs_are_read_by_qt_too_where_it_is_asked(pack_copy: Path) -> None:
    (pack_copy / "media" / "not-svg.svg").write_text(NOT_SVG)
    (pack_copy / "media" / "no-size.svg").write_text(NO_SIZE_SVG)
    add_to_text(pack_copy, CRISIS, "not-svg.svg")
    add_to_text(pack_copy, CRISIS, "no-size.svg")
    plain = {p.message.split("'")[1] for p in validate_pack(pack_copy).warnings if "media/" in p.message}
    assert plain == {"media/not-svg.svg"}  # Python sees the outer element; only Qt sees no size
    with_qt = validate_pack(pack_copy, svg_check=qt_svg_problem).warnings
    said = {p.message.split("'")[1]: p for p in with_qt if "media/" in p.message}
    assert set(said) == {"media/not-svg.svg", "media/no-size.svg"}
    assert "cannot be drawn" in said["media/no-size.svg"].message
    assert "no-size.svg" in kiosk_validate(pack_copy).stdout  # the command asks Qt


def test_the_review_before_an_install_refuses_a_damaged_main_picture(pack_copy: Path, tmp_path: Path) -> None:
    (pack_copy / "media" / "cut.jpg").write_bytes(cut(jpeg(800, 600)))
    use_as_main_picture(pack_copy, FENTANYL, "cut.jpg")
    review = review_pack(pack_copy, None, signature=SignatureInfo(False, "", False),
                         trust_problem=None, trusted_keys_set=False, svg_check=qt_svg_problem)
    assert not review.can_install
    assert any("media/cut.jpg" in str(p) and str(p).startswith(f"{FENTANYL}:") for p in review.errors)


def test_decode_picture_gives_the_raster_at_least_as_large_as_asked(tmp_path: Path) -> None:
    """For a caller that keeps the decoded picture (a compiled pack): JPEGs are decoded at the
    smallest built-in scale that still covers the size asked for; others at full size."""
    photo = tmp_path / "photo.jpg"
    photo.write_bytes(jpeg(4000, 3000))
    decoded = decode_picture(photo, "media/photo.jpg", at_least=(1920, 1080))
    assert decoded.problem is None and decoded.image is not None
    assert decoded.image.size == (2000, 1500)
    decoded.image.close()
    small = decode_picture(photo, "media/photo.jpg")
    assert small.image is not None and small.image.size == (500, 375)
    small.image.close()
    png = tmp_path / "p.png"
    Image.new("RGB", (640, 480)).save(png)
    whole = decode_picture(png, "media/p.png", at_least=(10, 10))
    assert whole.image is not None and whole.image.size == (640, 480)
    whole.image.close()
    svg = tmp_path / "s.svg"
    svg.write_text('<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"/>')
    assert decode_picture(svg, "media/s.svg") == decode_picture(svg, "media/s.svg")
    assert decode_picture(svg, "media/s.svg").image is None


def test_every_bundled_picture_decodes_whole(bundled_content: Path) -> None:
    for path in sorted((bundled_content / "media").iterdir()):
        assert decode_problem(path, path.name) is None, path.name
        assert qt_svg_problem(path, path.name) is None, path.name


def test_a_whole_copy_of_a_damaged_picture_passes_again(pack_copy: Path) -> None:
    """Copying the whole picture again (what the message says) fixes it."""
    whole = jpeg(800, 600)
    (pack_copy / "media" / "cut.jpg").write_bytes(cut(whole))
    use_as_main_picture(pack_copy, FENTANYL, "cut.jpg")
    assert validate_pack(pack_copy).errors
    (pack_copy / "media" / "cut.jpg").write_bytes(whole)
    assert validate_pack(pack_copy).errors == []
