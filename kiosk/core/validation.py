"""The full check authors and staff run on a pack: loading plus rendering every article."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from kiosk.core.loader import LoadResult, load_pack
from kiosk.core.render import ArticleRenderer


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
    for lang in pack.languages[1:]:
        localized = ArticleRenderer(pack.localized(lang))
        for slug in pack.translations.get(lang, {}):
            original_path, translation_path = f"articles/{slug}.md", f"articles/{slug}.{lang}.md"
            result.problems.extend(
                replace(problem, path=translation_path) if problem.path == original_path
                else problem
                for problem in localized.render(slug).problems
            )
    return result
