"""`kiosk new DIR`: a new pack from the template, written only into an empty or new folder."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from kiosk.authoring.files import write_text_whole
from kiosk.authoring.template import EXAMPLE_SLUG, article_text, pack_id_for, pack_yaml_text


class NewPackRefused(Exception):  # noqa: N818 (a refusal for people, like PackRejected)
    """The folder cannot take a new pack; `message` says why, in plain words."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class NewPack:
    root: Path
    files: tuple[Path, ...]


def write_new_pack(root: Path, today: date | None = None) -> NewPack:
    """Write the template pack into `root` (made if missing); never into a folder with files."""
    if root.exists() and not root.is_dir():
        raise NewPackRefused(f"{root} is a file, not a folder; choose a new folder name")
    if root.is_dir() and any(root.iterdir()):
        raise NewPackRefused(
            f"{root} is not empty; a new pack needs a new or empty folder, so that nothing "
            "there is overwritten"
        )
    pack_yaml = root / "pack.yaml"
    article = root / "articles" / f"{EXAMPLE_SLUG}.md"
    media = root / "media"
    pack_id = pack_id_for(root.resolve().name)
    write_text_whole(pack_yaml, pack_yaml_text(pack_id, today or date.today()))
    write_text_whole(article, article_text())
    media.mkdir(parents=True, exist_ok=True)
    return NewPack(root, (pack_yaml, article, media))
