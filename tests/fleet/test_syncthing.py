"""Two real Syncthing instances on this machine (an office and a kiosk, over 127.0.0.1 only): a
signed pack dropped in the office's send-only folder arrives in the kiosk's receive-only inbox
and is installed by the kiosk's inbox pass, and the kiosk's health.json in its send-only outbox
arrives back in the office. Skips, saying why, where Syncthing is not installed."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from kiosk.fleet.inbox_state import INSTALLED, read_state
from kiosk.fleet.intake import Intake, PassResult
from kiosk.packs.store import PackStore
from kiosk.settings.declared import Settings
from kiosk.system.outbox_writer import OutboxWriter
from tests.helpers.fleet import office_key, pack_file, settle
from tests.helpers.syncthing import Syncthing, why_no_syncthing

ARRIVAL_TIMEOUT_S = 240.0  # a sync on a loaded two-core machine can take tens of seconds


def wait_for(what: str, check: Callable[[], bool], office: Syncthing, kiosk: Syncthing) -> None:
    deadline = time.monotonic() + ARRIVAL_TIMEOUT_S
    while time.monotonic() < deadline:
        if check():
            return
        for instance in (office, kiosk):
            if instance.process is not None and instance.process.poll() is not None:
                pytest.fail(f"Syncthing {instance.name} stopped:\n{instance.tail()}")
        time.sleep(0.5)
    pytest.fail(f"{what} did not happen within {ARRIVAL_TIMEOUT_S:.0f} s.\n"
                f"office log:\n{office.tail()}\nkiosk log:\n{kiosk.tail()}")


@pytest.fixture
def synced(tmp_path: Path) -> Iterator[tuple[Syncthing, Syncthing, Path]]:
    reason = why_no_syncthing()
    if reason is not None:
        pytest.skip(reason)
    office = Syncthing("office", tmp_path / "office-home")
    kiosk = Syncthing("kiosk", tmp_path / "kiosk-home")
    for instance in (office, kiosk):
        instance.generate()
    sites = tmp_path / "sites"
    office.configure(kiosk, {
        "kiosk-packs": (sites / "office" / "packs", "sendonly"),
        "kiosk-reports": (sites / "office" / "reports", "receiveonly"),
    })
    kiosk.configure(office, {
        "kiosk-packs": (sites / "kiosk" / "inbox", "receiveonly"),
        "kiosk-reports": (sites / "kiosk" / "outbox", "sendonly"),
    })
    try:
        office.start()
        kiosk.start()
        yield office, kiosk, sites
    finally:
        office.stop()
        kiosk.stop()
        (tmp_path / "last-logs").mkdir(exist_ok=True)
        for instance in (office, kiosk):
            if instance.log.exists():
                instance.log.replace(tmp_path / "last-logs" / f"{instance.name}.log")


def test_a_pack_travels_office_to_kiosk_and_health_comes_back(synced, tmp_path) -> None:
    office, kiosk, sites = synced
    key = office_key(tmp_path / "keys")
    store = PackStore(tmp_path / "kiosk-data")
    intake = Intake(sites / "kiosk" / "inbox", store, [key.text], state=read_state(store.data_dir),
                    settle_seconds=30)
    # The office builds and signs the pack elsewhere, then moves it into the synced folder.
    built = settle(pack_file(tmp_path / "built" / "winter.kioskpack", key=key, version="2026.12.01",
                             title="Winter pack"), 120)
    built.rename(sites / "office" / "packs" / "winter.kioskpack")
    arrived = sites / "kiosk" / "inbox" / "winter.kioskpack"
    wait_for("the pack arriving in the kiosk's inbox", arrived.exists, office, kiosk)
    results: list[PassResult] = []

    def installed() -> bool:
        results.append(intake.run_pass())
        return results[-1].result == INSTALLED

    wait_for("the pack being installed from the inbox", installed, office, kiosk)
    active = store.active_version()
    assert active is not None and (active.title, active.version) == ("Winter pack", "2026.12.01")
    assert active.signed
    # The kiosk reports back: its outbox folder is sent to the office.
    settings = Settings(fleet_outbox=str(sites / "kiosk" / "outbox"), fleet_kiosk_id="lobby-2",
                        trusted_keys=(key.text,), fleet_inbox=str(sites / "kiosk" / "inbox"))
    writer = OutboxWriter(settings=lambda: settings, data_dir=store.data_dir, log_file=None,
                          usage_file=None, last_touch=lambda: None)
    writer.write({"uptime_seconds": 5, "pack": {"id": active.pack_id, "version": active.version},
                  "printer": {"ready": True, "name": "lp"}, "disk": {"free_bytes": 1, "total_bytes": 2},
                  "last_log_error": None})
    report = sites / "office" / "reports" / "lobby-2" / "health.json"
    wait_for("the kiosk's health.json arriving in the office", report.exists, office, kiosk)
    health = json.loads(report.read_text())
    assert health["active"]["version"] == "2026.12.01"
    assert health["inbox"]["last_update"]["result"] == INSTALLED
    metrics = sites / "office" / "reports" / "lobby-2" / "kiosk.prom"
    wait_for("kiosk.prom arriving in the office", metrics.exists, office, kiosk)
    info = 'kiosk_content_pack_info{kiosk="lobby-2",id="test-pack",version="2026.12.01"} 1'
    assert info in metrics.read_text()
    # Nothing in either log speaks of discovery servers, relays or port mapping being used.
    for instance in (office, kiosk):
        log = instance.log.read_text(errors="replace").lower()
        assert "relay" not in log and "global discovery" not in log and "upnp" not in log, instance.tail()
