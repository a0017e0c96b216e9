"""The packages below the user interface never pull in Qt widgets, so they run and are tested
without a screen."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import kiosk

KIOSK = Path(kiosk.__file__).resolve().parent
REPO = KIOSK.parent
PACKAGES = ("content", "packs", "rules", "settings", "handout", "disk")
SOURCES = sorted(source for package in PACKAGES for source in (KIOSK / package).glob("*.py"))
FORBIDDEN = "PySide6.QtWidgets"

IMPORT_ALL = f"""
import importlib, pkgutil, sys
names = []
for package in {PACKAGES!r}:
    module = importlib.import_module("kiosk." + package)
    names += ["kiosk." + package] + [
        info.name for info in pkgutil.walk_packages(module.__path__, f"kiosk.{{package}}.")
    ]
for name in names:
    importlib.import_module(name)
print(len(names))
print(",".join(sorted(m for m in sys.modules if m.startswith("PySide6"))))
print("{FORBIDDEN}" in sys.modules)
"""


def test_importing_every_module_below_the_ui_loads_no_qt_widgets() -> None:
    done = subprocess.run(
        [sys.executable, "-c", IMPORT_ALL],
        cwd=REPO, capture_output=True, text=True, timeout=120, check=False,
    )
    assert done.returncode == 0, done.stderr
    count, qt_modules, widgets_loaded = done.stdout.strip().splitlines()
    modules_on_disk = len(SOURCES)  # each __init__ counts as its package
    assert int(count) == modules_on_disk, f"imported {count} modules, {modules_on_disk} files"
    assert widgets_loaded == "False", f"{FORBIDDEN} was imported; Qt modules loaded: {qt_modules}"


def imported_modules(tree: ast.AST) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def test_no_source_below_the_ui_imports_qt_widgets() -> None:
    sources = SOURCES
    assert len(sources) >= 10
    offenders = {}
    for source in sources:
        modules = imported_modules(ast.parse(source.read_text(encoding="utf-8"), str(source)))
        bad = sorted(m for m in modules if m == FORBIDDEN or m.startswith(f"{FORBIDDEN}."))
        if bad:
            offenders[str(source.relative_to(KIOSK))] = bad
    assert offenders == {}


def test_import_finder_sees_widget_imports() -> None:
    """The check above must be able to fail."""
    tree = ast.parse("from PySide6.QtWidgets import QLabel\nimport PySide6.QtWidgets as w\n")
    assert FORBIDDEN in imported_modules(tree)
    tree = ast.parse("from PySide6 import QtWidgets\n")
    assert FORBIDDEN in imported_modules(tree)
