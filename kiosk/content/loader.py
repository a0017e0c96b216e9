"""Loading a content pack folder into the model, collecting every problem on the way."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from kiosk.content.articles import load_articles
from kiosk.content.fields import Fields
from kiosk.content.model import Pack
from kiosk.content.pack_files import read_yaml_file
from kiosk.content.pack_yaml import PACK_FILE, build_pack
from kiosk.content.problems import Problem, ProblemList, errors_in, warnings_in
from kiosk.content.topics import declared_topic_ids, warn_about_topics
from kiosk.content.translations import (
    read_languages,
    read_pack_texts,
)


@dataclass
class LoadResult:
    """The pack when it has no errors (else None), and every problem found."""

    pack: Pack | None
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return errors_in(self.problems)

    @property
    def warnings(self) -> list[Problem]:
        return warnings_in(self.problems)


def load_pack(root: Path) -> LoadResult:
    """Read and check the pack in `root`. Never raises for bad content: it reports it."""
    problems = ProblemList()
    if not root.is_dir():
        problems.error(str(root), 1, "this folder does not exist or is not a folder")
        return LoadResult(None, problems.items)
    pack_doc = read_yaml_file(root, PACK_FILE, problems)
    languages = read_languages(pack_doc, problems) if pack_doc is not None else None
    topic_ids = declared_topic_ids(pack_doc) if pack_doc is not None else None
    articles, slugs, translations = load_articles(root, languages, problems, topic_ids)
    pack = None
    if pack_doc is not None and languages is not None:
        top = Fields(pack_doc, PACK_FILE, problems, (), pack_doc.data)
        pack = build_pack(root, pack_doc, articles, slugs, problems)
        if pack is not None:
            texts = read_pack_texts(top, languages, pack.title, pack.help, pack.topics)
            pack = replace(
                pack, languages=languages, language=languages[0], translations=translations,
                texts=texts,
            )
            warn_about_topics(top, pack.topics, articles, problems)
        else:
            read_pack_texts(top, languages, None, None, ())
    if problems.errors:
        return LoadResult(None, problems.items)
    return LoadResult(pack, problems.items)
