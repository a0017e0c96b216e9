"""The pack `kiosk new` writes: a pack.yaml whose every key has a one-line comment (what it is,
an example), one example article that shows every front-matter field and the Markdown the kiosk
supports, and an empty media/ folder. It validates as it is.

`format_keys()` lists every key of the format as the loader declares them, and `template_keys()`
every key the template shows (commented-out examples included): tests/authoring/test_new_pack.py
compares them, so a key added to the loader fails that test until it is added here too.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import yaml

from kiosk.authoring.reading_checks import AUTHORING_KEYS
from kiosk.authoring.slugs import slug_from_title
from kiosk.content.articles import ARTICLE_KEYS, STAT_KEYS
from kiosk.content.pack_yaml import (
    HELP_KEYS,
    HELP_LINE_KEYS,
    HOME_KEYS,
    ORGANIZATION_KEYS,
    PACK_KEYS,
    THEME_KEYS,
)
from kiosk.content.topics import TOPIC_KEYS
from kiosk.content.translations import (
    HELP_LINE_TRANSLATION_KEYS,
    HELP_TRANSLATION_KEYS,
    TOPIC_TRANSLATION_KEYS,
    TRANSLATION_KEYS,
)

EXAMPLE_SLUG = "start-here"
ANY_LANGUAGE = "LANG"

PACK_YAML = """\
# This pack's settings. Replace the examples with your clinic's; each line's comment says what
# it is. Check the pack with: kiosk validate FOLDER (or watch it as you write: kiosk preview FOLDER)
format: 1                         # the pack format; leave it at 1
id: {pack_id}# a short name for the pack: lower-case, digits, dashes, e.g. sunrise-clinic
version: "{today}"             # shown to staff; change it for each new copy, e.g. "2026.12.01"
title: "We're here to help"       # the home screen's headline
languages: [en]                   # the pack's languages, its first language first, e.g. [en, es]
organization:                     # the clinic
  name: Your Clinic               # its name, e.g. Sunrise Family Clinic
  phone: "555-0100"               # its phone number, in quotes, e.g. "720-555-0100"
  website:                        # optional: its web address, printed on handouts, e.g. https://example.org
  logo:                           # optional: a picture in media/, e.g. media/logo.png
help:                             # the help box, on every screen
  heading: Need to talk to someone now?    # its heading
  text: Calls are free and confidential.   # optional: a line under the heading
  lines:                          # the phone lines, each starting with '-'
    - label: Our front desk       # who answers, e.g. Our front desk
      number: "555-0100"          # the number, in quotes, e.g. "720-555-0100"
    - label: 988 Suicide & Crisis Lifeline (call or text)
      number: "988"
topics:                           # optional: subjects the home screen offers, each with its articles
  - id: getting-started           # a short name: lower-case, digits, dashes, e.g. heart
    title: Getting started        # the topic's title, e.g. Heart and blood pressure
    image:                        # optional: a picture in media/, e.g. media/heart.jpg
    image_alt:                    # with a picture: what it shows, in a few words
home:                             # the home screen
  featured: {example}            # the article shown largest (or a list: the first shown today)
  order: [{example}]             # optional: these articles first, in this order, e.g. [{example}, withdrawal]
theme:                            # colours
  accent: "#1f6f8b"               # optional: the accent colour, e.g. "#1f6f8b"
authoring:                        # for authors' tools only; the kiosk ignores it
  max_grade: 8                    # validate warns above this reading level (a grade), e.g. 8
translations:                     # optional: the pack's words in each other language; an example for Spanish:
  # es:                           # a language listed in languages, e.g. es for languages: [en, es]
  #   title: Estamos aquí para ayudarle      # the headline
  #   help:                                  # the help box
  #     heading: ¿Necesita hablar con alguien ahora?   # its heading
  #     text: Las llamadas son gratis y confidenciales.  # its line
  #     lines:                               # the labels only, in the order of help.lines
  #       - label: Nuestra recepción         # numbers stay as in help.lines
  #       - label: 988 Línea de Prevención del Suicidio y Crisis
  #   topics:                                # the topics' titles, in the order of topics
  #     - title: Para empezar
"""

ARTICLE = """\
---
# An article: these fields between the two '---' lines, then its text in Markdown. The file
# name is the article's name (lower-case, digits, dashes): articles/{example}.md.
title: How to write an article for the kiosk    # the title, on its tile and at the top of its page
# summary: one or two sentences, at most 200 characters, on the tile and under the title
summary: What each field means, and how to write so that visitors can read it with ease.
image:                     # optional: a picture in media/, e.g. media/front-desk.jpg
image_alt:                 # with a picture: what it shows, in a few words, e.g. A nurse at the front desk
tags: [example]            # optional: a few words about the article, e.g. [depression, opioids]
stats:                     # optional: big numbers on cards, each with who says so
  - value: "1 in 5"        # the number, in quotes, e.g. "23%"
    label: adults in the U.S. lives with a mental illness   # what it counts
    source: National Institute of Mental Health              # who published it (every number needs one)
related: []                # optional: other articles, by file name without .md, e.g. [withdrawal, fentanyl]
takeaway:                  # optional: short key points for the printed handout
  - Write short sentences in everyday words.
  - Check the pack with kiosk validate before it goes on a stick.
reviewed:                  # optional: the date of the last clinical review, e.g. 2026-12-01
url:                       # optional: the article on your website, printed on handouts, e.g. https://example.org/blog/start-here
topics: [getting-started]  # the topics it is filed under, from pack.yaml's topics, e.g. [heart, older-adults]
# show_from: 2026-10-01    # optional: shown only from this day, e.g. a flu article in autumn
# show_until: 2027-03-31   # optional: and only up to this day
---
## Write for a reader in a waiting room

Visitors may be worried or in a hurry. Keep sentences short. Use the words they use. A reader at
grade 6 to 8 should find it easy. Run **kiosk validate** to see the reading level of each article.

## What the text can hold

- Headings start with `##`.
- A blank line starts a new paragraph.
- Lists start each item with a dash, or with `1.` for steps in order.
- Words between two stars are **strong**; between one star they are *in italics*.

1. Save the page from your clinic's website.
2. Make a draft with **kiosk article from-web**.
3. Read it, fix it, and check it.

> A quote stands out like this one, with a `>` at the start of the line.

| What | Where |
| --- | --- |
| Pictures | the media folder |
| Articles | the articles folder |

A link to another article names its file: [this article]({example}.md). Links to websites show as
plain text, because the kiosk has no browser.

<!-- A picture in the text: put the file in media/ and write
![A nurse at the front desk](../media/front-desk.jpg) -->
"""


def pack_yaml_text(pack_id: str, today: date) -> str:
    padded = pack_id.ljust(29) + " "  # the comments in one column; a space before '#' always
    return PACK_YAML.format(pack_id=padded, today=today.strftime("%Y.%m.%d"), example=EXAMPLE_SLUG)


def article_text() -> str:
    return ARTICLE.format(example=EXAMPLE_SLUG)


def pack_id_for(folder_name: str) -> str:
    return slug_from_title(folder_name, fallback="my-clinic")


def format_keys() -> dict[str, set[str]]:
    """Every key of the format, by file, as the loader declares them (`translations.LANG.title`:
    any language). A translation's phone number is left out: the loader ignores it with a warning."""
    pack = set(PACK_KEYS) | {f"translations.{ANY_LANGUAGE}"}
    for parent, keys in (
        ("organization", ORGANIZATION_KEYS), ("help", HELP_KEYS), ("help.lines", HELP_LINE_KEYS),
        ("home", HOME_KEYS), ("theme", THEME_KEYS), ("authoring", AUTHORING_KEYS),
        ("topics", TOPIC_KEYS), (f"translations.{ANY_LANGUAGE}.topics", TOPIC_TRANSLATION_KEYS),
        (f"translations.{ANY_LANGUAGE}", TRANSLATION_KEYS),
        (f"translations.{ANY_LANGUAGE}.help", HELP_TRANSLATION_KEYS),
        (f"translations.{ANY_LANGUAGE}.help.lines",
         tuple(k for k in HELP_LINE_TRANSLATION_KEYS if k != "number")),
    ):
        pack |= {f"{parent}.{key}" for key in keys}
    article = set(ARTICLE_KEYS) | {f"stats.{key}" for key in STAT_KEYS}
    return {"pack.yaml": pack, "article": article}


_COMMENTED_OUT = re.compile(r"^(\s*)# (\s*(?:- )?[a-z_]+:(?:\s|$))")


def template_keys() -> dict[str, set[str]]:
    """Every key the template's pack.yaml and example article show, commented-out ones too."""
    front_matter = article_text().split("---\n")[1]
    return {
        "pack.yaml": _keys_of(pack_yaml_text("example", date(2026, 1, 1))),
        "article": _keys_of(front_matter),
    }


def _keys_of(text: str) -> set[str]:
    uncommented = "\n".join(_COMMENTED_OUT.sub(r"\1\2", line) for line in text.splitlines())
    keys: set[str] = set()
    _walk(yaml.safe_load(uncommented), "", keys)
    return keys


def _walk(value: Any, prefix: str, keys: set[str]) -> None:
    if isinstance(value, list):
        for item in value:
            _walk(item, prefix, keys)
    elif isinstance(value, dict):
        for key, child in value.items():
            name = ANY_LANGUAGE if prefix == "translations." else str(key)
            keys.add(prefix + name)
            _walk(child, f"{prefix}{name}.", keys)
