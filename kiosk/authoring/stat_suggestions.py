"""Statistics suggested from a page's sentences: a sentence that carries a number and names who
says so ("According to the National Institute on Drug Abuse, people with mood disorders are nearly
twice as likely..."). The source is always words of the sentence itself, never guessed: a number
without a named source is not suggested.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from kiosk.authoring.reading_level import Sentence

MAX_SUGGESTIONS = 6
MAX_LABEL_CHARS = 120
_SMALL = r"(?:one|two|three|four|five|six|seven|eight|nine|ten)"
_NUMBER_WORDS = {
    "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7",
    "eight": "8", "nine": "9", "ten": "10", "twice": "2", "half": "1 in 2",
}
_QUALIFIER = r"(?:(?P<qualifier>nearly|almost|about|around|over|more than|up to|at least|roughly)\s+)?"
# The forms a statistic takes in patient materials, most specific first.
_VALUES = (
    re.compile(_QUALIFIER + r"(?P<n>\d+(?:[.,]\d+)?)\s*(?:%|percent\b|per cent\b)", re.IGNORECASE),
    re.compile(_QUALIFIER + rf"(?P<a>\d+|{_SMALL})\s+(?:in|out of)\s+(?:every\s+)?(?P<b>\d+|{_SMALL})\b",
               re.IGNORECASE),
    re.compile(_QUALIFIER + rf"(?P<times>twice|{_SMALL}\s+times|\d+(?:\.\d+)?\s*(?:times|x))(?=\s+"
               r"(?:as|more|higher|greater|stronger|weaker|faster|less|likelier|the)\b)", re.IGNORECASE),
    re.compile(_QUALIFIER + r"(?P<big>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?\s+(?:million|billion|thousand))",
               re.IGNORECASE),
)
# Who says so: a name (capitalised words, "of", "on", "and", "for", "the" between them, or an
# acronym), after "according to", "by" or "from", or before "reports", "found", "estimates"...
_NAME = r"(?:the\s+)?(?P<source>[A-Z][\w.&'-]*(?:\s+(?:(?:of|on|for|and|the|&)\s+)*[A-Z][\w.&'-]*)*" \
        r"(?:\s+\([A-Z]{2,}\))?)"
_SOURCES = (
    re.compile(r"\b[Aa]ccording to\s+(?:(?:a|an|the)\s+)?(?:(?:\d{4}\s+)?(?:study|report|review|survey|"
               r"data|research|analysis)\s+(?:by|from)\s+)?" + _NAME),
    re.compile(r"\b(?:study|report|review|survey|data|research|analysis|figures)\s+(?:by|from)\s+" + _NAME),
    re.compile(r"(?:^|,\s+|\bthe\s+)" + _NAME + r"\s+(?:\([A-Z]{2,}\)\s+)?(?:reports?|reported|estimates?|"
               r"estimated|found|finds|says|said|states|stated|shows?|showed|notes|noted|warns|"
               r"data show)\b"),
)
_NOT_NAMES = {"the", "this", "that", "these", "those", "a", "an", "it", "we", "they", "our", "your",
              "experts", "researchers", "studies", "research", "doctors", "people", "some", "most"}


@dataclass(frozen=True)
class SuggestedStat:
    value: str
    label: str
    source: str
    sentence: Sentence


def suggest_stats(sentences: Iterable[Sentence]) -> list[SuggestedStat]:
    found: list[SuggestedStat] = []
    for sentence in sentences:
        suggestion = _suggestion(sentence)
        if suggestion is not None and all(s.sentence.text != sentence.text for s in found):
            found.append(suggestion)
        if len(found) == MAX_SUGGESTIONS:
            break
    return found


def _suggestion(sentence: Sentence) -> SuggestedStat | None:
    text = sentence.text
    source_match = next((m for p in _SOURCES if (m := p.search(text)) is not None), None)
    if source_match is None:
        return None
    source = _source_name(source_match.group("source"))
    if source is None:
        return None
    for pattern in _VALUES:
        for match in pattern.finditer(text):
            if source_match.start("source") <= match.start() < source_match.end("source"):
                continue  # a number inside the name ("the 2019 report")
            value = _value(match)
            if value is not None:
                label = _label(text, match, source_match)
                return SuggestedStat(value, label, source, sentence)
    return None


def _source_name(name: str) -> str | None:
    words = name.split()
    while words and words[-1].lower() in {"of", "on", "for", "and", "the", "&"}:
        words.pop()
    if words and words[0] in ("The", "the"):
        words = words[1:]
    cleaned = " ".join(words).strip(" .,;:")
    if not cleaned or cleaned.lower() in _NOT_NAMES or len(words) > 12:
        return None
    return cleaned


def _value(match: re.Match[str]) -> str | None:
    groups = match.groupdict()
    qualifier = (groups.get("qualifier") or "").capitalize()
    if groups.get("n"):
        value = f"{groups['n']}%"
    elif groups.get("a"):
        value = f"{_number(groups['a'])} in {_number(groups['b'])}"
    elif groups.get("times"):
        times = groups["times"].lower().replace("times", "").replace("x", "").strip()
        value = f"{_number(times)}x"
    elif groups.get("big"):
        value = groups["big"]
    else:
        return None
    return f"{qualifier} {value}" if qualifier else value


def _number(word: str) -> str:
    return _NUMBER_WORDS.get(word.lower().strip(), word.strip())


def _label(text: str, value: re.Match[str], source: re.Match[str]) -> str:
    """What the number counts, from the clause that holds it, without its source: "1 in 6 adults
    will have depression" gives "adults will have depression"; "people with mood disorders are
    nearly twice as likely to..." stays whole."""
    clause_start = text.rfind(",", 0, value.start()) + 1
    if clause_start <= source.start() < value.start():
        clause_start = source.end()  # "NIDA estimates that 23%...": the words after the source
    clause_end = source.start() if source.start() > value.end() else len(text)
    before = text[clause_start:value.start()].strip()
    before = re.sub(
        r"^(?:\([A-Z]{2,}\)\s*)?(?:(?:reports?|reported|estimates?|estimated|found|finds|says|said|"
        r"states|stated|shows?|showed|notes|noted|warns)\s+)?(?:that\b\s*)?",
        "", before, flags=re.IGNORECASE,
    )
    before = re.sub(r"^(?:and|but|while)\s+", "", before, flags=re.IGNORECASE)
    if re.fullmatch(r"(?:it|this|that|they|there)\s+(?:is|are|was|were)", before, re.IGNORECASE):
        before = ""  # "It is about 50 times stronger": the card reads "About 50x / stronger than..."
    label = f"{before} {value.group(0)}{text[value.end():clause_end]}" if before else (
        text[value.end():clause_end]
    )
    label = " ".join(label.split()).strip(" ,;:.")
    label = re.sub(r",?\s*(?:according to|reports?|says)$", "", label, flags=re.IGNORECASE).strip(" ,")
    if len(label) > MAX_LABEL_CHARS:
        label = label[:MAX_LABEL_CHARS].rsplit(" ", 1)[0] + "…"
    return label
