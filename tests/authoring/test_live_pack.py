"""The preview's forgiving loading: what can be shown is shown (a broken article as the list of its
problems, a broken pack.yaml under stand-in words) while `kiosk run` and imports still refuse the
pack; a save reads again only the file saved; problems come errors first."""

from __future__ import annotations

from pathlib import Path

from kiosk.authoring.live_pack import LivePack, is_pack_file
from kiosk.content.loader import load_pack
from tests.helpers.packs import PACK_YAML, article, write_pack


def test_a_broken_article_is_shown_as_its_problems_while_the_kiosk_refuses_the_pack(tmp_path: Path) -> None:
    root = write_pack(tmp_path / "pack", articles={
        "first": article(related="nowhere"), "second": article(title="Second", related="first"),
    })
    live = LivePack(root)
    assert live.broken == {"articles/first.md"}
    page = live.pack.articles["first"]
    assert page.title == "articles/first.md cannot be shown yet"
    assert "line 5: 'related' names 'nowhere'" in page.body
    assert live.pack.articles["second"].title == "Second"
    assert [str(p).split(":")[0] for p in live.problems] == ["articles/first.md"]
    assert load_pack(root).pack is None  # what `kiosk run` and an import read: still refused


def test_a_broken_pack_yaml_still_previews_the_articles(tmp_path: Path) -> None:
    root = write_pack(tmp_path / "pack", "format: 1\nid: [unclosed\n")
    live = LivePack(root)
    assert live.pack.title == "pack.yaml has problems: see the list"
    assert set(live.pack.articles) == {"first", "second"}
    assert live.problems[0].path == "pack.yaml" and live.problems[0].is_error


def test_a_save_reads_only_that_file_and_cross_article_rules_are_checked_again(tmp_path: Path) -> None:
    root = write_pack(tmp_path / "pack")
    live = LivePack(root)
    first = root / "articles" / "first.md"
    first.write_text(article(title="Changed"), encoding="utf-8")
    reload = live.apply([first])
    assert reload.files_read == ["articles/first.md"] and not reload.everything
    assert live.pack.articles["first"].title == "Changed"
    (root / "pack.yaml").write_text(PACK_YAML.replace("featured: first", "featured: third"))
    assert live.apply([root / "pack.yaml"]).files_read == ["pack.yaml"]
    assert any("'home.featured' names 'third'" in p.message for p in live.problems)
    second = root / "articles" / "second.md"
    second.unlink()
    assert live.apply([second]).everything  # the other articles may name it: all are read
    assert any("names 'second'" in p.message for p in live.problems)


def test_problems_come_errors_first_then_warnings(tmp_path: Path) -> None:
    root = write_pack(tmp_path / "pack", articles={
        "first": article(extra="colour: blue\n"), "second": article(related="missing"),
    })
    severities = [p.is_error for p in LivePack(root).problems]
    assert severities == sorted(severities, reverse=True) and severities[0] and not severities[-1]


def test_only_the_packs_own_files_are_followed() -> None:
    assert is_pack_file("pack.yaml") and is_pack_file("articles/a.md") and is_pack_file("media/x.png")
    assert not is_pack_file("articles/.a.md.1234.tmp") and not is_pack_file("articles/a.md~")
    assert not is_pack_file("notes.txt") and not is_pack_file(".git/index")
