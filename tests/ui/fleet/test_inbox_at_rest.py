"""Unattended updates in the running kiosk: installed and shown only while it is at rest, never
under a visitor reading an article; the outbox written with each health report."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from prometheus_client.parser import text_string_to_metric_families

from kiosk.app import Kiosk
from kiosk.fleet.inbox_state import INSTALLED
from kiosk.settings.declared import Settings
from kiosk.system.health import HealthWriter
from tests.helpers.fleet import OfficeKey, office_key, pack_file, settle
from tests.helpers.touch import tap
from tests.ui.shell.test_idle_controller import DUAL, open_article_by_touch, wait


@pytest.fixture
def key(tmp_path: Path) -> OfficeKey:
    return office_key(tmp_path / "keys")


@pytest.fixture
def inbox(tmp_path: Path) -> Path:
    folder = tmp_path / "inbox"
    folder.mkdir()
    return folder


def fleet_kiosk(make_kiosk, inbox: Path, key: OfficeKey, **more) -> Kiosk:
    return make_kiosk(settings=Settings(fleet_inbox=str(inbox), trusted_keys=(key.text,), **more))


def look(kiosk: Kiosk, qtbot) -> None:
    """The inbox watcher's look (its timer's, or a folder event's), and the pass to its end."""
    assert kiosk.fleet is not None and kiosk.fleet.inbox is not None
    watcher = kiosk.fleet.inbox
    before = watcher.last
    watcher.poke()
    if watcher.busy:
        qtbot.waitUntil(lambda: watcher.last is not before and not watcher.busy, timeout=30000)


def test_a_pack_arriving_at_rest_is_installed_and_shown_from_home(make_kiosk, qtbot, inbox, key) -> None:
    kiosk = fleet_kiosk(make_kiosk, inbox, key)
    wait(kiosk, 91)  # nobody since the start: the kiosk rests
    settle(pack_file(inbox / "winter.kioskpack", key=key, version="2026.12.01", title="Winter pack"))
    look(kiosk, qtbot)
    assert kiosk.fleet.inbox.last.result == INSTALLED
    qtbot.waitUntil(lambda: kiosk.window.pack.title == "Winter pack")
    assert kiosk.window.current_screen == "home"
    assert kiosk.content_source == kiosk.updates.store.active_dir()


def test_a_pack_arriving_at_night_is_installed_while_the_screen_sleeps(make_kiosk, qtbot, inbox, key) -> None:
    kiosk = fleet_kiosk(make_kiosk, inbox, key, quiet_hours=("fri 13:00-23:00",))  # from 14:00 on
    wait(kiosk, 91)
    kiosk.screen_hours.tick()
    assert kiosk.screen_hours.asleep and kiosk.screen_hours.screen.isVisible()
    settle(pack_file(inbox / "winter.kioskpack", key=key, version="2026.12.01", title="Winter pack"))
    look(kiosk, qtbot)
    qtbot.waitUntil(lambda: kiosk.window.pack.title == "Winter pack")
    assert kiosk.screen_hours.asleep and kiosk.screen_hours.screen.isVisible()


def test_a_visitor_reading_an_article_is_never_interrupted_by_a_pack(make_kiosk, qtbot, inbox, key) -> None:
    kiosk = fleet_kiosk(make_kiosk, inbox, key)
    open_article_by_touch(kiosk, qtbot, DUAL)
    settle(pack_file(inbox / "winter.kioskpack", key=key, version="2026.12.01", title="Winter pack"))
    look(kiosk, qtbot)
    assert kiosk.fleet.inbox.pending and not kiosk.fleet.inbox.busy
    assert kiosk.updates.store.active_version() is None
    for _ in range(3):  # still reading, touching now and then
        wait(kiosk, 60)
        tap(kiosk.window.article_page.title)
        look(kiosk, qtbot)
    assert kiosk.window.current_screen == f"article/{DUAL}"
    assert kiosk.window.pack.title != "Winter pack"
    assert kiosk.updates.store.active_version() is None
    wait(kiosk, 600)  # the visitor leaves; the reset comes; then the pack
    qtbot.waitUntil(lambda: kiosk.window.pack.title == "Winter pack", timeout=30000)
    assert kiosk.window.current_screen == "home"


def test_the_staff_panel_open_keeps_the_pack_waiting(make_kiosk, qtbot, inbox, key) -> None:
    from tests.ui.staff.test_staff_mode import PIN_HASH, open_panel

    kiosk = fleet_kiosk(make_kiosk, inbox, key, pin_hash=PIN_HASH)
    wait(kiosk, 91)
    open_panel(kiosk, qtbot)
    settle(pack_file(inbox / "winter.kioskpack", key=key, version="2", title="Winter pack"))
    look(kiosk, qtbot)
    assert kiosk.fleet.inbox.pending
    assert kiosk.updates.store.active_version() is None
    assert not kiosk.fleet.rest()


def test_a_refused_pack_is_on_the_staff_panel_and_in_status(make_kiosk, qtbot, inbox, tmp_path) -> None:
    from kiosk.system.status_report import status_report
    from kiosk.ui.staff.fleet_section import FleetSection

    kiosk = make_kiosk(settings=Settings(fleet_inbox=str(inbox)))  # no trusted key at all
    wait(kiosk, 91)
    settle(pack_file(inbox / "winter.kioskpack", key=None, version="2"))
    look(kiosk, qtbot)
    assert kiosk.fleet.inbox.last.result == "refused"
    sections = kiosk.fleet.staff_sections(kiosk.window.theme, lambda: [])
    office = next(s for s in sections if isinstance(s, FleetSection))
    office.refresh()
    assert "trusted key" in office.problem.text() and "winter.kioskpack" in office.problem.text()
    report = status_report(kiosk.updates.store.data_dir, kiosk.settings.settings, None)
    assert report["inbox"]["problem"] and "trusted key" in report["inbox"]["problem"]
    assert [r["file"] for r in report["inbox"]["refused"]] == ["winter.kioskpack"]


def test_the_outbox_gets_health_json_and_kiosk_prom_with_each_health_report(
    make_kiosk, qtbot, tmp_path, key
) -> None:
    outbox = tmp_path / "outbox"
    kiosk = make_kiosk(settings=Settings(fleet_outbox=str(outbox), fleet_kiosk_id="lobby-2"))
    tap(kiosk.window.home_page.tiles[0])  # a visitor's touch
    writer = HealthWriter(kiosk.facts, printer_setting=lambda: "", data_dir=kiosk.updates.store.data_dir,
                          log_file=None)
    writer.report_hooks.append(kiosk.fleet.write_outbox)
    thread = writer.write_soon()
    assert thread is not None
    thread.join(60)
    folder = outbox / "lobby-2"
    health = json.loads((folder / "health.json").read_text())
    assert health["kiosk_id"] == "lobby-2" and health["written_at"]
    assert health["running_kiosk"]["pack"]["id"] == "raleigh-house"
    assert health["last_visitor_touch"] is not None
    status_keys = {"app_version", "data_dir", "active", "versions", "bundled", "printer", "disk",
                   "last_log_error", "running_kiosk", "inbox"}
    assert status_keys <= set(health)
    families = {f.name: f for f in text_string_to_metric_families((folder / "kiosk.prom").read_text())}
    assert families["kiosk_up"].samples[0].value == 1
    assert families["kiosk_content_pack_info"].samples[0].labels["id"] == "raleigh-house"
    assert families["kiosk_last_visitor_touch_timestamp_seconds"].samples[0].value > 0
    assert not [p for p in folder.iterdir() if p.name.startswith(".")]  # no temporary left
