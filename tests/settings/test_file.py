"""Machine settings: every bad value is reported on its own line and only that value falls back."""

from __future__ import annotations

import dataclasses
import os
import tomllib
import typing
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from kiosk.content.problems import Problem, Severity
from kiosk.disk.atomic_file import atomic_write_text
from kiosk.settings.declared import (
    Settings,
    SettingSpec,
    SettingsResult,
    default_settings_path,
    describe_settings,
    validate_value,
)
from kiosk.settings.file import HEADER, load_settings, save_settings
from kiosk.settings.toml_lines import KeyLines

# Every setting changed from its default, so a test can tell "applied" from "fell back".
GOOD = """\
# Settings for the front desk kiosk.
[idle]
timeout_seconds = 120
countdown_seconds = 20
attract_seconds = 600
reading_words_per_minute = 150

[staff]
timeout_seconds = 300
pin_hash = "scrypt$stored"

[screen]
show_cursor = true
"""
GOOD_SETTINGS = Settings(
    idle_seconds=120, countdown_seconds=20, attract_seconds=600, reading_words_per_minute=150,
    staff_timeout_seconds=300, pin_hash="scrypt$stored", show_cursor=True,
)
LINE_OF = {  # where each setting sits in GOOD
    "idle_seconds": 3, "countdown_seconds": 4, "attract_seconds": 5, "reading_words_per_minute": 6,
    "staff_timeout_seconds": 9, "pin_hash": 10, "show_cursor": 13,
}


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "settings.toml"
    path.write_text(text, encoding="utf-8")
    return path


def with_line(attribute: str, line: str) -> str:
    """GOOD with the line of one setting replaced."""
    lines = GOOD.splitlines()
    lines[LINE_OF[attribute] - 1] = line
    return "\n".join(lines) + "\n"


def only_changed(attribute: str) -> Settings:
    """GOOD_SETTINGS with one setting back at its default."""
    default = next(spec.default for spec in describe_settings() if spec.attribute == attribute)
    return GOOD_SETTINGS.replace(**{attribute: default})


# --- declarations --------------------------------------------------------------------------------


def test_each_field_is_declared_once_with_key_type_range_and_description() -> None:
    specs = describe_settings()
    hints = typing.get_type_hints(Settings)
    assert [spec.attribute for spec in specs] == [f.name for f in dataclasses.fields(Settings)]
    assert len({spec.key for spec in specs}) == len(specs)
    for spec in specs:
        hint = hints[spec.attribute]
        assert spec.type is (typing.get_origin(hint) or hint), spec.attribute
        assert spec.description.endswith("."), spec.attribute
        assert validate_value(spec.attribute, spec.default) is None, spec.attribute
        if spec.type is int:
            assert spec.minimum is not None and spec.maximum is not None, spec.attribute


def test_the_specified_defaults_keys_and_ranges() -> None:
    table = {(s.attribute, s.key, s.type, s.default, s.minimum, s.maximum) for s in describe_settings()}
    assert table == {
        ("idle_seconds", "idle.timeout_seconds", int, 90, 15, 3600),
        ("countdown_seconds", "idle.countdown_seconds", int, 15, 5, 120),
        ("attract_seconds", "idle.attract_seconds", int, 300, 30, 86400),
        ("reading_words_per_minute", "idle.reading_words_per_minute", int, 200, 50, 1000),
        ("staff_timeout_seconds", "staff.timeout_seconds", int, 120, 30, 3600),
        ("pin_hash", "staff.pin_hash", str, "", None, None),
        ("trusted_keys", "content.trusted_keys", tuple, (), None, None),
        ("reduce_motion", "screen.reduce_motion", bool, False, None, None),
        ("quiet_hours", "screen.quiet_hours", tuple, (), None, None),
        ("printer", "printing.printer", str, "", None, None),
        ("paper", "printing.paper", str, "letter", None, None),
        ("handouts_per_visitor", "printing.per_visitor", int, 3, 0, 20),
        ("handouts_per_hour", "printing.per_hour", int, 30, 0, 500),
        ("show_cursor", "screen.show_cursor", bool, False, None, None),
        ("fleet_inbox", "fleet.inbox", str, "", None, None),
        ("fleet_outbox", "fleet.outbox", str, "", None, None),
        ("fleet_kiosk_id", "fleet.kiosk_id", str, "", None, None),
        ("fleet_settle_seconds", "fleet.settle_seconds", int, 30, 5, 3600),
        ("usage_counting", "usage.counting", bool, True, None, None),
    }


def test_describe_settings_returns_a_copy() -> None:
    describe_settings().clear()
    assert len(describe_settings()) == len(dataclasses.fields(Settings))


def test_default_path_is_the_users_config_folder() -> None:
    path = default_settings_path()
    assert path.name == "settings.toml"
    assert path.parent.name == "kiosk"


# --- loading good files --------------------------------------------------------------------------


def test_missing_file_gives_defaults_and_no_problems(tmp_path: Path) -> None:
    path = tmp_path / "nowhere" / "settings.toml"
    result = load_settings(path)
    assert result.settings == Settings()
    assert result.problems == []
    assert result.path == path


def test_every_value_in_a_good_file_is_used(tmp_path: Path) -> None:
    result = load_settings(write(tmp_path, GOOD))
    assert result.problems == []
    assert result.settings == GOOD_SETTINGS


def test_an_empty_file_gives_defaults(tmp_path: Path) -> None:
    result = load_settings(write(tmp_path, "# nothing set yet\n"))
    assert (result.settings, result.problems) == (Settings(), [])


def test_settings_left_out_keep_their_defaults(tmp_path: Path) -> None:
    result = load_settings(write(tmp_path, "[screen]\nshow_cursor = true\n"))
    assert result.problems == []
    assert result.settings == Settings(show_cursor=True)


def test_dotted_keys_at_the_top_level_and_inline_tables_work(tmp_path: Path) -> None:
    text = "idle.timeout_seconds = 100\nstaff = { timeout_seconds = 60 }\n"
    result = load_settings(write(tmp_path, text))
    assert result.problems == []
    assert result.settings == Settings(idle_seconds=100, staff_timeout_seconds=60)


def test_a_byte_order_mark_from_notepad_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_bytes("\ufeff[idle]\ntimeout_seconds = 100\n".encode())
    result = load_settings(path)
    assert (result.settings, result.problems) == (Settings(idle_seconds=100), [])


# --- bad values: reported on their line, only that setting falls back ---------------------------

BAD_VALUES = [
    pytest.param(
        "idle_seconds", "timeout_seconds = 5",
        "idle.timeout_seconds is 5, but it must be between 15 and 3600 seconds; using 90.",
        id="below-minimum",
    ),
    pytest.param(
        "idle_seconds", "timeout_seconds = 3601",
        "idle.timeout_seconds is 3601, but it must be between 15 and 3600 seconds; using 90.",
        id="above-maximum",
    ),
    pytest.param(
        "reading_words_per_minute", "reading_words_per_minute = 20",
        "idle.reading_words_per_minute is 20, but it must be between 50 and 1000 words per minute; "
        "using 200.",
        id="range-in-words-per-minute",
    ),
    pytest.param(
        "countdown_seconds", 'countdown_seconds = "20"',
        'idle.countdown_seconds must be a whole number, not "20" (write it without quotes); using 15.',
        id="number-in-quotes",
    ),
    pytest.param(
        "attract_seconds", "attract_seconds = 300.5",
        "idle.attract_seconds must be a whole number, not 300.5; using 300.",
        id="fraction",
    ),
    pytest.param(
        "attract_seconds", "attract_seconds = 1979-05-27",
        "idle.attract_seconds must be a whole number, not 1979-05-27; using 300.",
        id="date",
    ),
    pytest.param(
        "reading_words_per_minute", "reading_words_per_minute = true",
        "idle.reading_words_per_minute must be a whole number, not true; using 200.",
        id="bool-is-not-a-number",
    ),
    pytest.param(
        "staff_timeout_seconds", "timeout_seconds = [60, 120]",
        "staff.timeout_seconds must be a whole number, not a list; using 120.",
        id="list",
    ),
    pytest.param(
        "pin_hash", "pin_hash = 1234",
        'staff.pin_hash must be text in double quotes, not 1234; using "" (empty).',
        id="text-without-quotes",
    ),
    pytest.param(
        "show_cursor", 'show_cursor = "yes"',
        'screen.show_cursor must be true or false, not "yes"; using false.',
        id="yes-for-bool",
    ),
    pytest.param(
        "show_cursor", 'show_cursor = "true"',
        'screen.show_cursor must be true or false, not "true" (write it without quotes); using false.',
        id="quoted-bool",
    ),
    pytest.param(
        "show_cursor", "show_cursor = 1",
        "screen.show_cursor must be true or false, not 1; using false.",
        id="number-for-bool",
    ),
]


@pytest.mark.parametrize(("attribute", "line", "message"), BAD_VALUES)
def test_a_bad_value_is_reported_on_its_line_and_only_it_falls_back(
    tmp_path: Path, attribute: str, line: str, message: str
) -> None:
    path = write(tmp_path, with_line(attribute, line))
    result = load_settings(path)
    assert result.problems == [Problem(str(path), LINE_OF[attribute], message, Severity.ERROR)]
    assert result.settings == only_changed(attribute)


def test_several_bad_values_are_all_reported_in_file_order(tmp_path: Path) -> None:
    text = with_line("idle_seconds", "timeout_seconds = 1")
    text = text.replace("show_cursor = true", "show_cursor = 0")
    path = write(tmp_path, text)
    result = load_settings(path)
    assert [(p.line, p.message.split(" ")[0]) for p in result.problems] == [
        (3, "idle.timeout_seconds"), (13, "screen.show_cursor"),
    ]
    assert result.settings == GOOD_SETTINGS.replace(idle_seconds=90, show_cursor=False)


def test_problem_path_is_the_path_as_given(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "[idle]\ntimeout_seconds = 1\n")
    [problem] = load_settings(Path("settings.toml")).problems
    assert str(problem).startswith("settings.toml:2: idle.timeout_seconds is 1,")


# --- line numbers for the ways TOML can spell a key ---------------------------------------------

KEY_SPELLINGS = [
    pytest.param("# top\n\nidle.timeout_seconds = 5\n", 3, id="dotted-at-top-level"),
    pytest.param("[idle]\n\n\n  timeout_seconds   =   5   # too short\n", 4, id="indented-with-comment"),
    pytest.param('[idle]\n"timeout_seconds" = 5\n', 2, id="double-quoted"),
    pytest.param("['idle']\n'timeout_seconds' = 5\n", 2, id="single-quoted-table"),
    pytest.param('[ "idle" ]\ntimeout_seconds = 5\n', 2, id="quoted-table-with-spaces"),
    pytest.param('"idle" . "timeout_seconds" = 5\n', 1, id="quoted-dotted"),
    pytest.param('[idle]\n"timeout\\u005fseconds" = 5\n', 2, id="escaped-quoted-key"),
    pytest.param("[screen]\nshow_cursor = true\n[idle]\ntimeout_seconds = 5\n", 4, id="second-table"),
    pytest.param("\n\nidle = { countdown_seconds = 10, timeout_seconds = 5 }\n", 3, id="inline-table"),
    pytest.param(
        '[staff]\npin_hash = """\n[idle]\ntimeout_seconds = 7\n"""\n[idle]\ntimeout_seconds = 5\n',
        7, id="key-lookalike-inside-multiline-string",
    ),
    pytest.param(
        "[staff]\npin_hash = '''a ''' # '''\n[idle]\ntimeout_seconds = 5\n",
        4, id="multiline-string-closed-on-one-line",
    ),
    pytest.param(
        '[staff]\npin_hash = "# not a comment \\" \'\'\'"\n[idle]\ntimeout_seconds = 5\n',
        4, id="quotes-and-hash-inside-a-string",
    ),
]


@pytest.mark.parametrize(("text", "line"), KEY_SPELLINGS)
def test_the_line_is_found_however_the_key_is_written(tmp_path: Path, text: str, line: int) -> None:
    path = write(tmp_path, text)
    problems = [p for p in load_settings(path).problems if "timeout_seconds is 5" in p.message]
    assert [p.line for p in problems] == [line]


def test_a_key_the_scanner_cannot_place_is_reported_on_line_one() -> None:
    assert KeyLines("").line_of(("idle", "timeout_seconds")) == 1


# --- syntax errors and unreadable files ----------------------------------------------------------


def test_a_syntax_error_names_its_line_and_every_setting_falls_back(tmp_path: Path) -> None:
    path = write(tmp_path, with_line("attract_seconds", "attract_seconds = 600 600"))
    result = load_settings(path)
    assert result.settings == Settings()
    [problem] = result.problems
    assert (problem.path, problem.line, problem.severity) == (str(path), 5, Severity.ERROR)
    assert problem.message.startswith("the settings file is not valid TOML (")
    assert "column" in problem.message and "default settings" in problem.message


def test_a_syntax_error_at_the_end_of_the_file_names_the_last_line(tmp_path: Path) -> None:
    path = write(tmp_path, '[idle]\ntimeout_seconds = 100\n\n[staff]\npin_hash = "unfinished')
    [problem] = load_settings(path).problems
    assert problem.line == 5


def test_a_repeated_setting_is_a_syntax_error_on_the_second_line(tmp_path: Path) -> None:
    path = write(tmp_path, "[idle]\ntimeout_seconds = 100\ntimeout_seconds = 200\n")
    [problem] = load_settings(path).problems
    assert problem.line == 3


def test_a_file_that_is_not_utf8_names_the_line_with_the_bad_bytes(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_bytes(b'[idle]\ntimeout_seconds = 100\n[staff]\npin_hash = "caf\xe9"\n')
    result = load_settings(path)
    assert result.settings == Settings()
    [problem] = result.problems
    assert (problem.line, problem.severity) == (4, Severity.ERROR)
    assert "UTF-8" in problem.message


def test_a_folder_in_place_of_the_file_gives_defaults_and_one_problem(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.mkdir()
    result = load_settings(path)
    assert result.settings == Settings()
    [problem] = result.problems
    assert (problem.path, problem.line) == (str(path), 1)
    assert "could not be read" in problem.message and "settings.toml is a file" in problem.message


# --- unknown keys and tables ---------------------------------------------------------------------


def test_a_misspelt_setting_is_a_warning_with_a_suggestion_and_the_rest_applies(tmp_path: Path) -> None:
    path = write(tmp_path, with_line("idle_seconds", "timout_seconds = 100"))
    result = load_settings(path)
    assert result.problems == [Problem(
        str(path), 3,
        'unknown setting "idle.timout_seconds"; check the spelling (did you mean '
        '"idle.timeout_seconds"?). The kiosk ignores it.',
        Severity.WARNING,
    )]
    assert result.settings == only_changed("idle_seconds")


def test_an_unknown_setting_with_no_near_match_lists_the_known_ones(tmp_path: Path) -> None:
    text = GOOD.replace("show_cursor = true", "show_cursor = true\nbrightness = 80")
    path = write(tmp_path, text)
    result = load_settings(path)
    [problem] = result.problems
    assert (problem.line, problem.severity) == (14, Severity.WARNING)
    assert problem.message.startswith(
        'unknown setting "screen.brightness"; check the spelling (known settings: '
    )
    assert '"idle.timeout_seconds"' in problem.message and '"screen.show_cursor"' in problem.message
    assert result.settings == GOOD_SETTINGS


def test_an_unknown_table_is_a_warning_on_its_header_line(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD + "\n[stafff]\ntimeout_seconds = 30\n")
    result = load_settings(path)
    assert result.problems == [Problem(
        str(path), 15,
        "unknown section [stafff]; check the spelling (did you mean [staff]?). The kiosk ignores it.",
        Severity.WARNING,
    )]
    assert result.settings == GOOD_SETTINGS


def test_a_table_inside_a_known_table_is_unknown(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD + "\n[idle.night]\ntimeout_seconds = 30\n")
    result = load_settings(path)
    [problem] = result.problems
    assert (problem.line, problem.severity) == (15, Severity.WARNING)
    assert problem.message.startswith("unknown section [idle.night]")
    assert result.settings == GOOD_SETTINGS


def test_a_value_where_a_table_belongs_is_an_error_and_its_settings_fall_back(tmp_path: Path) -> None:
    path = write(tmp_path, 'idle = 5\n[screen]\nshow_cursor = true\n')
    result = load_settings(path)
    assert result.problems == [Problem(
        str(path), 1,
        "idle must be a section of settings ([idle]), not 5; using the defaults for the settings in it.",
    )]
    assert result.settings == Settings(show_cursor=True)


# --- checking a value for the staff panel --------------------------------------------------------


def test_validate_value_accepts_good_values_and_explains_bad_ones() -> None:
    assert validate_value("idle_seconds", 15) is None
    assert validate_value("idle_seconds", 3600) is None
    assert validate_value("idle_seconds", 14) == (
        "idle.timeout_seconds is 14, but it must be between 15 and 3600 seconds"
    )
    assert validate_value("show_cursor", 1) == "screen.show_cursor must be true or false, not 1"
    assert validate_value("idle_seconds", True) == "idle.timeout_seconds must be a whole number, not true"
    assert validate_value("pin_hash", "anything") is None


def test_validate_value_refuses_an_unknown_setting() -> None:
    with pytest.raises(KeyError):
        validate_value("brightness", 3)


# --- saving --------------------------------------------------------------------------------------


def test_saved_file_has_the_header_and_every_setting_in_tables(tmp_path: Path) -> None:
    path = tmp_path / "config" / "kiosk" / "settings.toml"
    save_settings(Settings(), path)
    text = path.read_text(encoding="utf-8")
    assert text.startswith(HEADER) and "staff panel" in HEADER
    assert tomllib.loads(text) == {
        "idle": {
            "timeout_seconds": 90, "countdown_seconds": 15, "attract_seconds": 300,
            "reading_words_per_minute": 200,
        },
        "staff": {"timeout_seconds": 120, "pin_hash": ""},
        "screen": {"show_cursor": False, "reduce_motion": False, "quiet_hours": []},
        "content": {"trusted_keys": []},
        "printing": {"printer": "", "paper": "letter", "per_visitor": 3, "per_hour": 30},
        "fleet": {"inbox": "", "outbox": "", "kiosk_id": "", "settle_seconds": 30},
        "usage": {"counting": True},
    }


def test_save_then_load_gives_the_same_settings(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    for original in (Settings(), GOOD_SETTINGS):
        save_settings(original, path)
        assert load_settings(path) == SettingsResult(original, [], path)


def test_save_refuses_an_invalid_value_and_keeps_the_old_file(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD)
    with pytest.raises(ValueError, match=r"idle\.timeout_seconds is 1, but it must be between 15 and 3600"):
        save_settings(Settings(idle_seconds=1), path)
    assert path.read_text(encoding="utf-8") == GOOD


def test_a_failed_save_keeps_the_old_file(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD)
    unwritable = Settings(pin_hash="\udc80")  # a lone surrogate cannot be encoded as UTF-8
    with pytest.raises(UnicodeEncodeError):
        save_settings(unwritable, path)
    assert path.read_text(encoding="utf-8") == GOOD
    assert sorted(p.name for p in tmp_path.iterdir()) == ["settings.toml"]


def in_range_settings() -> st.SearchStrategy[Settings]:
    """Any Settings a staff member could save, built from the declarations."""
    kinds: dict[type, typing.Callable[[SettingSpec], st.SearchStrategy[typing.Any]]] = {
        int: lambda s: st.integers(min_value=s.minimum, max_value=s.maximum),  # type: ignore[arg-type]
        float: lambda s: st.floats(min_value=s.minimum, max_value=s.maximum, allow_nan=False),
        bool: lambda s: st.booleans(),
        str: lambda s: st.sampled_from(s.choices) if s.choices else st.text(),
        tuple: lambda s: st.lists(st.text(), max_size=3).map(tuple),
    }
    fields = {spec.attribute: kinds[spec.type](spec) for spec in describe_settings()}
    entries = st.sampled_from(["mon-fri 20:00-07:00", "sun", "daily 01:00-05:00", "sat,sun"])
    fields["quiet_hours"] = st.lists(entries, max_size=3).map(tuple)
    return st.builds(Settings, **fields)


@hypothesis_settings(max_examples=60, deadline=None)
@given(original=in_range_settings())
def test_any_in_range_settings_survive_a_save_and_load(
    tmp_path_factory: pytest.TempPathFactory, original: Settings
) -> None:
    path = tmp_path_factory.mktemp("roundtrip") / "settings.toml"
    save_settings(original, path)
    result = load_settings(path)
    assert (result.settings, result.problems) == (original, [])
    lines = path.read_text(encoding="utf-8").splitlines()
    for spec in describe_settings():  # the line scanner finds every key the writer wrote
        line = KeyLines("\n".join(lines)).line_of(spec.parts)
        assert lines[line - 1].startswith(f"{spec.parts[-1]} = "), spec.key


# --- atomic writes -------------------------------------------------------------------------------


def test_atomic_write_creates_folders_and_replaces_the_file(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b" / "file.txt"
    atomic_write_text(path, "first\n")
    atomic_write_text(path, "second\r\nline\n")
    assert path.read_bytes() == b"second\r\nline\n"
    assert [p.name for p in path.parent.iterdir()] == ["file.txt"]


def test_atomic_write_keeps_the_permissions_of_the_file_it_replaces(tmp_path: Path) -> None:
    path = tmp_path / "file.txt"
    path.write_text("old", encoding="utf-8")
    path.chmod(0o640)
    atomic_write_text(path, "new")
    assert (path.stat().st_mode & 0o777, path.read_text(encoding="utf-8")) == (0o640, "new")


def test_a_failed_encoding_leaves_the_old_file_and_no_temporary_file(tmp_path: Path) -> None:
    path = tmp_path / "file.txt"
    path.write_text("old text", encoding="utf-8")
    with pytest.raises(UnicodeEncodeError):
        atomic_write_text(path, "new text \udc80")
    assert path.read_text(encoding="utf-8") == "old text"
    assert os.listdir(tmp_path) == ["file.txt"]


def test_a_failed_rename_leaves_the_target_and_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "settings.toml"
    target.mkdir()  # a folder cannot be replaced by a file, even by root
    (target / "keep.txt").write_text("kept", encoding="utf-8")
    with pytest.raises(OSError):
        atomic_write_text(target, "new text")
    assert (target / "keep.txt").read_text(encoding="utf-8") == "kept"
    assert os.listdir(tmp_path) == ["settings.toml"]


def test_a_value_outside_the_choices_is_reported_and_the_default_used(tmp_path: Path) -> None:
    path = write(tmp_path, '[printing]\npaper = "legal"\n')
    result = load_settings(path)
    assert result.settings.paper == "letter"
    assert [str(p) for p in result.problems] == [
        f'{path}:2: printing.paper is "legal", but it must be "letter" or "a4"; using "letter".'
    ]


def test_trusted_keys_are_a_list_of_texts(tmp_path: Path) -> None:
    path = write(tmp_path, '[content]\ntrusted_keys = ["abc", "def"]\n')
    assert load_settings(path).settings.trusted_keys == ("abc", "def")
    bad = write(tmp_path, '[content]\ntrusted_keys = "abc"\n')
    result = load_settings(bad)
    assert result.settings.trusted_keys == ()
    assert "content.trusted_keys must be a list of texts" in str(result.problems[0])
    assert str(result.problems[0]).startswith(f"{bad}:2: ")
