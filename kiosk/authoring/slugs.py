"""Slugs (article file names) made from titles: lower-case ASCII letters, digits and dashes."""

from __future__ import annotations

import re
import unicodedata

from kiosk.content.articles import SLUG_PATTERN

MAX_SLUG_CHARS = 60


def slug_from_title(title: str, fallback: str = "article") -> str:
    """'Understanding Depression & Recovery' -> 'understanding-depression-recovery'; accents
    lose their marks ('¿Qué es?' -> 'que-es'), and a long title is cut at a word."""
    plain = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    words = re.findall(r"[a-z0-9]+", plain.lower())
    slug = ""
    for word in words:
        longer = f"{slug}-{word}" if slug else word
        if len(longer) > MAX_SLUG_CHARS:
            break
        slug = longer
    if not slug and words:
        slug = words[0][:MAX_SLUG_CHARS]
    return slug if SLUG_PATTERN.match(slug) else fallback
