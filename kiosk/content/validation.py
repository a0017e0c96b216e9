"""The full check authors and staff run on a pack: loading plus rendering every article."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

from kiosk.content.loader import LoadResult, load_pack
from kiosk.content.model import Pack
from kiosk.content.pictures import image_problem
from kiosk.content.problems import Problem, Severity
from kiosk.content.render import ArticleRenderer


def validate_pack(root: Path) -> LoadResult:
    """Load the pack and render each article, so broken links and images are reported too.

    Translations are rendered in their language's pack, and their problems name their own file
    (`articles/SLUG.LANG.md`). Loading already warns where a translation's statistics or related
    links differ from the original's.
    """
    result = load_pack(root)
    pack = result.pack
    if pack is None:
        return result
    renderer = ArticleRenderer(pack)
    for slug in pack.articles:
        result.problems.extend(renderer.render(slug).problems)
        result.problems.extend(_body_image_problems(pack, renderer, slug, f"articles/{slug}.md"))
    for lang in pack.languages[1:]:
        localized_pack = pack.localized(lang)
        localized = ArticleRenderer(localized_pack)
        for slug in pack.translations.get(lang, {}):
            original_path, translation_path = f"articles/{slug}.md", f"articles/{slug}.{lang}.md"
            result.problems.extend(
                replace(problem, path=translation_path) if problem.path == original_path
                else problem
                for problem in localized.render(slug).problems
            )
            result.problems.extend(
                _body_image_problems(localized_pack, localized, slug, translation_path)
            )
    return result


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
