"""The command line: run, validate, render, snapshot, handout; import, rollback, status, pack.

Every command takes `--data-dir DIR`, the folder of installed content packs (also the
KIOSK_DATA_DIR environment variable; default: the platform's data folder). `kiosk import` exits
with 0 when the pack was installed, 1 when it was refused (or staff said no), 2 when it failed
with nothing changed.
"""

from __future__ import annotations

import argparse
import logging
import os
import re
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk import __version__

if TYPE_CHECKING:
    from kiosk.content.model import Article, Pack
    from kiosk.packs.copying import StagedPack
    from kiosk.packs.installed import InstalledVersion
    from kiosk.packs.outcomes import Progress
    from kiosk.packs.store import PackStore

SUBCOMMANDS = ("run", "validate", "render", "snapshot", "handout", "import", "rollback", "status", "pack")
# The exit codes of `kiosk import`.
INSTALLED, REFUSED, FAILED = 0, 1, 2
# Written out rather than imported: building the parser must not load Qt (it runs before `run`).
# tests/cli/test_handout_command.py checks these against kiosk.handout.layout.PAPER_SIZES.
PAPERS = ("letter", "a4")


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if not args_list or args_list[0] not in (*SUBCOMMANDS, "-h", "--help", "--version"):
        args_list.insert(0, "run")  # `kiosk` and `kiosk --windowed` mean `kiosk run ...`
    args = build_parser().parse_args(args_list)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    handler = args.handler
    result: int = handler(args)
    return result


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kiosk", description="A touch-screen patient-education kiosk for clinic waiting rooms."
    )
    parser.add_argument("--version", action="version", version=f"kiosk {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)

    run = commands.add_parser("run", help="start the kiosk (the default)")
    run.add_argument("--content", type=Path, help="a content pack folder (default: the bundled one)")
    run.add_argument("--windowed", action="store_true", help="a normal window, for development")
    run.add_argument(
        "--size", type=parse_size, help="with --windowed: the window size as WIDTHxHEIGHT, e.g. 1080x1920"
    )
    run.add_argument(
        "--quit-after-paint", action="store_true",
        help="paint the home screen once, print the seconds since the process started, and exit",
    )
    run.add_argument("--config", type=Path,
                     help="the settings file (default: settings.toml in the user's config folder)")
    run.add_argument("--log-dir", type=Path, help="where to write logs (default: the user's log folder)")
    add_data_dir(run, "shows the active installed pack unless --content is given")
    run.set_defaults(handler=command_run)

    validate = commands.add_parser("validate", help="check a content pack and list its problems")
    validate.add_argument(
        "directory", type=Path, nargs="?",
        help="the pack folder (default: the active installed pack, else the bundled one)",
    )
    add_data_dir(validate, "for the default pack")
    validate.set_defaults(handler=command_validate)

    render = commands.add_parser("render", help="print the sanitised HTML of one article")
    render.add_argument("directory", type=Path)
    render.add_argument("slug")
    add_data_dir(render, "not used: the pack is the folder given")
    render.set_defaults(handler=command_render)

    snapshot = commands.add_parser("snapshot", help="render a screen to a PNG file")
    snapshot.add_argument(
        "--content", type=Path, help="a content pack folder (default: the active installed pack)"
    )
    snapshot.add_argument(
        "--screen", default="home",
        help="home, article/SLUG, still-here, attract, pin, staff or print",
    )
    snapshot.add_argument("--size", type=parse_size, default="1920x1080")
    snapshot.add_argument("--out", type=Path, required=True)
    snapshot.add_argument(
        "--text-size", type=int, choices=(100, 125, 150), default=100, help="text size in percent"
    )
    snapshot.add_argument("--contrast", choices=("normal", "high"), default="normal")
    snapshot.add_argument("--lang", help="one of the pack's languages, e.g. es (default: its first)")
    add_data_dir(snapshot, "for the default content")
    snapshot.set_defaults(handler=command_snapshot)

    handout = commands.add_parser("handout", help="write the printable one-page handout of an article as PDF")
    handout.add_argument(
        "--content", type=Path,
        help="a content pack folder (default: the active installed pack, else the bundled one)",
    )
    which = handout.add_mutually_exclusive_group(required=True)
    which.add_argument("slug", nargs="?", help="the article: its file name without .md")
    which.add_argument("--all", action="store_true", help="one handout per article, into the folder --out")
    handout.add_argument("--out", type=Path, help="the PDF file (with --all: a folder)")
    handout.add_argument(
        "--printer", metavar="NAME",
        help="send the handout to this print queue ('default': the system's default printer)",
    )
    handout.add_argument("--paper", choices=PAPERS, default=PAPERS[0], help="paper size (default: letter)")
    add_data_dir(handout, "for the default content")
    handout.set_defaults(handler=command_handout)
    add_content_commands(commands)
    return parser


def add_data_dir(command: argparse.ArgumentParser, purpose: str) -> None:
    command.add_argument(
        "--data-dir", type=Path, metavar="DIR",
        help=f"the folder of installed content packs ({purpose}; default: $KIOSK_DATA_DIR, "
        "else the user's data folder)",
    )


def add_content_commands(commands: Any) -> None:
    """import, rollback, status and pack build/keygen: installing content packs."""
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

    status = commands.add_parser("status", help="show the active content pack and the versions kept")
    status.add_argument("--json", action="store_true", help="as JSON, for scripts")
    status.add_argument("--config", type=Path, help="the settings file (default: as for run)")
    status.add_argument("--log-dir", type=Path, help="the kiosk's log folder (default: as for run)")
    add_data_dir(status, "the installed packs")
    status.set_defaults(handler=command_status)

    pack = commands.add_parser("pack", help="make .kioskpack files and signing keys")
    pack_commands = pack.add_subparsers(dest="pack_command", required=True)
    build = pack_commands.add_parser("build", help="make a .kioskpack file from a pack folder")
    build.add_argument("directory", type=Path)
    build.add_argument("--out", type=Path, required=True, metavar="FILE.kioskpack")
    build.add_argument("--sign", type=Path, metavar="KEY", help="a private key from `kiosk pack keygen`")
    add_data_dir(build, "not used")
    build.set_defaults(handler=command_pack_build)
    keygen = pack_commands.add_parser("keygen", help="make a key pair for signing packs")
    keygen.add_argument("--out", type=Path, required=True, metavar="NAME",
                        help="writes NAME.key (private: keep it safe) and NAME.pub")
    add_data_dir(keygen, "not used")
    keygen.set_defaults(handler=command_pack_keygen)


def parse_size(text: str) -> object:
    from PySide6.QtCore import QSize

    match = re.fullmatch(r"(\d{2,5})x(\d{2,5})", text.strip())
    if not match:
        raise argparse.ArgumentTypeError(f"'{text}' is not a size like 1920x1080")
    return QSize(int(match.group(1)), int(match.group(2)))


def command_run(args: argparse.Namespace) -> int:
    from kiosk.app import ContentUnavailableError, RunOptions, run
    from kiosk.system.single_instance import AlreadyRunning

    options = RunOptions(
        content=args.content, windowed=args.windowed, size=args.size,
        quit_after_paint=args.quit_after_paint, config=args.config, log_dir=args.log_dir,
        data_dir=args.data_dir,
    )
    try:
        return run(options)
    except (ContentUnavailableError, AlreadyRunning) as exc:
        print(f"kiosk cannot start: {exc}", file=sys.stderr)
        return 1


def command_validate(args: argparse.Namespace) -> int:
    from kiosk.content.validation import validate_pack

    directory = args.directory
    if directory is None:
        directory = default_content(args.data_dir)
        print(f"checking {directory}", file=sys.stderr)
    result = validate_pack(directory)
    for problem in result.problems:
        print(problem)
    if result.pack is None:
        count = len(result.errors)
        print(f"{count} error{'s' if count != 1 else ''}: the pack cannot be shown until "
              f"{'they are' if count != 1 else 'it is'} fixed", file=sys.stderr)
        return 1
    print(f"ok: {len(result.pack.articles)} articles")
    return 0


def command_render(args: argparse.Namespace) -> int:
    from kiosk.content.loader import load_pack
    from kiosk.content.render import ArticleRenderer

    result = load_pack(args.directory)
    if result.pack is None:
        for problem in result.errors:
            print(problem, file=sys.stderr)
        return 1
    if args.slug not in result.pack.articles:
        known = ", ".join(sorted(result.pack.articles))
        print(f"there is no article '{args.slug}' in this pack (articles: {known})", file=sys.stderr)
        return 1
    print(ArticleRenderer(result.pack).render(args.slug).html)
    return 0


def command_snapshot(args: argparse.Namespace) -> int:
    from kiosk.app import ContentUnavailableError, snapshot

    try:
        snapshot(
            args.content or _installed_pack(args.data_dir), args.screen, args.size, args.out,
            text_scale=args.text_size / 100, high_contrast=args.contrast == "high", language=args.lang,
        )
    except (ContentUnavailableError, OSError) as exc:
        print(f"kiosk snapshot failed: {exc}", file=sys.stderr)
        return 1
    print(args.out)
    return 0


def command_handout(args: argparse.Namespace) -> int:
    from kiosk.content.loader import load_pack

    directory = args.content or default_content(args.data_dir)
    result = load_pack(directory)
    if result.pack is None:
        print(f"the content in {directory} cannot be read; fix these problems first:", file=sys.stderr)
        for problem in result.errors:
            print(problem, file=sys.stderr)
        return 1
    pack = result.pack
    if args.out is None and args.printer is None:
        print("say where the handout goes: --out FILE.pdf, --printer NAME, or both", file=sys.stderr)
        return 1
    if not args.all and args.slug not in pack.articles:
        known = ", ".join(sorted(pack.articles))
        print(f"there is no article '{args.slug}' in this pack (articles: {known})", file=sys.stderr)
        return 1
    articles = pack.ordered_articles() if args.all else [pack.articles[args.slug]]
    if args.out is None:  # printing only: the PDFs are temporary
        with tempfile.TemporaryDirectory(prefix="kiosk-handout-") as scratch:
            temporary = [(article.slug, Path(scratch) / f"{article.slug}.pdf") for article in articles]
            return _write_handouts(pack, temporary, args.paper, quiet=True) or _print(temporary, args)
    jobs = _handout_jobs(articles, args)
    if jobs is None:
        return 1
    written = _write_handouts(pack, jobs, args.paper)
    return written if written or args.printer is None else _print(jobs, args)


def _print(jobs: list[tuple[str, Path]], args: argparse.Namespace) -> int:
    """Send each PDF to the print queue the way the kiosk does; the plain reason if it cannot."""
    from kiosk.printing.cups import HANDOUT_TITLE, PAPER_MEDIA, PrintError, submit_pdf

    for _slug, path in jobs:
        try:
            media = {"media": PAPER_MEDIA[args.paper]}
            job_id = submit_pdf(path, args.printer, title=HANDOUT_TITLE, options=media)
        except PrintError as error:
            print(f"cannot print: {error.staff_reason}", file=sys.stderr)
            return 1
        print(f"sent to the printer as {job_id}")
    return 0


def _handout_jobs(articles: Sequence[Article], args: argparse.Namespace) -> list[tuple[str, Path]] | None:
    """(slug, PDF path) for each handout, or None after saying why --out cannot be used."""
    out: Path = args.out
    if args.all:
        if out.exists() and not out.is_dir():
            print(f"cannot write the handouts into {out}: it is a file; --all needs a folder",
                  file=sys.stderr)
            return None
        return [(article.slug, out / f"{article.slug}.pdf") for article in articles]
    if out.is_dir():
        print(f"cannot write the handout to {out}: it is a folder; give a file name like "
              f"{out / (articles[0].slug + '.pdf')}", file=sys.stderr)
        return None
    return [(articles[0].slug, out)]


def _write_handouts(pack: Pack, jobs: list[tuple[str, Path]], paper: str, *, quiet: bool = False) -> int:
    """Write each PDF (and say where, unless `quiet`); printing sends these same files."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # a PDF needs no screen, e.g. over SSH
    from PySide6.QtGui import QGuiApplication

    from kiosk.handout.layout import write_handout_pdf

    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # fonts are found through it
    for slug, path in jobs:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            write_handout_pdf(pack, slug, path, paper=paper)
        except OSError as exc:
            print(f"cannot write the handout to {path}: {_why_not_written(exc)}", file=sys.stderr)
            return 1
        if not quiet:
            print(path)
    return 0


def _why_not_written(exc: OSError) -> str:
    if isinstance(exc, FileExistsError | NotADirectoryError):  # mkdir met a file on the way
        return "part of that path is a file, not a folder"
    return exc.strerror or str(exc)


# --- installed content: import, rollback, status, pack ---------------------------------------------


def open_store(data_dir: Path | None) -> PackStore:
    from kiosk.packs.store import PackStore, default_data_dir

    return PackStore(data_dir or default_data_dir())


def _installed_pack(data_dir: Path | None) -> Path | None:
    """The active installed pack's folder, or None (nothing installed: the bundled pack)."""
    return open_store(data_dir).active_dir()


def default_content(data_dir: Path | None) -> Path:
    """What the kiosk shows without --content: the active installed pack, else the bundled one."""
    from kiosk.system.paths import bundled_content_dir

    return _installed_pack(data_dir) or bundled_content_dir()


def command_import(args: argparse.Namespace) -> int:
    from kiosk.packs.limits import PackRejected
    from kiosk.packs.opening import open_source
    from kiosk.packs.outcomes import ImportCancelled, ImportFailed, ImportRefused
    from kiosk.settings.machine import default_settings_path, load_settings

    loaded = load_settings(args.config or default_settings_path())
    for problem in loaded.problems:
        print(problem, file=sys.stderr)
    keys = loaded.settings.trusted_keys
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
            print(f"Copying {len(source.files)} files ({_megabytes(source.total_bytes)}) from "
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
        print(f"Not installed: {given} cannot be read ({_why_not_written(exc)}).", file=sys.stderr)
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
    from kiosk.packs.outcomes import ImportFailed, ImportRefused
    from kiosk.packs.review import review_pack

    review = review_pack(
        staged.path, store.active_dir(), signature=staged.signature,
        trust_problem=trust_problem, trusted_keys_set=keys_set,
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
            f"{_megabytes(progress.bytes_done)} of {_megabytes(progress.bytes_total)}   "
        )
        sys.stderr.flush()
        self.shown = True

    def finish(self) -> None:
        if self.shown:
            sys.stderr.write("\n")
            self.shown = False


def _megabytes(size: int) -> str:
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024)) if size else 0} KB"
    return f"{size / (1024 * 1024):.1f} MB"


def command_rollback(args: argparse.Namespace) -> int:
    from kiosk.packs.outcomes import ImportFailed

    store = open_store(args.data_dir)
    try:
        version = store.rollback()
    except ImportFailed as failed:
        print(failed.message, file=sys.stderr)
        return 1
    print(f"Went back to {version.title}, version {version.version} "
          f"(installed {_when(version)}): it is the active content pack now.")
    return 0


def command_status(args: argparse.Namespace) -> int:
    import json

    from kiosk.system.paths import bundled_content_dir

    store = open_store(args.data_dir)
    versions = store.versions()
    active = next((v for v in versions if v.active), None)
    machine = _machine_health(args, store.data_dir)
    if args.json:
        print(json.dumps({
            "app_version": __version__,
            "data_dir": str(store.data_dir),
            "active": _version_json(active) if active is not None else None,
            "versions": [_version_json(v) for v in versions],
            "bundled": str(bundled_content_dir()),
            **machine,
        }, indent=2))
        return 0
    if active is None:
        print("No content installed: the kiosk shows the bundled pack.")
    else:
        print(f"Active: {active.title}, version {active.version} (pack {active.pack_id})")
        print(f"  installed {_when(active)}{_from(active)}")
        print(f"  {active.path}")
    if versions:
        print(f"Versions kept (newest first), in {store.data_dir}:")
        for version in versions:
            mark = "*" if version.active else " "
            print(f"{mark} {version.name}  {version.title}, version {version.version}, "
                  f"installed {_when(version)}")
    _print_health(machine)
    return 0


def _machine_health(args: argparse.Namespace, data_dir: Path) -> dict[str, object]:
    """What IT needs beyond the packs: the printer, the disk, the log, and what the running
    kiosk last wrote to its health file (None when it is not running or never wrote one)."""
    from kiosk.settings.machine import default_settings_path, load_settings
    from kiosk.system.health import free_disk, health_path, last_log_error, printer_state, read_health
    from kiosk.system.logs import LOG_FILE_NAME, default_log_dir

    settings = load_settings(args.config or default_settings_path()).settings
    log_file = (args.log_dir or default_log_dir()) / LOG_FILE_NAME
    return {
        "printer": printer_state(settings.printer),
        "disk": free_disk(data_dir),
        "last_log_error": last_log_error(log_file if log_file.exists() else None),
        "running_kiosk": read_health(health_path(data_dir)),
    }


def _print_health(machine: dict[str, object]) -> None:
    printer = machine["printer"]
    assert isinstance(printer, dict)
    print(f"Printer: {printer['name']} is ready" if printer["ready"] else
          f"Printer: not ready. {printer['reason']}")
    running = machine["running_kiosk"]
    if isinstance(running, dict):
        print(f"Running kiosk (health file written {running.get('written_at')}): up "
              f"{round(float(running.get('uptime_seconds', 0)) / 3600, 1)} h, "
              f"{running.get('idle_resets_since_start')} idle resets, "
              f"{running.get('handouts_since_start')} handouts")
    else:
        print("Running kiosk: no health file yet (the kiosk writes one every minute while it runs).")
    if machine["last_log_error"]:
        print(f"Last error in the log: {machine['last_log_error']}")


def _version_json(version: InstalledVersion) -> dict[str, object]:
    return {
        "name": version.name, "path": str(version.path), "pack_id": version.pack_id,
        "version": version.version, "title": version.title,
        "installed_at": version.installed_at.isoformat(), "active": version.active,
        "source": version.source, "signed": version.signed, "key_id": version.key_id,
        "files": version.files, "bytes": version.bytes,
    }


def _when(version: InstalledVersion) -> str:
    return version.installed_at.astimezone().strftime("%Y-%m-%d %H:%M")


def _from(version: InstalledVersion) -> str:
    origin = f" from {version.source}" if version.source else ""
    signed = f", signed with key {version.key_id}" if version.signed else ", not signed"
    return origin + signed


def command_pack_build(args: argparse.Namespace) -> int:
    from kiosk.packs.build import build_pack
    from kiosk.packs.keys import KeyProblem
    from kiosk.packs.limits import PackRejected

    try:
        written = build_pack(args.directory, args.out, key=args.sign)
    except (PackRejected, KeyProblem) as refused:
        print(f"kiosk pack build: {refused.message}", file=sys.stderr)
        return 1
    except OSError as exc:
        where = exc.filename or args.out
        print(f"kiosk pack build: cannot write {where}: {_why_not_written(exc)}", file=sys.stderr)
        return 1
    print(written)
    return 0


def command_pack_keygen(args: argparse.Namespace) -> int:
    from kiosk.packs.keys import KeyProblem, generate_key_pair, read_public_key

    try:
        private, public = generate_key_pair(args.out)
        key_text = read_public_key(public)
    except KeyProblem as refused:
        print(f"kiosk pack keygen: {refused.message}", file=sys.stderr)
        return 1
    except OSError as exc:
        where = exc.filename or args.out
        print(f"kiosk pack keygen: cannot write {where}: {_why_not_written(exc)}", file=sys.stderr)
        return 1
    print(f"private key: {private} (keep it secret: whoever has it can sign packs)")
    print(f"public key: {public}")
    print("To install only packs signed with this key, add it to the kiosk's settings file:")
    print("[content]")
    print(f'trusted_keys = ["{key_text}"]')
    return 0
