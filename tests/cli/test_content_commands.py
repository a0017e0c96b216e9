"""The command line, run as a real subprocess the way authors and IT run it."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from PySide6.QtGui import QImage

from tests.conftest import BUNDLED_CONTENT, REPO


def private_folder(folder: Path) -> Path:
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    return folder


def kiosk(*args: str) -> subprocess.CompletedProcess[str]:
    """Run the CLI with its own empty config and log folders, never the developer's."""
    home = Path(tempfile.mkdtemp(prefix="kiosk-cli-"))
    env = dict(
        os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(home / "config"),
        XDG_STATE_HOME=str(home / "state"), XDG_DATA_HOME=str(home / "data"),
        XDG_CACHE_HOME=str(home / "cache"), XDG_RUNTIME_DIR=str(private_folder(home / "runtime")),
    )
    return subprocess.run(
        [sys.executable, "-m", "kiosk", *args], cwd=REPO, env=env, capture_output=True,
        text=True, timeout=120,
    )


def test_validate_accepts_the_bundled_pack():
    result = kiosk("validate", str(BUNDLED_CONTENT))
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip().endswith("ok: 4 articles")


def test_validate_lists_each_problem_with_file_and_line(pack_copy: Path):
    article = pack_copy / "articles" / "americas-opioid-crisis.md"
    text = article.read_text().replace("title: ", "titel: ", 1)
    article.write_text(text)
    result = kiosk("validate", str(pack_copy))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert any(line.startswith("articles/americas-opioid-crisis.md:2: warning: 'titel'") for line in lines)
    assert any(
        line.startswith("articles/americas-opioid-crisis.md:") and "'title' is missing" in line
        for line in lines
    ), lines


def test_render_prints_sanitised_html():
    result = kiosk("render", str(BUNDLED_CONTENT), "dual-diagnosis-heroin-depression")
    assert result.returncode == 0, result.stderr
    assert "<h2>" in result.stdout
    assert 'href="kiosk:article/what-is-synthetic-fentanyl"' in result.stdout


def test_render_names_the_articles_when_the_slug_is_wrong():
    result = kiosk("render", str(BUNDLED_CONTENT), "no-such-article")
    assert result.returncode == 1
    assert "americas-opioid-crisis" in result.stderr


def test_snapshot_writes_a_real_picture(tmp_path: Path):
    out = tmp_path / "home.png"
    result = kiosk("snapshot", "--screen", "home", "--size", "1080x1920", "--out", str(out))
    assert result.returncode == 0, result.stderr
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1080, 1920)
    colours = {image.pixel(x, y) for x in range(0, 1080, 20) for y in range(0, 1920, 20)}
    assert len(colours) > 50, "the snapshot is blank or nearly so"


def test_run_paints_once_and_reports_its_start_up_time():
    result = kiosk("run", "--windowed", "--windowed", "--size", "1280x800", "--quit-after-paint")
    assert result.returncode == 0, result.stderr
    seconds = float(result.stdout.strip().splitlines()[-1])
    assert 0 < seconds < 60


def test_run_falls_back_to_the_bundled_pack_when_content_is_broken(tmp_path: Path):
    (tmp_path / "pack.yaml").write_text("format: 9\n")
    result = kiosk(
        "run", "--content", str(tmp_path), "--windowed", "--size", "1280x800", "--quit-after-paint"
    )
    assert result.returncode == 0
    assert "has errors and is not shown" in result.stderr
    assert "pack.yaml:1:" in result.stderr


def test_run_reports_bad_settings_with_file_and_line_and_still_starts(tmp_path: Path):
    config = tmp_path / "settings.toml"
    config.write_text("[idle]\ntimeout_seconds = 5\ncountdown_seconds = 20\n[screen]\nshow_curser = true\n")
    logs = tmp_path / "logs"
    result = kiosk(
        "run", "--config", str(config), "--log-dir", str(logs), "--quit-after-paint",
    )  # full screen and locked down, as on a kiosk PC
    assert result.returncode == 0, result.stderr
    assert f"{config}:2: " in result.stderr and "using 90" in result.stderr
    assert f"{config}:5: " in result.stderr and "show_curser" in result.stderr
    log_text = (logs / "kiosk.log").read_text(encoding="utf-8")
    assert f"{config}:2: " in log_text
    assert "showing " in log_text


def test_a_second_kiosk_refuses_to_start_and_says_why(tmp_path: Path):
    from kiosk.system.single_instance import acquire_instance_lock

    runtime = private_folder(tmp_path / "runtime")
    with acquire_instance_lock(runtime / "kiosk"):
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_RUNTIME_DIR=str(runtime),
                   XDG_STATE_HOME=str(tmp_path / "state"), XDG_DATA_HOME=str(tmp_path / "data"))
        done = subprocess.run(
            [sys.executable, "-m", "kiosk", "run", "--windowed", "--quit-after-paint"], cwd=REPO, env=env,
            capture_output=True, text=True, timeout=120,
        )
    assert done.returncode == 1
    assert "already running" in done.stderr and str(os.getpid()) in done.stderr
