"""The line each key of a TOML file is written on, so a problem can name it: tomllib keeps none."""

from __future__ import annotations

import re
import tomllib

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
