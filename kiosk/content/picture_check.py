"""Every picture a pack shows, decoded to its last byte once, each problem at the line naming it.

Loading a pack (at every start of the kiosk) reads only a picture's header, to stay quick as the
library grows; a picture cut off after its header passes that and shows an empty frame. The
full check (`kiosk validate`, and the review before an install) decodes each picture the pack
names once (`pictures.decode_problem`, several at a time): a main picture (an article's
`image:`, the clinic's logo) that does not decode is an error, one in an article's text a
warning (the article still reads). A caller with Qt may add its own check of each SVG that
passed (`svg_check`), so that what Qt would refuse to draw is said too. No Qt here.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from kiosk.content.frontmatter import FrontMatterError, split_front_matter
from kiosk.content.model import Article, Pack
from kiosk.content.pack_yaml import PACK_FILE
from kiosk.content.pictures import decode_problem, looks_like_svg
from kiosk.content.problems import Problem, Severity
from kiosk.content.yaml_source import YamlSyntaxError, parse_yaml

# (picture, as written in the pack) -> a plain sentence when Qt would not draw it, else None.
PictureCheck = Callable[[Path, str], str | None]
MAX_DECODERS = 4
IN_TEXT = "; the article shows an empty frame in its place"


@dataclass(frozen=True)
class PictureUse:
    """One place a pack shows a picture: the file, as written there, and where it is written."""

    path: Path
    written: str
    file: str  # the pack file naming it, e.g. "articles/a.md"
    line: int
    main: bool  # an article's own picture or the logo (an error), not one in the text (a warning)


def main_pictures(pack: Pack, articles: Iterable[tuple[str, Article]]) -> Iterator[PictureUse]:
    """The `image:` of each (file, article), and the clinic's logo, with their lines."""
    for file, article in articles:
        if article.image is not None:
            written, line = _front_matter_field(article.source_path, "image")
            yield PictureUse(article.image, written or file, file, line, main=True)
    logo = pack.organization.logo
    if logo is not None:
        written, line = _yaml_field(pack.root / PACK_FILE, "organization", "logo")
        yield PictureUse(logo, written or PACK_FILE, PACK_FILE, line, main=True)


def text_pictures(article: Article, file: str, images: Iterable[str], root: Path) -> Iterator[PictureUse]:
    """The pictures an article's text shows (`images` as the renderer found them), at their line."""
    lines = article.body.splitlines()
    for relative in dict.fromkeys(images):
        line = next((i for i, text in enumerate(lines) if relative in text), 0)
        yield PictureUse(root / relative, relative, file, article.body_first_line + line, main=False)


def picture_problems(uses: list[PictureUse], svg_check: PictureCheck | None = None) -> list[Problem]:
    """Decode each picture once (a few at a time: Pillow decodes without Python's lock) and say
    what is wrong where each is named."""
    first_written: dict[Path, str] = {}
    for use in uses:
        first_written.setdefault(use.path, use.written)
    workers = max(1, min(MAX_DECODERS, os.cpu_count() or 1, len(first_written)))
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="decode") as pool:
        found = dict(zip(first_written, pool.map(
            lambda item: _full_check(item[0], item[1], svg_check), first_written.items()
        ), strict=True))
    problems = []
    for use in uses:
        problem = found[use.path]
        if problem is None:
            continue
        if use.main:
            problems.append(Problem(use.file, use.line, problem, Severity.ERROR))
        else:
            problems.append(Problem(use.file, use.line, problem + IN_TEXT, Severity.WARNING))
    return problems


def _full_check(path: Path, written: str, svg_check: PictureCheck | None) -> str | None:
    problem = decode_problem(path, written)
    if problem is None and svg_check is not None and looks_like_svg(path):
        problem = svg_check(path, written)
    return problem


def _front_matter_field(path: Path, key: str) -> tuple[str | None, int]:
    """The value and line of a field of an article's front matter (the file loaded already)."""
    try:
        split = split_front_matter(path.read_text(encoding="utf-8"))
        doc = parse_yaml(split.front_matter, first_line=split.front_matter_first_line)
    except (OSError, UnicodeDecodeError, FrontMatterError, YamlSyntaxError):
        return None, 1
    value = doc.data.get(key) if isinstance(doc.data, dict) else None
    return (value if isinstance(value, str) else None), doc.line_of(key)


def _yaml_field(path: Path, *keys: str) -> tuple[str | None, int]:
    try:
        doc = parse_yaml(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, YamlSyntaxError):
        return None, 1
    value: object = doc.data
    for key in keys:
        value = value.get(key) if isinstance(value, dict) else None
    return (value if isinstance(value, str) else None), doc.line_of(*keys)
