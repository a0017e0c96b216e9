"""What installing a pack would change, in plain words for the staff who decide. No Qt.

The review compares the new pack (a staged copy, checked with `validate_pack`) with the one
installed now: its title and version, the articles added, removed and changed (by title), every
error and warning as `file:line: message`, and whether it is signed and trusted. An article is
changed when its file differs in any byte (title, summary, body, any front matter) or when an
image it names under media/ differs. 'Install' is only possible with no errors and no trust
problem. Reading is forgiving: a pack with errors still gets its title and article list shown.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from kiosk.content.frontmatter import FrontMatterError, split_front_matter
from kiosk.content.model import Pack
from kiosk.content.picture_check import PictureCheck
from kiosk.content.problems import Problem, errors_in, warnings_in
from kiosk.content.validation import validate_pack
from kiosk.content.yaml_source import YamlSyntaxError, parse_yaml
from kiosk.packs.manifest import UNSIGNED, SignatureInfo

MAX_READ_BYTES = 1024 * 1024  # as the loader: a larger article is an error it reports anyway
_NUMBERED_VERSION = re.compile(r"^\d+(\.\d+)*$")

HOW_TO_SIGN = (
    "To turn signing on, make a key with 'kiosk pack keygen', sign packs with "
    "'kiosk pack build --sign', and add the public key to the trusted keys "
    "([content] trusted_keys in the kiosk's settings file)."
)


@dataclass
class Review:
    """What staff see before they install a pack."""

    title: str
    version: str
    pack_id: str
    installed_title: str | None  # the installed pack's; None when nothing is installed
    installed_version: str | None
    installed_id: str | None
    added: list[str] = field(default_factory=list)  # article titles, sorted
    removed: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)  # errors, then warnings
    signature: SignatureInfo = UNSIGNED
    trust_problem: str | None = None
    unsigned_warning: str | None = None

    @property
    def errors(self) -> list[Problem]:
        return errors_in(self.problems)

    @property
    def warnings(self) -> list[Problem]:
        return warnings_in(self.problems)

    @property
    def can_install(self) -> bool:
        return not self.errors and self.trust_problem is None

    def as_text(self) -> str:
        """The whole review as plain text, one point a line: what `kiosk import` prints."""
        sections = [
            self._pack_lines(), self._article_lines(), self._signature_lines(),
            self._problem_lines(), [self._verdict()],
        ]
        return "\n\n".join("\n".join(lines) for lines in sections if lines) + "\n"

    def _pack_lines(self) -> list[str]:
        lines = [f"New content: {_named(self.title)}, version {self.version or '(none given)'}."]
        if self.installed_title is None:
            lines.append("Installed now: nothing; this will be the kiosk's first content pack.")
            return lines
        lines.append(
            f"Installed now: {_named(self.installed_title)}, version "
            f"{self.installed_version or '(none given)'}."
        )
        differs = bool(self.added or self.removed or self.changed)
        note = _version_note(self.version, self.installed_version or "", differs)
        if note:
            lines.append(note)
        if self.installed_id and self.pack_id and self.installed_id != self.pack_id:
            lines.append(
                f"This is a different pack ('{self.pack_id}') from the one installed "
                f"('{self.installed_id}'): it replaces all of the content."
            )
        return lines

    def _article_lines(self) -> list[str]:
        if not (self.added or self.removed or self.changed):
            return ["Articles: none added, removed or changed."]
        lines = []
        for heading, titles in (
            ("added", self.added), ("removed", self.removed), ("changed", self.changed)
        ):
            if titles:
                lines.append(f"Articles {heading} ({len(titles)}):")
                lines.extend(f"  - {title}" for title in titles)
        return lines

    def _signature_lines(self) -> list[str]:
        if not self.signature.signed:
            lines = ["Signature: not signed."]
        elif self.signature.valid:
            lines = [f"Signature: signed with the trusted key {self.signature.key_id}."]
        else:
            lines = [f"Signature: signed with key {self.signature.key_id}."]
        if self.trust_problem:
            lines.append(self.trust_problem)
        if self.unsigned_warning:
            lines.append(f"Warning: {self.unsigned_warning}")
        return lines

    def _problem_lines(self) -> list[str]:
        if not self.problems:
            return ["Checks: no errors or warnings were found."]
        lines = []
        if self.errors:
            lines.append(f"Errors ({len(self.errors)}), which must be fixed before it can be installed:")
            lines.extend(f"  {problem}" for problem in self.errors)
        if self.warnings:
            lines.append(f"Warnings ({len(self.warnings)}), which do not stop the install:")
            lines.extend(f"  {problem}" for problem in self.warnings)
        return lines

    def _verdict(self) -> str:
        if self.can_install:
            return "This pack can be installed."
        reasons = []
        if self.errors:
            count = len(self.errors)
            reasons.append(f"it has {count} error{'s' if count != 1 else ''} to fix")
        if self.trust_problem:
            reasons.append("it is not signed with a key this kiosk trusts")
        return f"This pack cannot be installed: {' and '.join(reasons)}."


def review_pack(
    new_root: Path,
    installed_root: Path | None,
    *,
    signature: SignatureInfo,
    trust_problem: str | None,
    trusted_keys_set: bool,
    svg_check: PictureCheck | None = None,
) -> Review:
    """Check the pack in `new_root` (every picture decoded; `svg_check`: the caller's own check
    of each SVG, e.g. Qt's) and compare it with the one in `installed_root` (if any)."""
    result = validate_pack(new_root, svg_check=svg_check)
    new = _header(new_root, result.pack)
    old = _header(installed_root, None) if installed_root is not None else None
    new_articles = _articles(new_root)
    old_articles = _articles(installed_root) if installed_root is not None else {}
    added, removed, changed = _compare(new_articles, old_articles)
    return Review(
        title=new.title, version=new.version, pack_id=new.pack_id,
        installed_title=old.title if old else None,
        installed_version=old.version if old else None,
        installed_id=old.pack_id if old else None,
        added=added, removed=removed, changed=changed,
        problems=result.errors + result.warnings,
        signature=signature, trust_problem=trust_problem,
        unsigned_warning=None if trusted_keys_set else _open_kiosk_warning(signature),
    )


def _open_kiosk_warning(signature: SignatureInfo) -> str:
    if signature.signed:
        return (
            f"This kiosk trusts no keys yet, so it accepts any pack, signed or not: anyone with "
            f"a USB stick can change what patients read. To turn signing on, add the public key "
            f"of key {signature.key_id} to the trusted keys "
            "([content] trusted_keys in the kiosk's settings file)."
        )
    return (
        "This pack is not signed, and this kiosk accepts unsigned packs: anyone with a USB stick "
        f"can change what patients read. {HOW_TO_SIGN}"
    )


def _named(title: str) -> str:
    return f"\u201c{title}\u201d" if title else "a pack with no title"


def _version_note(new: str, old: str, differs: bool) -> str:
    if not new or not old:
        return ""
    if new == old and differs:
        return "It has the same version number as the one installed, but its articles differ."
    if new == old:
        return "This is the same version as the one installed."
    if _NUMBERED_VERSION.match(new) and _NUMBERED_VERSION.match(old) and _numbers(new) < _numbers(old):
        return "Note: this version looks older than the one installed."
    return ""


def _numbers(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


# --- reading packs, forgivingly --------------------------------------------------------------


@dataclass(frozen=True)
class _Header:
    title: str
    version: str
    pack_id: str


@dataclass(frozen=True)
class _ArticleInfo:
    title: str
    fingerprint: str


def _header(root: Path, pack: Pack | None) -> _Header:
    """The pack's title, version and id: from the loaded pack, else read from pack.yaml."""
    if pack is not None:
        return _Header(pack.title, pack.version, pack.id)
    data = _front_data((root / "pack.yaml"), front_matter=False)
    return _Header(_text(data.get("title")), _text(data.get("version")), _text(data.get("id")))


def _text(value: object) -> str:
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        return ""
    return str(value).strip()


def _read(path: Path) -> bytes | None:
    try:
        if path.is_symlink() or not path.is_file():
            return None
        with path.open("rb") as stream:
            return stream.read(MAX_READ_BYTES + 1)
    except OSError:
        return None


def _front_data(path: Path, *, front_matter: bool) -> dict[object, object]:
    """The fields of a YAML file or of an article's front matter; {} when they cannot be read."""
    raw = _read(path)
    if raw is None:
        return {}
    try:
        text = raw.decode("utf-8")
        if front_matter:
            split = split_front_matter(text)
            text = split.front_matter
        data = parse_yaml(text).data
    except (UnicodeDecodeError, FrontMatterError, YamlSyntaxError):
        return {}
    return data if isinstance(data, dict) else {}


def _articles(root: Path) -> dict[str, _ArticleInfo]:
    """Every articles/*.md by slug: its title (the slug when unreadable) and a fingerprint."""
    folder = root / "articles"
    if not folder.is_dir():
        return {}
    media = _media_files(root)
    articles = {}
    for path in sorted(folder.glob("*.md")):
        if "." in path.stem:  # SLUG.LANG.md: a translation, folded into its original below
            continue
        raw = _read(path)
        if raw is None:
            continue
        # An edit to a translation is a change to the article, as staff see it.
        for translation in sorted(folder.glob(f"{path.stem}.*.md")):
            raw += _read(translation) or b""
        title = _text(_front_data(path, front_matter=True).get("title")) or path.stem
        articles[path.stem] = _ArticleInfo(title, _fingerprint(raw, media))
    return articles


def _media_files(root: Path) -> dict[str, Path]:
    """Files under media/ by their pack path ('media/a.svg'), links left out."""
    folder = root / "media"
    if not folder.is_dir() or folder.is_symlink():
        return {}
    found = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not path.is_symlink():
            found[path.relative_to(root).as_posix()] = path
    return found


def _fingerprint(article: bytes, media: dict[str, Path]) -> str:
    """A hash of the article's bytes and of every media file whose path the article names."""
    digest = hashlib.sha256(article)
    for name, path in media.items():
        if name.encode("utf-8") in article:
            digest.update(b"\x00" + name.encode("utf-8") + b"\x00")
            _hash_into(digest, path)
    return digest.hexdigest()


def _hash_into(digest: hashlib._Hash, path: Path) -> None:
    try:
        with path.open("rb") as stream:
            for chunk in iter(lambda: stream.read(1024 * 1024), b""):
                digest.update(chunk)
    except OSError:
        digest.update(b"(unreadable)")


def _compare(
    new: dict[str, _ArticleInfo], old: dict[str, _ArticleInfo]
) -> tuple[list[str], list[str], list[str]]:
    added = [new[slug].title for slug in new.keys() - old.keys()]
    removed = [old[slug].title for slug in old.keys() - new.keys()]
    changed = [
        _changed_title(new[slug].title, old[slug].title)
        for slug in new.keys() & old.keys()
        if new[slug].fingerprint != old[slug].fingerprint
    ]
    return _sorted(added), _sorted(removed), _sorted(changed)


def _changed_title(new: str, old: str) -> str:
    return new if new == old else f"{new} (was: {old})"


def _sorted(titles: list[str]) -> list[str]:
    return sorted(titles, key=str.casefold)
