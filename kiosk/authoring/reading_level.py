"""How hard an article is to read: the Flesch-Kincaid grade for English, the Fernández-Huerta
score for Spanish (both from `textstat`), and the sentences that make it hard.

Patient materials read best at a 6th to 8th grade level (the American Medical Association and the
NIH recommend it). Fernández-Huerta is a 0-100 ease score, like Flesch's: it is mapped to school
grades with its author's own table (see `FERNANDEZ_HUERTA_GRADES`), so one limit in grades holds
for both languages.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import pairwise

DEFAULT_MAX_GRADE = 8.0
MEASURED_LANGUAGES = ("en", "es")
LONGEST_SHOWN = 3
# Fernández Huerta (1959): 90-100 very easy (4th grade), 80-90 easy (5th), 70-80 fairly easy
# (6th), 60-70 standard (7th and 8th), 50-60 fairly hard (secondary school), 30-50 hard
# (university), below 30 very hard. (grade, lowest score at that grade): "above grade 8" is a
# score below 60; a pack's own limit between two rows is interpolated.
FERNANDEZ_HUERTA_GRADES = ((4.0, 90.0), (5.0, 80.0), (6.0, 70.0), (8.0, 60.0), (12.0, 50.0),
                           (16.0, 30.0))
_QUOTE_CHARS = 70


@dataclass(frozen=True)
class Sentence:
    text: str
    line: int
    words: int

    def quoted(self) -> str:
        shown = self.text if len(self.text) <= _QUOTE_CHARS else (
            self.text[:_QUOTE_CHARS].rsplit(" ", 1)[0] + "…"
        )
        return f'line {self.line} ({self.words} words): "{shown}"'


@dataclass(frozen=True)
class ReadingLevel:
    """One article's level. `grade` is a school grade in both languages; `score` is what the
    language's formula gives (the Flesch-Kincaid grade, or the Fernández-Huerta ease)."""

    language: str
    score: float
    grade: float
    words: int
    sentences: int
    longest: tuple[Sentence, ...]

    @property
    def measure(self) -> str:
        return "Fernández-Huerta" if self.language == "es" else "Flesch-Kincaid"

    def describe(self) -> str:
        if self.language == "es":
            return f"Fernández-Huerta {self.score:.0f} (about grade {self.grade:.0f})"
        return f"grade {self.grade:.1f} (Flesch-Kincaid)"

    def above(self, max_grade: float) -> bool:
        if self.language == "es":
            return self.score < fernandez_huerta_for_grade(max_grade)
        return self.grade > max_grade


def fernandez_huerta_for_grade(grade: float) -> float:
    """The lowest Fernández-Huerta score of a text at `grade` (60 for grade 8)."""
    points = FERNANDEZ_HUERTA_GRADES
    if grade <= points[0][0]:
        return points[0][1]
    for (low_grade, low_score), (high_grade, high_score) in pairwise(points):
        if grade <= high_grade:
            share = (grade - low_grade) / (high_grade - low_grade)
            return low_score + share * (high_score - low_score)
    return points[-1][1]


def grade_for_fernandez_huerta(score: float) -> float:
    """The school grade a Fernández-Huerta score stands for (the inverse of the table above)."""
    points = FERNANDEZ_HUERTA_GRADES
    if score >= points[0][1]:
        return points[0][0]
    for (low_grade, low_score), (high_grade, high_score) in pairwise(points):
        if score >= high_score:
            share = (low_score - score) / (low_score - high_score)
            return low_grade + share * (high_grade - low_grade)
    return points[-1][0]


def measure(body: str, language: str, first_line: int = 1) -> ReadingLevel | None:
    """The reading level of a Markdown article body; None for a language no formula here
    measures, or a body without sentences."""
    if language not in MEASURED_LANGUAGES:
        return None
    sentences = list(sentences_of(body, first_line))
    if not sentences:
        return None
    text = " ".join(s.text if s.text[-1] in ".!?" else s.text + "." for s in sentences)
    lang = "es" if language == "es" else "en_US"
    per_sentence, per_word = _words_per_sentence_and_syllables_per_word(text, lang)
    if language == "es":  # textstat's formulas, from textstat's own counts
        score = 206.84 - 60 * per_word - 1.02 * per_sentence if per_sentence and per_word else 0.0
        grade = grade_for_fernandez_huerta(score)
    else:
        score = grade = 0.39 * per_sentence + 11.8 * per_word - 15.59 if per_sentence and per_word else 0.0
    longest = sorted(sentences, key=lambda s: (-s.words, s.line))[:LONGEST_SHOWN]
    return ReadingLevel(
        language=language, score=score, grade=grade, words=sum(s.words for s in sentences),
        sentences=len(sentences), longest=tuple(longest),
    )


def _words_per_sentence_and_syllables_per_word(text: str, lang: str) -> tuple[float, float]:
    """textstat's two counts behind both formulas. Its syllable count of a text is the sum of
    its words' counts; counted word by word here, each word's count is remembered (textstat
    caches it), so a pack of a thousand articles looks up each word once, not every time."""
    from textstat.backend import counts, metrics, selections  # the CMU dictionary: not at start-up

    words = counts.count_words(text)
    if not words:
        return 0.0, 0.0
    occurrences = Counter(selections.list_words(text, lowercase=True))
    syllables = sum(counts.count_syllables(word, lang) * times for word, times in occurrences.items())
    return float(metrics.words_per_sentence(text)), syllables / words


def too_hard_message(level: ReadingLevel, max_grade: float, pack_sets_limit: bool) -> str:
    limit = f"this pack's limit of grade {max_grade:g}" if pack_sets_limit else "grade 8"
    if level.language == "es":
        limit += f" (a score of {fernandez_huerta_for_grade(max_grade):.0f} or more)"
    hardest = "; ".join(s.quoted() for s in level.longest)
    return (
        f"the reading level is {level.describe()}, harder than {limit}; patient materials read "
        f"best at grade 6 to 8. Shorter sentences and everyday words help most. The longest "
        f"sentences: {hardest}"
    )


# Markdown to sentences -----------------------------------------------------------------------

_FENCE = re.compile(r"^\s*(```|~~~)")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s")
_TABLE_ROW = re.compile(r"^\s*\|")
_RULE = re.compile(r"^\s{0,3}([-*_])(\s*\1){2,}\s*$")
_LIST_MARK = re.compile(r"^\s*(?:[-*+]|\d{1,3}[.)])\s+")
_QUOTE_MARK = re.compile(r"^\s*(?:>\s?)+")
_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_TAG = re.compile(r"<[^>]+>")
_MARKS = re.compile(r"[*_`~]+")
# A sentence ends at . ! ? or an ellipsis (and any closing quote), before a capital or a digit.
_SENTENCE_END = re.compile(
    "(?<=[.!?\u2026])[\"\u201d\u2019)]*\\s+(?=[\"\u201c\u2018(\u00bf\u00a1]?[A-Z\u00c1\u00c9\u00cd\u00d3\u00da\u00d1\u00dc0-9])"
)


def sentences_of(body: str, first_line: int = 1) -> Iterator[Sentence]:
    """The sentences of paragraphs, list items and quotes, each with the line it starts on.
    Headings, tables, code and pictures are not sentences a visitor reads as prose."""
    for block, line in _prose_blocks(body, first_line):
        start = 0
        for match in [*_SENTENCE_END.finditer(block), None]:
            end = match.start() if match is not None else len(block)
            text = " ".join(block[start:end].split())
            if text and re.search(r"\w", text):
                words = len(text.split())
                yield Sentence(text, line + block.count("\n", 0, start), words)
            if match is not None:
                start = match.end()


def _prose_blocks(body: str, first_line: int) -> Iterator[tuple[str, int]]:
    """Paragraphs and list items as plain text (lines kept), with their first line."""
    lines: list[str] = []
    start = first_line
    in_code = False
    in_comment = False
    for number, raw in enumerate(body.splitlines(), first_line):
        if _FENCE.match(raw):
            in_code = not in_code
            continue
        if in_comment or "<!--" in raw:
            in_comment = "-->" not in raw
            continue
        skip = in_code or _HEADING.match(raw) or _TABLE_ROW.match(raw) or _RULE.match(raw)
        new_item = bool(_LIST_MARK.match(_QUOTE_MARK.sub("", raw)))
        if skip or not raw.strip() or new_item:
            if lines:
                yield "\n".join(lines), start
            lines = []
            if skip or not raw.strip():
                continue
        if not lines:
            start = number
        lines.append(_plain(raw))
    if lines:
        yield "\n".join(lines), start


def _plain(line: str) -> str:
    line = _LIST_MARK.sub("", _QUOTE_MARK.sub("", line))
    line = _LINK.sub(r"\1", _IMAGE.sub("", line))
    return _MARKS.sub("", _TAG.sub("", line)).strip()
