"""Import figures: installing a large pack from a folder, against a plain copy of the same folder.

Generates a pack of 1,000 articles with 1,000 images (PNG noise, about 200 KB each, so about
200 MB that no file system can compress away) and its MANIFEST.sha256 (as `kiosk pack build`
writes it, so every file is verified as a .kioskpack's is), then, ROUNDS times, alternately:

- imports it the way `kiosk import --yes` does (open_source, stage: copy + SHA-256 against the
  manifest + force to disk, commit: validate the staged copy, move it in, switch the pointer),
  into a fresh data folder on the same disk,
- copies the folder with `shutil.copytree` (no hashing, no fsync, no checks), and
- copies it with `copytree` followed by `sync`,

and prints the median of each. The target is on the part that does the same work as a copy
that ends on the disk: the copy and verify (open the source, copy, hash, compare, force to
disk) at most 1.3x `copytree` then `sync`. Validating the staged copy is its own row (as is, once
packs are compiled, compiling them).

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/import.py [--rounds 5] [--articles 1000] [--json]
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import statistics
import struct
import sys
import tempfile
import time
import zlib
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from _common import Row, emit_json, json_flag  # noqa: E402 (after the path to the kiosk)

IMAGE_SIDE = 256  # 256 x 256 RGB noise: 196 KB of pixels, about 197 KB as PNG


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--where", type=Path, help="a folder on the disk to measure (default: /var/tmp)")
    json_flag(parser)
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    where = args.where or Path("/var/tmp" if Path("/var/tmp").is_dir() else tempfile.gettempdir())
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-import-", dir=where) as scratch:
        work = Path(scratch)
        source = make_pack(work / "source", args.articles)
        files = sum(1 for p in source.rglob("*") if p.is_file())
        size = sum(p.stat().st_size for p in source.rglob("*") if p.is_file())
        print(f"pack: {args.articles} articles, {files} files, {size / 1e6:.0f} MB, in {work}")
        imports, copies, synced, parts = [], [], [], []
        for round_number in range(args.rounds):
            os.sync()  # each measurement starts with nothing left to write from the one before
            seconds, phases = import_once(source, work / f"data-{round_number}")
            imports.append(seconds)
            parts.append(phases)
            shutil.rmtree(work / f"data-{round_number}")
            os.sync()
            copies.append(plain_copy(source, work / f"copy-{round_number}", sync=False))
            shutil.rmtree(work / f"copy-{round_number}")
            os.sync()
            synced.append(plain_copy(source, work / f"synced-{round_number}", sync=True))
            shutil.rmtree(work / f"synced-{round_number}")
            print(f"round {round_number + 1}: import {seconds:.2f} s "
                  f"(copy {phases[0]:.2f}, check {phases[1]:.2f}, switch {phases[2]:.2f}), "
                  f"copytree {copies[-1]:.2f} s, copytree + sync {synced[-1]:.2f} s")
    median_import = statistics.median(imports)
    median_copy = statistics.median(copies)
    print()
    print(f"import (median of {args.rounds}): {median_import:.2f} s")
    for index, name in enumerate(("copy and verify (open, copy, hash, force to disk)",
                                  "validate the staged copy", "switch")):
        print(f"  {name}: {statistics.median(p[index] for p in parts):.2f} s")
    print(f"shutil.copytree (median of {args.rounds}): {median_copy:.2f} s")
    print(f"shutil.copytree then sync (median of {args.rounds}): {statistics.median(synced):.2f} s")
    median_synced = statistics.median(synced)
    median_staging = statistics.median(p[0] for p in parts)
    median_check = statistics.median(p[1] for p in parts)
    print(f"ratio import / copytree: {median_import / median_copy:.2f}x")
    print(f"ratio copy and verify / (copytree then sync): {median_staging / median_synced:.2f}x "
          "(target <= 1.3x)")
    if args.json:
        emit_json("import", {
            "articles": args.articles, "rounds": args.rounds, "import_s": round(median_import, 2),
            "copy_verify_s": round(median_staging, 2), "validate_s": round(median_check, 2),
            "copytree_s": round(median_copy, 2), "copytree_sync_s": round(median_synced, 2),
            "ratio": round(median_import / median_copy, 2),
            "ratio_copy_verify_synced": round(median_staging / median_synced, 2),
        }, [
            Row(f"import of {args.articles:,} articles with images and a manifest (median of "
                f"{args.rounds})", f"{median_import:.2f} s"),
            Row("- copy and verify: open, copy, SHA-256 against the manifest, force to disk",
                f"{median_staging:.2f} s"),
            Row("- validate the staged copy", f"{median_check:.2f} s"),
            Row("`shutil.copytree` of the same folder / then `sync`",
                f"{median_copy:.2f} s / {median_synced:.2f} s"),
            Row("ratio copy and verify / (copytree then sync), same run",
                f"{median_staging / median_synced:.2f}x", "<= 1.3x"),
            Row("ratio whole import / copytree", f"{median_import / median_copy:.2f}x"),
        ])


def import_once(source: Path, data_dir: Path) -> tuple[float, tuple[float, float, float]]:
    """Seconds for the whole import, and for its copy, check and switch phases."""
    from kiosk.packs.opening import open_source
    from kiosk.packs.outcomes import Progress
    from kiosk.packs.store import PackStore

    marks: dict[str, float] = {}

    def progress(step: Progress) -> None:
        marks.setdefault(step.phase, time.perf_counter())

    store = PackStore(data_dir)
    start = time.perf_counter()
    with open_source(source) as pack_source:
        assert pack_source.manifest is not None, "every file is to be verified"
        staged = store.stage(pack_source, progress=progress)
    store.commit(staged, progress=progress)
    end = time.perf_counter()
    copy = marks["checking"] - start
    check = marks["switching"] - marks["checking"]
    switch = end - marks["switching"]
    return end - start, (copy, check, switch)


def plain_copy(source: Path, target: Path, *, sync: bool) -> float:
    start = time.perf_counter()
    shutil.copytree(source, target)
    if sync:
        os.sync()
    return time.perf_counter() - start


def make_pack(root: Path, articles: int) -> Path:
    """A valid pack of `articles` articles, each with its own image."""
    (root / "articles").mkdir(parents=True)
    (root / "media").mkdir()
    slugs = [f"article-{number:04d}" for number in range(articles)]
    order = "\n".join(f"    - {slug}" for slug in slugs[:12])
    (root / "pack.yaml").write_text(
        "format: 1\nid: bench-pack\nversion: \"1\"\ntitle: A large pack\n"
        "organization:\n  name: Bench Clinic\n  phone: \"555-0100\"\n"
        "help:\n  heading: Need help?\n  lines:\n    - label: Front desk\n      number: \"555-0100\"\n"
        f"home:\n  featured: {slugs[0]}\n  order:\n{order}\n",
        encoding="utf-8",
    )
    paragraph = (
        "This paragraph is here so that the article has a realistic length. It talks about "
        "what to expect, where to get help, and how to look after yourself while you wait. "
    ) * 4
    for number, slug in enumerate(slugs):
        related = slugs[(number + 1) % len(slugs)]
        (root / "media" / f"{slug}.png").write_bytes(noise_png(IMAGE_SIDE, IMAGE_SIDE))
        (root / "articles" / f"{slug}.md").write_text(
            "---\n"
            f"title: Article number {number}\n"
            "summary: A short summary of the article for its tile.\n"
            f"image: media/{slug}.png\n"
            "image_alt: A pattern of coloured dots\n"
            f"related: [{related}]\n"
            "---\n"
            f"## Part one\n\n{paragraph}\n\n## Part two\n\n{paragraph}\n\n"
            f"- one point\n- another point\n\nSee [the next article](kiosk:article/{related}).\n",
            encoding="utf-8",
        )
    write_manifest(root)
    return root


def write_manifest(root: Path) -> None:
    """MANIFEST.sha256 as `kiosk pack build` writes it into the .kioskpack."""
    from kiosk.packs.manifest import manifest_text
    from kiosk.packs.names import MANIFEST_NAME

    hashes = {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*")) if path.is_file()
    }
    (root / MANIFEST_NAME).write_text(manifest_text(hashes), encoding="utf-8")


def noise_png(width: int, height: int) -> bytes:
    """An RGB PNG of random pixels: valid, and as large as its pixels (noise does not compress)."""
    rows = b"".join(b"\x00" + os.urandom(width * 3) for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows, 1))
            + chunk(b"IEND", b""))


if __name__ == "__main__":
    main()
