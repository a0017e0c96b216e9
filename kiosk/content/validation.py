"""The full check authors and staff run on a pack: loading, rendering every article, and every
picture it shows decoded to its last byte (picture_check.py)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

from kiosk.content.loader import LoadResult, load_pack
from kiosk.content.model import Pack
from kiosk.content.pack_files import read_yaml_file
from kiosk.content.pack_yaml import PACK_FILE
from kiosk.content.picture_check import (
    PictureCheck,
    PictureUse,
    main_pictures,
    picture_problems,
    text_pictures,
)
from kiosk.content.pictures import image_problem
from kiosk.content.problems import Problem, ProblemList, Severity
from kiosk.content.render import ArticleRenderer


def validate_pack(
    root: Path, today: date | None = None, *, svg_check: PictureCheck | None = None,
) -> LoadResult:
    """Load the pack and render each article, so broken links and images are reported too, and
    decode every picture it shows once (`svg_check`: the caller's own check of each SVG that
    passed, e.g. Qt's). A main picture that does not decode is an error: the pack is then None.

    Translations are rendered in their language's pack, and their problems name their own file
    (`articles/SLUG.LANG.md`). Loading already warns where a translation's statistics or related
    links differ from the original's. `today` (default: the real day) decides whether the
    featured articles can still be shown: a pack whose every featured article has ended is an
    error here, so it is never installed; the kiosk itself never refuses a pack for its dates.
    """
    result = load_pack(root)
    pack = result.pack
    if pack is None:
        return result
    if (problem := featured_problem(pack, today or date.today())) is not None:
        result.problems.append(problem)
        result.pack = None
        return result
    renderer = ArticleRenderer(pack)
    uses: list[PictureUse] = []
    mains = [(f"articles/{slug}.md", article) for slug, article in pack.articles.items()]
    for slug in pack.articles:
        rendered = renderer.render(slug)
        result.problems.extend(rendered.problems)
        uses.extend(text_pictures(pack.articles[slug], f"articles/{slug}.md", rendered.images, pack.root))
    for lang in pack.languages[1:]:
        localized_pack = pack.localized(lang)
        localized = ArticleRenderer(localized_pack)
        for slug in pack.translations.get(lang, {}):
            original_path, translation_path = f"articles/{slug}.md", f"articles/{slug}.{lang}.md"
            rendered = localized.render(slug)
            result.problems.extend(
                replace(problem, path=translation_path) if problem.path == original_path
                else problem
                for problem in rendered.problems
            )
            article = localized_pack.articles[slug]
            mains.append((translation_path, article))
            uses.extend(text_pictures(article, translation_path, rendered.images, pack.root))
    uses[:0] = main_pictures(pack, mains)
    result.problems.extend(picture_problems(uses, svg_check))
    if result.errors:
        result.pack = None  # a main picture that would show an empty frame: not to be installed
    return result


def featured_problem(pack: Pack, today: date) -> Problem | None:
    """An error when no featured article can ever be shown again (each one has ended)."""
    ended = [pack.articles[slug] for slug in pack.featured
             if (until := pack.articles[slug].show_until) is not None and until < today]
    if len(ended) < len(pack.featured):
        return None
    shown = ", ".join(f"'{a.slug}' (shown until {a.show_until})" for a in ended)
    return Problem(
        PACK_FILE, featured_line(pack.root), f"'home.featured' lists no article that can still be "
        f"shown: {shown}; feature an article without an end date, or add one to the list",
    )


def featured_line(root: Path) -> int:
    """The line of `home.featured` in pack.yaml (loading read it already, so it parses)."""
    doc = read_yaml_file(root, PACK_FILE, ProblemList())
    return doc.line_of("home", "featured") if doc is not None else 1


def hidden_today(pack: Pack, today: date) -> int:
    """How many articles their dates hide on `today`."""
    return len(pack.articles.hidden(today))


def _body_image_problems(
    pack: Pack, renderer: ArticleRenderer, slug: str, shown_path: str
) -> Iterator[Problem]:
    """Pictures in an article's text are checked as its main picture is: one the kiosk cannot
    show (broken, a bomb, an SVG that reaches outside) is replaced by a placeholder, and said."""
    article = pack.articles[slug]
    lines = article.body.splitlines()
    for relative in dict.fromkeys(renderer.render(slug).images):
        problem = image_problem(pack.root / relative, relative)
        if problem is None:
            continue
        line = next((i for i, text in enumerate(lines) if relative in text), 0)
        yield Problem(
            shown_path, article.body_first_line + line,
            f"{problem}; the article shows an empty frame in its place", Severity.WARNING,
        )


def body_image_problems(
    pack: Pack, renderer: ArticleRenderer, slug: str, shown_path: str
) -> list[Problem]:
    """The problems of the pictures in one article's text (for `kiosk preview`, article by article)."""
    return list(_body_image_problems(pack, renderer, slug, shown_path))
