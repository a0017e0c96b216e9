"""Fixtures of the deploy tests: the built bundle, the user that runs it, and reference pictures.

These tests run with `make test-deploy`, after `make dist` (CI: .ci/run). In a plain `make test`
they are skipped: they need the bundle and take minutes. Each fixture is made once per test
process (so pytest-xdist workers each make their own) and cleans up after itself.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.deploy.harness import Account, HarnessError, Keep, References, bundle_for, deploy_account

ENABLE_ENV = "KIOSK_DEPLOY_TESTS"
DIST_KIOSK = REPO / "dist" / "kiosk" / "kiosk"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    mine = [item for item in items if here in Path(str(item.path)).parents]
    if not mine:
        return
    if os.environ.get(ENABLE_ENV) != "1":
        reason = ("the deploy tests run with `make test-deploy` after `make dist`: they drive the built "
                  f"bundle under cage and X for minutes ({ENABLE_ENV}=1 runs them)")
    elif not DIST_KIOSK.exists():
        reason = f"{DIST_KIOSK.relative_to(REPO)} is not built: run `make dist` first"
    else:
        return
    for item in mine:
        item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture(scope="session")
def account() -> Account:
    try:
        return deploy_account()
    except HarnessError as problem:
        pytest.fail(str(problem), pytrace=False)


@pytest.fixture(scope="session")
def kiosk_program(account: Account) -> Iterator[Path]:
    """dist/kiosk/kiosk, or a copy the test user can reach."""
    try:
        program, copy = bundle_for(account, DIST_KIOSK)
    except HarnessError as problem:
        pytest.fail(str(problem), pytrace=False)
    yield program
    if copy is not None:
        shutil.rmtree(copy, ignore_errors=True)


@pytest.fixture(scope="session")
def references(kiosk_program: Path) -> Iterator[References]:
    folder = Path(tempfile.mkdtemp(prefix="kiosk-deploy-references-"))
    yield References(kiosk_program, folder)
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def keep(tmp_path: Path) -> Keep:
    """Copies a file into the test's tmp_path (kept by pytest after a failure) and names it."""

    def copy(path: Path) -> Path:
        target = tmp_path / path.name
        shutil.copy(path, target)
        return target

    return copy
