"""The running kiosk read through the platform's accessibility bus (AT-SPI), as a screen reader
reads it: every button showing has a name, and names read as sentences ("now? Our front
desk", never "now?. Our front desk").

Needs Debian's at-spi2-core and python3-pyatspi (for the system's python3, not the venv), Xvfb
and dbus-run-session (.ci/run installs them, optional); without them the test skips and says
why. tests/helpers/atspi_probe.py starts a private session bus, Xvfb and the kiosk
(tests/helpers/atspi_kiosk.py) on each screen of SCREENS.
"""

from __future__ import annotations

import functools
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

SYSTEM_PYTHON = "/usr/bin/python3"
# The screens to read: anything `kiosk snapshot --screen` takes; a library's from a generated pack.
SCREENS = ["home", "article/what-is-synthetic-fentanyl", "article/dual-diagnosis-heroin-depression"]
LIBRARY_SCREENS = ["home", "topic/heart", "a-z", "search"]
BUTTON_ROLES = {"push button", "toggle button", "check box", "radio button", "menu item"}
DOUBLED = ("?.", "!.", "..", ":.", ";.", "?!.")


@functools.cache
def why_no_atspi() -> str | None:
    for tool in ("dbus-run-session", "Xvfb"):
        if shutil.which(tool) is None:
            return f"{tool} is not installed (Debian: apt-get install dbus-daemon xvfb)"
    if not Path(SYSTEM_PYTHON).exists():
        return f"{SYSTEM_PYTHON} is missing"
    probe = subprocess.run([SYSTEM_PYTHON, "-c", "import pyatspi"], capture_output=True, text=True)
    if probe.returncode != 0:
        return "python3-pyatspi is not installed (Debian: apt-get install at-spi2-core python3-pyatspi)"
    return None


def read_tree(screens: list[str], *extra: str) -> dict[str, list[dict[str, str]]]:
    reason = why_no_atspi()
    if reason is not None:
        pytest.skip(reason)
    done = subprocess.run(
        ["dbus-run-session", "--", SYSTEM_PYTHON, str(REPO / "tests/helpers/atspi_probe.py"),
         "--python", sys.executable, "--size", "1280x800", *extra, *screens],
        cwd=REPO, capture_output=True, text=True, timeout=300,
    )
    line = next((line for line in done.stdout.splitlines() if line.startswith("ATSPI-JSON ")), None)
    assert done.returncode == 0 and line is not None, done.stdout[-2000:] + done.stderr[-3000:]
    found: dict[str, list[dict[str, str]]] = json.loads(line.removeprefix("ATSPI-JSON "))
    return found


@pytest.fixture(scope="module")
def tree() -> dict[str, list[dict[str, str]]]:
    return read_tree(SCREENS)


@pytest.fixture(scope="module")
def library_tree(tmp_path_factory) -> dict[str, list[dict[str, str]]]:
    from tests.helpers.library import generated

    if why_no_atspi() is not None:
        pytest.skip(why_no_atspi())
    pack = generated(tmp_path_factory.mktemp("atspi") / "pack", 12)
    return read_tree(LIBRARY_SCREENS, "--content", str(pack), "--query", "heal")


@pytest.mark.parametrize("screen", SCREENS)
def test_every_button_showing_has_a_name(tree, screen: str) -> None:
    buttons = [node for node in tree[screen] if node["role"] in BUTTON_ROLES]
    assert len(buttons) >= 5, f"too few buttons read on {screen}: {buttons}"
    unnamed = [node for node in buttons if not any(c.isalnum() for c in node["name"])]
    assert unnamed == [], f"buttons with no name a screen reader can say on {screen}: {unnamed}"


@pytest.mark.parametrize("screen", SCREENS)
def test_names_never_double_their_punctuation(tree, screen: str) -> None:
    doubled = [node["name"] for node in tree[screen] if any(mark in node["name"] for mark in DOUBLED)]
    assert doubled == [], f"names read with doubled punctuation on {screen}: {doubled}"


def test_a_question_title_and_the_help_panel_read_as_sentences(tree) -> None:
    names = [node["name"] for node in tree["home"]]
    assert any(name.startswith("What is synthetic fentanyl made of? Fentanyl is") for name in names)
    assert any(name.startswith("Need to talk to someone now? Calls are free") for name in names)
    roles = {node["role"] for node in tree["article/what-is-synthetic-fentanyl"]}
    assert "push button" in roles and "check box" in roles  # the contrast toggle reads as one


@pytest.mark.parametrize("screen", LIBRARY_SCREENS)
def test_a_library_reads_with_names_on_every_button(library_tree, screen: str) -> None:
    nodes = library_tree[screen]
    buttons = [node for node in nodes if node["role"] in BUTTON_ROLES]
    assert len(buttons) >= 5, f"too few buttons read on {screen}: {buttons}"
    assert [b for b in buttons if not any(c.isalnum() for c in b["name"])] == []
    doubled = [node["name"] for node in nodes if any(mark in node["name"] for mark in DOUBLED)]
    assert doubled == [], f"names read with doubled punctuation on {screen}: {doubled}"


def test_a_library_says_its_topics_letters_and_results(library_tree) -> None:
    names = {screen: " | ".join(node["name"] for node in nodes) for screen, nodes in library_tree.items()}
    assert "Search the articles" in names["home"] and "All articles A to Z" in names["home"]
    assert "Heart and blood pressure" in names["home"]  # a topic's tile, with its count
    assert "Articles starting with A" in names["a-z"]  # a letter of the strip, by its full name
    assert "Delete the last letter" in names["search"] and "Words to search for" in names["search"]
