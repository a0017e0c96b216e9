"""The machine's own settings (timeouts, staff PIN, cursor) in a TOML file staff can read.

Each setting is declared once, as a field of `Settings` with its TOML key, description and
range; loading, saving, checking and the staff panel's list all come from those declarations.
A bad value never stops the kiosk: it is reported with its file and line and the default is used.
"""

from __future__ import annotations

import dataclasses
import re
import tomllib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import Any, TypeVar

import platformdirs

from kiosk.content.problems import Problem, ProblemList
from kiosk.disk.atomic_file import atomic_write_text
from kiosk.rules.quiet_hours import quiet_hours_problem

_T = TypeVar("_T")
_META = "kiosk.setting"

HEADER = (
    "# Kiosk machine settings, written by the kiosk's staff panel.\n"
    "# You may edit this file by hand: the kiosk checks every value when it starts and uses\n"
    "# the default for any value it cannot use.\n\n"
)


@dataclass(frozen=True)
class _Declared:
    key: str
    description: str
    minimum: float | None
    maximum: float | None
    unit: str
    choices: tuple[str, ...]
    validator: Callable[[object], str | None] | None


def setting(
    default: _T,
    *,
    key: str,
    description: str,
    minimum: float | None = None,
    maximum: float | None = None,
    unit: str = "",
    choices: tuple[str, ...] = (),
    validator: Callable[[object], str | None] | None = None,
) -> _T:
    """Declare one setting: its dotted TOML key, what it does, its allowed range or choices."""
    declared = _Declared(key, description, minimum, maximum, unit, choices, validator)
    return field(default=default, metadata={_META: declared})


@dataclass(frozen=True)
class Settings:
    """Every machine setting. To add one, add a field here; nothing else needs to change."""

    idle_seconds: int = setting(
        90, key="idle.timeout_seconds", minimum=15, maximum=3600, unit="seconds",
        description="Seconds without a touch before the 'Still reading?' question appears.",
    )
    countdown_seconds: int = setting(
        15, key="idle.countdown_seconds", minimum=5, maximum=120, unit="seconds",
        description="Seconds the 'Still reading?' question counts down before the kiosk starts over.",
    )
    attract_seconds: int = setting(
        300, key="idle.attract_seconds", minimum=30, maximum=86400, unit="seconds",
        description="Further seconds without a touch on the home screen before the attract screen.",
    )
    reading_words_per_minute: int = setting(
        200, key="idle.reading_words_per_minute", minimum=50, maximum=1000, unit="words per minute",
        description="Reading speed of a slow reader; long articles get at least this long to read.",
    )
    staff_timeout_seconds: int = setting(
        120, key="staff.timeout_seconds", minimum=30, maximum=3600, unit="seconds",
        description="Seconds without a touch before the staff panel closes itself.",
    )
    pin_hash: str = setting(
        "", key="staff.pin_hash",
        description="The staff PIN, scrambled so it cannot be read back; empty until a PIN is set.",
    )
    show_cursor: bool = setting(
        False, key="screen.show_cursor",
        description="Show the mouse pointer (for setting up with a mouse; touch screens hide it).",
    )
    reduce_motion: bool = setting(
        False, key="screen.reduce_motion",
        description="No sliding or fading (carousel, attract screen), for people bothered by motion.",
    )
    quiet_hours: tuple[str, ...] = setting(
        (), key="screen.quiet_hours", validator=quiet_hours_problem,
        description=(
            'When the screen sleeps, e.g. ["mon-fri 20:00-07:00", "sun"]; a touch wakes it. '
            "Empty: always on."
        ),
    )
    trusted_keys: tuple[str, ...] = setting(
        (), key="content.trusted_keys",
        description=(
            "Public keys (from `kiosk pack keygen`) whose signed packs staff may install; "
            "empty means any pack, signed or not, may be installed."
        ),
    )
    printer: str = setting(
        "", key="printing.printer",
        description="The print queue for handouts; empty means the system's default printer.",
    )
    paper: str = setting(
        "letter", key="printing.paper", choices=("letter", "a4"),
        description="The handout's paper size: letter or a4.",
    )
    handouts_per_visitor: int = setting(
        3, key="printing.per_visitor", minimum=0, maximum=20, unit="handouts",
        description="Handouts one visitor may print before the screen starts over; 0 turns printing off.",
    )
    handouts_per_hour: int = setting(
        30, key="printing.per_hour", minimum=0, maximum=500, unit="handouts",
        description="Handouts the kiosk prints in any hour, for all visitors together.",
    )

    def replace(self, **changes: Any) -> Settings:
        """A copy with some settings changed (not checked: use `validate_value` first)."""
        return dataclasses.replace(self, **changes)


@dataclass(frozen=True)
class SettingSpec:
    """One setting as the staff panel lists it."""

    attribute: str
    key: str
    type: type
    default: object
    minimum: float | None
    maximum: float | None
    description: str
    unit: str = ""
    choices: tuple[str, ...] = ()
    validator: Callable[[object], str | None] | None = None

    @property
    def parts(self) -> tuple[str, ...]:
        return tuple(self.key.split("."))


@dataclass
class SettingsResult:
    settings: Settings
    problems: list[Problem]
    path: Path
    # The file is there but could not be read as a whole (empty, not text, not TOML): what it
    # said, the staff PIN included, is unknown, so no one may choose a new PIN in its place.
    damaged: bool = False


def _build_specs() -> tuple[SettingSpec, ...]:
    specs = []
    for item in dataclasses.fields(Settings):
        declared = item.metadata[_META]
        specs.append(SettingSpec(
            attribute=item.name, key=declared.key, type=type(item.default), default=item.default,
            minimum=declared.minimum, maximum=declared.maximum,
            description=declared.description, unit=declared.unit, choices=declared.choices,
            validator=declared.validator,
        ))
    return tuple(specs)


_SPECS = _build_specs()
_BY_ATTRIBUTE = {spec.attribute: spec for spec in _SPECS}
_BY_PARTS = {spec.parts: spec for spec in _SPECS}
# Every table that holds settings ("idle", "staff", ...), so only unknown ones are reported.
_SECTIONS = {spec.parts[:depth] for spec in _SPECS for depth in range(1, len(spec.parts))}


def describe_settings() -> list[SettingSpec]:
    """Every setting in declaration order, with its key, type, default, range and description."""
    return list(_SPECS)


def default_settings_path() -> Path:
    return platformdirs.user_config_path("kiosk", appauthor=False) / "settings.toml"


# --- checking one value ------------------------------------------------------------------------

_KIND = {
    bool: "true or false", int: "a whole number", float: "a number", str: "text in double quotes",
    tuple: 'a list of texts in double quotes, like ["first", "second"]',
}


def validate_value(attribute: str, value: object) -> str | None:
    """Why `value` cannot be used for the setting `attribute`, as a sentence; None if it can."""
    spec = _BY_ATTRIBUTE.get(attribute)
    if spec is None:
        raise KeyError(f"there is no setting called {attribute!r}")
    return _check(spec, value)


def _check(spec: SettingSpec, value: object) -> str | None:
    if not _has_type(spec.type, value):
        hint = " (write it without quotes)" if _quoted_by_mistake(spec.type, value) else ""
        return f"{spec.key} must be {_KIND.get(spec.type, spec.type.__name__)}, not {_show(value)}{hint}"
    if spec.validator is not None:
        problem = spec.validator(value)
        if problem is not None:
            return f"{spec.key}: {problem}"
    if spec.choices and value not in spec.choices:
        allowed = " or ".join(f'"{c}"' for c in spec.choices)
        return f"{spec.key} is {_show(value)}, but it must be {allowed}"
    return _check_range(spec, value)


def _has_type(expected: type, value: object) -> bool:
    if expected is bool or isinstance(value, bool):  # in Python, True is also the number 1
        return type(value) is expected
    if expected is float:  # a whole number is a fine number
        return isinstance(value, int | float)
    if expected is tuple:  # a TOML list of texts
        return isinstance(value, list | tuple) and all(isinstance(item, str) for item in value)
    return isinstance(value, expected)


def _quoted_by_mistake(expected: type, value: object) -> bool:
    if not isinstance(value, str) or expected is str:
        return False
    text = value.strip().lower()
    if expected is bool:
        return text in ("true", "false")
    return re.fullmatch(r"[+-]?[0-9]+(\.[0-9]+)?", text) is not None


def _check_range(spec: SettingSpec, value: object) -> str | None:
    if not isinstance(value, int | float) or isinstance(value, bool):
        return None
    low, high = spec.minimum, spec.maximum
    if (low is None or value >= low) and (high is None or value <= high):
        return None
    unit = f" {spec.unit}" if spec.unit else ""
    if low is not None and high is not None:
        allowed = f"between {_number(low)} and {_number(high)}{unit}"
    elif low is not None:
        allowed = f"at least {_number(low)}{unit}"
    else:
        allowed = f"at most {_number(high)}{unit}"
    return f"{spec.key} is {_show(value)}, but it must be {allowed}"


def _number(value: float | None) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def _show(value: object) -> str:
    """A value as it looks in the TOML file, so staff recognise what they typed."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f'"{shown}"'
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, dict):
        return "a section of settings"
    if isinstance(value, list):
        return "a list"
    return str(value)


def _show_default(value: object) -> str:
    return '"" (empty)' if value == "" else _show(value)


# --- loading -----------------------------------------------------------------------------------


def load_settings(path: Path) -> SettingsResult:
    """Read the settings file; every problem is reported and the default used in its place."""
    problems = ProblemList()
    text = _read_text(path, problems)
    if text is None:
        return SettingsResult(Settings(), problems.items, path, damaged=bool(problems.items))
    if not text.strip():
        problems.error(str(path), 1, (
            "the settings file is empty, so the kiosk is using its default settings and staff "
            "cannot choose a PIN. Restore the file from a backup, or delete it to start afresh."
        ))
        return SettingsResult(Settings(), problems.items, path, damaged=True)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        problems.error(str(path), *_syntax_problem(str(exc), text))
        return SettingsResult(Settings(), problems.items, path, damaged=True)
    values = _apply(data, KeyLines(text), str(path), problems)
    return SettingsResult(Settings(**values), problems.items, path)


def _read_text(path: Path, problems: ProblemList) -> str | None:
    """The file's text, or None (with a problem, unless the file simply is not there yet)."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        reason = exc.strerror or str(exc)
        problems.error(str(path), 1, (
            f"the settings file could not be read ({reason}), so the kiosk is using its default "
            f"settings. Check that {path.name} is a file, not a folder, and that the kiosk may read it."
        ))
        return None
    try:
        return raw.decode("utf-8-sig")  # Notepad may add a byte-order mark; it does no harm
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        problems.error(str(path), line, (
            "this line has characters that are not plain UTF-8 text, so the kiosk is using its "
            "default settings. Retype the line, or save the file as UTF-8."
        ))
        return None


def _syntax_problem(message: str, text: str) -> tuple[int, str]:
    """The line and a plain sentence for a TOML syntax error."""
    found = re.search(r"\s*\(at line (\d+), column (\d+)\)\s*$", message)
    if found:
        line, where = int(found.group(1)), f" at column {found.group(2)}"
        reason = message[: found.start()]
    elif message.endswith("(at end of document)"):
        line, where = max(1, len(text.splitlines())), " at the end of the file"
        reason = message.removesuffix("(at end of document)").rstrip()
    else:
        line, where, reason = 1, "", message
    reason = reason[:1].lower() + reason[1:]
    return line, (
        f"the settings file is not valid TOML ({reason}{where}), so the kiosk is using its default "
        'settings. Fix this line: a setting looks like timeout_seconds = 90, text needs "quotes".'
    )


def _apply(data: Mapping[str, Any], lines: KeyLines, path: str, problems: ProblemList) -> dict[str, Any]:
    """Keyword arguments for `Settings` from the usable values; a problem for each other one."""
    values: dict[str, Any] = {}
    for parts, value in _walk(data, (), lines, path, problems):
        spec = _BY_PARTS[parts]
        reason = _check(spec, value)
        if reason is None:
            values[spec.attribute] = (
                float(value) if spec.type is float else tuple(value) if spec.type is tuple else value
            )
        else:
            problems.error(path, lines.line_of(parts), f"{reason}; using {_show_default(spec.default)}.")
    return values


def _walk(
    table: Mapping[str, Any], prefix: tuple[str, ...], lines: KeyLines, path: str, problems: ProblemList,
) -> Iterator[tuple[tuple[str, ...], Any]]:
    """Every known setting's key and value; unknown keys and misplaced values become problems."""
    for name, value in table.items():
        parts = (*prefix, name)
        if parts in _BY_PARTS:
            yield parts, value
        elif parts in _SECTIONS and isinstance(value, dict):
            yield from _walk(value, parts, lines, path, problems)
        elif parts in _SECTIONS:
            problems.error(path, lines.line_of(parts), (
                f"{_dotted(parts)} must be a section of settings ([{_dotted(parts)}]), not "
                f"{_show(value)}; using the defaults for the settings in it."
            ))
        else:
            problems.warning(path, lines.line_of(parts), _unknown(parts, value))


def _unknown(parts: tuple[str, ...], value: object) -> str:
    key = _dotted(parts)
    if isinstance(value, dict):
        kind, shown, known = "section", f"[{key}]", {_dotted(s): f"[{_dotted(s)}]" for s in _SECTIONS}
    else:
        kind, shown, known = "setting", f'"{key}"', {spec.key: f'"{spec.key}"' for spec in _SPECS}
    import difflib  # only when a setting is misspelt

    close = difflib.get_close_matches(key, known, n=1)
    listed = ", ".join(sorted(known.values()))
    hint = f"did you mean {known[close[0]]}?" if close else f"known {kind}s: {listed}"
    return f"unknown {kind} {shown}; check the spelling ({hint}). The kiosk ignores it."


def _dotted(parts: tuple[str, ...]) -> str:
    return ".".join(parts)


# --- line numbers --------------------------------------------------------------------------------

_KEY_PART = r"""(?:[A-Za-z0-9_-]+|"(?:[^"\\]|\\.)*"|'[^']*')"""
_KEY = rf"{_KEY_PART}(?:\s*\.\s*{_KEY_PART})*"
_TABLE_LINE = re.compile(rf"\s*\[\[?\s*({_KEY})\s*\]")
_KEY_LINE = re.compile(rf"\s*({_KEY})\s*=(.*)")


class KeyLines:
    """The 1-based line each key is written on; tomllib keeps no line numbers, so scan the text.

    Knows `[table]` headers, `key = value` lines, dotted and quoted keys, and skips the inside
    of multi-line strings. Anything it cannot place is reported on line 1.
    """

    def __init__(self, text: str) -> None:
        self._lines: dict[tuple[str, ...], int] = {}
        table: tuple[str, ...] = ()
        open_quote: str | None = None  # inside a multi-line string that opened with this
        for number, line in enumerate(text.splitlines(), start=1):
            if open_quote is not None:
                open_quote = _still_open(line, open_quote)
                continue
            if match := _TABLE_LINE.match(line):
                table = _key_parts(match.group(1))
                self._lines.setdefault(table, number)
            elif match := _KEY_LINE.match(line):
                self._lines.setdefault((*table, *_key_parts(match.group(1))), number)
                open_quote = _still_open(match.group(2), None)
            else:
                open_quote = _still_open(line, None)

    def line_of(self, parts: tuple[str, ...]) -> int:
        """The key's line, else the line of the nearest table or key above it, else 1."""
        for depth in range(len(parts), 0, -1):
            line = self._lines.get(parts[:depth])
            if line is not None:
                return line
        return 1


def _still_open(text: str, open_quote: str | None) -> str | None:
    """Which multi-line string is still open at the end of `text` (None if none is)."""
    at = 0
    while at < len(text):
        if open_quote is not None:
            end = text.find(open_quote, at)
            if end < 0:
                return open_quote
            open_quote, at = None, end + 3
            continue
        char = text[at]
        if char == "#":
            return None  # the rest is a comment
        if text.startswith(('"""', "'''"), at):
            open_quote, at = text[at : at + 3], at + 3
        elif char in "\"'":
            at = _string_end(text, at)
        else:
            at += 1
    return open_quote


def _string_end(text: str, start: int) -> int:
    """Just past the one-line string that starts at `start`; only basic strings have escapes."""
    quote, at = text[start], start + 1
    while at < len(text) and text[at] != quote:
        at += 2 if quote == '"' and text[at] == "\\" else 1
    return at + 1


def _key_parts(key: str) -> tuple[str, ...]:
    return tuple(_unquote(part) for part in re.findall(_KEY_PART, key))


def _unquote(part: str) -> str:
    if part.startswith("'"):
        return part[1:-1]
    if part.startswith('"'):
        try:  # let the TOML reader itself decode escapes such as \u00e9
            return str(tomllib.loads(f"k = {part}")["k"])
        except tomllib.TOMLDecodeError:
            return part[1:-1]
    return part


# --- saving --------------------------------------------------------------------------------------


def save_settings(settings: Settings, path: Path) -> None:
    """Write every setting, in tables, safely over the old file. Refuses values it cannot use."""
    data: dict[str, Any] = {}
    for spec in _SPECS:
        value = getattr(settings, spec.attribute)
        reason = _check(spec, value)
        if reason is not None:
            raise ValueError(f"The settings were not saved: {reason}.")
        *tables, name = spec.parts
        target = data
        for table in tables:
            target = target.setdefault(table, {})
        target[name] = list(value) if isinstance(value, tuple) else value
    import tomli_w  # only when staff save, not on the way to the first paint

    atomic_write_text(path, HEADER + tomli_w.dumps(data))
