"""Typographer's quotes, dashes and ellipses, as the `smarty` extension gave them, code untouched."""

from __future__ import annotations

import pytest

from kiosk.content.render import render_untrusted
from kiosk.content.typography import smart_typography


@pytest.mark.parametrize(("markdown", "shown"), [
    ('She said "yes".', "She said \u201cyes\u201d."),
    ("It's Maria's turn.", "It\u2019s Maria\u2019s turn."),
    ("'Single' quotes", "\u2018Single\u2019 quotes"),
    ("Wait -- or don't --- now...", "Wait \u2013 or don\u2019t \u2014 now\u2026"),
    ('*"Quoted in italics"*', "<em>\u201cQuoted in italics\u201d</em>"),
    ('("In brackets")', "(\u201cIn brackets\u201d)"),
])
def test_quotes_dashes_and_ellipses_are_typeset(markdown: str, shown: str) -> None:
    assert render_untrusted(markdown) == f"<p>{shown}</p>"


def test_code_keeps_what_was_written() -> None:
    html = render_untrusted('Type `"a" -- b...` here.\n\n    x = "y" -- z\n')
    assert '<code>"a" -- b...</code>' in html
    assert '<pre><code>x = "y" -- z\n</code></pre>' in html
    assert "Type " in html and " here." in html


def test_a_quote_after_a_block_opens_again() -> None:
    assert smart_typography('<p>a"</p><p>"b</p>') == "<p>a\u201d</p><p>\u201cb</p>"


def test_attributes_are_never_touched() -> None:
    html = '<p><img alt="It\'s a \'test\'" src="media/x.png"> -- "q"</p>'
    shown = '<p><img alt="It\'s a \'test\'" src="media/x.png"> \u2013 \u201cq\u201d</p>'
    assert smart_typography(html) == shown
