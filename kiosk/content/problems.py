"""Problems found in a content pack, worded for the people who fix them."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Severity(Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    """One problem: where it is (a path relative to the pack, a 1-based line) and what to do."""

    path: str
    line: int
    message: str
    severity: Severity = Severity.ERROR

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def __str__(self) -> str:
        prefix = "warning: " if self.severity is Severity.WARNING else ""
        return f"{self.path}:{self.line}: {prefix}{self.message}"


class ProblemList:
    """Collects every problem instead of stopping at the first."""

    def __init__(self) -> None:
        self.items: list[Problem] = []

    def error(self, path: str, line: int, message: str) -> None:
        self.items.append(Problem(path, line, message, Severity.ERROR))

    def warning(self, path: str, line: int, message: str) -> None:
        self.items.append(Problem(path, line, message, Severity.WARNING))

    def extend(self, problems: list[Problem]) -> None:
        self.items.extend(problems)

    @property
    def errors(self) -> list[Problem]:
        return errors_in(self.items)

    @property
    def warnings(self) -> list[Problem]:
        return warnings_in(self.items)


def errors_in(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.is_error]


def warnings_in(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if not p.is_error]
