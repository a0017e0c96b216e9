"""The full check authors and staff run on a pack: loading plus rendering every article."""

from __future__ import annotations

from pathlib import Path

from kiosk.core.loader import LoadResult, load_pack
from kiosk.core.render import ArticleRenderer


def validate_pack(root: Path) -> LoadResult:
    """Load the pack and render each article, so broken links and images are reported too."""
    result = load_pack(root)
    if result.pack is None:
        return result
    renderer = ArticleRenderer(result.pack)
    for slug in result.pack.articles:
        result.problems.extend(renderer.render(slug).problems)
    return result
