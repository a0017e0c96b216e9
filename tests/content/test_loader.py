"""Loading packs: the bundled pack loads, and every validation error names its exact file and line.

Each test writes a small valid pack (tests/helpers/packs.py) and breaks exactly one thing in it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from kiosk.content.articles import MAX_SUMMARY_CHARS
from kiosk.content.loader import load_pack
from kiosk.content.pack_files import MAX_MARKDOWN_BYTES
from kiosk.content.pictures import MAX_IMAGE_BYTES, MAX_IMAGE_SIDE
from kiosk.content.problems import Severity
from tests.helpers.packs import (
    ARTICLE_LINES,
    PACK_LINES,
    PACK_YAML,
    article,
    assert_error_at,
    assert_plain_sentence,
    assert_problem_form,
    default_articles,
    pack_with_line,
    pack_without_line,
    write_pack,
)

# ---------------------------------------------------------------------------------------------
# Packs that load


def test_bundled_pack_loads_without_problems(bundled_content: Path) -> None:
    result = load_pack(bundled_content)
    assert result.errors == [], "\n".join(map(str, result.errors))
    assert result.warnings == [], "\n".join(map(str, result.warnings))
    pack = result.pack
    assert pack is not None
    assert len(pack.articles) == 4
    assert pack.featured == ("dual-diagnosis-heroin-depression",)
    assert pack.featured[0] in pack.articles
    assert [a.slug for a in pack.ordered_articles()] == list(pack.order)
    assert pack.organization.logo is not None and pack.organization.logo.is_file()
    for item in pack.articles.values():
        assert item.title and item.summary and item.body.strip()
        assert item.image is not None and item.image.is_file()
        assert all(stat.source for stat in item.stats)
        assert set(item.related) <= set(pack.articles) - {item.slug}


def test_minimal_pack_loads(tmp_path: Path) -> None:
    result = load_pack(write_pack(tmp_path))
    assert result.problems == []
    pack = result.pack
    assert pack is not None
    assert sorted(pack.articles) == ["first", "second"]
    assert pack.featured_article().title == "First article"
    assert pack.articles["first"].related == ("second",)
    assert pack.articles["first"].body == "Body text.\n"
    assert pack.articles["first"].body_first_line == ARTICLE_LINES["body"]
    assert pack.help.lines[0].number == "555-0100"


def test_copy_of_bundled_pack_loads(pack_copy: Path) -> None:
    result = load_pack(pack_copy)
    assert result.pack is not None and len(result.pack.articles) == 4


# ---------------------------------------------------------------------------------------------
# pack.yaml


def test_missing_pack_yaml(tmp_path: Path) -> None:
    write_pack(tmp_path, pack_yaml=None)
    assert_error_at(tmp_path, "pack.yaml", 1, "missing", "pack.yaml")


def test_missing_folder_is_reported_not_raised(tmp_path: Path) -> None:
    result = load_pack(tmp_path / "nowhere")
    assert result.pack is None
    assert len(result.errors) == 1
    assert_problem_form(result.errors[0])
    assert_plain_sentence(result.errors[0].message)


# (removed lines of PACK_YAML, the field named in the message, the line it is reported on)
MISSING_PACK_FIELDS = [
    ((PACK_LINES["id"],), "'id'", 1),
    ((PACK_LINES["version"],), "'version'", 1),
    ((PACK_LINES["title"],), "'title'", 1),
    ((PACK_LINES["organization.name"],), "'organization.name'", PACK_LINES["organization"]),
    ((PACK_LINES["organization.phone"],), "'organization.phone'", PACK_LINES["organization"]),
    ((PACK_LINES["help.heading"],), "'help.heading'", PACK_LINES["help"]),
    ((10, 11, 12), "'help.lines'", PACK_LINES["help"]),
    ((PACK_LINES["home.featured"],), "'home.featured'", PACK_LINES["home"]),
    ((5, 6, 7), "'organization'", 1),
    ((8, 9, 10, 11, 12), "'help'", 1),
]


@pytest.mark.parametrize(
    ("removed", "field", "line"), MISSING_PACK_FIELDS, ids=[f for _r, f, _l in MISSING_PACK_FIELDS]
)
def test_missing_pack_field(
    tmp_path: Path, removed: tuple[int, ...], field: str, line: int
) -> None:
    write_pack(tmp_path, pack_yaml=pack_without_line(*removed))
    assert_error_at(tmp_path, "pack.yaml", line, field)


def test_missing_format(tmp_path: Path) -> None:
    write_pack(tmp_path, pack_yaml=pack_without_line(PACK_LINES["format"]))
    assert_error_at(tmp_path, "pack.yaml", 1, "'format'", "format: 1")


def test_unknown_format(tmp_path: Path) -> None:
    write_pack(tmp_path, pack_yaml=PACK_YAML.replace("format: 1", "format: 2"))
    assert_error_at(tmp_path, "pack.yaml", PACK_LINES["format"], "format 2", "newer kiosk")


def test_empty_pack_field(tmp_path: Path) -> None:
    write_pack(tmp_path, pack_yaml=PACK_YAML.replace("title: Test pack", 'title: "  "'))
    assert_error_at(tmp_path, "pack.yaml", PACK_LINES["title"], "'title'", "empty")


def test_featured_names_unknown_article(tmp_path: Path) -> None:
    write_pack(tmp_path, pack_yaml=PACK_YAML.replace("featured: first", "featured: nope"))
    assert_error_at(
        tmp_path, "pack.yaml", PACK_LINES["home.featured"], "'home.featured'", "'nope'",
        "articles/nope.md",
    )


def test_order_names_unknown_article(tmp_path: Path) -> None:
    write_pack(tmp_path, pack_yaml=PACK_YAML.replace("    - second", "    - secnod"))
    assert_error_at(tmp_path, "pack.yaml", PACK_LINES["home.order.1"], "'home.order'", "'secnod'")


def test_pack_yaml_syntax_error(tmp_path: Path) -> None:
    # A colon in an unquoted value on line 9.
    write_pack(tmp_path, pack_yaml=PACK_YAML.replace("Need help?", "Call: now: please"))
    assert_error_at(tmp_path, "pack.yaml", PACK_LINES["help.heading"], "YAML", "quotes")


def test_pack_yaml_bad_indentation(tmp_path: Path) -> None:
    write_pack(tmp_path, pack_yaml=PACK_YAML.replace('  phone: "555-0100"', ' phone: "555-0100"'))
    assert_error_at(tmp_path, "pack.yaml", PACK_LINES["organization.phone"], "indentation")


def test_pack_yaml_not_a_mapping(tmp_path: Path) -> None:
    write_pack(tmp_path, pack_yaml="- just\n- a list\n")
    assert_error_at(tmp_path, "pack.yaml", 1, "'id:'")


def test_pack_yaml_invalid_utf8(tmp_path: Path) -> None:
    write_pack(tmp_path)
    raw = PACK_YAML.replace("Test Clinic", "Test Cl\x00inic").encode("utf-8")
    (tmp_path / "pack.yaml").write_bytes(raw.replace(b"\x00", b"\xe9"))  # Latin-1 'e acute'
    assert_error_at(tmp_path, "pack.yaml", PACK_LINES["organization.name"], "UTF-8")


def test_bad_accent_colour(tmp_path: Path) -> None:
    write_pack(tmp_path, pack_yaml=PACK_YAML + "theme:\n  accent: red\n")
    assert_error_at(tmp_path, "pack.yaml", 19, "'theme.accent'", "'red'")


def test_website_must_be_web_address(tmp_path: Path) -> None:
    pack_yaml = pack_with_line(PACK_LINES["organization.phone"], "  website: javascript:alert(1)")
    write_pack(tmp_path, pack_yaml=pack_yaml)
    assert_error_at(tmp_path, "pack.yaml", 8, "'organization.website'", "https://")


def test_help_line_without_number(tmp_path: Path) -> None:
    write_pack(tmp_path, pack_yaml=pack_without_line(12))
    assert_error_at(tmp_path, "pack.yaml", 11, "'help.lines.number'")


# ---------------------------------------------------------------------------------------------
# Articles: front matter


def write_first(tmp_path: Path, text: str | bytes) -> Path:
    """The minimal pack with articles/first.md replaced by `text`."""
    articles: dict[str, str | bytes] = dict(default_articles())
    articles["first"] = text
    return write_pack(tmp_path, articles=articles)


@pytest.mark.parametrize("field", ["title", "summary"])
def test_missing_article_field(tmp_path: Path, field: str) -> None:
    text = "".join(line for line in article().splitlines(True) if not line.startswith(field))
    write_first(tmp_path, text)
    # A missing field has no line of its own: the first line of the front matter is named.
    assert_error_at(tmp_path, "articles/first.md", 2, f"'{field}'", "missing")


def test_summary_over_200_characters(tmp_path: Path) -> None:
    write_first(tmp_path, article(summary="x" * (MAX_SUMMARY_CHARS + 1)))
    assert_error_at(
        tmp_path, "articles/first.md", ARTICLE_LINES["summary"], "'summary'", "201 characters",
        "at most 200",
    )


def test_summary_of_exactly_200_characters_is_fine(tmp_path: Path) -> None:
    write_first(tmp_path, article(summary="x" * MAX_SUMMARY_CHARS))
    assert load_pack(tmp_path).problems == []


def test_related_names_unknown_article(tmp_path: Path) -> None:
    write_first(tmp_path, article(related="no-such-article"))
    assert_error_at(
        tmp_path, "articles/first.md", ARTICLE_LINES["related.0"], "'related'",
        "'no-such-article'", "articles/no-such-article.md",
    )


def test_related_unknown_slug_on_its_own_line_of_a_longer_list(tmp_path: Path) -> None:
    write_first(tmp_path, article(extra="  - second\n  - ghost\n"))
    assert_error_at(tmp_path, "articles/first.md", 7, "'ghost'")


def test_article_without_front_matter(tmp_path: Path) -> None:
    write_first(tmp_path, "# Just a heading\n\nSome text.\n")
    assert_error_at(tmp_path, "articles/first.md", 1, "'---'", "title")


def test_front_matter_never_closed(tmp_path: Path) -> None:
    write_first(tmp_path, "---\ntitle: T\nsummary: S\n\nBody.\n")
    assert_error_at(tmp_path, "articles/first.md", 1, "never closed")


def test_article_yaml_syntax_error(tmp_path: Path) -> None:
    # "summary: Risks: many" puts a second mapping on line 3.
    write_first(tmp_path, article(summary="Risks: many"))
    assert_error_at(tmp_path, "articles/first.md", ARTICLE_LINES["summary"], "YAML", "quotes")


def test_article_yaml_syntax_error_further_down(tmp_path: Path) -> None:
    write_first(tmp_path, article(extra="tags: [one, two\nreviewed: 2026-01-01\n"))
    result = load_pack(tmp_path)
    assert result.pack is None
    (error,) = result.errors
    assert error.path == "articles/first.md"
    # The unclosed list starts on line 6; PyYAML notices on line 7.
    assert error.line in (6, 7), str(error)
    assert_plain_sentence(error.message)


def test_python_yaml_tag_is_refused_and_never_run(tmp_path: Path) -> None:
    marker = tmp_path / "was-run"
    title = f'!!python/object/apply:os.system ["touch {marker}"]'
    write_first(tmp_path / "pack", article(title=title))
    assert_error_at(tmp_path / "pack", "articles/first.md", ARTICLE_LINES["title"], "tag")
    assert not marker.exists(), "the YAML tag was executed"


def test_python_yaml_tag_in_pack_yaml_is_refused(tmp_path: Path) -> None:
    marker = tmp_path / "was-run"
    pack_yaml = PACK_YAML.replace(
        "title: Test pack", f'title: !!python/object/apply:os.system ["touch {marker}"]'
    )
    write_pack(tmp_path / "pack", pack_yaml=pack_yaml)
    assert_error_at(tmp_path / "pack", "pack.yaml", PACK_LINES["title"], "tag")
    assert not marker.exists()


def test_front_matter_not_a_mapping(tmp_path: Path) -> None:
    write_first(tmp_path, "---\n- a\n- b\n---\nBody\n")
    assert_error_at(tmp_path, "articles/first.md", 1, "'title:'")


def test_invalid_utf8_names_the_line(tmp_path: Path) -> None:
    raw = article(body="Line seven.\nLine eight.\nLine nine \x00 here.\n").encode("utf-8")
    write_first(tmp_path, raw.replace(b"\x00", b"\xff"))
    assert_error_at(tmp_path, "articles/first.md", 9, "UTF-8")


def test_invalid_utf8_in_front_matter(tmp_path: Path) -> None:
    raw = article(summary="caf\x00").encode("utf-8").replace(b"\x00", b"\xe9")
    write_first(tmp_path, raw)
    assert_error_at(tmp_path, "articles/first.md", ARTICLE_LINES["summary"], "UTF-8")


def test_markdown_file_over_1_mb(tmp_path: Path) -> None:
    body = ("A line of text that is long enough to fill up the file quickly.\n" * 20000)
    text = article(body=body)
    assert len(text.encode()) > MAX_MARKDOWN_BYTES
    write_first(tmp_path, text)
    assert_error_at(tmp_path, "articles/first.md", 1, "KB", "split it")


def test_statistic_without_source(tmp_path: Path) -> None:
    extra = "stats:\n  - value: 50%\n    label: of people\n"
    write_first(tmp_path, article(extra=extra))
    # The entry starts on line 7 (after related on lines 4-5 and 'stats:' on line 6).
    assert_error_at(tmp_path, "articles/first.md", 7, "'source'", "statistic")


def test_statistic_with_empty_source(tmp_path: Path) -> None:
    extra = 'stats:\n  - {value: "2x", label: more likely, source: ""}\n'
    write_first(tmp_path, article(extra=extra))
    assert_error_at(tmp_path, "articles/first.md", 7, "'source'")


def test_statistic_with_source_loads(tmp_path: Path) -> None:
    extra = 'stats:\n  - {value: "2x", label: more likely, source: NIDA}\n'
    write_first(tmp_path, article(extra=extra))
    result = load_pack(tmp_path)
    assert result.pack is not None
    (stat,) = result.pack.articles["first"].stats
    assert (stat.value, stat.label, stat.source) == ("2x", "more likely", "NIDA")


def test_bad_review_date(tmp_path: Path) -> None:
    write_first(tmp_path, article(extra="reviewed: last tuesday\n"))
    assert_error_at(tmp_path, "articles/first.md", 6, "'reviewed'", "YYYY-MM-DD")


def test_title_must_be_text(tmp_path: Path) -> None:
    write_first(tmp_path, article(title="[a, b]"))
    assert_error_at(tmp_path, "articles/first.md", ARTICLE_LINES["title"], "'title'", "plain text")


def test_badly_named_article_file(tmp_path: Path) -> None:
    articles: dict[str, str | bytes] = dict(default_articles())
    articles["Bad Name"] = article()
    write_pack(tmp_path, articles=articles)
    assert_error_at(tmp_path, "articles/Bad Name.md", 1, "lower-case")


def test_problems_in_several_files_are_all_reported(tmp_path: Path) -> None:
    write_pack(
        tmp_path,
        pack_yaml=PACK_YAML.replace("format: 1", "format: 2"),
        articles={"first": article(related="ghost"), "second": "no front matter\n"},
    )
    result = load_pack(tmp_path)
    assert result.pack is None
    where = sorted((p.path, p.line) for p in result.errors)
    assert where == [("articles/first.md", 5), ("articles/second.md", 1), ("pack.yaml", 1)]


# ---------------------------------------------------------------------------------------------
# Unknown fields are warnings, not errors


def test_unknown_fields_are_warnings(tmp_path: Path) -> None:
    write_pack(
        tmp_path,
        pack_yaml=pack_with_line(PACK_LINES["title"], "colour: blue"),
        articles={
            "first": article(extra="auther: Dr Who\n"),
            "second": article(title="Second", related="first"),
        },
    )
    result = load_pack(tmp_path)
    assert result.errors == []
    assert result.pack is not None, "unknown fields must not stop the pack from loading"
    found = {(p.path, p.line, p.severity) for p in result.warnings}
    assert found == {
        ("pack.yaml", 5, Severity.WARNING),
        ("articles/first.md", 6, Severity.WARNING),
    }
    for problem in result.warnings:
        assert_problem_form(problem)
        assert str(problem) == f"{problem.path}:{problem.line}: warning: {problem.message}"
        assert "ignored" in problem.message and "spelling" in problem.message
    messages = " ".join(p.message for p in result.warnings)
    assert "'colour'" in messages and "'auther'" in messages


def test_unknown_nested_field_is_a_warning(tmp_path: Path) -> None:
    write_pack(tmp_path, pack_yaml=pack_with_line(PACK_LINES["organization.phone"], "  fax: 1"))
    result = load_pack(tmp_path)
    assert result.pack is not None
    (warning,) = result.warnings
    assert (warning.path, warning.line) == ("pack.yaml", 8)
    assert "'organization.fax'" in warning.message


def test_article_listing_itself_is_a_warning(tmp_path: Path) -> None:
    write_first(tmp_path, article(related="first"))
    result = load_pack(tmp_path)
    assert result.pack is not None
    (warning,) = result.warnings
    assert (warning.path, warning.line) == ("articles/first.md", ARTICLE_LINES["related.0"])
    assert result.pack.articles["first"].related == ()


# ---------------------------------------------------------------------------------------------
# Images


IMAGE_LINE = 6  # `image:` goes right after `related` in an article


def image_article(written: str) -> str:
    return article(extra=f"image: {written}\nimage_alt: A picture\n")


def save_png(path: Path, width: int, height: int) -> None:
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(0x336699)
    assert image.save(str(path)), f"could not write {path}"


def test_good_image_loads(tmp_path: Path) -> None:
    write_first(tmp_path, image_article("media/ok.png"))
    save_png(tmp_path / "media" / "ok.png", 40, 30)
    result = load_pack(tmp_path)
    assert result.problems == []
    assert result.pack is not None
    assert result.pack.articles["first"].image == (tmp_path / "media" / "ok.png").resolve()


def test_image_without_alt_text_is_a_warning(tmp_path: Path) -> None:
    write_first(tmp_path, article(extra="image: media/ok.png\n"))
    save_png(tmp_path / "media" / "ok.png", 4, 4)
    result = load_pack(tmp_path)
    assert result.pack is not None
    (warning,) = result.warnings
    assert (warning.path, warning.line) == ("articles/first.md", IMAGE_LINE)
    assert "image_alt" in warning.message


def test_missing_image(tmp_path: Path) -> None:
    write_first(tmp_path, image_article("media/nope.png"))
    assert_error_at(tmp_path, "articles/first.md", IMAGE_LINE, "'media/nope.png'", "missing")


def test_unreadable_image(tmp_path: Path) -> None:
    write_first(tmp_path, image_article("media/broken.png"))
    (tmp_path / "media" / "broken.png").write_bytes(b"this is not a picture at all\x00\x01" * 50)
    assert_error_at(
        tmp_path, "articles/first.md", IMAGE_LINE, "'media/broken.png'", "cannot be read"
    )


def test_empty_image(tmp_path: Path) -> None:
    write_first(tmp_path, image_article("media/empty.png"))
    (tmp_path / "media" / "empty.png").write_bytes(b"")
    assert_error_at(tmp_path, "articles/first.md", IMAGE_LINE, "empty file")


def test_image_over_10_mb(tmp_path: Path) -> None:
    write_first(tmp_path, image_article("media/huge.png"))
    with (tmp_path / "media" / "huge.png").open("wb") as handle:
        handle.write(b"\x89PNG\r\n\x1a\n")
        handle.write(b"\x00" * (MAX_IMAGE_BYTES + 1))
    assert_error_at(tmp_path, "articles/first.md", IMAGE_LINE, "MB", "smaller than 10 MB")


def test_image_over_8000_pixels(tmp_path: Path) -> None:
    write_first(tmp_path, image_article("media/wide.png"))
    save_png(tmp_path / "media" / "wide.png", MAX_IMAGE_SIDE + 1, 10)
    assert_error_at(tmp_path, "articles/first.md", IMAGE_LINE, "8001x10 pixels", "at most 8000")


def test_image_of_exactly_8000_pixels_is_fine(tmp_path: Path) -> None:
    write_first(tmp_path, image_article("media/wide.png"))
    save_png(tmp_path / "media" / "wide.png", MAX_IMAGE_SIDE, 1)
    assert load_pack(tmp_path).problems == []


def test_image_of_unsupported_type(tmp_path: Path) -> None:
    write_first(tmp_path, image_article("media/pic.gif"))
    (tmp_path / "media" / "pic.gif").write_bytes(b"GIF89a")
    assert_error_at(tmp_path, "articles/first.md", IMAGE_LINE, "PNG, JPEG, WebP or SVG")


def test_image_outside_media_folder(tmp_path: Path) -> None:
    write_first(tmp_path, image_article("articles/pic.png"))
    save_png(tmp_path / "articles" / "pic.png", 4, 4)
    assert_error_at(tmp_path, "articles/first.md", IMAGE_LINE, "media/")


def test_missing_logo(tmp_path: Path) -> None:
    pack_yaml = pack_with_line(PACK_LINES["organization.phone"], "  logo: media/logo.svg")
    write_pack(tmp_path, pack_yaml=pack_yaml)
    assert_error_at(tmp_path, "pack.yaml", 8, "'media/logo.svg'", "missing")


# ---------------------------------------------------------------------------------------------
# Paths that leave the pack


def test_image_with_dot_dot_is_refused(tmp_path: Path) -> None:
    save_png(tmp_path / "outside.png", 4, 4)  # it exists: the path itself is the problem
    write_first(tmp_path / "pack", image_article("../outside.png"))
    assert_error_at(tmp_path / "pack", "articles/first.md", IMAGE_LINE, "'../outside.png'", "'..'")


def test_image_with_dot_dot_inside_media_is_refused(tmp_path: Path) -> None:
    write_first(tmp_path / "pack", image_article("media/../../outside.png"))
    save_png(tmp_path / "outside.png", 4, 4)
    assert_error_at(tmp_path / "pack", "articles/first.md", IMAGE_LINE, "outside the pack")


@pytest.mark.parametrize("written", ["/etc/passwd", "\\\\server\\share\\x.png", "C:/x.png"])
def test_absolute_image_path_is_refused(tmp_path: Path, written: str) -> None:
    write_first(tmp_path, image_article(f"'{written}'"))
    assert_error_at(tmp_path, "articles/first.md", IMAGE_LINE, "absolute path", "relative")


def test_symlink_in_media_leading_outside_is_refused(tmp_path: Path) -> None:
    save_png(tmp_path / "secret.png", 4, 4)
    root = write_first(tmp_path / "pack", image_article("media/link.png"))
    os.symlink(tmp_path / "secret.png", root / "media" / "link.png")
    assert_error_at(root, "articles/first.md", IMAGE_LINE, "'media/link.png'", "outside the pack")


def test_symlinked_media_folder_leading_outside_is_refused(tmp_path: Path) -> None:
    (tmp_path / "elsewhere").mkdir()
    save_png(tmp_path / "elsewhere" / "pic.png", 4, 4)
    root = write_first(tmp_path / "pack", image_article("media/pic.png"))
    (root / "media").rmdir()
    os.symlink(tmp_path / "elsewhere", root / "media")
    assert_error_at(root, "articles/first.md", IMAGE_LINE, "outside the pack")


def test_symlink_inside_the_pack_is_allowed(tmp_path: Path) -> None:
    root = write_first(tmp_path, image_article("media/alias.png"))
    save_png(root / "media" / "real.png", 4, 4)
    os.symlink(root / "media" / "real.png", root / "media" / "alias.png")
    assert load_pack(root).problems == []


def test_article_symlinked_outside_the_pack_is_refused(tmp_path: Path) -> None:
    (tmp_path / "outside.md").write_text(article(), encoding="utf-8")
    root = write_pack(tmp_path / "pack", articles={"second": article(related="first")})
    os.symlink(tmp_path / "outside.md", root / "articles" / "first.md")
    assert_error_at(root, "articles/first.md", 1, "link", "outside the pack")


def test_pack_yaml_symlinked_outside_the_pack_is_refused(tmp_path: Path) -> None:
    (tmp_path / "outside.yaml").write_text(PACK_YAML, encoding="utf-8")
    root = write_pack(tmp_path / "pack", pack_yaml=None)
    os.symlink(tmp_path / "outside.yaml", root / "pack.yaml")
    assert_error_at(root, "pack.yaml", 1, "outside the pack")


def test_article_symlink_loop_is_reported_not_raised(tmp_path: Path) -> None:
    root = write_pack(tmp_path, articles={"second": article(related="first")})
    os.symlink("first.md", root / "articles" / "first.md")  # points at itself
    result = load_pack(root)
    assert result.pack is None
    errors = [p for p in result.errors if p.path == "articles/first.md"]
    assert len(errors) == 1 and errors[0].line == 1, result.errors
    assert_plain_sentence(errors[0].message)


def test_image_symlink_loop_is_reported_not_raised(tmp_path: Path) -> None:
    root = write_first(tmp_path, image_article("media/loop.png"))
    os.symlink("loop.png", root / "media" / "loop.png")
    assert_error_at(root, "articles/first.md", IMAGE_LINE, "'media/loop.png'", "loops")


def test_image_name_too_long_is_reported_not_raised(tmp_path: Path) -> None:
    written = "media/" + "a" * 300 + ".png"
    write_first(tmp_path, image_article(written))
    assert_error_at(tmp_path, "articles/first.md", IMAGE_LINE, "missing")


# ---------------------------------------------------------------------------------------------
# Files saved by Windows editors


def test_byte_order_mark_and_crlf_line_endings(tmp_path: Path) -> None:
    def windows(text: str) -> str:
        return "\ufeff" + text.replace("\n", "\r\n")

    write_pack(
        tmp_path,
        pack_yaml=windows(PACK_YAML),
        articles={"first": windows(article(related="ghost")), "second": windows(article())},
    )
    result = load_pack(tmp_path)
    errors = [(p.path, p.line) for p in result.errors]
    assert errors == [("articles/first.md", ARTICLE_LINES["related.0"])], result.errors


def test_byte_order_mark_and_crlf_pack_loads(tmp_path: Path) -> None:
    crlf = "\ufeff" + article(title="Windows").replace("\n", "\r\n")
    write_pack(tmp_path, pack_yaml="\ufeff" + PACK_YAML.replace("\n", "\r\n"),
               articles={"first": crlf, "second": article(related="first")})
    result = load_pack(tmp_path)
    assert result.problems == []
    assert result.pack is not None
    assert result.pack.id == "test-pack"
    assert result.pack.articles["first"].title == "Windows"
    assert result.pack.articles["first"].body_first_line == ARTICLE_LINES["body"]


def test_an_accent_too_light_to_read_is_a_warning_that_says_what_the_kiosk_does(pack_copy):
    from kiosk.content.loader import load_pack

    pack_yaml = pack_copy / "pack.yaml"
    text = pack_yaml.read_text(encoding="utf-8")
    pack_yaml.write_text(text.replace('accent: "#1f6f8b"', 'accent: "#a0c4ff"'), encoding="utf-8")
    result = load_pack(pack_copy)
    assert result.pack is not None  # still shown
    warnings = [str(p) for p in result.warnings if "accent" in p.message]
    line = next(n for n, t in enumerate(pack_yaml.read_text().splitlines(), 1) if "accent:" in t)
    assert len(warnings) == 1 and warnings[0].startswith(f"pack.yaml:{line}: warning: theme.accent #a0c4ff")
    assert "darkens it to #" in warnings[0]
