"""Whole content packs on disk, generated hostile: loading and `kiosk validate` must cope.

Hypothesis writes each pack into a fresh folder: pack.yaml and articles with random or hostile
front matter (wrong types, missing keys, huge strings, deep nesting, YAML tags, anchors and
"billion laughs" of aliases), random Markdown, random bytes where text should be (invalid UTF-8,
NUL bytes, BOMs), odd file and folder names (Unicode, near 255 bytes, CON and NUL.md, spaces and
newlines, bytes that are not UTF-8), and links, pipes and folders where files should be.

Beside the pack lie sentinel files, and links in the pack (symlinks, image and link targets,
`image:` and `logo:` fields) point at them. For every pack, load_pack and `kiosk validate` (its
function in this process; a few packs also as a real subprocess) accept it or report problems
as `file:line: message`. They never raise, never run longer than PACK_SECONDS, never open a file
outside the pack (an audit hook sees Python's opens, inotify on the sentinels sees Qt's), and
never show a sentinel's text.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from html import escape
from pathlib import Path, PurePosixPath

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.content.articles import ARTICLE_KEYS, STAT_KEYS
from kiosk.content.loader import LoadResult, load_pack
from kiosk.content.pack_yaml import PACK_KEYS
from kiosk.content.problems import Problem
from kiosk.content.render import ArticleRenderer
from tests.conftest import REPO
from tests.helpers.hostile_files import (
    YAML_TAGGED_VALUES,
    png,
    svg_linking,
    svg_use_bomb,
    yaml_deep_block,
    yaml_deep_flow,
    yaml_laughs,
)
from tests.helpers.hostile_guards import (
    SentinelWatch,
    audited,
    rss_growth_mb,
    time_limit,
    validate_in_process,
)
from tests.helpers.packs import (
    PACK_YAML,
    article,
    default_articles,
    pack_with_line,
    pack_without_line,
    write_pack,
)

# Generous for a loaded two-core machine: a pack here takes well under a second. A hang (a named
# pipe read, a billion laughs printed) takes minutes or for ever.
PACK_SECONDS = 10
SUBPROCESS_SECONDS = 60
SETTINGS = settings(
    max_examples=150, deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
SUBPROCESS_SETTINGS = settings(SETTINGS, max_examples=6)

MARK = "SENTINEL-b5e1c2"  # the text of the sentinel files: it must never show
SENTINEL_ARTICLE = f"---\ntitle: {MARK}\nsummary: {MARK}\n---\n{MARK}\n"
# Written into generated text and links; replaced by the sentinels' real paths when written.
TXT, PNG = "@@SENTINEL_TXT@@", "@@SENTINEL_PNG@@"
SMALL_PNG = png(4, 3)


# --- names -----------------------------------------------------------------------------------


def fits(name: str) -> bool:
    """A name the file system can hold: one path part, at most 255 bytes."""
    return (
        name not in ("", ".", "..") and "/" not in name and "\x00" not in name
        and len(os.fsencode(name)) <= 255
    )


def mostly(usual: str, unusual: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """`usual` three times in four: most packs should get far enough to be checked in depth."""
    return st.one_of(st.just(usual), st.just(usual), st.just(usual), unusual)


NAME_CHARS = st.characters(exclude_categories=("Cs",), exclude_characters="/\x00")
SLUGS = st.from_regex(r"[a-z0-9][a-z0-9-]{0,15}", fullmatch=True)
ODD_STEMS = st.sampled_from([
    "CON", "con", "aux", "NUL", "nul", "COM1", "LPT1", "PRN", " ", "a b", "a\nb", "tab\t",
    "trailing ", " leading", "-dash", ".hidden", "UPPER", "é", "日本語", "emoji-😀", "x" * 250,
    "é" * 125, os.fsdecode(b"\xff\xfe"), os.fsdecode(b"bad-\xc3"), "a.b.c", "first.es",
    "first.EN", "second.zz", "...", "\u202eevil", "first",
])
STEMS = SLUGS | ODD_STEMS | st.text(NAME_CHARS, min_size=1, max_size=20)
ARTICLE_NAMES = st.builds(
    "".join, st.tuples(STEMS, st.sampled_from([".md", ".md", ".md", ".MD", ".md ", ".txt", ""]))
).filter(fits)
MEDIA_NAMES = st.builds(
    "".join, st.tuples(STEMS, st.sampled_from([".png", ".svg", ".jpg", ".PNG", ".gif", ""]))
).filter(fits)
ROOT_NAMES = (mostly("pack", ODD_STEMS) | st.text(NAME_CHARS, min_size=1, max_size=30)).filter(
    lambda name: fits(name) and name not in ("outside", "sentinel.txt", "sentinel.png")
)
PACK_FILE_NAMES = mostly("pack.yaml", st.sampled_from(
    ["Pack.yaml", "PACK.YAML", "pack.yml", "pack.yaml ", " pack.yaml", "pack.yaml\n", "pack.yaml.txt"]
))
LINK_TARGETS = st.sampled_from([
    "../sentinel.txt", "../../sentinel.txt", "../sentinel.png", "../../sentinel.png", TXT, PNG,
    "../../outside/first.md", "/dev/zero", "/etc/passwd", "first.md", "missing.md", "../pack.yaml",
    "../media", "..", ".", "SELF",
])


# --- contents --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    """One directory entry to write: text, bytes, a folder, a named pipe or a symlink."""

    kind: str
    data: str | bytes = ""


SCALARS = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30) | st.dates()
VALUES = st.recursive(
    SCALARS,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=12,
)
FIELD_KEYS = st.sampled_from([*ARTICLE_KEYS, *PACK_KEYS, *STAT_KEYS, "lol", "<<"])
KEYS = FIELD_KEYS | st.text(max_size=12)


def hostile_field(key: str) -> st.SearchStrategy[str]:
    """One field (one or more YAML lines) whose value is built to break something."""
    return st.one_of(
        st.sampled_from(YAML_TAGGED_VALUES).map(lambda value: f"{key}: {value}"),
        st.builds(yaml_laughs, st.just(key), st.integers(1, 9), st.booleans()),
        st.builds(yaml_deep_flow, st.just(key), st.sampled_from([50, 999, 1001, 5000]), st.booleans()),
        st.builds(yaml_deep_block, st.just(key), st.sampled_from([10, 200])),
        st.integers(1000, 200_000).map(lambda n: f"{key}: {'é' * n}"),
        st.sampled_from([PNG, TXT, "../sentinel.png", "media/../../sentinel.png", "media/link.png",
                         "media/evil.svg", "media/bomb.svg", "media/sentinel.png", "media/fifo.png",
                         "media/ok.png", "media/%2e%2e/x.png"]).map(lambda path: f"{key}: {path}"),
        st.sampled_from([
            "<<: *undefined", "base: &b {title: T, summary: S}\n<<: *b", "b2: &b2 {x: 1}\n<<: [*b2, *b2]",
            "<<: 5", f"{key}: a\n{key}: b", "? [a, b]\n: c", "? {a: b}\n: c", f"{key}: |\n  text\n\tmixed",
            f"{key}: \"unterminated", f"{key}: [", f"{key}:\n- a\n - b", f"{key}: *lol9",
        ]),
    )


FRONT_MATTER_PIECES = st.one_of(
    st.dictionaries(KEYS, VALUES, min_size=1, max_size=6).map(
        lambda fields: yaml.safe_dump(fields, sort_keys=False, allow_unicode=True).rstrip("\n")
    ),
    FIELD_KEYS.flatmap(hostile_field),
    st.just("title: A title\nsummary: A summary\nrelated: [second]"),
    st.just("stats:\n  - value: 1 in 5\n    label: people\n    source: Someone"),
)
FRONT_MATTER = st.lists(FRONT_MATTER_PIECES, max_size=4).map("\n".join)

MARKDOWN_PIECES = st.sampled_from([
    "![a](../sentinel.png)", "![a](../../sentinel.png)", "![a](media/../../sentinel.png)",
    f"![a]({PNG})", f"![a](file://{PNG})", f"[a]({TXT})", "[a](../sentinel.txt)", "[a](../../sentinel.txt)",
    "![a](media/sentinel.png)", "![a](media/sentinel.txt)", "![a](media/link.png)", "![a](media/ok.png)",
    "![a](media/evil.svg)", "![a](media/fifo.png)", "![a](%2e%2e/%2e%2e/sentinel.png)",
    "![a](media/%2e%2e/%2e%2e/sentinel.png)", "<img src='../../sentinel.png'>", "[x](second.md)",
    "[x](first.md)", "[x](kiosk:article/second)", "<script>alert(1)</script>", "<div>" * 50,
    "| a |\n|---|\n| b |", "\x00", "\ufeff", "\u202e", "\r\n", "\r", "\n\n", "    code", "```\nfence",
    "> quote", "* * *", "[ref]: ../../sentinel.txt\n\n[ref]", "{: onclick=x }", "&#0;", "&lol;",
])


def deep_list(depth: int) -> str:
    return "\n" + "".join("    " * level + "- x\n" for level in range(depth)) + "\n"


# Lists nested 350 deep overflow Python-Markdown's recursive parser (at about 300); they take a
# second or two to get there, so they are drawn rarely. 6,000 headings are past the lines the
# kiosk lays out as Markdown.
DEEP_MARKDOWN = st.sampled_from(
    [""] * 30
    + [deep_list(3), deep_list(40), deep_list(350), "\n" + "> " * 2000 + "x\n", "\n# h" * 6000]
)
BODIES = st.builds(
    lambda pieces, deep: " ".join(pieces) + deep,
    st.lists(MARKDOWN_PIECES | st.text(max_size=20), max_size=12), DEEP_MARKDOWN,
)
ARTICLE_TEXTS = st.builds(
    lambda front, close, body: f"---\n{front}\n{close}{body}\n",
    FRONT_MATTER, st.sampled_from(["---\n", "---\n", "...\n", "--- \n", ""]), BODIES,
) | BODIES | st.builds(lambda body: article(body=body + "\n"), BODIES)


def corrupted(text: str) -> st.SearchStrategy[bytes]:
    """`text` as UTF-8 with junk bytes put in somewhere: NULs, invalid UTF-8, stray BOMs."""
    encoded = text.encode("utf-8")
    junk = st.sampled_from([b"\x00", b"\xff", b"\xc3", b"\xed\xa0\x80", b"\xef\xbb\xbf", b"\xfe\xff"])
    return st.builds(
        lambda at, bad: encoded[:at] + bad + encoded[at:], st.integers(0, len(encoded)), junk
    ) | st.just(b"\xef\xbb\xbf" + encoded) | st.just(text.encode("utf-16")) | st.binary(max_size=200)


def entries(texts: st.SearchStrategy[str]) -> st.SearchStrategy[Entry]:
    """A directory entry whose text, when it is a file, comes from `texts`."""
    return st.one_of(
        texts.map(lambda text: Entry("text", text)),
        texts.flatmap(corrupted).map(lambda data: Entry("bytes", data)),
        st.sampled_from([Entry("dir"), Entry("fifo")]),
        LINK_TARGETS.map(lambda target: Entry("link", target)),
    )


MEDIA_ENTRIES = st.one_of(
    st.sampled_from([
        Entry("bytes", SMALL_PNG), Entry("bytes", SMALL_PNG[:30]), Entry("bytes", b""),
        Entry("text", svg_linking(PNG, "../../sentinel.png", "http://127.0.0.1:9/x.png")),
        Entry("text", svg_use_bomb(8)), Entry("dir"), Entry("fifo"),
    ]),
    st.binary(max_size=100).map(lambda data: Entry("bytes", data)),
    LINK_TARGETS.map(lambda target: Entry("link", target)),
)
# The media the generated Markdown and fields name, when the pack draws them.
KNOWN_MEDIA = {
    "ok.png": Entry("bytes", SMALL_PNG),
    "link.png": Entry("link", "../../sentinel.png"),
    "sentinel.png": Entry("link", PNG),
    "evil.svg": Entry("text", svg_linking(PNG, "../../sentinel.png", "http://127.0.0.1:9/x.png")),
    "bomb.svg": Entry("text", svg_use_bomb(8)),
    "fifo.png": Entry("fifo"),
}

PACK_TEXTS = st.one_of(
    st.just(PACK_YAML),
    st.sampled_from([*KNOWN_MEDIA, "../../sentinel.png", PNG]).map(
        lambda name: pack_with_line(7, f"  logo: {name if '/' in name else 'media/' + name}")
    ),
    FIELD_KEYS.flatmap(hostile_field).map(lambda field: f"{PACK_YAML}{field}\n"),
    st.sampled_from(["format", "id", "title", "organization", "home"]).flatmap(hostile_field).map(
        lambda field: f"{pack_without_line(1)}{field}\n"
    ),
    FRONT_MATTER,
    st.text(max_size=100),
)
FOLDER_KINDS = mostly("dir", st.sampled_from(["link-outside", "link-loop", "link-parent", "file", "missing"]))


@dataclass(frozen=True)
class PackSpec:
    root_name: str
    pack_file: str
    pack: Entry
    articles_name: str
    articles_kind: str
    articles: dict[str, Entry] = field(default_factory=dict)
    media_kind: str = "dir"
    media: dict[str, Entry] = field(default_factory=dict)


def _with_defaults(
    drawn: dict[str, Entry], defaults: dict[str, Entry], keep: bool
) -> dict[str, Entry]:
    return {**defaults, **drawn} if keep else drawn


# Anything at all, in every part of the pack.
WILD_PACKS = st.builds(
    PackSpec,
    root_name=ROOT_NAMES,
    pack_file=PACK_FILE_NAMES,
    pack=st.one_of(*[PACK_TEXTS.map(lambda text: Entry("text", text))] * 3, entries(PACK_TEXTS)),
    articles_name=mostly("articles", st.sampled_from(["Articles", "articles ", "article"])),
    articles_kind=FOLDER_KINDS,
    articles=st.builds(
        _with_defaults,
        st.dictionaries(ARTICLE_NAMES | st.just("first.md"), entries(ARTICLE_TEXTS), max_size=4),
        st.just({"first.md": Entry("text", article()), "second.md": Entry(
            "text", article(title="Second", related="first"))}),
        st.booleans(),
    ),
    media_kind=FOLDER_KINDS,
    media=st.builds(
        _with_defaults, st.dictionaries(MEDIA_NAMES, MEDIA_ENTRIES, max_size=3), st.just(KNOWN_MEDIA),
        st.booleans(),
    ),
)
IMAGE_FIELDS = mostly("", st.sampled_from(
    [f"image: media/{name}\nimage_alt: A picture\n" for name in KNOWN_MEDIA]
    + ["image: ../../sentinel.png\n", f"image: {PNG}\n", "image: media/../../sentinel.png\n"]
))


def _hostile_article(title: str, related: str) -> st.SearchStrategy[Entry]:
    return st.builds(
        lambda extra, body: Entry("text", article(title=title, related=related, extra=extra, body=body)),
        IMAGE_FIELDS, BODIES,
    )


# A sound pack whose articles' bodies and images are hostile: these load (or nearly), so the
# rendering and the image checks of `kiosk validate` are reached.
SOUND_PACKS = st.builds(
    PackSpec,
    root_name=ROOT_NAMES,
    pack_file=st.just("pack.yaml"),
    pack=st.one_of(*[st.just(Entry("text", PACK_YAML))] * 3, PACK_TEXTS.map(partial(Entry, "text"))),
    articles_name=st.just("articles"),
    articles_kind=st.just("dir"),
    articles=st.fixed_dictionaries({
        "first.md": _hostile_article("First", "second"),
        "second.md": _hostile_article("Second", "first"),
    }),
    media_kind=mostly("dir", st.sampled_from(["link-outside", "link-parent"])),
    media=st.dictionaries(MEDIA_NAMES, MEDIA_ENTRIES, max_size=2).map(lambda drawn: {**KNOWN_MEDIA, **drawn}),
)
PACKS = WILD_PACKS | SOUND_PACKS


# --- writing a pack --------------------------------------------------------------------------


@dataclass(frozen=True)
class Written:
    root: Path
    sentinels: tuple[Path, ...]


def write_spec(base: Path, spec: PackSpec) -> Written:
    """The sentinels and the `outside/` folder into `base`, and the pack beside them."""
    sentinels = (base / "sentinel.txt", base / "sentinel.png", base / "outside" / "first.md",
                 base / "outside" / "ok.png")
    (base / "outside").mkdir()
    for path in sentinels:
        path.write_bytes(SMALL_PNG if path.suffix == ".png" else SENTINEL_ARTICLE.encode())
    paths = {TXT: str(sentinels[0]), PNG: str(sentinels[1])}
    root = base / spec.root_name
    root.mkdir()
    write_entry(root / spec.pack_file, spec.pack, paths)
    write_folder(root / spec.articles_name, spec.articles_kind, spec.articles, paths)
    write_folder(root / "media", spec.media_kind, spec.media, paths)
    return Written(root, sentinels)


def write_folder(folder: Path, kind: str, contents: dict[str, Entry], paths: dict[str, str]) -> None:
    if kind == "dir":
        folder.mkdir()
        for name, entry in contents.items():
            write_entry(folder / name, entry, paths)
    elif kind == "file":
        folder.write_text("a file where a folder should be\n")
    elif kind != "missing":
        target = {"link-outside": "../outside", "link-loop": folder.name, "link-parent": ".."}[kind]
        folder.symlink_to(target, target_is_directory=True)


def write_entry(path: Path, entry: Entry, paths: dict[str, str]) -> None:
    def filled(text: str) -> str:
        for token, real in paths.items():
            text = text.replace(token, real)
        return text

    if entry.kind == "text":
        assert isinstance(entry.data, str)
        path.write_bytes(filled(entry.data).encode("utf-8"))
    elif entry.kind == "bytes":
        assert isinstance(entry.data, bytes)
        path.write_bytes(entry.data)
    elif entry.kind == "dir":
        path.mkdir()
        (path / "inside.md").write_text(article())
    elif entry.kind == "fifo":
        os.mkfifo(path)
    else:
        assert isinstance(entry.data, str)
        path.symlink_to(path.name if entry.data == "SELF" else filled(entry.data))


# --- checks ----------------------------------------------------------------------------------


def assert_located(problem: Problem) -> None:
    """A problem names a file of the pack (relative, inside it) and a line in it."""
    assert problem.path and problem.line >= 1, problem
    parts = PurePosixPath(problem.path).parts
    assert not PurePosixPath(problem.path).is_absolute() and ".." not in parts, problem
    assert str(problem).startswith(f"{problem.path}:{problem.line}: "), problem
    assert problem.message.strip(), problem
    assert "Traceback" not in problem.message, problem


def check_pack(written: Written) -> None:
    root = written.root
    with SentinelWatch(*written.sentinels) as watch:
        with audited() as audit, time_limit(PACK_SECONDS, f"loading and validating {root}"):
            result = load_pack(root)
            code, out, err = validate_in_process(root)
        assert not watch.touched(), "a sentinel beside the pack was opened"
    assert audit.outside(root) == [], "files outside the pack were opened"
    assert audit.connections == []
    check_result(result)
    assert MARK not in out + err
    assert code == (0 if result.pack is not None else 1), out + err
    for problem in result.problems:
        assert str(problem) in out


def check_result(result: LoadResult) -> None:
    for problem in result.problems:
        assert_located(problem)
    assert (result.pack is None) == bool(result.errors)
    assert MARK not in repr(result), "a sentinel's text reached the loaded pack"


def with_pack(spec: PackSpec, check: Callable[[Written], None]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        check(write_spec(Path(folder), spec))


@pytest.fixture(scope="module", autouse=True)
def _warm_up() -> None:
    """Import what validation imports lazily (Markdown, nh3, Qt's image plugins) before timing."""
    with tempfile.TemporaryDirectory() as folder:
        spec = PackSpec("pack", "pack.yaml", Entry("text", PACK_YAML), "articles", "dir",
                        {"first.md": Entry("text", article(body="![a](media/ok.png)\n")),
                         "second.md": Entry("text", article(related="first"))},
                        "dir", {"ok.png": Entry("bytes", SMALL_PNG)})
        written = write_spec(Path(folder), spec)
        assert validate_in_process(written.root)[0] == 0


# --- properties ------------------------------------------------------------------------------


@SETTINGS
@given(PACKS)
def test_hostile_packs_are_loaded_or_reported_never_raise_hang_or_leave_the_pack(spec: PackSpec) -> None:
    with_pack(spec, check_pack)


def check_subprocess(written: Written) -> None:
    environment = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    with SentinelWatch(*written.sentinels) as watch:
        try:
            done = subprocess.run(
                [sys.executable, "-m", "kiosk", "validate", str(written.root)], cwd=REPO,
                env=environment, capture_output=True, timeout=SUBPROCESS_SECONDS, check=False,
            )
        except subprocess.TimeoutExpired:
            raise AssertionError(f"kiosk validate ran longer than {SUBPROCESS_SECONDS} s") from None
        assert not watch.touched(), "the kiosk process opened a sentinel beside the pack"
    output = (done.stdout + done.stderr).decode("utf-8", "replace")
    assert done.returncode in (0, 1), output
    assert "Traceback" not in output
    assert MARK not in output


@SUBPROCESS_SETTINGS
@given(PACKS)
def test_hostile_packs_through_a_real_kiosk_validate_process(spec: PackSpec) -> None:
    with_pack(spec, check_subprocess)


def test_generated_packs_include_valid_ones() -> None:
    """The strategies can make a pack that loads, so 'loads' is a real outcome above."""
    spec = PackSpec("pack", "pack.yaml", Entry("text", PACK_YAML), "articles", "dir",
                    {"first.md": Entry("text", article()),
                     "second.md": Entry("text", article(title="Second", related="first"))},
                    "dir", dict(KNOWN_MEDIA))
    with tempfile.TemporaryDirectory() as folder:
        written = write_spec(Path(folder), spec)
        result = load_pack(written.root)
        assert result.errors == [] and result.pack is not None
        check_pack(written)


def test_the_sentinel_watch_sees_a_read() -> None:
    """The watch can fail: reading a sentinel through a link in a pack is seen."""
    with tempfile.TemporaryDirectory() as folder:
        written = write_spec(Path(folder), PackSpec(
            "pack", "pack.yaml", Entry("link", TXT), "articles", "missing"
        ))
        with SentinelWatch(*written.sentinels) as watch:
            assert (written.root / "pack.yaml").read_text() == SENTINEL_ARTICLE
            assert watch.touched()


def test_the_audit_sees_an_open_outside_the_pack() -> None:
    with tempfile.TemporaryDirectory() as folder, audited() as audit:
        (Path(folder) / "pack").mkdir()
        (Path(folder) / "beside.txt").write_text("x")
    assert audit.outside(Path(folder) / "pack") == [(Path(folder) / "beside.txt").resolve()]


def test_the_time_limit_stops_a_hang() -> None:
    with pytest.raises(AssertionError, match="longer than"), time_limit(0.2, "spinning"):
        while True:
            pass


# --- the hostile packs that broke the loader, one by one -------------------------------------
# Each was found by the properties above, or while writing them; here each is pinned with the
# file, line and words of its report, and run under the same guards.


def loaded(root: Path) -> LoadResult:
    with audited() as audit, time_limit(PACK_SECONDS, f"loading {root}"):
        result = load_pack(root)
        validate_in_process(root)
    assert audit.outside(root) == []
    check_result(result)
    return result


def assert_reported(result: LoadResult, path: str, line: int, *words: str) -> None:
    """An error at `path`:`line` whose message holds each of `words`, on one line."""
    matching = [p for p in result.errors if (p.path, p.line) == (path, line)]
    assert matching, "\n".join(map(str, result.problems))
    message = matching[0].message
    assert all(word in message for word in words), message
    assert "\n" not in message


def pack_with(tmp_path: Path, pack_yaml: str = PACK_YAML, **articles: str | bytes) -> Path:
    chosen: dict[str, str | bytes] = {**default_articles(), **articles}
    return write_pack(tmp_path / "pack", pack_yaml=pack_yaml, articles=chosen)


def test_billion_laughs_as_the_format_is_reported_not_printed(tmp_path: Path) -> None:
    """`format: *lol9` was put in the message with repr(): 10**9 items, about two minutes."""
    root = pack_with(tmp_path, pack_without_line(1) + yaml_laughs("format") + "\n")
    assert_reported(loaded(root), "pack.yaml", 27, "format a list", "reads format 1")


@pytest.mark.parametrize("field_lines", [
    "stats:\n  - value: 1\n    label: l\n    source: *lol9",
    "reviewed: *lol9",
])
def test_billion_laughs_in_stats_and_dates_are_never_turned_into_text(
    tmp_path: Path, field_lines: str
) -> None:
    laughs = yaml_laughs("lol", 9).removesuffix("\nlol: *lol9")
    first = article(extra=f"{laughs}\n{field_lines}\n")
    result = loaded(pack_with(tmp_path, first=first))
    assert result.errors and all(p.path == "articles/first.md" for p in result.errors)


@pytest.mark.parametrize(("value", "words"), [
    ("9" * 5000, ("number is too long", "quotes")),
    ("1" + ":59" * 20_000, ("number is too long",)),
    ("!!int 0x" + "f" * 5000, ("number is too long",)),
    ("2026-13-45", ("date does not exist", "YYYY-MM-DD")),
    ("!!bool maybe", ("cannot be read", "quotes")),
    ("!!int ''", ("cannot be read",)),
    ("!!timestamp x", ("date does not exist",)),
])
def test_values_yaml_cannot_build_are_reported_at_their_line(
    tmp_path: Path, value: str, words: tuple[str, ...]
) -> None:
    """These raised ValueError, KeyError or IndexError out of the YAML loader (or took seconds)."""
    first = article(extra=f"tags: [a]\nimage_alt: {value}\n")
    assert_reported(loaded(pack_with(tmp_path, first=first)), "articles/first.md", 7, *words)


def test_a_nul_byte_in_yaml_is_reported_on_its_line_in_one_plain_line(tmp_path: Path) -> None:
    root = pack_with(tmp_path, pack_with_line(3, "title: Test\x00pack"))
    assert_reported(loaded(root), "pack.yaml", 4, "control character (U+0000)")


@pytest.mark.parametrize("make", [os.mkfifo, os.mkdir], ids=["named pipe", "folder"])
def test_a_pipe_or_folder_where_a_file_should_be_is_reported(
    tmp_path: Path, make: Callable[[Path], None]
) -> None:
    """Reading a named pipe waited for ever; a folder reported 'Is a directory'."""
    root = pack_with(tmp_path)
    make(root / "articles" / "third.md")
    (root / "pack.yaml").unlink()
    make(root / "pack.yaml")
    result = loaded(root)
    for path in ("articles/third.md", "pack.yaml"):
        assert_reported(result, path, 1, "not a plain file")


def test_a_huge_article_is_refused_without_reading_it_all(tmp_path: Path) -> None:
    """A sparse 4 GB file: read whole, it would fill the memory before its size was checked."""
    root = pack_with(tmp_path)
    with (root / "articles" / "third.md").open("wb") as stream:
        stream.truncate(4 * 1024**3)
    with rss_growth_mb() as growth:
        result = loaded(root)
    assert_reported(result, "articles/third.md", 1, "KB", "split it")
    assert growth.megabytes < 100


@pytest.mark.parametrize("name", [b"caf\xe9.md", b"two\nlines.md", b"tab\there.md"])
def test_odd_article_names_print_as_one_line_of_utf8(tmp_path: Path, name: bytes) -> None:
    """A name that is not UTF-8 made `kiosk validate` crash printing it (UnicodeEncodeError)."""
    root = pack_with(tmp_path)
    (root / "articles" / os.fsdecode(name)).write_text(article())
    code, out, _err = validate_in_process(root)
    assert code == 1
    [line] = [line for line in out.splitlines() if "name article files" in line]
    assert line.startswith("articles/") and "\ufffd" in line


def test_an_articles_folder_linked_outside_is_not_even_listed(tmp_path: Path) -> None:
    """Listing it showed the names of files elsewhere on the disk in the report."""
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "private-notes.md").write_text("secret")
    root = pack_with(tmp_path)
    for path in (root / "articles").iterdir():
        path.unlink()
    (root / "articles").rmdir()
    (root / "articles").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    result = loaded(root)
    assert_reported(result, "articles", 1, "link that leads outside the pack")
    assert "private-notes" not in "\n".join(map(str, result.problems))


def test_lists_nested_hundreds_deep_show_as_text_with_a_warning(tmp_path: Path) -> None:
    """Python-Markdown's parser recursed past Python's limit: RecursionError out of validate."""
    root = pack_with(tmp_path, first=article(body="Intro.\n" + deep_list(350)))
    with time_limit(PACK_SECONDS, "validating"):
        code, out, _err = validate_in_process(root)
        pack = load_pack(root).pack
        assert pack is not None
        rendered = ArticleRenderer(pack).render("first")
    assert code == 0, out
    [problem] = [p for p in rendered.problems if "nested hundreds of levels deep" in p.message]
    # The body starts on line 7, the list on line 9; its deepest item is the last, 349 further.
    assert (problem.path, problem.line) == ("articles/first.md", 9 + 349)
    assert str(problem) in out
    assert "<p>Intro." in rendered.html and "- x" in rendered.html


@pytest.mark.parametrize("body", [
    "# h\n" * 240_000,
    " ".join(f"[x](a{index})" for index in range(80_000)),
    "<ul><li>" * 100_000,
], ids=["240,000 headings", "80,000 links", "100,000 unclosed list items"])
def test_a_megabyte_of_markup_is_shown_plain_in_bounded_time(tmp_path: Path, body: str) -> None:
    """Python-Markdown and nh3 take time in the square of these: each took minutes."""
    root = pack_with(tmp_path, first=article(body=body))
    with time_limit(PACK_SECONDS, "validating a megabyte of markup"):
        code, out, _err = validate_in_process(root)
    assert code == 0, out
    expected = "articles/first.md:7: warning: the article is too long to lay out"
    assert expected in out, out[:500]
    pack = load_pack(root).pack
    assert pack is not None
    html = ArticleRenderer(pack).render("first").html
    assert html.startswith("<p>" + escape(body[:7])), html[:100]  # the words, never the markup
