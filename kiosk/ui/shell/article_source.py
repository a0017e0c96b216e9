"""Where the window gets an article's HTML, search results and scaled pictures from: the
compiled form when the pack is compiled (kiosk/library/), else the pack in memory (an author's
pack, or one still being compiled), rendered and indexed the first time it is asked.

A link to an article not shown today (outside its dates) shows as plain text, like any other
link the kiosk cannot follow.
"""

from __future__ import annotations

import functools
import re
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.content.model import Pack
from kiosk.library.compiled import CompiledCatalogue
from kiosk.ui.widgets.images import set_picture_variants

if TYPE_CHECKING:  # rendering and search load when the first article or search opens
    from kiosk.content.render import ArticleRenderer
    from kiosk.library.search import Results, Searcher


@functools.cache
def _article_link() -> re.Pattern[str]:
    from kiosk.content.render import ARTICLE_URL_PREFIX

    return re.compile(r'<a href="' + re.escape(ARTICLE_URL_PREFIX) + r'([a-z0-9-]+)">(.*?)</a>', re.S)


class ArticleSource:
    """One pack's articles for the window (every language of it)."""

    def __init__(self, pack: Pack) -> None:
        self.pack = pack.original or pack
        self._renderers: dict[str, ArticleRenderer] = {}
        self._searcher: Searcher | None = None
        catalogue = self.pack.articles
        if isinstance(catalogue, CompiledCatalogue):
            root = self.pack.root

            def variants(path: Path) -> list[tuple[int, Path]]:
                try:
                    written = path.relative_to(root).as_posix()
                except ValueError:
                    return []
                return catalogue.picture_variants(written)

            set_picture_variants(variants)
        else:
            set_picture_variants(None)

    def html(self, shown: Pack, slug: str, day: date) -> str:
        """The article's safe HTML in `shown`'s language, links to hidden articles unlinked."""
        catalogue = shown.articles
        if isinstance(catalogue, CompiledCatalogue):
            html = catalogue.html(slug)
        else:
            from kiosk.content.render import ArticleRenderer

            renderer = self._renderers.get(shown.language)
            if renderer is None:
                renderer = self._renderers[shown.language] = ArticleRenderer(shown)
            html = renderer.render(slug).html
        return _article_link().sub(
            lambda m: m.group(0) if catalogue.is_shown(m.group(1), day) else m.group(2), html
        )

    def search(self, query: str, language: str, day: date) -> Results:
        if self._searcher is None:  # the first search (a pack in memory is indexed now)
            from kiosk.library.search import searcher_for

            self._searcher = searcher_for(self.pack)
        return self._searcher.search(query, language, day)
