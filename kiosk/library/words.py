"""Words for search: folded (any case, with or without accents), split, and stemmed.

The index holds, for each word of an article, the word itself and its stem in the article's
language (Snowball: "vaccines" and "vaccine" are both "vaccin", "vacunas" and "vacuna" both
"vacun"), so a query finds other forms of a word, and a word's start while it is being typed.
"""

from __future__ import annotations

import functools
import re
import unicodedata

# The languages whose stemmer Snowball has, by the kiosk's two- or three-letter codes.
STEMMERS = {
    "ar": "arabic", "ca": "catalan", "cs": "czech", "da": "danish", "de": "german",
    "el": "greek", "en": "english", "es": "spanish", "eu": "basque", "fi": "finnish",
    "fr": "french", "ga": "irish", "hi": "hindi", "hu": "hungarian", "hy": "armenian",
    "id": "indonesian", "it": "italian", "lt": "lithuanian", "ne": "nepali", "nl": "dutch",
    "no": "norwegian", "fa": "persian", "pl": "polish", "pt": "portuguese", "ro": "romanian",
    "ru": "russian", "sr": "serbian", "sv": "swedish", "ta": "tamil", "tr": "turkish",
}
_WORD = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)*", re.UNICODE)
_MARKUP = re.compile(r"(!?\[([^\]]*)\]\([^)]*\))|(<[^>]+>)|([*_`#>|~]+)")


def fold(text: str) -> str:
    """Lower case without accents: "Corazón" and "corazon" are the same word to search."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def words(text: str) -> list[str]:
    """The words of `text` as written (apostrophes kept inside a word: "don't")."""
    return _WORD.findall(text)


@functools.lru_cache(maxsize=64)
def _stemmer(language: str) -> object | None:
    import snowballstemmer

    name = STEMMERS.get(language)
    return snowballstemmer.stemmer(name) if name else None


@functools.lru_cache(maxsize=200_000)
def stem(word: str, language: str) -> str:
    """The word's stem in `language`, folded; the folded word itself without a stemmer."""
    stemmer = _stemmer(language)
    lowered = word.casefold()
    stemmed = stemmer.stemWord(lowered) if stemmer is not None else lowered  # type: ignore[attr-defined]
    return fold(stemmed)


def index_tokens(text: str, language: str) -> str:
    """What the search index holds for `text`: each folded word, followed by its stem when the
    stem differs, so both a word's start and its other forms are found."""
    return " ".join([_word_tokens(word, language) for word in words(text)])


@functools.lru_cache(maxsize=200_000)
def _word_tokens(word: str, language: str) -> str:
    folded = fold(word).replace("\u2019", "'")
    stemmed = stem(word, language)
    return folded if stemmed == folded else f"{folded} {stemmed}"


def plain_text(markdown: str) -> str:
    """An article's body without its markup, for the index: link texts kept, targets dropped."""
    return _MARKUP.sub(lambda m: m.group(2) or " ", markdown)
