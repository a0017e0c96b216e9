"""The full check authors and staff run on a pack: loading, rendering every article, and every
picture it shows decoded to its last byte (picture_check.py)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from kiosk.content.loader import LoadResult, load_pack
from kiosk.content.picture_check import (
    PictureCheck,
    PictureUse,
    main_pictures,
    picture_problems,
    text_pictures,
)
from kiosk.content.render import ArticleRenderer


def validate_pack(root: Path, *, svg_check: PictureCheck | None = None) -> LoadResult:
    """Load the pack and render each article, so broken links and images are reported too, and
    decode every picture it shows once (`svg_check`: the caller's own check of each SVG that
    passed, e.g. Qt's). A main picture that does not decode is an error: the pack is then None.

    Translations are rendered in their language's pack, and their problems name their own file
    (`articles/SLUG.LANG.md`). Loading already warns where a translation's statistics or related
    links differ from the original's.
    """
    result = load_pack(root)
    pack = result.pack
    if pack is None:
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
