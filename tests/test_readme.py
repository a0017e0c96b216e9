"""The README's examples stay true."""

from __future__ import annotations

import re
from pathlib import Path

from kiosk.settings.declared import Settings
from kiosk.settings.file import load_settings
from tests.conftest import REPO


def test_the_settings_example_in_the_readme_loads_cleanly_and_shows_the_defaults(tmp_path: Path):
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```toml\n(.*?)```", readme, re.DOTALL)
    assert block is not None, "the README has no settings example"
    path = tmp_path / "settings.toml"
    path.write_text(block.group(1), encoding="utf-8")
    result = load_settings(path)
    assert result.problems == []
    assert result.settings == Settings()
