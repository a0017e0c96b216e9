"""Reading typed fields out of parsed YAML, reporting each problem with its file and line."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from kiosk.content.problems import ProblemList
from kiosk.content.yaml_source import YamlDocument

Key = str | int


class Fields:
    """A YAML mapping at `keys` inside `doc`, read field by field."""

    def __init__(
        self,
        doc: YamlDocument,
        path: str,
        problems: ProblemList,
        keys: tuple[Key, ...] = (),
        value: Any = None,
    ) -> None:
        self.doc = doc
        self.path = path
        self.problems = problems
        self.keys = keys
        self.data: dict[Any, Any] = value if isinstance(value, dict) else {}
        self.exists = isinstance(value, dict)

    def line(self, *keys: Key) -> int:
        return self.doc.line_of(*self.keys, *keys)

    def where(self, key: Key) -> str:
        return ".".join(str(k) for k in (*self.keys, key) if isinstance(k, str))

    def error(self, key: Key, message: str) -> None:
        self.problems.error(self.path, self.line(key), message)

    def warning(self, key: Key, message: str) -> None:
        self.problems.warning(self.path, self.line(key), message)

    def text(self, key: str, *, required: bool, max_length: int | None = None) -> str | None:
        if key not in self.data or self.data[key] is None:
            if required:
                self.problems.error(
                    self.path, self.line(), f"'{self.where(key)}' is missing; add it"
                )
            return None
        value = self.data[key]
        if isinstance(value, bool) or not isinstance(value, str | int | float | date):
            self.error(key, f"'{self.where(key)}' must be plain text, not a list or a mapping")
            return None
        text = str(value).strip()
        if required and not text:
            self.error(key, f"'{self.where(key)}' is empty; write something there")
            return None
        if max_length is not None and len(text) > max_length:
            self.error(
                key,
                f"'{self.where(key)}' is {len(text)} characters long; "
                f"shorten it to at most {max_length}",
            )
        return text

    def text_list(self, key: str) -> list[str]:
        value = self.data.get(key)
        if value is None:
            return []
        if isinstance(value, str):
            return [value.strip()]
        if not isinstance(value, list):
            self.error(key, f"'{self.where(key)}' must be a list, like [one, two]")
            return []
        items: list[str] = []
        for index, item in enumerate(value):
            if isinstance(item, bool) or not isinstance(item, str | int | float):
                self.problems.error(
                    self.path,
                    self.line(key, index),
                    f"item {index + 1} of '{self.where(key)}' must be plain text",
                )
                continue
            items.append(str(item).strip())
        return items

    def mapping(self, key: str, *, required: bool) -> Fields:
        value = self.data.get(key)
        if value is None and required:
            self.problems.error(self.path, self.line(), f"'{self.where(key)}' is missing; add it")
        elif value is not None and not isinstance(value, dict):
            self.error(key, f"'{self.where(key)}' must be a group of fields (key: value lines)")
        return Fields(self.doc, self.path, self.problems, (*self.keys, key), value)

    def mapping_list(self, key: str) -> list[Fields]:
        value = self.data.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            self.error(key, f"'{self.where(key)}' must be a list of entries starting with '-'")
            return []
        entries = []
        for index, item in enumerate(value):
            if not isinstance(item, dict):
                self.problems.error(
                    self.path,
                    self.line(key, index),
                    f"entry {index + 1} of '{self.where(key)}' must be a group of fields",
                )
                continue
            keys = (*self.keys, key, index)
            entries.append(Fields(self.doc, self.path, self.problems, keys, item))
        return entries

    def warn_unknown(self, known: Iterable[str]) -> None:
        allowed = set(known)
        for key in self.data:
            if key not in allowed:
                self.warning(
                    str(key),
                    f"'{self.where(str(key))}' is not a field the kiosk knows; it is ignored "
                    f"(check the spelling; known fields: {', '.join(sorted(allowed))})",
                )
