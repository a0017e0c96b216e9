"""The review staff see before installing: what changes, every problem at file:line, trust."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.packs.manifest import UNSIGNED_REFUSAL, SignatureInfo
from kiosk.packs.review import Review, review_pack
from tests.helpers.packs import article, assert_plain_sentence, assert_problem_form

UNSIGNED = SignatureInfo(signed=False, key_id="", valid=False)
WITHDRAWAL = "symptoms-of-opioid-withdrawal"
OPENERS = ("Traceback", "None", "Exception", "<class", "object at")


def review(
    new: Path,
    installed: Path | None,
    *,
    signature: SignatureInfo = UNSIGNED,
    trust_problem: str | None = None,
    trusted_keys_set: bool = False,
) -> Review:
    return review_pack(
        new, installed, signature=signature, trust_problem=trust_problem,
        trusted_keys_set=trusted_keys_set,
    )


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def remove_withdrawal(root: Path) -> None:
    """Remove one article and every mention of it, so the pack stays valid."""
    (root / "articles" / f"{WITHDRAWAL}.md").unlink()
    (root / "articles" / f"{WITHDRAWAL}.es.md").unlink(missing_ok=True)
    (root / "media" / "withdrawal.svg").unlink()
    edit(root / "pack.yaml", f", {WITHDRAWAL}]", "]")
    for path in (root / "articles").glob("*.md"):
        edit(path, f", {WITHDRAWAL}]", "]")


def assert_plain_text(text: str) -> None:
    for opener in OPENERS:
        assert opener not in text, f"{opener!r} leaks into the review:\n{text}"


def test_the_same_pack_changes_nothing_and_can_be_installed(bundled_content: Path) -> None:
    result = review(bundled_content, bundled_content)
    assert (result.title, result.version, result.pack_id) == (
        "We're here to help", "2026.11.27", "raleigh-house",
    )
    assert (result.installed_title, result.installed_version, result.installed_id) == (
        "We're here to help", "2026.11.27", "raleigh-house",
    )
    assert (result.added, result.removed, result.changed) == ([], [], [])
    assert result.problems == []
    assert result.can_install
    text = result.as_text()
    assert_plain_text(text)
    assert "This is the same version as the one installed." in text
    assert "Articles: none added, removed or changed." in text
    assert text.rstrip().endswith("This pack can be installed.")


def test_added_removed_and_changed_articles_by_title(pack_copy: Path, bundled_content: Path) -> None:
    remove_withdrawal(pack_copy)
    (pack_copy / "articles" / "naloxone.md").write_text(
        article(title="How naloxone works", related="americas-opioid-crisis"), encoding="utf-8"
    )
    edit(pack_copy / "articles" / "americas-opioid-crisis.md", "## ", "## Updated: ")
    (pack_copy / "media" / "fentanyl.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="3"/>', encoding="utf-8"
    )
    edit(pack_copy / "articles" / "dual-diagnosis-heroin-depression.md",
         'title: "Understanding a dual diagnosis:', 'title: "Dual diagnosis:')
    edit(pack_copy / "pack.yaml", 'version: "2026.11.27"', 'version: "2026.12.01"')

    result = review(pack_copy, bundled_content)

    assert result.problems == [], [str(p) for p in result.problems]
    assert result.added == ["How naloxone works"]
    assert result.removed == ["Symptoms of opioid withdrawal"]
    assert result.changed == [
        "America's opioid crisis",
        "Dual diagnosis: heroin dependency and depression (was: Understanding a dual diagnosis: "
        "heroin dependency and depression)",
        "What is synthetic fentanyl made of?",  # only its image changed
    ]
    assert (result.version, result.installed_version) == ("2026.12.01", "2026.11.27")
    assert result.can_install
    text = result.as_text()
    assert_plain_text(text)
    assert "New content: \u201cWe're here to help\u201d, version 2026.12.01." in text
    assert "Installed now: \u201cWe're here to help\u201d, version 2026.11.27." in text
    assert "Articles added (1):\n  - How naloxone works" in text
    assert "Articles removed (1):\n  - Symptoms of opioid withdrawal" in text
    assert "Articles changed (3):" in text


def test_errors_are_listed_at_file_and_line_and_stop_the_install(
    pack_copy: Path, bundled_content: Path
) -> None:
    fentanyl = pack_copy / "articles" / "what-is-synthetic-fentanyl.md"
    edit(fentanyl, "related: [dual-diagnosis-heroin-depression,", "related: [no-such-article,")
    edit(pack_copy / "pack.yaml", "  phone:", "  telephone:")

    result = review(pack_copy, bundled_content)

    assert not result.can_install
    for problem in result.problems:
        assert_problem_form(problem)
    shown = [str(problem) for problem in result.errors]
    assert any(line.startswith("articles/what-is-synthetic-fentanyl.md:10: ") for line in shown), shown
    assert any(line.startswith("pack.yaml:") and "phone" in line for line in shown), shown
    assert result.title == "We're here to help", "the title is read even from a broken pack"
    assert result.changed == ["What is synthetic fentanyl made of?"]
    text = result.as_text()
    assert_plain_text(text)
    assert "It has the same version number as the one installed, but its articles differ." in text
    assert f"Errors ({len(result.errors)}), which must be fixed before it can be installed:" in text
    for line in shown:
        assert f"  {line}\n" in text
    assert text.rstrip().endswith(f"This pack cannot be installed: it has {len(shown)} errors to fix.")


def test_warnings_are_shown_but_do_not_stop_the_install(pack_copy: Path, bundled_content: Path) -> None:
    edit(pack_copy / "pack.yaml", "theme:", "colour: blue\ntheme:")
    result = review(pack_copy, bundled_content)
    assert result.errors == [] and len(result.warnings) == 1
    assert result.can_install
    assert f"  {result.warnings[0]}" in result.as_text()
    assert str(result.warnings[0]).startswith("pack.yaml:")


def test_with_nothing_installed_every_article_is_added(bundled_content: Path) -> None:
    result = review(bundled_content, None)
    assert (result.installed_title, result.installed_version, result.installed_id) == (None, None, None)
    assert len(result.added) == 4 and result.removed == [] and result.changed == []
    assert result.added == sorted(result.added, key=str.casefold)
    assert "Installed now: nothing; this will be the kiosk's first content pack." in result.as_text()


def test_an_unsigned_pack_on_an_open_kiosk_says_how_to_turn_signing_on(bundled_content: Path) -> None:
    result = review(bundled_content, bundled_content)
    assert result.unsigned_warning is not None
    assert_plain_sentence(result.unsigned_warning.split(". ")[0] + ".")
    assert result.unsigned_warning.startswith("This pack is not signed")
    assert "anyone with a USB stick can change what patients read" in result.unsigned_warning
    assert "kiosk pack keygen" in result.unsigned_warning
    assert "kiosk pack build --sign" in result.unsigned_warning
    assert "trusted keys ([content] trusted_keys in the kiosk's settings file)" in result.unsigned_warning
    assert result.can_install
    text = result.as_text()
    assert "Signature: not signed." in text
    assert f"Warning: {result.unsigned_warning}" in text


def test_a_signed_pack_on_an_open_kiosk_still_warns(bundled_content: Path) -> None:
    signed = SignatureInfo(signed=True, key_id="0123456789abcdef", valid=False)
    result = review(bundled_content, bundled_content, signature=signed)
    assert result.unsigned_warning is not None
    assert "0123456789abcdef" in result.unsigned_warning
    assert "Signature: signed with key 0123456789abcdef." in result.as_text()


def test_a_trust_problem_stops_the_install_and_is_shown(bundled_content: Path) -> None:
    result = review(
        bundled_content, bundled_content, trust_problem=UNSIGNED_REFUSAL, trusted_keys_set=True
    )
    assert result.unsigned_warning is None
    assert not result.can_install
    text = result.as_text()
    assert UNSIGNED_REFUSAL in text
    assert text.rstrip().endswith(
        "This pack cannot be installed: it is not signed with a key this kiosk trusts."
    )


def test_a_trusted_signature_is_named(bundled_content: Path) -> None:
    signed = SignatureInfo(signed=True, key_id="0123456789abcdef", valid=True)
    result = review(bundled_content, bundled_content, signature=signed, trusted_keys_set=True)
    assert result.unsigned_warning is None and result.can_install
    assert "Signature: signed with the trusted key 0123456789abcdef." in result.as_text()


@pytest.mark.parametrize(
    ("new", "old", "note"),
    [
        ("2", "10", "this version looks older than the one installed"),
        ("2026.11.27", "2026.12.1", "this version looks older"),
        ("2026.12.01", "2026.11.27", None),
        ("spring", "autumn", None),
    ],
)
def test_an_older_version_is_pointed_out(
    pack_copy: Path, bundled_content: Path, new: str, old: str, note: str | None
) -> None:
    installed = pack_copy.parent / "installed"
    installed.mkdir()
    (installed / "pack.yaml").write_text(
        (bundled_content / "pack.yaml").read_text().replace("2026.11.27", old)
    )
    edit(pack_copy / "pack.yaml", "2026.11.27", new)
    text = review(pack_copy, installed).as_text()
    if note is None:
        assert "older" not in text
    else:
        assert note in text


def test_a_different_pack_is_said_to_replace_everything(pack_copy: Path, bundled_content: Path) -> None:
    edit(pack_copy / "pack.yaml", "id: raleigh-house", "id: other-clinic")
    text = review(pack_copy, bundled_content).as_text()
    assert "This is a different pack ('other-clinic') from the one installed ('raleigh-house')" in text


def test_a_pack_too_broken_to_read_still_gets_a_review(tmp_path: Path, bundled_content: Path) -> None:
    broken = tmp_path / "broken"
    (broken / "articles").mkdir(parents=True)
    (broken / "pack.yaml").write_text("title: [unclosed\n")
    (broken / "articles" / "bad.md").write_bytes(b"\xff\xfe not text")
    result = review(broken, bundled_content)
    assert result.title == "" and not result.can_install
    assert result.added == ["bad"]
    assert len(result.removed) == 4
    text = result.as_text()
    assert_plain_text(text)
    assert "New content: a pack with no title, version (none given)." in text
