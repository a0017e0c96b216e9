"""The renderer against the shared corpora: every CommonMark spec example and every XSS payload.

The corpora live in shared/corpora beside the repository (tests.conftest.SHARED_CORPORA). When
they are missing the tests skip and say where they were looked for.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.content.render import render_untrusted
from tests.conftest import SHARED_CORPORA
from tests.helpers.safety import ALLOWED_HREF, ALLOWED_SRC, unsafe_markup

SPEC = SHARED_CORPORA / "commonmark" / "spec.txt"
XSS_PAYLOADS = SHARED_CORPORA / "xss" / "xss-payload-list.txt"
FENCE = "`" * 32
EXPECTED_SPEC_EXAMPLES = 655
EXPECTED_XSS_PAYLOADS = 6613

KNOWN_SLUGS = {"other"}


def corpus(path: Path) -> Path:
    if not path.is_file():
        pytest.skip(f"{path.name} not found at {path}; the shared corpora are needed")
    return path


def render(text: str) -> str:
    return render_untrusted(
        text, known_slugs=KNOWN_SLUGS, media_exists=lambda path: path == ALLOWED_SRC
    )


# ---------------------------------------------------------------------------------------------
# CommonMark


def spec_examples(text: str) -> Iterator[tuple[int, str, str]]:
    """(line of the example, Markdown, expected HTML) for each example; '→' stands for a tab."""
    lines = text.splitlines(keepends=True)
    index = 0
    while index < len(lines):
        if lines[index].rstrip("\n") != f"{FENCE} example":
            index += 1
            continue
        start = index + 1
        end = start
        while lines[end].rstrip("\n") != FENCE:
            end += 1
        block = lines[start:end]
        dot = next(i for i, line in enumerate(block) if line.rstrip("\n") == ".")
        markdown_text = "".join(block[:dot]).replace("\u2192", "\t")
        html = "".join(block[dot + 1 :]).replace("\u2192", "\t")
        yield start + 1, markdown_text, html
        index = end + 1


def test_commonmark_spec_examples_all_render_safely() -> None:
    examples = list(spec_examples(corpus(SPEC).read_text(encoding="utf-8")))
    assert len(examples) == EXPECTED_SPEC_EXAMPLES
    failures: list[str] = []
    for line, markdown_text, _expected in examples:
        try:
            html = render(markdown_text)
        except Exception as exc:  # collected, so one run names every failing example
            failures.append(f"spec.txt:{line}: {type(exc).__name__}: {exc}")
            continue
        if not isinstance(html, str):
            failures.append(f"spec.txt:{line}: returned {type(html).__name__}")
        elif problems := unsafe_markup(html):
            failures.append(f"spec.txt:{line}: {problems}")
    assert failures == [], f"{len(failures)} of {len(examples)} examples failed:\n" + "\n".join(
        failures[:50]
    )


def test_spec_parser_reads_tabs_and_both_halves() -> None:
    sample = (
        f"intro\n\n{FENCE} example\n\u2192foo\n.\n<pre><code>foo\n</code></pre>\n{FENCE}\n\n"
        f"{FENCE} example\n.\n{FENCE}\n"
    )
    assert list(spec_examples(sample)) == [
        (4, "\tfoo\n", "<pre><code>foo\n</code></pre>\n"),
        (11, "", ""),
    ]


# ---------------------------------------------------------------------------------------------
# XSS payloads


def payload_placements(payload: str) -> list[str]:
    """Where an author (or an attacker) could put the payload in an article body."""
    return [
        f"Intro text.\n\n{payload}\n",  # as body text or raw HTML
        f"[{payload}](other.md)",        # as link text
        f"[x]({payload})",               # as a link target
        f"![x](<{payload}>)",            # as an image source (<...> allows spaces)
    ]


def test_xss_payloads_render_harmlessly() -> None:
    payloads = corpus(XSS_PAYLOADS).read_text(encoding="utf-8").splitlines()
    assert len(payloads) == EXPECTED_XSS_PAYLOADS
    failures: list[str] = []
    checked = 0
    for number, payload in enumerate(payloads, 1):
        for text in payload_placements(payload):
            html = render(text)
            if problems := unsafe_markup(html):
                failures.append(f"line {number}: {text!r} -> {html!r}: {problems}")
            checked += 1
    assert failures == [], (
        f"{len(failures)} of {checked} renderings of {len(payloads)} payloads are unsafe:\n"
        + "\n".join(failures[:30])
    )
    assert checked == len(payloads) * len(payload_placements("")), (
        f"checked {checked} renderings of {len(payloads)} payloads"
    )


def test_checker_catches_unsafe_markup() -> None:
    """The checker itself must see what it is looking for, or the tests above prove nothing."""
    assert unsafe_markup('<a href="javascript:x">a</a>') == ["<a href='javascript:x'>"]
    assert unsafe_markup('<img src="data:x" onerror="y">') == [
        "<img src='data:x'>", "<img onerror>"
    ]
    assert unsafe_markup("<p style='x'><script></script></p>") == ["<p style>", "<script>"]
    assert unsafe_markup(f'<a href="{ALLOWED_HREF}">a</a><img src="{ALLOWED_SRC}" alt="">') == []


def test_missing_corpus_skips_with_its_path(tmp_path: Path) -> None:
    missing = tmp_path / "spec.txt"
    with pytest.raises(pytest.skip.Exception, match="the shared corpora are needed") as skipped:
        corpus(missing)
    assert str(missing) in str(skipped.value)
