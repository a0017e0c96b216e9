"""Where compiled packs live: `library/FINGERPRINT/` in the kiosk's data folder, never beside
the pack (a pack on a stick or in a shared folder is not the kiosk's to write into).

`open` gives the compiled pack when a whole, matching form is there, and None otherwise (then
the caller shows the pack read from its folder and compiles it); a damaged form is removed so
it is built again. `clean` removes what a kill left while building, and forms no longer used.
"""

from __future__ import annotations

import logging
import shutil
import sqlite3
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from kiosk.content.model import Pack
from kiosk.library import schema
from kiosk.library.compiled import CompiledDamaged, open_compiled
from kiosk.library.fingerprint import pack_fingerprint

log = logging.getLogger(__name__)
LIBRARY_FOLDER = "library"
KEEP_UNUSED = 3  # forms of other packs kept (the versions kept for "Undo last update")
LEFTOVER_SECONDS = 3600  # a building folder this old was left by a kill, not being built now


class Shelf:
    """The compiled packs of one data folder."""

    def __init__(self, data_dir: Path) -> None:
        self.folder = data_dir / LIBRARY_FOLDER

    def fingerprint(self, pack_root: Path) -> str | None:
        try:
            return pack_fingerprint(pack_root)
        except OSError as exc:
            log.error("the pack in %s cannot be listed: %s", pack_root, exc)
            return None

    def open(self, pack_root: Path) -> Pack | None:
        """The compiled pack of `pack_root`, or None when it must be (re)built."""
        fingerprint = self.fingerprint(pack_root)
        if fingerprint is None:
            return None
        folder = self.folder / fingerprint
        if not (folder / schema.DATABASE_NAME).is_file():
            return None
        try:
            return open_compiled(folder, pack_root, fingerprint)
        except CompiledDamaged as exc:
            log.error("the compiled form of %s is not used (%s); it will be built again", pack_root, exc)
            shutil.rmtree(folder, ignore_errors=True)
            return None

    def compile(self, pack: Pack, cancelled: Callable[[], bool] = lambda: False) -> Pack:
        """Compile `pack` (loaded whole from its folder) and open the result.

        Raises OSError when it cannot be written (a full disk...): the pack read from its
        folder is then all there is, and the kiosk shows that.
        """
        from kiosk.library.compile import compile_pack  # Markdown and friends: not at start-up

        fingerprint = pack_fingerprint(pack.root)
        target = self.folder / fingerprint
        if not (target / schema.DATABASE_NAME).is_file():
            self.folder.mkdir(parents=True, exist_ok=True)
            started = time.monotonic()
            compile_pack(pack, target, fingerprint=fingerprint, cancelled=cancelled)
            log.info("compiled %s (%d articles) in %.1f s", pack.root, len(pack.articles),
                     time.monotonic() - started)
        try:
            return open_compiled(target, pack.root, fingerprint)
        except CompiledDamaged as exc:
            raise OSError(f"the compiled form just written cannot be read: {exc}") from exc

    def load(self, pack_root: Path) -> Pack | None:
        """The compiled pack, compiling it first if need be (for the command line); None when
        the pack has errors (load_pack says which)."""
        from kiosk.content.loader import load_pack

        opened = self.open(pack_root)
        if opened is not None:
            return opened
        loaded = load_pack(pack_root).pack
        if loaded is None:
            return None
        try:
            return self.compile(loaded)
        except OSError as exc:
            log.warning("the pack in %s could not be compiled (%s); reading it whole", pack_root, exc)
            return loaded

    def prepare(self, pack_root: Path) -> bool:
        """Compile a newly installed pack before the kiosk shows it (so that it starts as fast
        with it as with the last); False, logged, when it could not be: the kiosk then reads
        the pack from its folder and compiles it itself."""
        from kiosk.content.loader import load_pack

        if self.open(pack_root) is not None:
            return True
        loaded = load_pack(pack_root).pack
        if loaded is None:
            return False
        try:
            self.compile(loaded)
        except (OSError, sqlite3.Error) as exc:
            log.warning("the pack in %s was installed but could not be compiled (%s)", pack_root, exc)
            return False
        return True

    def clean(self, keep: Iterable[Path]) -> list[Path]:
        """Remove building folders a kill left, and forms of packs no longer kept (but the
        newest few: a pack may come back with "Undo last update")."""
        if not self.folder.is_dir():
            return []
        wanted = {fingerprint for root in keep if (fingerprint := self.fingerprint(root))}
        removed: list[Path] = []
        now = time.time()
        forms = []
        for entry in self.folder.iterdir():
            try:
                age = now - entry.stat().st_mtime
            except OSError:
                continue
            if entry.name.startswith(schema.BUILDING_PREFIX):
                if age > LEFTOVER_SECONDS:
                    removed.append(entry)
            elif entry.name not in wanted:
                forms.append((age, entry))
        removed += [entry for _age, entry in sorted(forms)[KEEP_UNUSED:]]
        for entry in removed:
            shutil.rmtree(entry, ignore_errors=True)
        return removed
