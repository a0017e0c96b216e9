"""Markdown in, safe HTML out: each supported syntax, then links, images and raw HTML."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.content.loader import load_pack
from kiosk.content.model import Pack
from kiosk.content.problems import Severity
from kiosk.content.render import (
    ArticleRenderer,
    article_slug_from_link,
    media_path_from_src,
    pack_media_path,
    render_untrusted,
)
from kiosk.content.validation import validate_pack
from tests.helpers.packs import ARTICLE_LINES, article, assert_problem_form, write_pack


def render(text: str) -> str:
    """Render with one known article, `other`, and one existing image, media/x.png."""
    return render_untrusted(
        text, known_slugs={"other"}, media_exists=lambda path: path == "media/x.png"
    ).strip()


# ---------------------------------------------------------------------------------------------
# Syntax: exact output

EXACT = {
    "headings": [
        ("# Title", "<h1>Title</h1>"),
        ("## Part", "<h2>Part</h2>"),
        ("###### Small", "<h6>Small</h6>"),
        ("Title\n=====", "<h1>Title</h1>"),
        ("Part\n----", "<h2>Part</h2>"),
    ],
    "emphasis": [
        ("*a*", "<p><em>a</em></p>"),
        ("_a_", "<p><em>a</em></p>"),
        ("**b**", "<p><strong>b</strong></p>"),
        ("***c***", "<p><strong><em>c</em></strong></p>"),
        ("`x < y`", "<p><code>x &lt; y</code></p>"),
        ("a  \nb", "<p>a<br>\nb</p>"),
    ],
    "lists": [
        ("- a\n- b", "<ul>\n<li>a</li>\n<li>b</li>\n</ul>"),
        ("1. a\n2. b", "<ol>\n<li>a</li>\n<li>b</li>\n</ol>"),
        ("3. c\n4. d", '<ol start="3">\n<li>c</li>\n<li>d</li>\n</ol>'),
        # sane_lists: a bulleted list right after a numbered one is a list of its own
        ("1. a\n\n* b", "<ol>\n<li>a</li>\n</ol>\n<ul>\n<li>b</li>\n</ul>"),
        ("- a\n\n1. b", "<ul>\n<li>a</li>\n</ul>\n<ol>\n<li>b</li>\n</ol>"),
    ],
    "blocks": [
        ("> quoted", "<blockquote>\n<p>quoted</p>\n</blockquote>"),
        ("---", "<hr>"),
        ("    code <b>", "<pre><code>code &lt;b&gt;\n</code></pre>"),
    ],
    "smart quotes": [
        ('"quoted"', "<p>\u201cquoted\u201d</p>"),
        ("it's", "<p>it\u2019s</p>"),
        ("'single'", "<p>\u2018single\u2019</p>"),
        ("a -- b --- c", "<p>a \u2013 b \u2014 c</p>"),
        ("wait...", "<p>wait\u2026</p>"),
    ],
}
EXACT_CASES = [(group, md, html) for group, pairs in EXACT.items() for md, html in pairs]


@pytest.mark.parametrize(
    ("group", "markdown_text", "html"), EXACT_CASES, ids=[f"{g}:{m!r}" for g, m, _h in EXACT_CASES]
)
def test_syntax(group: str, markdown_text: str, html: str) -> None:
    assert render(markdown_text) == html, group


def test_table_keeps_alignment_as_attribute() -> None:
    html = render("| Left | Middle | Right |\n|:--|:-:|--:|\n| 1 | 2 | 3 |")
    assert html.startswith("<table>\n<thead>")
    for cell in (
        '<th align="left">Left</th>', '<th align="center">Middle</th>',
        '<th align="right">Right</th>', '<td align="left">1</td>',
        '<td align="center">2</td>', '<td align="right">3</td>',
    ):
        assert cell in html
    assert "style" not in html  # Qt ignores style="text-align"; align is what it understands


def test_table_without_alignment() -> None:
    html = render("| a | b |\n|---|---|\n| 1 | 2 |")
    assert "<th>a</th>" in html and "<td>2</td>" in html


# ---------------------------------------------------------------------------------------------
# attr_list: allowed syntax, but it cannot smuggle in styles or event handlers


@pytest.mark.parametrize(
    ("markdown_text", "html"),
    [
        ('para\n{: style="color:red" onclick="steal()" }', "<p>para</p>"),
        ('# Head {: style="color:red" onmouseover="x()" .big #top }', "<h1>Head</h1>"),
        ('*word*{: onfocus="x()" style="y" }', "<p><em>word</em></p>"),
        (
            '[other](other.md){: onclick="x()" style="y" }',
            '<p><a href="kiosk:article/other">other</a></p>',
        ),
        (
            '![pic](media/x.png){: onerror="x()" style="y" }',
            '<p><img alt="pic" src="media/x.png"></p>',
        ),
    ],
)
def test_attr_list_lets_no_style_or_event_through(markdown_text: str, html: str) -> None:
    assert render(markdown_text) == html


# ---------------------------------------------------------------------------------------------
# Links: only other articles of the pack keep their target


@pytest.mark.parametrize(
    "target", ["other.md", "./other.md", "kiosk:article/other", "other.md#part"]
)
def test_link_to_known_article(target: str) -> None:
    assert render(f"[Read on]({target})") == '<p><a href="kiosk:article/other">Read on</a></p>'


def test_raw_html_link_to_article_is_rewritten() -> None:
    assert render('<a href="other.md">x</a>') == '<p><a href="kiosk:article/other">x</a></p>'


@pytest.mark.parametrize(
    "target",
    [
        "unknown.md",
        "kiosk:article/unknown",
        "kiosk:article/../other",
        "sub/other.md",
        "../other.md",
        "other",
        "http://example.com/",
        "https://example.com/other.md",
        "mailto:someone@example.com",
        "tel:911",
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "java%73cript:alert(1)",
        "//evil.example.com/other.md",
        "data:text/html,<script>alert(1)</script>",
        "file:///etc/passwd",
    ],
)
def test_other_links_become_plain_text(target: str) -> None:
    html = render(f"[Read on](<{target}>)")
    assert "href" not in html
    assert "Read on" in html
    assert html == "<p><a>Read on</a></p>"


@pytest.mark.parametrize("autolink", ["<https://example.com>", "<someone@example.com>"])
def test_autolinks_become_plain_text(autolink: str) -> None:
    html = render(autolink)
    assert "href" not in html
    assert "example.com" in html


def test_link_slug_parsing() -> None:
    assert article_slug_from_link(" other.md ") == "other"
    assert article_slug_from_link("kiosk:article/a-b-1") == "a-b-1"
    assert article_slug_from_link("Other.md") is None
    assert article_slug_from_link("kiosk:article/") is None
    assert article_slug_from_link("other.md?x=1") == "other"
    assert article_slug_from_link("https://x/other.md") is None


# ---------------------------------------------------------------------------------------------
# Images: only files in the pack's media/ folder


@pytest.mark.parametrize(
    "source", ["media/x.png", "../media/x.png", "./media/x.png", "media/./x.png", "media%2Fx.png"]
)
def test_image_in_media_is_kept(source: str) -> None:
    assert render(f"![A chart]({source})") == '<p><img alt="A chart" src="media/x.png"></p>'


@pytest.mark.parametrize(
    "source",
    [
        "media/missing.png",
        "http://example.com/x.png",
        "https://example.com/media/x.png",
        "//example.com/media/x.png",
        "data:image/png;base64,iVBORw0KGgo=",
        "/media/x.png",
        "media/x.png?v=2",
        "../../media/x.png",
        "x.png",
        "javascript:alert(1)",
        "file:///media/x.png",
    ],
)
def test_other_images_are_removed(source: str) -> None:
    html = render(f"Before ![A chart](<{source}>) after")
    assert "<img" not in html
    assert html == "<p>Before  after</p>"


def test_image_removed_even_when_alt_text_mentions_src() -> None:
    assert "<img" not in render('![src="x"](https://example.com/x.png)')
    assert "<img" not in render('<img alt="a src=b" src="https://example.com/x.png">')


def test_media_path_from_src() -> None:
    assert media_path_from_src("../media/a/b.png") == "media/a/b.png"
    assert media_path_from_src("media/a/../b.png") == "media/b.png"
    assert media_path_from_src("articles/../media/b.png") == "media/b.png"
    assert media_path_from_src("../x.png") is None
    assert media_path_from_src("") is None


# ---------------------------------------------------------------------------------------------
# Raw HTML


@pytest.mark.parametrize(
    ("raw", "html"),
    [
        ("<script>alert(1)</script>", ""),
        ("<style>p { color: red }</style>", ""),
        ('<iframe src="https://example.com"></iframe>', ""),
        ('<object data="x.swf"></object>', ""),
        ('<embed src="x.swf">', "<p></p>"),
        ('<p onclick="alert(1)">Hi</p>', "<p>Hi</p>"),
        ('<p style="color:red">Hi</p>', "<p>Hi</p>"),
        ('<span style="x" onmouseover="y" class="c" id="d">Hi</span>', "<p><span>Hi</span></p>"),
        (
            '<img src="media/x.png" onerror="alert(1)" alt="a">',
            '<p><img src="media/x.png" alt="a"></p>',
        ),
        ("<form><input value=x><button>Go</button></form>", "Go"),
        ("a <!-- a comment --> b", "<p>a  b</p>"),
        ("<b>bold</b> <u>under</u>", "<p><b>bold</b> <u>under</u></p>"),
    ],
)
def test_raw_html_is_sanitised(raw: str, html: str) -> None:
    assert render(raw) == html


def test_script_text_does_not_survive() -> None:
    html = render("Hello <script>document.write('owned')</script> world")
    assert "owned" not in html and "<script" not in html
    assert "Hello" in html and "world" in html


def test_ordered_list_start_must_be_a_number() -> None:
    assert render('<ol start="x"><li>a</li></ol>') == "<ol><li>a</li></ol>"
    assert render('<ol start="2"><li>a</li></ol>') == '<ol start="2"><li>a</li></ol>'


# ---------------------------------------------------------------------------------------------
# ArticleRenderer on a real pack


BODY = """\
Intro with a [good link](second.md).

A [web link](https://example.com) and ![a remote picture](https://example.com/p.png).

![our chart](../media/chart.png) and ![gone](media/gone.png)

Again the [web link](https://example.com).
"""
# Body lines start at ARTICLE_LINES["body"] (7): the web link is on 9, the pictures on 9 and 11,
# the repeated web link on 13.


def load_renderable(tmp_path: Path) -> Pack:
    write_pack(
        tmp_path,
        articles={"first": article(body=BODY), "second": article(title="Two", related="first")},
    )
    (tmp_path / "media" / "chart.png").write_bytes(b"not checked by the renderer")
    pack = load_pack(tmp_path).pack
    assert pack is not None
    return pack


def test_article_renderer_output(tmp_path: Path) -> None:
    rendered = ArticleRenderer(load_renderable(tmp_path)).render("first")
    assert '<a href="kiosk:article/second">good link</a>' in rendered.html
    assert '<img alt="our chart" src="media/chart.png">' in rendered.html
    assert "example.com" not in rendered.html.replace("<a>web link</a>", "")
    assert rendered.html.count("<img") == 1
    assert rendered.images == ("media/chart.png",)


def test_article_renderer_caches(tmp_path: Path) -> None:
    renderer = ArticleRenderer(load_renderable(tmp_path))
    first = renderer.render("first")
    assert renderer.render("first") is first
    assert renderer.render("second") is not first


def test_article_renderer_reports_dropped_links_and_images(tmp_path: Path) -> None:
    rendered = ArticleRenderer(load_renderable(tmp_path)).render("first")
    body_line = ARTICLE_LINES["body"]
    found = sorted((p.path, p.line, p.severity, p.message) for p in rendered.problems)
    for problem in rendered.problems:
        assert_problem_form(problem)
    assert [(path, line, severity) for path, line, severity, _m in found] == [
        ("articles/first.md", body_line + 2, Severity.WARNING),  # remote picture
        ("articles/first.md", body_line + 2, Severity.WARNING),  # web link
        ("articles/first.md", body_line + 4, Severity.WARNING),  # media/gone.png
        ("articles/first.md", body_line + 6, Severity.WARNING),  # the web link again
    ]
    messages = [m for *_where, m in found]
    assert "'https://example.com/p.png'" in messages[0] and "left out" in messages[0]
    assert "'https://example.com'" in messages[1] and "shows as text" in messages[1]
    assert "'media/gone.png'" in messages[2]


def test_article_renderer_with_no_problems(tmp_path: Path) -> None:
    rendered = ArticleRenderer(load_renderable(tmp_path)).render("second")
    assert rendered.problems == ()
    assert rendered.html == "<p>Body text.</p>"


def test_article_renderer_tolerates_an_image_name_too_long(tmp_path: Path) -> None:
    name = "media/" + "a" * 300 + ".png"
    write_pack(tmp_path, articles={"first": article(body=f"![x]({name})\n"), "second": article()})
    pack = load_pack(tmp_path).pack
    assert pack is not None
    rendered = ArticleRenderer(pack).render("first")
    assert "<img" not in rendered.html
    assert [(p.path, p.line) for p in rendered.problems] == [("articles/first.md", 7)]


def test_article_renderer_refuses_media_symlinked_outside(tmp_path: Path) -> None:
    (tmp_path / "secret.png").write_bytes(b"x")
    root = tmp_path / "pack"
    write_pack(root, articles={"first": article(body="![x](media/s.png)\n"), "second": article()})
    (root / "media" / "s.png").symlink_to(tmp_path / "secret.png")
    pack = load_pack(root).pack
    assert pack is not None
    rendered = ArticleRenderer(pack).render("first")
    assert "<img" not in rendered.html
    assert len(rendered.problems) == 1
    assert pack_media_path(root, "media/s.png") is None


def test_pack_media_path(tmp_path: Path) -> None:
    root = write_pack(tmp_path)
    (root / "media" / "a.png").write_bytes(b"x")
    assert pack_media_path(root, "media/a.png") == (root / "media" / "a.png").resolve()
    assert pack_media_path(root, "pack.yaml") is None
    assert pack_media_path(root, "../media/a.png") is None


def test_validate_pack_includes_render_warnings(tmp_path: Path) -> None:
    load_renderable(tmp_path)
    result = validate_pack(tmp_path)
    assert result.pack is not None and result.errors == []
    # Two links and two images left out, and media/chart.png (not an image) shown as an empty frame.
    assert sorted(p.line for p in result.warnings) == [9, 9, 11, 11, 13]
    assert {p.path for p in result.warnings} == {"articles/first.md"}
    assert any("chart.png" in p.message and "empty frame" in p.message for p in result.warnings)


def test_validate_bundled_pack_is_clean(bundled_content: Path) -> None:
    result = validate_pack(bundled_content)
    assert result.pack is not None
    assert result.problems == [], "\n".join(map(str, result.problems))
    renderer = ArticleRenderer(result.pack)
    for slug in result.pack.articles:
        html = renderer.render(slug).html
        assert "<h2>" in html and "<script" not in html


def test_validate_pack_with_errors_renders_nothing(tmp_path: Path) -> None:
    write_pack(tmp_path, articles={"first": article(related="ghost", body="[x](https://x.org)")})
    result = validate_pack(tmp_path)
    assert result.pack is None
    assert all(p.is_error for p in result.problems)
