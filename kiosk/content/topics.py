"""Topics: the subjects a library's home screen offers (`topics` in pack.yaml), the articles'
`topics: [...]` that file them there, and what a topic-less or half-filed library is warned of.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

from kiosk.content.field_checks import read_picture
from kiosk.content.fields import Fields
from kiosk.content.model import Article, Topic
from kiosk.content.problems import ProblemList
from kiosk.content.yaml_source import YamlDocument

TOPIC_KEYS = ("id", "title", "image", "image_alt")
TOPIC_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
MAX_TOPIC_TITLE_CHARS = 60
# More articles than this on a home screen without topics make visitors scroll a long list.
ARTICLES_WITHOUT_TOPICS = 12


def declared_topic_ids(doc: YamlDocument) -> list[str]:
    """The topic ids pack.yaml declares (well-formed ones), for checking the articles' topics
    before the pack itself is built; problems in `topics` are reported by `read_topics`."""
    entries = doc.data.get("topics") if isinstance(doc.data, dict) else None
    if not isinstance(entries, list):
        return []
    return list(dict.fromkeys(
        entry["id"] for entry in entries
        if isinstance(entry, dict) and isinstance(entry.get("id"), str) and TOPIC_ID.match(entry["id"])
    ))


def read_topics(root: Path, top: Fields) -> tuple[Topic, ...]:
    """`topics` in pack.yaml: each with an id (lower-case letters, digits, dashes; declared
    once), a title, and optionally a picture from media/ with its description."""
    topics: list[Topic] = []
    seen: set[str] = set()
    for entry in top.mapping_list("topics"):
        entry.warn_unknown(TOPIC_KEYS)
        topic_id = entry.text("id", required=True)
        title = entry.text("title", required=True, max_length=MAX_TOPIC_TITLE_CHARS)
        image, image_alt = read_picture(root, entry, "the topic's picture")
        if topic_id is None or title is None:
            continue
        if not TOPIC_ID.match(topic_id):
            entry.error("id", f"the topic id '{topic_id}' must be lower-case letters, digits and "
                        "dashes, like 'heart' or 'older-adults'")
            continue
        if topic_id in seen:
            entry.error("id", f"the topic '{topic_id}' is declared twice; give each topic its own id")
            continue
        seen.add(topic_id)
        topics.append(Topic(topic_id, title, image, image_alt))
    return tuple(topics)


def read_article_topics(fields: Fields, declared: list[str] | None) -> list[str]:
    """An article's `topics`; each must be declared in pack.yaml (unless pack.yaml could not be
    read: `declared` is None, and its own errors say why)."""
    topics: list[str] = []
    for index, topic in enumerate(fields.text_list("topics")):
        line = fields.line("topics", index) if isinstance(fields.data.get("topics"), list) else (
            fields.line("topics")
        )
        if declared is not None and topic not in declared:
            known = ", ".join(declared) or "none yet"
            fields.problems.error(
                fields.path, line, f"the topic '{topic}' is not declared in pack.yaml's 'topics' "
                f"(topics: {known}); add it there or correct the spelling",
            )
        elif topic not in topics:
            topics.append(topic)
    return topics


def warn_about_topics(
    top: Fields, topics: tuple[Topic, ...], articles: Mapping[str, Article], problems: ProblemList
) -> None:
    """What makes a library hard to browse: an empty topic, a long list without topics, and an
    article filed under no topic (it is still found by search and A to Z)."""
    if not topics:
        if len(articles) > ARTICLES_WITHOUT_TOPICS:
            problems.warning(
                top.path, top.line("home") if "home" in top.data else 1,
                f"the pack has {len(articles)} articles and no 'topics': visitors will have to "
                f"scroll through {len(articles)} articles; add topics to pack.yaml and file each "
                "article under one or more",
            )
        return
    used = {topic for article in articles.values() for topic in article.topics}
    for index, topic in enumerate(topics):
        if topic.id not in used:
            problems.warning(
                top.path, top.line("topics", index),
                f"no article is filed under the topic '{topic.id}'; add 'topics: [{topic.id}]' "
                "to an article, or remove the topic",
            )
    for article in articles.values():
        if not article.topics:
            problems.warning(
                f"articles/{article.slug}.md", 1,
                "this article is in no topic, so it is not on any topic page (it is still found "
                "by search and A to Z); add 'topics: [...]' to its front matter",
            )
