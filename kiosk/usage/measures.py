"""What is counted. Article measures are kept per article; the others per hour only."""

from __future__ import annotations

ARTICLE_OPENED = "article_opened"
ARTICLE_READ = "article_read"  # scrolled to the end, or on screen for its reading time
HANDOUT_PRINTED = "handout_printed"
VISIT = "visit"  # the first touch after a reset
TOPIC_OPENED = "topic_opened"  # a topic page of the library (issue 15)
SEARCH_OPENED = "search_opened"  # the search screen was opened; never what was searched for
LANGUAGE_SWITCHED = "language_switched"
TEXT_SIZE_SWITCHED = "text_size_switched"
CONTRAST_SWITCHED = "contrast_switched"

ARTICLE_MEASURES = (ARTICLE_OPENED, ARTICLE_READ, HANDOUT_PRINTED)
HOURLY_MEASURES = (
    VISIT, TOPIC_OPENED, SEARCH_OPENED, LANGUAGE_SWITCHED, TEXT_SIZE_SWITCHED, CONTRAST_SWITCHED,
)
ALL_MEASURES = ARTICLE_MEASURES + HOURLY_MEASURES
