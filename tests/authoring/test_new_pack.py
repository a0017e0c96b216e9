"""`kiosk new DIR`: a pack that validates at once, shows every key of the format, and is only
ever written into a new or empty folder."""

from __future__ import annotations

from pathlib import Path

from kiosk.authoring.reading_checks import pack_reading_levels
from kiosk.authoring.template import format_keys, template_keys
from kiosk.content.validation import validate_pack
from tests.cli.test_content_commands import kiosk


def test_a_new_pack_validates_without_a_single_problem(tmp_path: Path) -> None:
    root = tmp_path / "Sunrise Clinic"
    result = kiosk("new", str(root))
    assert result.returncode == 0, result.stderr
    assert f"kiosk preview {root}" in result.stdout
    checked = validate_pack(root)
    assert checked.pack is not None
    assert [str(p) for p in checked.problems] == []
    assert pack_reading_levels(checked.pack).problems == []
    assert checked.pack.id == "sunrise-clinic"
    assert (root / "media").is_dir() and not any((root / "media").iterdir())
    assert sorted(p.name for p in (root / "articles").iterdir()) == ["start-here.md"]
    validated = kiosk("validate", str(root))
    assert validated.returncode == 0 and validated.stdout.strip().endswith("ok: 1 articles")


def test_every_key_of_the_format_appears_in_the_template() -> None:
    """When the loader learns a key (pack_yaml.py PACK_KEYS, articles.py ARTICLE_KEYS, ...),
    add it with its comment to kiosk/authoring/template.py."""
    declared, shown = format_keys(), template_keys()
    for file in declared:
        missing = sorted(declared[file] - shown[file])
        unknown = sorted(shown[file] - declared[file])
        assert missing == [], f"the template's {file} lacks {missing}: add them to template.py"
        assert unknown == [], f"the template's {file} shows keys the loader does not know: {unknown}"


def test_every_key_line_of_pack_yaml_has_its_comment(tmp_path: Path) -> None:
    root = tmp_path / "pack"
    assert kiosk("new", str(root)).returncode == 0
    lines = (root / "pack.yaml").read_text(encoding="utf-8").splitlines()
    key_lines = [line for line in lines if line.strip() and not line.lstrip().startswith("#")]
    # The second phone line repeats the first one's fields; its comments are on the first.
    uncommented = [line for line in key_lines if " # " not in line]
    assert uncommented == ['    - label: 988 Suicide & Crisis Lifeline (call or text)', '      number: "988"']


def test_new_refuses_a_folder_that_is_not_empty_and_changes_nothing(tmp_path: Path) -> None:
    root = tmp_path / "pack"
    root.mkdir()
    (root / "notes.txt").write_text("mine")
    result = kiosk("new", str(root))
    assert result.returncode == 1
    assert result.stderr.startswith(f"kiosk new: {root} is not empty;")
    assert [p.name for p in root.iterdir()] == ["notes.txt"]
    a_file = tmp_path / "file"
    a_file.write_text("x")
    refused = kiosk("new", str(a_file))
    assert refused.returncode == 1 and "is a file, not a folder" in refused.stderr


def test_new_takes_an_empty_folder(tmp_path: Path) -> None:
    root = tmp_path / "empty"
    root.mkdir()
    assert kiosk("new", str(root)).returncode == 0
    assert validate_pack(root).pack is not None
