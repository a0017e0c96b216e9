"""Small, valid content packs written into a test's tmp_path, so each test breaks one thing.

The line numbers of the templates below are part of the tests: the loader must report the
exact line a problem is on, so keep the comments next to them in step with the text.
"""

from __future__ import annotations

from pathlib import Path

from kiosk.content.loader import LoadResult, load_pack
from kiosk.content.problems import Problem

# Line numbers in PACK_YAML.
PACK_LINES = {
    "format": 1, "id": 2, "version": 3, "title": 4, "organization": 5,
    "organization.name": 6, "organization.phone": 7, "help": 8, "help.heading": 9,
    "help.lines": 10, "home": 13, "home.featured": 14, "home.order": 15,
    "home.order.0": 16, "home.order.1": 17,
}
PACK_YAML = """\
format: 1
id: test-pack
version: "1"
title: Test pack
organization:
  name: Test Clinic
  phone: "555-0100"
help:
  heading: Need help?
  lines:
    - label: Front desk
      number: "555-0100"
home:
  featured: first
  order:
    - first
    - second
"""

# Line numbers in an article made by `article()` with no `extra` fields.
ARTICLE_LINES = {"fence": 1, "title": 2, "summary": 3, "related": 4, "related.0": 5, "body": 7}


def article(
    title: str = "First article",
    summary: str = "A short summary.",
    related: str = "second",
    extra: str = "",
    body: str = "Body text.\n",
) -> str:
    """An article: `extra` (whole lines, ending in newline) goes after `related`, before `---`."""
    return (
        "---\n"
        f"title: {title}\n"
        f"summary: {summary}\n"
        "related:\n"
        f"  - {related}\n"
        f"{extra}"
        "---\n"
        f"{body}"
    )


def default_articles() -> dict[str, str]:
    return {
        "first": article(),
        "second": article(title="Second article", related="first"),
    }


def write_pack(
    root: Path,
    pack_yaml: str | None = PACK_YAML,
    articles: dict[str, str | bytes] | None = None,
) -> Path:
    """Write a pack to `root` (pack.yaml unless None; articles default to first and second)."""
    (root / "articles").mkdir(parents=True, exist_ok=True)
    (root / "media").mkdir(exist_ok=True)
    if pack_yaml is not None:
        (root / "pack.yaml").write_text(pack_yaml, encoding="utf-8")
    chosen: dict[str, str | bytes] = dict(default_articles()) if articles is None else articles
    for slug, text in chosen.items():
        path = root / "articles" / f"{slug}.md"
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
    return root


def pack_without_line(*lines: int) -> str:
    """PACK_YAML with the given (1-based) lines removed; the lines before them keep their number."""
    kept = [line for number, line in enumerate(PACK_YAML.splitlines(), 1) if number not in lines]
    return "\n".join(kept) + "\n"


def pack_with_line(after: int, text: str) -> str:
    """PACK_YAML with `text` (one line) inserted after line `after`."""
    lines = PACK_YAML.splitlines()
    lines.insert(after, text)
    return "\n".join(lines) + "\n"


BANNED_IN_MESSAGES = (
    "Traceback", "Exception", "Error:", "errno", "<class", "object at 0x", "None", "\\n",
)


def assert_plain_sentence(message: str) -> None:
    """A message a nurse can read: one line of words, no Python internals leaking through."""
    assert message, "the message is empty"
    assert message == message.strip(), f"stray whitespace around {message!r}"
    assert "\n" not in message, f"the message spans lines: {message!r}"
    assert len(message.split()) >= 4, f"too short to say what to do: {message!r}"
    assert message[0].isalpha() or message[0] in "'\"", f"odd start: {message!r}"
    for banned in BANNED_IN_MESSAGES:
        assert banned not in message, f"{banned!r} leaks into the message {message!r}"


def assert_problem_form(problem: Problem) -> None:
    """str(problem) is `path:line: ...` with a real path and a 1-based line."""
    assert problem.path
    assert problem.line >= 1
    assert str(problem).startswith(f"{problem.path}:{problem.line}: ")


def load_with_one_error(root: Path) -> tuple[LoadResult, Problem]:
    """Load a pack that must fail with exactly one error; every problem is checked for form."""
    result = load_pack(root)
    for problem in result.problems:
        assert_problem_form(problem)
    assert result.pack is None, "a pack with an error must not be shown"
    assert len(result.errors) == 1, "expected one error, got:\n" + "\n".join(
        str(p) for p in result.errors
    )
    error = result.errors[0]
    assert_plain_sentence(error.message)
    return result, error


def assert_error_at(root: Path, path: str, line: int, *words: str) -> Problem:
    """Exactly one error, at `path`:`line`, whose message contains each of `words`."""
    _result, error = load_with_one_error(root)
    assert (error.path, error.line) == (path, line), str(error)
    for word in words:
        assert word in error.message, f"{word!r} not in {error.message!r}"
    assert str(error) == f"{path}:{line}: {error.message}"
    return error
