"""The layers hold: the contracts in pyproject.toml ([tool.importlinter]) are kept, a broken one
fails `lint-imports`, the Qt-free packages load no PySide6 when imported, and the machine's
packages import no Qt widgets (which import-linter cannot see: it forbids whole packages only)."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import kiosk

KIOSK = Path(kiosk.__file__).resolve().parent
REPO = KIOSK.parent
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")
QT_FREE = ("content", "packs", "library", "rules", "settings", "disk", "authoring", "fleet", "usage")
NO_WIDGETS = ("system", "printing", "handout")
WIDGETS = "PySide6.QtWidgets"


def lint_imports(cwd: Path) -> subprocess.CompletedProcess[str]:
    if not LINT_IMPORTS.exists():
        pytest.skip(f"lint-imports is not installed beside {sys.executable} (pip install import-linter)")
    return subprocess.run(
        [str(LINT_IMPORTS), "--config", str(cwd / "pyproject.toml"), "--no-cache"],
        cwd=cwd, capture_output=True, text=True, timeout=300, check=False,
    )


def test_every_contract_is_kept() -> None:
    done = lint_imports(REPO)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 broken" in done.stdout


def test_a_qt_free_module_that_imports_pyside6_breaks_the_contract(tmp_path: Path) -> None:
    """The contract can fail: a copy of the code where the content model imports QtGui."""
    shutil.copytree(KIOSK, tmp_path / "kiosk", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(REPO / "pyproject.toml", tmp_path / "pyproject.toml")
    model = tmp_path / "kiosk" / "content" / "model.py"
    model.write_text(model.read_text(encoding="utf-8") + "\nfrom PySide6.QtGui import QColor\n",
                     encoding="utf-8")
    done = lint_imports(tmp_path)
    assert done.returncode == 1, done.stdout + done.stderr
    broken = [line for line in done.stdout.splitlines() if line.endswith("BROKEN")]
    assert broken == ["The Qt-free packages import no PySide6, not even through another module BROKEN"]
    assert "kiosk.content.model -> PySide6" in done.stdout


def test_a_layer_that_imports_one_above_it_breaks_the_layers(tmp_path: Path) -> None:
    shutil.copytree(KIOSK, tmp_path / "kiosk", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(REPO / "pyproject.toml", tmp_path / "pyproject.toml")
    rules = tmp_path / "kiosk" / "rules" / "idle.py"
    rules.write_text(rules.read_text(encoding="utf-8") + "\nimport kiosk.packs.store\n", encoding="utf-8")
    done = lint_imports(tmp_path)
    assert done.returncode == 1
    assert "kiosk.rules.idle -> kiosk.packs.store" in done.stdout


IMPORT_ALL = """
import importlib, pkgutil, sys
names = []
for package in PACKAGES:
    module = importlib.import_module("kiosk." + package)
    names += ["kiosk." + package] + [
        info.name for info in pkgutil.walk_packages(module.__path__, f"kiosk.{package}.")
    ]
names.append("kiosk.handout.sheet")
for name in names:
    importlib.import_module(name)
print(len(names))
print(",".join(sorted(m for m in sys.modules if m.startswith("PySide6"))))
"""


def test_importing_every_qt_free_module_loads_no_qt() -> None:
    code = f"PACKAGES = {QT_FREE!r}\n{IMPORT_ALL}"
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=120, check=False,
    )
    assert done.returncode == 0, done.stderr
    count, qt_modules = done.stdout.split("\n")[:2]
    on_disk = sum(len(list((KIOSK / package).glob("*.py"))) for package in QT_FREE) + 1
    assert int(count) == on_disk, f"imported {count} modules, {on_disk} files"
    assert qt_modules == "", f"Qt was loaded: {qt_modules}"


def imported_modules(tree: ast.AST) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def test_the_machine_printing_and_the_handout_import_no_qt_widgets() -> None:
    sources = sorted(source for package in NO_WIDGETS for source in (KIOSK / package).glob("*.py"))
    assert len(sources) >= 15
    offenders = {}
    for source in sources:
        modules = imported_modules(ast.parse(source.read_text(encoding="utf-8"), str(source)))
        bad = sorted(m for m in modules if m == WIDGETS or m.startswith(f"{WIDGETS}."))
        if bad:
            offenders[str(source.relative_to(KIOSK))] = bad
    assert offenders == {}


def test_import_finder_sees_widget_imports() -> None:
    """The check above must be able to fail."""
    tree = ast.parse("from PySide6.QtWidgets import QLabel\nimport PySide6.QtWidgets as w\n")
    assert WIDGETS in imported_modules(tree)
    tree = ast.parse("from PySide6 import QtWidgets\n")
    assert WIDGETS in imported_modules(tree)
