"""`kiosk import` and `kiosk rollback`: installing a pack from a folder, a .kioskpack or a stick,
after showing what it changes, and going back to the previous one.

`kiosk import` exits with 0 when the pack was installed, 1 when it was refused (or staff said
no), 2 when it failed with nothing changed.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk.cli.common import add_data_dir, megabytes, open_store, read_settings, why_not_written
from kiosk.cli.status import installed_when

if TYPE_CHECKING:
    from kiosk.packs.copying import StagedPack
    from kiosk.packs.outcomes import Progress
    from kiosk.packs.store import PackStore

# The exit codes of `kiosk import`.
INSTALLED, REFUSED, FAILED = 0, 1, 2


def add_commands(commands: Any) -> None:
    """`import` and `rollback`."""
    importer = commands.add_parser(
        "import", help="install a content pack from a folder, a .kioskpack file or a USB stick",
        description="Copy the pack, check it, show what would change and install it. Exit code: "
        "0 installed, 1 refused (or not confirmed), 2 failed with nothing changed.",
    )
    importer.add_argument("source", type=Path, help="a pack folder, a .kioskpack file or a mounted stick")
    importer.add_argument("--yes", action="store_true", help="install without asking")
    importer.add_argument("--config", type=Path,
                          help="the settings file with the trusted keys (default: as for run)")
    add_data_dir(importer, "where the pack is installed")
    importer.set_defaults(handler=command_import)

    rollback = commands.add_parser("rollback", help="go back to the previously installed content pack")
    add_data_dir(rollback, "the installed packs")
    rollback.set_defaults(handler=command_rollback)


def command_import(args: argparse.Namespace) -> int:
    from kiosk.packs.limits import PackRejected
    from kiosk.packs.opening import open_source
    from kiosk.packs.outcomes import ImportCancelled, ImportFailed, ImportRefused

    keys = read_settings(args.config).trusted_keys
    store = open_store(args.data_dir)
    for leftover in store.clean_leftovers():
        print(f"removed {leftover}, left by an import that did not finish", file=sys.stderr)
    source_path = _pack_on(Path(os.path.abspath(args.source)))  # a label with the full path
    if source_path is None:
        return REFUSED
    progress = _ProgressLine()
    try:
        with open_source(source_path, trusted_keys=keys) as source:
            trust_problem = source.trust_problem(keys)
            print(f"Copying {len(source.files)} files ({megabytes(source.total_bytes)}) from "
                  f"{source.label}...", file=sys.stderr)
            staged = store.stage(source, progress=progress)
            progress.finish()
    except PackRejected as refused:
        return _not_installed(refused.message, REFUSED)
    except ImportRefused as refused:
        return _not_installed(refused.message, REFUSED, progress)
    except (ImportFailed, ImportCancelled) as failed:
        return _not_installed(failed.message, FAILED, progress)
    except KeyboardInterrupt:
        return _not_installed("The import was cancelled. Nothing was changed.", FAILED, progress)
    committed = False
    try:
        code = _review_and_install(store, staged, args.yes, trust_problem, bool(keys), progress)
        committed = code == INSTALLED
        return code
    except KeyboardInterrupt:
        return _not_installed("The import was cancelled. Nothing was changed.", FAILED, progress)
    finally:
        if not committed:
            store.discard(staged)


def _pack_on(given: Path) -> Path | None:
    """The pack to import: `given` itself, or the one pack at the top of a mounted stick."""
    from kiosk.packs.names import PACK_FILE
    from kiosk.packs.opening import find_packs

    if not given.is_dir() or (given / PACK_FILE).exists():
        return given  # a pack folder or a .kioskpack; open_source says what is wrong with it
    try:
        found = find_packs(given)
    except OSError as exc:
        print(f"Not installed: {given} cannot be read ({why_not_written(exc)}).", file=sys.stderr)
        return None
    if len(found) == 1:
        print(f"Found {found[0].name} on {given}.", file=sys.stderr)
        return found[0]
    if not found:
        print(f"Not installed: there is no content pack in {given}. A pack is a folder with "
              "pack.yaml, a kiosk-content folder or a .kioskpack file.", file=sys.stderr)
        return None
    names = ", ".join(path.name for path in found)
    print(f"Not installed: {given} holds {len(found)} packs ({names}); run kiosk import with the "
          "one to install, e.g. kiosk import " + str(found[0]), file=sys.stderr)
    return None


def _review_and_install(
    store: PackStore, staged: StagedPack, yes: bool, trust_problem: str | None, keys_set: bool,
    progress: _ProgressLine,
) -> int:
    from kiosk.cli.content import qt_svg_problem
    from kiosk.packs.outcomes import ImportFailed, ImportRefused
    from kiosk.packs.review import review_pack

    review = review_pack(
        staged.path, store.active_dir(), signature=staged.signature,
        trust_problem=trust_problem, trusted_keys_set=keys_set, svg_check=qt_svg_problem,
    )
    print(review.as_text())
    if not review.can_install:
        return _not_installed("This pack cannot be installed (see above). Nothing was changed.", REFUSED)
    if not yes and not _confirm("Install this content? [y/N] "):
        return _not_installed("Not installed: nothing was changed.", REFUSED)
    try:
        installed = store.commit(staged, progress=progress)
        progress.finish()
    except ImportRefused as refused:
        return _not_installed(refused.message, REFUSED, progress)
    except ImportFailed as failed:
        return _not_installed(failed.message, FAILED, progress)
    from kiosk.library.shelf import Shelf

    Shelf(store.data_dir).prepare(installed.path)  # compiled now: the kiosk starts fast with it
    print(f"Installed {installed.title}, version {installed.version}: it is the active content pack now.")
    print(f"  {installed.path}")
    return INSTALLED


def _not_installed(message: str, code: int, progress: _ProgressLine | None = None) -> int:
    if progress is not None:
        progress.finish()
    print(message, file=sys.stderr)
    return code


def _confirm(question: str) -> bool:
    try:
        answer = input(question)
    except EOFError:  # no one to ask (stdin closed): the answer is no
        print(file=sys.stderr)
        return False
    return answer.strip().lower() in ("y", "yes")


class _ProgressLine:
    """The copy's progress on one line of the terminal (only when stderr is one)."""

    def __init__(self) -> None:
        self.shown = False
        self.enabled = sys.stderr.isatty()

    def __call__(self, progress: Progress) -> None:
        if not self.enabled:
            return
        sys.stderr.write(
            f"\r{progress.phase}: {progress.files_done}/{progress.files_total} files, "
            f"{megabytes(progress.bytes_done)} of {megabytes(progress.bytes_total)}   "
        )
        sys.stderr.flush()
        self.shown = True

    def finish(self) -> None:
        if self.shown:
            sys.stderr.write("\n")
            self.shown = False


def command_rollback(args: argparse.Namespace) -> int:
    from kiosk.packs.outcomes import ImportFailed

    store = open_store(args.data_dir)
    try:
        version = store.rollback()
    except ImportFailed as failed:
        print(failed.message, file=sys.stderr)
        return 1
    print(f"Went back to {version.title}, version {version.version} "
          f"(installed {installed_when(version)}): it is the active content pack now.")
    return 0
