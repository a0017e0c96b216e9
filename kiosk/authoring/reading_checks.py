"""Reading levels of a whole pack for `kiosk validate` and the preview: each article's level, a
warning at the first line of each article harder than the pack's limit, and the limit itself
(`authoring: {max_grade: 9}` in pack.yaml; grade 8 when it is not set).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from kiosk.authoring.reading_level import DEFAULT_MAX_GRADE, ReadingLevel, measure, too_hard_message
from kiosk.content.fields import Fields
from kiosk.content.model import Article, Pack
from kiosk.content.pack_files import read_yaml_file
from kiosk.content.pack_yaml import PACK_FILE
from kiosk.content.problems import Problem, ProblemList, Severity

AUTHORING_KEYS = ("max_grade",)
LOWEST_LIMIT, HIGHEST_LIMIT = 3, 16


@dataclass(frozen=True)
class GradeLimit:
    grade: float = DEFAULT_MAX_GRADE
    set_by_pack: bool = False
    problems: tuple[Problem, ...] = ()


@dataclass
class PackReadingLevels:
    """Each measured article's level by its file (`articles/SLUG.md`, `articles/SLUG.es.md`)."""

    limit: GradeLimit
    levels: dict[str, ReadingLevel] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


def read_grade_limit(root: Path) -> GradeLimit:
    """`authoring.max_grade` from pack.yaml; a wrong value is a warning (the kiosk itself never
    reads it) and the default is used."""
    limit = _read_grade_limit(root)
    warnings = tuple(replace(p, severity=Severity.WARNING) for p in limit.problems)
    return replace(limit, problems=warnings)


def _read_grade_limit(root: Path) -> GradeLimit:
    problems = ProblemList()
    doc = read_yaml_file(root, PACK_FILE, ProblemList())  # the loader reports pack.yaml's own problems
    if doc is None:
        return GradeLimit()
    authoring = Fields(doc, PACK_FILE, problems, (), doc.data).mapping("authoring", required=False)
    authoring.warn_unknown(AUTHORING_KEYS)
    value = authoring.data.get("max_grade")
    if value is None:
        return GradeLimit(problems=tuple(problems.items))
    if isinstance(value, bool) or not isinstance(value, int | float) or not (
        LOWEST_LIMIT <= value <= HIGHEST_LIMIT
    ):
        authoring.warning(
            "max_grade", f"'authoring.max_grade' must be a school grade from {LOWEST_LIMIT} to "
            f"{HIGHEST_LIMIT}, like 8; grade {DEFAULT_MAX_GRADE:g} is used",
        )
        return GradeLimit(problems=tuple(problems.items))
    return GradeLimit(float(value), True, tuple(problems.items))


def article_files(pack: Pack) -> Iterator[tuple[str, Article, str]]:
    """(file, article, language) for every original article and translation of the pack."""
    base = pack.original or pack
    for slug, article in base.articles.items():
        yield f"articles/{slug}.md", article, base.default_language
    for lang in base.languages[1:]:
        for slug, article in base.translations.get(lang, {}).items():
            yield f"articles/{slug}.{lang}.md", article, lang


def article_reading_level(
    path: str, article: Article, language: str, limit: GradeLimit
) -> tuple[ReadingLevel | None, list[Problem]]:
    level = measure(article.body, language, article.body_first_line)
    if level is None or not level.above(limit.grade):
        return level, []
    message = too_hard_message(level, limit.grade, limit.set_by_pack)
    return level, [Problem(path, 1, message, Severity.WARNING)]


def pack_reading_levels(pack: Pack) -> PackReadingLevels:
    limit = read_grade_limit(pack.root)
    result = PackReadingLevels(limit, problems=list(limit.problems))
    for path, article, language in article_files(pack):
        level, problems = article_reading_level(path, article, language, limit)
        if level is not None:
            result.levels[path] = level
        result.problems.extend(problems)
    return result


def folder_reading_levels(root: Path) -> PackReadingLevels | None:
    """The reading levels of the pack in `root` (None when it cannot be loaded), read on its
    own: `kiosk validate` measures them in a second process while it renders the articles."""
    from kiosk.content.loader import load_pack

    pack = load_pack(root).pack
    return pack_reading_levels(pack) if pack is not None else None


def levels_table(levels: dict[str, ReadingLevel]) -> list[str]:
    """One line per article, for `kiosk validate`."""
    if not levels:
        return []
    width = max(map(len, levels))
    return ["reading level (patient materials read best at grade 6 to 8):"] + [
        f"  {path.ljust(width)}  {level.describe()}" for path, level in sorted(levels.items())
    ]
