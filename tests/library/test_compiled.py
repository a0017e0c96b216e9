"""The compiled form: the same pack as read from its folder, tied to that state of the pack,
and never trusted blindly: a changed pack, a missing, truncated or damaged form, or a kill while
building leave a kiosk that shows complete content."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

from kiosk.library import schema
from kiosk.library.compiled import CompiledCatalogue, CompiledDamaged, open_compiled
from kiosk.library.fingerprint import pack_fingerprint
from kiosk.library.shelf import Shelf
from tests.conftest import REPO
from tests.helpers.library import compiled, generated, loaded, write_library

DAY = date(2026, 12, 3)


def only_form(data: Path) -> Path:
    [form] = [p for p in (data / "library").iterdir() if not p.name.startswith(".")]
    return form


def test_the_compiled_pack_is_the_pack(tmp_path: Path) -> None:
    root = write_library(tmp_path / "pack")
    memory, fast = loaded(root), compiled(root, tmp_path / "data")
    assert isinstance(fast.articles, CompiledCatalogue)
    assert (fast.id, fast.title, fast.featured, fast.languages) == (
        memory.id, memory.title, memory.featured, memory.languages)
    assert fast.topics == memory.topics and fast.help == memory.help
    assert sorted(fast.articles) == sorted(memory.articles)
    for slug in memory.articles:
        assert fast.articles[slug] == memory.articles[slug]
    for lang in memory.languages:
        here, there = memory.localized(lang), fast.localized(lang)
        assert [t.title for t in here.topics] == [t.title for t in there.topics]
        assert here.articles.ordered_slugs(DAY) == there.articles.ordered_slugs(DAY)
        assert here.articles.a_to_z(DAY) == there.articles.a_to_z(DAY)
        assert here.articles.topic_counts(DAY) == there.articles.topic_counts(DAY)
        for topic in memory.topics:
            assert here.articles.in_topic(topic.id, DAY) == there.articles.in_topic(topic.id, DAY)
        assert here.articles.stats_strip(DAY, 4) == there.articles.stats_strip(DAY, 4)
        assert [here.is_translated(s, lang) for s in memory.articles] == [
            there.is_translated(s, lang) for s in memory.articles]


def test_pictures_are_scaled_once_to_the_widths_the_screens_use(tmp_path: Path) -> None:
    pack = compiled(generated(tmp_path / "pack", 12), tmp_path / "data")
    assert isinstance(pack.articles, CompiledCatalogue)
    variants = pack.articles.picture_variants("media/photo-blue.jpg")
    assert [width for width, _path in variants] == [480, 960, 1600]
    from PIL import Image

    for width, path in variants:
        with Image.open(path) as picture:
            assert picture.width == width
            assert path.stat().st_size < (tmp_path / "pack" / "media" / "photo-blue.jpg").stat().st_size


def test_a_changed_pack_is_compiled_again(tmp_path: Path) -> None:
    root = write_library(tmp_path / "pack")
    shelf = Shelf(tmp_path / "data")
    first = compiled(root, tmp_path / "data")
    assert first.articles["walking"].title == "Walking for health"
    article = root / "articles" / "walking.md"
    article.write_text(article.read_text().replace("Walking for health", "Walking every day"))
    assert shelf.open(root) is None, "an old form is never used for a changed pack"
    again = compiled(root, tmp_path / "data")
    assert again.articles["walking"].title == "Walking every day"


def test_a_missing_truncated_or_damaged_form_is_not_used(tmp_path: Path) -> None:
    root = write_library(tmp_path / "pack")
    data = tmp_path / "data"
    compiled(root, data)
    database = only_form(data) / schema.DATABASE_NAME
    database.write_bytes(database.read_bytes()[: database.stat().st_size // 3])
    assert Shelf(data).open(root) is None
    assert not (data / "library").exists() or not any((data / "library").iterdir()), "it is removed"
    assert compiled(root, data).articles["heart-health"].title == "Your heart and blood pressure"


def test_a_damaged_row_is_noticed_and_the_pack_read_from_its_folder(tmp_path: Path, caplog) -> None:
    root = write_library(tmp_path / "pack")
    data = tmp_path / "data"
    pack = compiled(root, data)
    folder = only_form(data)
    pack.articles.connection.close()  # type: ignore[attr-defined]
    with sqlite3.connect(folder / schema.DATABASE_NAME) as sql:  # one byte of one article changed
        sql.execute("UPDATE articles SET html = replace(html, 'heart', 'hXart') WHERE slug = 'walking'")
        sql.execute("UPDATE entries SET title = 'Walking for hXalth' WHERE slug = 'walking'")
    damaged = open_compiled(folder, root, pack_fingerprint(root))
    noticed: list[str] = []
    damaged.articles.connection.on_damage.append(noticed.append)  # type: ignore[attr-defined]
    catalogue = damaged.articles
    assert isinstance(catalogue, CompiledCatalogue)
    assert catalogue.html("walking").count("hXart") == 0
    assert [e.title for e in catalogue.a_to_z(DAY) if e.slug == "walking"] == ["Walking for health"]
    assert "Walking for health" in [e.title for e in catalogue.in_topic("heart", DAY)]
    assert len(noticed) == 1, "said once, however many rows are read after"
    assert any("damaged" in record.getMessage() for record in caplog.records)


def test_a_form_of_another_pack_is_refused(tmp_path: Path) -> None:
    root = write_library(tmp_path / "pack")
    compiled(root, tmp_path / "data")
    folder = only_form(tmp_path / "data")
    other = write_library(tmp_path / "other")
    try:
        open_compiled(folder, other, pack_fingerprint(other))
    except CompiledDamaged as exc:
        assert "another state of the pack" in str(exc)
    else:
        raise AssertionError("a form of another pack was opened")


BUILD = """
import sys
from pathlib import Path
from kiosk.library.shelf import Shelf
from tests.helpers.library import loaded
pack = loaded(Path(sys.argv[1]))
print("loaded", flush=True)
Shelf(Path(sys.argv[2])).compile(pack)
print("built", flush=True)
"""


def test_a_kill_at_any_moment_while_building_leaves_no_half_form(tmp_path: Path) -> None:
    """SIGKILL at random moments while compiling: afterwards there is no form (and the next
    start builds one) or a whole one; never half of one under its final name."""
    root = generated(tmp_path / "pack", 40)
    data = tmp_path / "data"
    started = time.monotonic()
    subprocess.run([sys.executable, "-c", BUILD, str(root), str(tmp_path / "timing")], cwd=REPO,
                   check=True, capture_output=True, timeout=300)
    full = time.monotonic() - started
    rng = random.Random(7)
    outcomes = set()
    for _ in range(8):
        child = subprocess.Popen([sys.executable, "-c", BUILD, str(root), str(data)], cwd=REPO,
                                 stdout=subprocess.PIPE, text=True)
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "loaded"
        time.sleep(rng.uniform(0, full * 0.8))
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=60)
        opened = Shelf(data).open(root)
        outcomes.add(opened is not None)
        if opened is not None:
            assert len(opened.articles) == 40
            assert all(opened.articles[slug].title for slug in opened.articles)
            opened.articles.connection.close()  # type: ignore[attr-defined]
            Shelf(data).clean(keep=())
            for form in (data / "library").iterdir():
                import shutil

                shutil.rmtree(form)
    assert False in outcomes, "no kill landed while building"
    pack = Shelf(data).load(root)
    assert pack is not None and len(pack.articles) == 40


def test_leftovers_of_killed_builds_are_cleaned(tmp_path: Path) -> None:
    root = write_library(tmp_path / "pack")
    data = tmp_path / "data"
    compiled(root, data)
    leftover = data / "library" / f"{schema.BUILDING_PREFIX}abc"
    leftover.mkdir()
    os.utime(leftover, (time.time() - 7200, time.time() - 7200))
    fresh = data / "library" / f"{schema.BUILDING_PREFIX}def"  # another process, building now
    fresh.mkdir()
    removed = Shelf(data).clean(keep=[root])
    assert removed == [leftover]
    assert fresh.exists() and only_form(data).exists()
