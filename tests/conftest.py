"""Shared fixtures. Qt runs offscreen for the whole suite: no display is needed or used."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers.network_guard import NetworkGuard

os.environ["QT_QPA_PLATFORM"] = "offscreen"

REPO = Path(__file__).resolve().parent.parent
BUNDLED_CONTENT = REPO / "content"
SHARED_CORPORA = REPO.parent / "shared" / "corpora"


@pytest.fixture
def bundled_content() -> Path:
    return BUNDLED_CONTENT


@pytest.fixture
def pack_copy(tmp_path: Path) -> Path:
    """A writable copy of the bundled pack, to break in a test."""
    target = tmp_path / "pack"
    shutil.copytree(BUNDLED_CONTENT, target)
    return target


@pytest.fixture(autouse=True)
def network_guard(monkeypatch: pytest.MonkeyPatch) -> Iterator[NetworkGuard]:
    """Every test runs without network: only local Unix sockets may be reached. An attempt
    fails the test even when the code under test caught the error."""
    guard = NetworkGuard()
    guard.install(monkeypatch)
    yield guard
    if guard.attempts:
        pytest.fail(f"the test tried to use the network: {guard.attempts}", pytrace=False)


# The window and kiosk fixtures, for UI tests and for tests of the parts around the UI.
pytest_plugins = ["tests.helpers.kiosk_fixtures"]
