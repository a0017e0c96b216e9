"""The reference a clinic would otherwise use: Chromium headless showing the same article.

Renders the featured article of the bundled pack with the kiosk's own renderer
(kiosk/content/render.py) into a standalone HTML file with the kiosk's article stylesheet, palette
and typeface (Atkinson Hyperlegible from assets/fonts, by file URL), laid out as the kiosk's
1920x1080 article screen (top bar, reading column with title, picture and body, a side column
with the related articles and the help panel). Then, after one run each to warm the file cache:

- Chromium: `chromium --headless --screenshot=FILE --window-size=1920,1080 --no-sandbox
  --disable-gpu ...` with a fresh profile (--user-data-dir) each run, 5 runs, median wall time;
- the kiosk: `python -m kiosk snapshot --screen article/SLUG --size 1920x1080 --out FILE`, a new
  process that builds the whole kiosk and paints the same article to a PNG, 5 runs, median.

Memory, in 3 more runs of each with /proc sampled every 10 ms: the peak of the summed RSS (and
PSS, which shares pages fairly between processes) of the whole process tree, and the largest
single process's peak RSS from wait4() (the kernel's ru_maxrss: a per-process maximum, not a
sum). Chromium starts a browser, a GPU, a network, a storage and a renderer process or so; the
kiosk is one.

Skips, saying so, when Chromium is not installed (Debian: apt-get install chromium).

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/chromium.py [--runs 5] [--json]
"""

from __future__ import annotations

import argparse
import html
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from _common import REPO, Row, child_env, emit_json, json_flag

from kiosk.content.model import Article, Pack

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome")
CHROMIUM_FLAGS = (
    "--headless", "--window-size=1920,1080", "--no-sandbox", "--disable-gpu", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
)
MEMORY_RUNS = 3
SAMPLE_SECONDS = 0.01
WIDTH, HEIGHT = 1920, 1080


# The article as a web page -------------------------------------------------------------------


def article_page(pack: Pack, slug: str, family: str) -> str:
    """The kiosk's article screen as one standalone HTML page."""
    from kiosk.content.render import ArticleRenderer
    from kiosk.ui.shell.theme import Theme

    theme = Theme.for_screen(family, WIDTH, HEIGHT, pack.accent)
    article = pack.articles[slug]
    body = ArticleRenderer(pack).render(slug).html
    image = f'<img class="picture" src="{article.image.as_uri()}" alt="{html.escape(article.image_alt)}">' \
        if article.image is not None else ""
    related = "".join(related_card(pack.articles[s]) for s in article.related[:1] if s in pack.articles)
    help_lines = "".join(
        f'<p>{html.escape(line.label)}<br><b class="number">{html.escape(line.number)}</b></p>'
        for line in pack.help.lines
    )
    return f"""<!doctype html>
<html lang="{pack.language}"><head><meta charset="utf-8">
<title>{html.escape(article.title)}</title>
<base href="{pack.root.as_uri()}/">
<style>{font_faces(family)}{page_css(theme)}</style></head>
<body><div class="bar">{html.escape(pack.organization.name)}</div>
<div class="page"><main class="column"><h1 class="title">{html.escape(article.title)}</h1>{image}
<div class="body">{body}</div></main>
<aside class="side"><div class="section">Related articles</div>{related}
<div class="help"><div class="help-heading">{html.escape(pack.help.heading)}</div>
<p>{html.escape(pack.help.text or "")}</p>{help_lines}</div></aside></div></body></html>
"""


def related_card(article: Article) -> str:
    image = f'<img src="{article.image.as_uri()}" alt="">' if article.image is not None else ""
    return (f'<div class="card">{image}<div class="card-title">{html.escape(article.title)}</div>'
            f'<p class="summary">{html.escape(article.summary)}</p></div>')


def font_faces(family: str) -> str:
    faces = []
    for style, weight, italic in (("Regular", 400, False), ("Bold", 700, False),
                                  ("Italic", 400, True), ("BoldItalic", 700, True)):
        path = REPO / "assets" / "fonts" / f"AtkinsonHyperlegible-{style}.ttf"
        faces.append(f'@font-face {{ font-family: "{family}"; src: url("{path.as_uri()}"); '
                     f"font-weight: {weight}; font-style: {'italic' if italic else 'normal'}; }}\n")
    return "".join(faces)


def page_css(theme: object) -> str:
    from kiosk.ui.shell.theme import Theme

    assert isinstance(theme, Theme)
    p = theme.palette
    margin, gap = theme.px(1.5), theme.px(1.2)
    side = max(theme.px(16), round((WIDTH - 2 * margin) * 0.27))
    column = min(theme.reading_width_px, WIDTH - 2 * margin - side - gap)
    return f"""
html, body {{ margin: 0; background: {p.background}; color: {p.text}; overflow: hidden; }}
{theme.document_css()}
body {{ font-size: {theme.body_px}px; }}
.bar {{ background: {p.surface}; border-bottom: 1px solid {p.border}; height: {theme.target_px}px;
  padding: {theme.px(0.6)}px {margin}px; font-size: {theme.px(1.25)}px; font-weight: bold;
  color: {p.accent}; text-align: right; }}
.page {{ display: flex; gap: {gap}px; padding: 0 {margin}px; }}
.column {{ flex: 1; display: flex; flex-direction: column; align-items: center; }}
.column > * {{ width: {column}px; }}
.title {{ font-size: {theme.px(2.1)}px; margin: {theme.px(1)}px 0; }}
.picture {{ height: {round(column * 9 / 16)}px; object-fit: cover; }}
.side {{ width: {side}px; padding-top: {theme.px(1)}px; }}
.section {{ font-size: {theme.px(1.2)}px; font-weight: bold; color: {p.muted_text}; }}
.card {{ background: {p.surface}; border: {p.border_px}px solid {p.border};
  border-radius: {theme.px(0.8)}px; padding: {theme.px(0.8)}px; margin: {theme.px(0.5)}px 0 {gap}px; }}
.card img {{ width: 100%; height: {round((side - 2 * theme.px(0.8)) * 5 / 16)}px; object-fit: cover; }}
.card-title {{ font-size: {theme.px(1.2)}px; font-weight: bold; margin-top: {theme.px(0.5)}px; }}
.summary {{ color: {p.muted_text}; font-size: {theme.px(1)}px; }}
.help {{ background: {p.help_background}; color: {p.help_text}; border-radius: {theme.px(0.8)}px;
  padding: {theme.px(1.1)}px; font-size: {theme.px(0.95)}px; }}
.help-heading {{ font-size: {theme.px(1.35)}px; font-weight: bold; }}
.number {{ font-size: {theme.px(1.6)}px; }}
"""


# Running and measuring a process tree ---------------------------------------------------------


@dataclass(frozen=True)
class Run:
    seconds: float
    tree_rss_mb: float = 0.0  # the peak of the sum over the process tree
    tree_pss_mb: float = 0.0
    largest_mb: float = 0.0  # the largest single process's peak RSS (wait4's ru_maxrss)
    processes: int = 1


def descendants(root: int) -> list[int]:
    """`root` and every process below it, from the parent ids in /proc."""
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(entry.path, "stat").read_text()
        except OSError:
            continue
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(parent, []).append(int(entry.name))
    found, queue = [], [root]
    while queue:
        pid = queue.pop()
        found.append(pid)
        queue.extend(children.get(pid, []))
    return found


def rss_and_pss_mb(pid: int) -> tuple[float, float]:
    try:
        text = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return 0.0, 0.0
    values = {line.split(":")[0]: int(line.split()[1]) for line in text.splitlines()
              if line.startswith(("Rss:", "Pss:"))}
    return values.get("Rss", 0) / 1024, values.get("Pss", 0) / 1024


def run(command: list[str], *, sample: bool) -> Run:
    """Run `command` to the end; with `sample`, watch its process tree's memory meanwhile."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=REPO, env=child_env(), stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    peak_rss = peak_pss = 0.0
    most = 1
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG if sample else 0)
        if pid:
            break
        tree = descendants(process.pid)
        most = max(most, len(tree))
        sums = [rss_and_pss_mb(p) for p in tree]
        peak_rss = max(peak_rss, sum(s[0] for s in sums))
        peak_pss = max(peak_pss, sum(s[1] for s in sums))
        time.sleep(SAMPLE_SECONDS)
    seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise RuntimeError(f"{command[0]} exited with status {process.returncode}: {' '.join(command)}")
    return Run(seconds, peak_rss, peak_pss, usage.ru_maxrss / 1024, most)


@contextmanager
def chromium_command(chromium: str, page: Path, shot: Path) -> Iterator[list[str]]:
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-chromium-profile-") as profile:
        yield [chromium, *CHROMIUM_FLAGS, f"--screenshot={shot}", f"--user-data-dir={profile}",
               page.as_uri()]


def chromium_runs(chromium: str, page: Path, shot: Path, count: int, *, sample: bool) -> list[Run]:
    runs = []
    for _ in range(count):
        shot.unlink(missing_ok=True)
        with chromium_command(chromium, page, shot) as command:
            runs.append(run(command, sample=sample))
        if not shot.is_file() or shot.stat().st_size == 0:
            raise RuntimeError("Chromium did not write its screenshot")
    return runs


def kiosk_runs(slug: str, shot: Path, count: int, *, sample: bool) -> list[Run]:
    command = [sys.executable, "-m", "kiosk", "snapshot", "--screen", f"article/{slug}",
               "--size", f"{WIDTH}x{HEIGHT}", "--out", str(shot)]
    return [run(command, sample=sample) for _ in range(count)]


# Reporting ---------------------------------------------------------------------------------------


def summary(runs: list[Run], memory: list[Run]) -> dict[str, float]:
    return {
        "median_ms": round(statistics.median(r.seconds for r in runs) * 1000),
        "tree_rss_mb": round(max(r.tree_rss_mb for r in memory), 1),
        "tree_pss_mb": round(max(r.tree_pss_mb for r in memory), 1),
        "largest_process_mb": round(max(r.largest_mb for r in memory), 1),
        "processes": max(r.processes for r in memory),
    }


def report(slug: str, runs: int, chromium: dict[str, float], kiosk: dict[str, float], as_json: bool) -> None:
    for name, figures in (("Chromium headless screenshot", chromium), ("kiosk snapshot", kiosk)):
        print(f"{name}: median of {runs} {figures['median_ms']:.0f} ms; process tree peak RSS "
              f"{figures['tree_rss_mb']:.0f} MB (PSS {figures['tree_pss_mb']:.0f} MB) over up to "
              f"{figures['processes']:.0f} processes; largest single process "
              f"{figures['largest_process_mb']:.0f} MB")
    if not as_json:
        return
    emit_json("chromium", {"article": slug, "runs": runs, "chromium": chromium, "kiosk": kiosk}, [
        Row(f"same article at 1920x1080 to a PNG, new process (median of {runs}): "
            "Chromium headless / kiosk snapshot",
            f"{chromium['median_ms']:.0f} ms / {kiosk['median_ms']:.0f} ms"),
        Row("same article: peak RSS of the whole process tree, Chromium / kiosk",
            f"{chromium['tree_rss_mb']:.0f} MB ({chromium['processes']:.0f} processes) / "
            f"{kiosk['tree_rss_mb']:.0f} MB"),
        Row("same article: peak PSS of the process tree, Chromium / kiosk",
            f"{chromium['tree_pss_mb']:.0f} MB / {kiosk['tree_pss_mb']:.0f} MB"),
        Row("same article: largest single process (ru_maxrss), Chromium / kiosk",
            f"{chromium['largest_process_mb']:.0f} MB / {kiosk['largest_process_mb']:.0f} MB"),
    ])


def skip(reason: str, as_json: bool) -> None:
    print(f"skipped: {reason}")
    if as_json:
        emit_json("chromium", {"skipped": reason}, [Row("Chromium headless reference", f"skipped: {reason}")])


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    json_flag(parser)
    args = parser.parse_args()
    chromium = next((found for name in CHROMIUM_NAMES if (found := shutil.which(name))), None)
    if chromium is None:
        skip("Chromium is not installed (Debian: apt-get install chromium)", args.json)
        return
    from PySide6.QtGui import QGuiApplication

    from kiosk.app import load_content
    from kiosk.ui.shell.fonts import load_bundled_fonts

    _app = QGuiApplication(sys.argv[:1])
    pack = load_content(None)
    slug = pack.featured_article().slug
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-chromium-") as folder:
        page, shot = Path(folder) / f"{slug}.html", Path(folder) / "shot.png"
        page.write_text(article_page(pack, slug, load_bundled_fonts()), encoding="utf-8")
        chromium_runs(chromium, page, shot, 1, sample=False)  # warm the file cache
        kiosk_runs(slug, shot, 1, sample=False)
        browser = summary(chromium_runs(chromium, page, shot, args.runs, sample=False),
                          chromium_runs(chromium, page, shot, MEMORY_RUNS, sample=True))
        ours = summary(kiosk_runs(slug, shot, args.runs, sample=False),
                       kiosk_runs(slug, shot, MEMORY_RUNS, sample=True))
    report(slug, args.runs, browser, ours, args.json)


if __name__ == "__main__":
    main()
