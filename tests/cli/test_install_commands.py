"""`kiosk import`, `rollback`, `status` and `pack`, run as real subprocesses the way IT runs them.

Exit codes of `kiosk import`: 0 installed, 1 refused (or not confirmed), 2 failed with nothing
changed. After every refusal or failure the active pack must be byte for byte what it was.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.packs.build import build_pack
from kiosk.packs.keys import generate_key_pair
from kiosk.packs.names import CONTENT_FOLDER
from tests.conftest import REPO
from tests.helpers.hostile_packs import HOSTILE_FOLDERS, HOSTILE_ZIPS, Hostile, pack_files, write_zip
from tests.helpers.usb_mount import usb_stick
from tests.packs.test_store import make_pack, tree

INSTALLED, REFUSED, FAILED = 0, 1, 2


class Kiosk:
    """Runs `python -m kiosk` with one data folder and private config, state and data homes."""

    def __init__(self, home: Path) -> None:
        self.home = home
        self.data = home / "data"
        self.config = home / "settings.toml"

    def runtime_dir(self) -> Path:
        """A private runtime folder: the instance lock of a kiosk a developer runs is not ours."""
        folder = self.home / "xdg-runtime"
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        return folder

    def __call__(
        self, *args: str, answer: str | None = None, prefix: tuple[str, ...] = (),
        data_dir: bool = True, env: dict[str, str] | None = None,
    ) -> subprocess.CompletedProcess[str]:
        environment = dict(
            os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(self.home / "xdg-config"),
            XDG_STATE_HOME=str(self.home / "xdg-state"), XDG_DATA_HOME=str(self.home / "xdg-data"),
            XDG_CACHE_HOME=str(self.home / "xdg-cache"), XDG_RUNTIME_DIR=str(self.runtime_dir()),
        )
        environment.pop("KIOSK_DATA_DIR", None)
        environment.update(env or {})
        options = ["--data-dir", str(self.data)] if data_dir else []
        return subprocess.run(
            [*prefix, sys.executable, "-m", "kiosk", *args, *options], cwd=REPO, env=environment,
            input=answer, stdin=None if answer is not None else subprocess.DEVNULL,
            capture_output=True, text=True, timeout=300,
        )

    def active(self) -> dict[str, bytes] | None:
        status = json.loads(self("status", "--json").stdout)
        return None if status["active"] is None else tree(Path(status["active"]["path"]))

    def trust(self, *public_keys: Path) -> None:
        keys = ", ".join(f'"{key.read_text().strip()}"' for key in public_keys)
        self.config.parent.mkdir(parents=True, exist_ok=True)
        self.config.write_text(f"[content]\ntrusted_keys = [{keys}]\n")


@pytest.fixture
def kiosk(tmp_path: Path) -> Kiosk:
    return Kiosk(tmp_path / "kiosk")


@pytest.fixture
def installed(kiosk: Kiosk, tmp_path: Path) -> dict[str, bytes]:
    """Version "old" installed and active; returns its files."""
    result = kiosk("import", str(make_pack(tmp_path / "old", version="old")), "--yes")
    assert result.returncode == INSTALLED, result.stdout + result.stderr
    before = kiosk.active()
    assert before == tree(tmp_path / "old")
    return before


# --- installing, status, going back ---------------------------------------------------------------


def test_import_shows_the_review_installs_and_status_reports_it(kiosk: Kiosk, tmp_path: Path) -> None:
    source = make_pack(tmp_path / "spring", version="2", articles=3)
    result = kiosk("import", str(source), "--yes")
    assert result.returncode == INSTALLED, result.stderr
    assert "New content: “Test pack”, version 2." in result.stdout
    assert "Articles added (3):" in result.stdout
    assert "This pack can be installed." in result.stdout
    assert "Installed Test pack, version 2: it is the active content pack now." in result.stdout
    assert kiosk.active() == tree(source)

    status = kiosk("status")
    assert status.returncode == 0
    assert status.stdout.startswith("Active: Test pack, version 2 (pack test-pack)\n")
    assert f"from spring on {tmp_path}, not signed" in status.stdout
    assert "* 0001-test-pack-2  Test pack, version 2, installed " in status.stdout
    report = json.loads(kiosk("status", "--json").stdout)
    assert report["active"]["version"] == "2" and report["active"]["files"] == 4
    assert [v["name"] for v in report["versions"]] == ["0001-test-pack-2"]
    assert report["data_dir"] == str(kiosk.data)

    validate = kiosk("validate")  # without a folder: the active installed pack
    assert validate.returncode == 0 and validate.stdout.strip().endswith("ok: 3 articles")
    assert str(kiosk.data) in validate.stderr


def test_status_with_nothing_installed(kiosk: Kiosk) -> None:
    result = kiosk("status")
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "No content installed: the kiosk shows the bundled pack."
    assert lines[1] == "Articles: 4"  # the bundled pack's, none hidden by their dates today
    # Then the machine's health, for IT: first that staff mode stays closed until they set a PIN.
    assert lines[2] == "Staff PIN: not set, so staff mode stays closed. Set it here with: kiosk pin set"
    assert lines[3].startswith("Printer: ")
    status = json.loads(kiosk("status", "--json").stdout)
    assert status["active"] is None and status["staff_pin"] == "not set"
    assert status["articles"] == {"total": 4, "hidden_today": 0}


def test_import_asks_first_and_no_means_nothing_changes(
    kiosk: Kiosk, installed: dict[str, bytes], tmp_path: Path,
) -> None:
    source = make_pack(tmp_path / "new", version="2")
    for answer in ("n\n", "\n", None):  # no, just Enter, and no one there to answer
        result = kiosk("import", str(source), answer=answer)
        assert result.returncode == REFUSED, result.stderr
        assert "Install this content? [y/N]" in result.stdout or answer is None
        assert "Not installed: nothing was changed." in result.stderr
        assert kiosk.active() == installed
    assert not any((kiosk.data / "staging").iterdir())
    result = kiosk("import", str(source), answer="y\n")
    assert result.returncode == INSTALLED, result.stderr
    assert "Articles changed (2):" in result.stdout
    assert kiosk.active() == tree(source)


def test_rollback_goes_back_and_then_says_there_is_nothing_earlier(
    kiosk: Kiosk, installed: dict[str, bytes], tmp_path: Path,
) -> None:
    assert kiosk("import", str(make_pack(tmp_path / "new", version="2")), "--yes").returncode == 0
    result = kiosk("rollback")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Went back to Test pack, version old (installed ")
    assert kiosk.active() == installed
    again = kiosk("rollback")
    assert again.returncode == 1
    assert again.stderr.strip() == "There is no earlier version to go back to."
    assert kiosk.active() == installed


def test_the_data_folder_can_come_from_the_environment(kiosk: Kiosk, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    source = make_pack(tmp_path / "pack")
    result = kiosk("import", str(source), "--yes", data_dir=False, env={"KIOSK_DATA_DIR": str(elsewhere)})
    assert result.returncode == INSTALLED, result.stderr
    assert (elsewhere / "active").is_file()
    assert kiosk.active() is None, "--data-dir is another folder: nothing installed there"


def test_run_shows_the_active_installed_pack(kiosk: Kiosk, tmp_path: Path) -> None:
    source = make_pack(tmp_path / "pack", version="7", title="Installed pack")
    assert kiosk("import", str(source), "--yes").returncode == INSTALLED
    logs = tmp_path / "logs"
    result = kiosk("run", "--windowed", "--size", "1280x800", "--quit-after-paint", "--log-dir", str(logs))
    assert result.returncode == 0, result.stderr
    log_text = (logs / "kiosk.log").read_text(encoding="utf-8")
    assert "showing Installed pack (pack test-pack, version 7)" in log_text


# --- packs, keys and signatures -----------------------------------------------------------------


def test_pack_keygen_and_build_make_a_signed_pack_the_kiosk_installs(kiosk: Kiosk, tmp_path: Path) -> None:
    keygen = kiosk("pack", "keygen", "--out", str(tmp_path / "keys" / "clinic"))
    assert keygen.returncode == 0, keygen.stderr
    public = tmp_path / "keys" / "clinic.pub"
    assert f'trusted_keys = ["{public.read_text().strip()}"]' in keygen.stdout
    assert (tmp_path / "keys" / "clinic.key").stat().st_mode & 0o077 == 0
    again = kiosk("pack", "keygen", "--out", str(tmp_path / "keys" / "clinic"))
    assert again.returncode == 1 and "exists already" in again.stderr

    folder = make_pack(tmp_path / "spring", version="3")
    out = tmp_path / "spring.kioskpack"
    key = tmp_path / "keys" / "clinic.key"
    build = kiosk("pack", "build", str(folder), "--out", str(out), "--sign", str(key))
    assert build.returncode == 0, build.stderr
    assert build.stdout.strip() == str(out)

    kiosk.trust(public)
    result = kiosk("import", str(out), "--yes", "--config", str(kiosk.config))
    assert result.returncode == INSTALLED, result.stdout + result.stderr
    assert "Signature:" in result.stdout
    assert kiosk.active() == tree(folder)
    assert json.loads(kiosk("status", "--json").stdout)["active"]["signed"] is True


def test_pack_build_refuses_a_missing_key_plainly(kiosk: Kiosk, tmp_path: Path) -> None:
    result = kiosk("pack", "build", str(make_pack(tmp_path / "p")), "--out", str(tmp_path / "p.kioskpack"),
                   "--sign", str(tmp_path / "nokey.key"))
    assert result.returncode == 1
    assert "nokey.key" in result.stderr and "Traceback" not in result.stderr


def signed_pack(tmp_path: Path, name: str, key: Path) -> Path:
    folder = make_pack(tmp_path / f"{name}-folder", version="2")
    return build_pack(folder, tmp_path / f"{name}.kioskpack", key=key)


def test_a_pack_signed_with_an_untrusted_key_is_refused(
    kiosk: Kiosk, installed: dict[str, bytes], tmp_path: Path,
) -> None:
    _trusted_private, trusted_public = generate_key_pair(tmp_path / "trusted")
    stranger_private, _stranger_public = generate_key_pair(tmp_path / "stranger")
    kiosk.trust(trusted_public)
    result = kiosk("import", str(signed_pack(tmp_path, "stranger", stranger_private)), "--yes",
                   "--config", str(kiosk.config))
    assert result.returncode == REFUSED
    assert "not one of this kiosk's trusted keys" in result.stdout
    assert "This pack cannot be installed" in result.stdout
    assert kiosk.active() == installed


def test_a_wrong_signature_is_refused(kiosk: Kiosk, installed: dict[str, bytes], tmp_path: Path) -> None:
    private, public = generate_key_pair(tmp_path / "clinic")
    kiosk.trust(public)
    genuine = signed_pack(tmp_path, "genuine", private)
    # A genuine signature, but of another manifest: this pack's files were changed after signing.
    files = {**pack_files(), "MANIFEST.sig": _member(genuine, "MANIFEST.sig")}
    forged = write_zip(tmp_path / "forged.kioskpack", files, manifest=pack_files())
    result = kiosk("import", str(forged), "--yes", "--config", str(kiosk.config))
    assert result.returncode == REFUSED, result.stdout + result.stderr
    assert "The signature does not match the pack's contents" in result.stdout
    assert kiosk.active() == installed


def test_an_unsigned_pack_is_refused_when_keys_are_trusted(
    kiosk: Kiosk, installed: dict[str, bytes], tmp_path: Path,
) -> None:
    _private, public = generate_key_pair(tmp_path / "clinic")
    kiosk.trust(public)
    source = make_pack(tmp_path / "new", version="2")
    result = kiosk("import", str(source), "--yes", "--config", str(kiosk.config))
    assert result.returncode == REFUSED
    assert "This pack is not signed" in result.stdout
    assert kiosk.active() == installed


def _member(zip_path: Path, name: str) -> bytes:
    import zipfile

    with zipfile.ZipFile(zip_path) as archive:
        return archive.read(name)


# --- hostile, damaged and broken packs: refused, the active pack unchanged ------------------------


@pytest.mark.parametrize("hostile", HOSTILE_ZIPS + HOSTILE_FOLDERS, ids=lambda hostile: hostile.name)
def test_a_hostile_pack_is_refused_by_kiosk_import(
    kiosk: Kiosk, installed: dict[str, bytes], tmp_path: Path, hostile: Hostile,
) -> None:
    (tmp_path / "hostile").mkdir()
    source = hostile.build(tmp_path / "hostile")
    result = kiosk("import", str(source), "--yes")
    assert result.returncode == REFUSED, result.stdout + result.stderr
    message = result.stderr.lower()
    for words in hostile.words:
        assert words in message, f"{words!r} not in {result.stderr!r}"
    assert "traceback" not in message
    assert kiosk.active() == installed
    assert not (kiosk.data / "staging").exists() or not any((kiosk.data / "staging").iterdir())


def test_a_tampered_file_is_refused_by_name(
    kiosk: Kiosk, installed: dict[str, bytes], tmp_path: Path,
) -> None:
    files = pack_files()
    tampered = {**files, "articles/first.md": files["articles/first.md"].replace(b"Body", b"Buy pills")}
    source = write_zip(tmp_path / "tampered.kioskpack", tampered, manifest=files)
    result = kiosk("import", str(source), "--yes")
    assert result.returncode == REFUSED
    assert result.stderr.splitlines()[-1].startswith(
        "articles/first.md was damaged on the way: its contents do not match the pack's manifest."
    )
    assert kiosk.active() == installed


def test_a_pack_with_errors_is_refused_with_file_and_line(
    kiosk: Kiosk, installed: dict[str, bytes], tmp_path: Path,
) -> None:
    source = make_pack(tmp_path / "broken", version="2")
    article = source / "articles" / "article-01.md"
    article.write_text(article.read_text().replace("title:", "titel:"))
    result = kiosk("import", str(source), "--yes")
    assert result.returncode == REFUSED
    assert "articles/article-01.md:2: " in result.stdout
    assert "This pack cannot be installed: it has 1 error to fix." in result.stdout
    assert kiosk.active() == installed


def test_an_unreadable_file_fails_with_its_name_and_nothing_changes(
    kiosk: Kiosk, installed: dict[str, bytes], tmp_path: Path,
) -> None:
    source = make_pack(tmp_path / "new", version="2", articles=3)
    secret = source / "articles" / "article-01.md"
    secret.chmod(0)
    prefix: tuple[str, ...] = ()
    if os.geteuid() == 0:  # root reads anything; without these two capabilities it cannot
        if shutil.which("setpriv") is None:
            pytest.skip("running as root, and setpriv (util-linux) is missing to drop root's right to read")
        prefix = ("setpriv", "--bounding-set=-dac_override,-dac_read_search")
    result = kiosk("import", str(source), "--yes", prefix=prefix)
    assert result.returncode == FAILED, result.stdout + result.stderr
    assert result.stderr.strip().endswith(
        "articles/article-01.md could not be read from new on "
        f"{tmp_path} (permission denied). Nothing was changed. Copy the pack onto the stick again, "
        "or try another stick."
    )
    assert kiosk.active() == installed


def test_a_pack_bigger_than_the_disk_fails_and_nothing_changes(kiosk: Kiosk, tmp_path: Path) -> None:
    with usb_stick(8) as small_disk:
        kiosk.data = small_disk / "data"
        assert kiosk("import", str(make_pack(tmp_path / "old", version="old")), "--yes").returncode == 0
        before = kiosk.active()
        source = make_pack(tmp_path / "big", version="2")
        (source / "media" / "film.bin").write_bytes(os.urandom(10 * 1024 * 1024))
        result = kiosk("import", str(source), "--yes")
        assert result.returncode == FAILED
        assert "There is not enough space on the kiosk's disk for this pack: it needs " in result.stderr
        assert "Nothing was changed." in result.stderr
        assert kiosk.active() == before
        assert not any((kiosk.data / "staging").iterdir())


def test_a_missing_source_is_refused_plainly(kiosk: Kiosk, tmp_path: Path) -> None:
    result = kiosk("import", str(tmp_path / "nothing-here"), "--yes")
    assert result.returncode == REFUSED
    assert "nothing-here" in result.stderr and "Traceback" not in result.stderr


# --- from a real (loop-mounted) stick ---------------------------------------------------------------


def test_import_from_a_mounted_stick_reviews_and_installs(
    kiosk: Kiosk, installed: dict[str, bytes], tmp_path: Path,
) -> None:
    with usb_stick(32) as stick:
        source = make_pack(stick / CONTENT_FOLDER, version="2", articles=4, image_side=64)
        # Three articles against the installed two: article 2 is new, articles 0 and 1 changed.
        (source / "articles" / "article-03.md").unlink()
        pack_yaml = source / "pack.yaml"
        pack_yaml.write_text(pack_yaml.read_text().replace("    - article-03\n", ""))
        expected = tree(source)
        result = kiosk("import", str(stick), "--yes")  # the stick itself: its kiosk-content is found
        assert result.returncode == INSTALLED, result.stdout + result.stderr
    assert f"Found {CONTENT_FOLDER} on {stick}." in result.stderr
    assert "Articles added (1):\n  - Article 2 of version 2" in result.stdout
    assert "Articles changed (2):" in result.stdout
    assert kiosk.active() == expected


def test_a_stick_with_two_packs_asks_which_one(kiosk: Kiosk, tmp_path: Path) -> None:
    with usb_stick(16) as stick:
        make_pack(stick / CONTENT_FOLDER)
        build_pack(make_pack(tmp_path / "other"), stick / "other.kioskpack")
        result = kiosk("import", str(stick), "--yes")
    assert result.returncode == REFUSED
    assert "holds 2 packs (kiosk-content, other.kioskpack)" in result.stderr
    assert kiosk.active() is None
