"""kiosk/system/paths.py finds assets/ and content/ in the checkout, and inside the PyInstaller bundle.

The bundle is laid out for real here: the checkout's assets/ and content/ copied into a folder
that sys._MEIPASS names, as dist/kiosk/_internal/ is for the built executable (kiosk.spec).
scripts/smoke-dist.sh runs the built one.
"""

from __future__ import annotations

import ast
import shutil
import sys
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.content.validation import validate_pack
from kiosk.system.paths import asset_path, bundled_content_dir, install_root

REPO = Path(__file__).resolve().parents[2]


def spec_constant(name: str):
    tree = ast.parse((REPO / "kiosk.spec").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
            isinstance(target, ast.Name) and target.id == name for target in node.targets
        ):
            return ast.literal_eval(node.value)
    raise AssertionError(f"kiosk.spec has no {name}")


@pytest.fixture
def bundle(tmp_path, monkeypatch) -> Path:
    """A bundle's folder holding copies of assets/ and content/, as the running bundle sees it."""
    root = tmp_path / "dist" / "kiosk" / "_internal"
    for folder in spec_constant("BUNDLED_FOLDERS"):
        shutil.copytree(REPO / folder, root / folder)
    monkeypatch.setattr(sys, "_MEIPASS", str(root), raising=False)
    return root


def test_from_source_the_checkout_holds_the_assets_and_the_default_pack():
    assert not hasattr(sys, "_MEIPASS")
    assert install_root() == REPO
    assert asset_path("fonts", "OFL.txt") == REPO / "assets" / "fonts" / "OFL.txt"
    assert asset_path("fonts", "OFL.txt").is_file()
    assert sorted(asset_path("fonts").glob("*.ttf")), "no fonts in assets/fonts"
    assert bundled_content_dir() == REPO / "content"
    assert (bundled_content_dir() / "pack.yaml").is_file()


def test_in_the_bundle_everything_is_found_in_the_bundle(bundle):
    assert install_root() == bundle
    assert asset_path("fonts", "OFL.txt") == bundle / "assets" / "fonts" / "OFL.txt"
    assert asset_path("fonts", "OFL.txt").is_file()
    assert [p.name for p in sorted(asset_path("fonts").glob("*.ttf"))] == [
        p.name for p in sorted((REPO / "assets" / "fonts").glob("*.ttf"))
    ]
    assert bundled_content_dir() == bundle / "content"
    assert not bundled_content_dir().resolve().is_relative_to(REPO)


def test_the_bundled_pack_is_valid_where_the_bundle_keeps_it(bundle):
    result = validate_pack(bundled_content_dir())
    assert result.pack is not None, result.errors
    assert result.pack.root.resolve() == (bundle / "content").resolve()


def test_kiosk_validate_without_a_folder_checks_the_bundled_pack(bundle, tmp_path, capsys):
    assert main(["validate", "--data-dir", str(tmp_path / "no-packs-installed")]) == 0
    out, err = capsys.readouterr()
    assert f"checking {bundle / 'content'}" in err
    assert out.startswith("ok: ")


def test_the_fonts_come_from_the_bundle_not_the_checkout(bundle, qapp):
    from kiosk.ui.shell.fonts import FALLBACK_FAMILY, load_bundled_fonts

    # A bundle built without them falls back, though the checkout beside the tests has them.
    shutil.rmtree(bundle / "assets" / "fonts")
    assert (REPO / "assets" / "fonts" / "AtkinsonHyperlegible-Regular.ttf").is_file()
    assert load_bundled_fonts() == FALLBACK_FAMILY


def test_the_spec_bundles_the_folders_the_helper_looks_in():
    looked_in = {
        asset_path().relative_to(install_root()).as_posix(),
        bundled_content_dir().relative_to(install_root()).as_posix(),
    }
    assert set(spec_constant("BUNDLED_FOLDERS")) == looked_in
