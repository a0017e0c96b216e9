"""kiosk.prom: Prometheus' text format, proved with prometheus-client's own parser."""

from __future__ import annotations

from pathlib import Path

from prometheus_client.parser import text_string_to_metric_families

from kiosk.fleet.metrics import metrics_text
from kiosk.fleet.outbox import HEALTH_NAME, METRICS_NAME, kiosk_folder, kiosk_id, write_health_files

REPORT = {
    "written_at": "2026-12-03T14:05:00+00:00",
    "kiosk_id": "lobby-2",
    "app_version": "0.1.0",
    "active": {
        "pack_id": "raleigh-house", "version": "2026.12.01", "installed_at": "2026-12-02T06:30:00+00:00",
    },
    "printer": {"ready": False, "name": "Front \"desk\"\\1", "reason": "out of paper"},
    "disk": {"free_bytes": 12_000_000_000, "total_bytes": 64_000_000_000},
    "last_log_error": "2026-12-03 13:00:00,000 ERROR kiosk: boom",
    "last_error_at": "2026-12-03T13:00:00+00:00",
    "running_kiosk": {
        "uptime_seconds": 7200, "handouts_since_start": 12, "idle_resets_since_start": 40,
        "screen_asleep": False,
        "pack": {"id": "raleigh-house", "title": "We're here", "version": "2026.12.01", "folder": "/x"},
    },
    "inbox": {
        "folder": "/srv/kiosk/inbox", "problem": None,
        "last_pass": {"result": "nothing to do", "message": "Nothing new in the inbox."},
        "last_update": {
            "result": "refused", "message": "spring.kioskpack ...", "at": "2026-12-03T12:00:00+00:00",
        },
        "refused": [{"file": "spring.kioskpack", "message": "not signed", "at": ""}], "incomplete": [],
    },
    "last_visitor_touch": "2026-12-03T14:04:30+00:00",
}


def samples() -> dict[tuple[str, frozenset], float]:
    found = {}
    for family in text_string_to_metric_families(metrics_text(REPORT)):
        assert family.name.startswith("kiosk_")
        assert family.documentation, family.name
        assert family.type in ("gauge", "counter")
        for sample in family.samples:
            assert sample.labels["kiosk"] == "lobby-2"
            labels = frozenset((k, v) for k, v in sample.labels.items() if k != "kiosk")
            found[(sample.name, labels)] = sample.value
    return found


def test_every_metric_parses_with_help_type_and_the_kiosk_label() -> None:
    text = metrics_text(REPORT)
    names = {line.split()[2] for line in text.splitlines() if line.startswith("# TYPE")}
    helps = {line.split()[2] for line in text.splitlines() if line.startswith("# HELP")}
    assert names == helps
    assert len(samples()) >= 18


def test_the_facts_the_issue_asks_for_are_there() -> None:
    found = samples()
    assert found[("kiosk_up", frozenset())] == 1
    assert found[("kiosk_uptime_seconds", frozenset())] == 7200
    pack = frozenset({("id", "raleigh-house"), ("version", "2026.12.01")})
    assert found[("kiosk_content_pack_info", pack)] == 1
    assert found[("kiosk_content_update_timestamp_seconds", frozenset())] == 1796193000
    assert found[("kiosk_inbox_last_update_result", frozenset({("result", "refused")}))] == 1
    assert found[("kiosk_inbox_last_update_result", frozenset({("result", "installed")}))] == 0
    assert found[("kiosk_inbox_refused_files", frozenset())] == 1
    assert found[("kiosk_printer_ready", frozenset({("printer", 'Front "desk"\\1')}))] == 0
    assert found[("kiosk_handouts_printed_total", frozenset())] == 12  # a counter's sample: _total
    assert found[("kiosk_disk_free_bytes", frozenset())] == 12_000_000_000
    assert found[("kiosk_last_visitor_touch_timestamp_seconds", frozenset())] == 1796306670
    assert found[("kiosk_last_error_timestamp_seconds", frozenset())] == 1796302800
    assert found[("kiosk_outbox_written_timestamp_seconds", frozenset())] == 1796306700


def test_a_kiosk_not_running_and_nothing_known_still_parses() -> None:
    text = metrics_text({"kiosk_id": "x"})
    families = {f.name: f for f in text_string_to_metric_families(text)}
    assert families["kiosk_up"].samples[0].value == 0
    assert families["kiosk_last_visitor_touch_timestamp_seconds"].samples[0].value == 0


def test_the_outbox_folder_gets_both_files_whole(tmp_path: Path) -> None:
    folder = kiosk_folder(tmp_path / "outbox", kiosk_id("Lobby 2/east"))
    assert folder.name == "Lobby-2-east"
    write_health_files(folder, REPORT)
    assert sorted(p.name for p in folder.iterdir()) == [HEALTH_NAME, METRICS_NAME]
    assert list(text_string_to_metric_families((folder / METRICS_NAME).read_text()))


def test_the_kiosk_id_defaults_to_the_host_name() -> None:
    import platform

    assert kiosk_id("") == kiosk_id(platform.node())
    assert kiosk_id("  ") != ""
