"""The settings file, in TOML that staff can read: loading it (a bad value never stops the kiosk:
it is reported with its file and line and the default used) and saving it safely.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from kiosk.content.problems import ProblemList
from kiosk.disk.atomic_file import atomic_write_text
from kiosk.settings.declared import (
    _BY_PARTS,
    _SECTIONS,
    SPECS,
    Settings,
    SettingsResult,
    _show,
    _show_default,
    check_value,
)
from kiosk.settings.toml_lines import KeyLines

HEADER = (
    "# Kiosk machine settings, written by the kiosk's staff panel.\n"
    "# You may edit this file by hand: the kiosk checks every value when it starts and uses\n"
    "# the default for any value it cannot use.\n\n"
)


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
        reason = check_value(spec, value)
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
        kind, shown, known = "setting", f'"{key}"', {spec.key: f'"{spec.key}"' for spec in SPECS}
    import difflib  # only when a setting is misspelt

    close = difflib.get_close_matches(key, known, n=1)
    listed = ", ".join(sorted(known.values()))
    hint = f"did you mean {known[close[0]]}?" if close else f"known {kind}s: {listed}"
    return f"unknown {kind} {shown}; check the spelling ({hint}). The kiosk ignores it."


def _dotted(parts: tuple[str, ...]) -> str:
    return ".".join(parts)


def save_settings(settings: Settings, path: Path) -> None:
    """Write every setting, in tables, safely over the old file. Refuses values it cannot use."""
    data: dict[str, Any] = {}
    for spec in SPECS:
        value = getattr(settings, spec.attribute)
        reason = check_value(spec, value)
        if reason is not None:
            raise ValueError(f"The settings were not saved: {reason}.")
        *tables, name = spec.parts
        target = data
        for table in tables:
            target = target.setdefault(table, {})
        target[name] = list(value) if isinstance(value, tuple) else value
    import tomli_w  # only when staff save, not on the way to the first paint

    atomic_write_text(path, HEADER + tomli_w.dumps(data))
