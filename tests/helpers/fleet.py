"""Signed pack files for the office inbox, made as the office makes them (kiosk pack build
--sign), and an inbox whose files look as a sync tool leaves them (settled: mtime in the past)."""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path

from kiosk.packs.build import build_pack
from kiosk.packs.keys import generate_key_pair
from tests.helpers.packs import PACK_YAML, write_pack

SETTLE = 30.0


@dataclass(frozen=True)
class OfficeKey:
    private: Path
    public: Path

    @property
    def text(self) -> str:
        return self.public.read_text(encoding="utf-8").strip()


def office_key(folder: Path, name: str = "office") -> OfficeKey:
    folder.mkdir(parents=True, exist_ok=True)
    private, public = generate_key_pair(folder / name)
    return OfficeKey(private, public)


def pack_yaml(pack_id: str = "test-pack", version: str = "1", title: str = "Test pack") -> str:
    return (PACK_YAML.replace("id: test-pack", f"id: {pack_id}")
            .replace('version: "1"', f'version: "{version}"').replace("title: Test pack", f"title: {title}"))


def pack_file(
    out: Path, *, key: OfficeKey | None, version: str = "1", pack_id: str = "test-pack",
    title: str | None = None, scratch: Path | None = None,
) -> Path:
    """A .kioskpack at `out` (signed with `key` unless None)."""
    folder = (scratch or out.parent.parent / "sources") / f"{pack_id}-{version}-{out.stem}"
    write_pack(folder, pack_yaml(pack_id, version, title or f"Test pack {version}"))
    return build_pack(folder, out, key=key.private if key is not None else None)


def settle(path: Path, seconds_ago: float = SETTLE + 5) -> Path:
    """Make `path` look finished by the sync tool `seconds_ago` seconds ago."""
    moment = time.time() - seconds_ago
    os.utime(path, (moment, moment))
    return path
