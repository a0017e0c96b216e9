"""Properties over random input: rendering never fails, loading never raises."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.content.articles import ARTICLE_KEYS
from kiosk.content.loader import load_pack
from kiosk.content.render import render_untrusted
from tests.helpers.packs import article, write_pack
from tests.helpers.safety import ALLOWED_SRC, unsafe_markup

SETTINGS = settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


@SETTINGS
@given(st.text())
def test_render_never_raises_and_never_emits_script(body: str) -> None:
    html = render_untrusted(body, known_slugs={"other"}, media_exists=lambda p: p == ALLOWED_SRC)
    assert isinstance(html, str)
    assert "<script" not in html.lower()
    assert unsafe_markup(html) == []


MARKDOWNISH = st.lists(
    st.sampled_from([
        "<script>", "</script>", "<img src=x onerror=y>", "[a](", "](javascript:x)", "![",
        "media/ok.png", "{: onclick=x }", "\n", "\n\n", "|", "---", "*", "`", "<", ">", "\"",
        "&#106;", "<a href=", "<svg/onload=x>", "kiosk:article/other",
    ]) | st.text(max_size=5),
    max_size=30,
).map("".join)


@SETTINGS
@given(MARKDOWNISH)
def test_render_of_markdownish_soup_stays_safe(body: str) -> None:
    html = render_untrusted(body, known_slugs={"other"}, media_exists=lambda p: p == ALLOWED_SRC)
    assert unsafe_markup(html) == []


SCALARS = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(
    max_size=40
) | st.dates()
VALUES = st.recursive(
    SCALARS,
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.text(max_size=10), children, max_size=4),
    max_leaves=12,
)
# Real field names are drawn often, so the loader's field readers see odd values, not just
# unknown keys.
KEYS = st.sampled_from([*ARTICLE_KEYS, "value", "label", "source"]) | st.text(max_size=12)
FRONT_MATTER = st.dictionaries(KEYS, VALUES, max_size=8)


def front_matter_article(front_matter: dict[str, Any]) -> str:
    dumped = yaml.safe_dump(front_matter, sort_keys=False) if front_matter else ""
    return f"---\n{dumped}---\nSome [text](second.md) and ![a](media/x.png).\n"


@SETTINGS
@given(FRONT_MATTER)
def test_load_pack_never_raises_on_random_front_matter(front_matter: dict[str, Any]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = write_pack(
            Path(folder),
            articles={"first": front_matter_article(front_matter), "second": article()},
        )
        result = load_pack(root)
    for problem in result.problems:
        assert problem.path, problem
        assert problem.line >= 1, problem
        assert str(problem).startswith(f"{problem.path}:{problem.line}: ")
        assert problem.message.strip()
    if result.errors:
        assert result.pack is None
    else:
        assert result.pack is not None
        assert result.pack.articles["first"].title


def test_front_matter_strategy_yields_loadable_yaml() -> None:
    """The generator's output is valid YAML for a simple case, so the test above is meaningful."""
    text = front_matter_article({"title": "T", "summary": "S", "related": ["second"]})
    with tempfile.TemporaryDirectory() as folder:
        root = write_pack(Path(folder), articles={"first": text, "second": article()})
        result = load_pack(root)
    assert result.errors == [] and result.pack is not None
