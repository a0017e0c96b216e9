"""`kiosk validate` figures: the bundled pack, and a pack of photo-sized JPEGs, every picture decoded.

Writes the bundled pack with PHOTOS more articles, each with its own 12-megapixel JPEG (4000 x
3000, about 0.8 MB: one photo encoded once, copied under each name, so each is decoded on its
own), then runs `kiosk validate` as a new process RUNS times on each pack and prints the median
wall time and the peak memory. `--tree DIR` runs another checkout's kiosk instead (e.g. an older
commit unpacked with `git archive`), to compare before and after a change with the same data.

    .venv/bin/python bench/validate.py [--photos 100] [--tree DIR] [--json]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import Row, emit_json, json_flag

RUNS = 5
REPO = Path(__file__).resolve().parent.parent
PHOTO_SIZE = (4000, 3000)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--photos", type=int, default=100)
    parser.add_argument("--tree", type=Path, default=REPO, help="the kiosk source tree to run")
    parser.add_argument("--make-photo-pack", type=Path, help=argparse.SUPPRESS)
    json_flag(parser)
    args = parser.parse_args()
    if args.make_photo_pack:
        make_photo_pack(args.make_photo_pack, args.photos)
        return
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-validate-") as scratch:
        photos = Path(scratch) / "photos"
        # In a process of its own: the photo's pixels must not count in the peaks measured here.
        subprocess.run([sys.executable, __file__, "--photos", str(args.photos),
                        "--make-photo-pack", str(photos)], check=True)
        bundled = measure(args.tree, REPO / "content")
        with_photos = measure(args.tree, photos)
    print(f"kiosk validate, bundled pack: {bundled[0]:.2f} s, peak {bundled[1]:.0f} MB")
    print(f"kiosk validate, {args.photos} photos of 12 MP: {with_photos[0]:.2f} s, "
          f"peak {with_photos[1]:.0f} MB")
    if args.json:
        emit_json("validate", {
            "bundled_s": round(bundled[0], 2), "photos": args.photos,
            "photos_s": round(with_photos[0], 2), "photos_peak_mb": round(with_photos[1]),
        }, [
            Row(f"`kiosk validate`, bundled pack (median of {RUNS})", f"{bundled[0]:.2f} s"),
            Row(f"`kiosk validate`, {args.photos} photo-sized JPEGs (12 MP), every picture "
                f"decoded (median of {RUNS})", f"{with_photos[0]:.2f} s, peak {with_photos[1]:.0f} MB"),
        ])


def measure(tree: Path, pack: Path) -> tuple[float, float]:
    """Median seconds of `kiosk validate PACK` as a new process, and the largest peak RSS of a run."""
    env = dict(os.environ, PYTHONPATH=str(tree))
    times, peaks = [], []
    for _ in range(RUNS):
        with tempfile.TemporaryFile() as output:
            start = time.perf_counter()
            child = subprocess.Popen([sys.executable, "-m", "kiosk", "validate", str(pack)],
                                     cwd=tree, env=env, stdout=output, stderr=subprocess.STDOUT)
            _pid, status, usage = os.wait4(child.pid, 0)  # this child's own peak memory
            child.returncode = os.waitstatus_to_exitcode(status)
            times.append(time.perf_counter() - start)
            if child.returncode != 0:
                output.seek(0)
                raise SystemExit(f"kiosk validate {pack} failed:\n{output.read().decode()}")
        peaks.append(usage.ru_maxrss / 1024)
    return statistics.median(times), max(peaks)


def make_photo_pack(root: Path, count: int) -> Path:
    """The bundled pack plus `count` articles, each with its own photo-sized JPEG."""
    from PIL import Image, ImageFilter

    shutil.copytree(REPO / "content", root)
    width, height = PHOTO_SIZE
    photo = Image.merge("RGB", [
        Image.linear_gradient("L").resize(PHOTO_SIZE), Image.radial_gradient("L").resize(PHOTO_SIZE),
        Image.effect_noise(PHOTO_SIZE, 40),
    ]).filter(ImageFilter.GaussianBlur(1))
    first = root / "media" / "photo-000.jpg"
    photo.save(first, "JPEG", quality=85)
    for number in range(count):
        name = f"photo-{number:03d}"
        if number:
            shutil.copyfile(first, root / "media" / f"{name}.jpg")
        (root / "articles" / f"{name}.md").write_text(
            f"---\ntitle: Photo {number}\nsummary: A photo of {width} x {height} pixels.\n"
            f"image: media/{name}.jpg\nimage_alt: Soft colours\n---\nA paragraph.\n",
            encoding="utf-8",
        )
    return root


if __name__ == "__main__":
    main()
