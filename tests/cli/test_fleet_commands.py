"""`kiosk inbox check`, `kiosk usage show|export|report` and the inbox in `kiosk status`, run as
real subprocesses the way IT runs them."""

from __future__ import annotations

import csv
import json
import re
import subprocess
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from kiosk.usage.counter import UsageCounter, usage_path
from tests.cli.test_install_commands import Kiosk
from tests.helpers.fleet import office_key, pack_file, settle

INSTALLED_OR_NOTHING, REFUSED, FAILED = 0, 1, 2


@pytest.fixture
def kiosk(tmp_path: Path) -> Kiosk:
    return Kiosk(tmp_path / "kiosk")


def configure(kiosk: Kiosk, text: str) -> None:
    kiosk.config.parent.mkdir(parents=True, exist_ok=True)
    kiosk.config.write_text(text)


def test_inbox_check_installs_then_has_nothing_to_do(kiosk, tmp_path) -> None:
    key = office_key(tmp_path / "keys")
    inbox = tmp_path / "inbox"
    settle(pack_file(inbox / "winter.kioskpack", key=key, version="2026.12.01", title="Winter pack"))
    configure(kiosk, f'[content]\ntrusted_keys = ["{key.text}"]\n[fleet]\ninbox = "{inbox}"\n')
    done = kiosk("inbox", "check", "--config", str(kiosk.config))
    assert done.returncode == INSTALLED_OR_NOTHING, done.stderr
    assert "Installed Winter pack, version 2026.12.01" in done.stdout
    again = kiosk("inbox", "check", "--config", str(kiosk.config))
    assert again.returncode == INSTALLED_OR_NOTHING and "already have 2026.12.01" in again.stderr
    status = json.loads(kiosk("status", "--json", "--config", str(kiosk.config)).stdout)
    assert status["active"]["version"] == "2026.12.01"
    assert status["inbox"]["last_update"]["result"] == "installed"


def test_inbox_check_refuses_an_unsigned_pack_with_exit_1_and_status_says_why(kiosk, tmp_path) -> None:
    key = office_key(tmp_path / "keys")
    inbox = tmp_path / "inbox"
    settle(pack_file(inbox / "winter.kioskpack", key=None))
    configure(kiosk, f'[content]\ntrusted_keys = ["{key.text}"]\n')
    done = kiosk("inbox", "check", "--inbox", str(inbox), "--config", str(kiosk.config))
    assert done.returncode == REFUSED and "not signed" in done.stderr
    text = kiosk("status", "--config", str(kiosk.config)).stdout
    assert "Inbox:" not in text  # the inbox is not in the settings: status does not watch one
    configure(kiosk, f'[content]\ntrusted_keys = ["{key.text}"]\n[fleet]\ninbox = "{inbox}"\n')
    text = kiosk("status", "--config", str(kiosk.config)).stdout
    assert "Inbox:" in text and "winter.kioskpack in the inbox was not installed" in text
    assert "not signed" in text


def test_inbox_check_without_an_inbox_or_with_a_missing_one_fails_with_2(kiosk, tmp_path) -> None:
    done = kiosk("inbox", "check", "--config", str(tmp_path / "none.toml"))
    assert done.returncode == FAILED and "No inbox is set" in done.stderr
    none = str(tmp_path / "none.toml")
    gone = kiosk("inbox", "check", "--inbox", str(tmp_path / "unmounted"), "--config", none)
    assert gone.returncode == FAILED and "cannot be read" in gone.stderr


def test_status_says_every_inbox_pack_is_refused_without_trusted_keys(kiosk, tmp_path) -> None:
    configure(kiosk, f'[fleet]\ninbox = "{tmp_path / "inbox"}"\n')
    status = json.loads(kiosk("status", "--json", "--config", str(kiosk.config)).stdout)
    assert "Every pack in the inbox is refused" in status["inbox"]["problem"]


def counted_days(kiosk: Kiosk) -> None:
    moment = [datetime.combine(date.today() - timedelta(days=2), datetime.min.time()).replace(hour=9)]
    counter = UsageCounter(usage_path(kiosk.data), local_time=lambda: moment[0])
    counter.pack_id = "raleigh-house"
    for _day in range(3):
        for slug in ("dual-diagnosis-heroin-depression", "what-is-synthetic-fentanyl"):
            counter.count("visit")
            counter.count("article_opened", article=slug)
        counter.count("article_read", article="dual-diagnosis-heroin-depression")
        counter.count("handout_printed", article="what-is-synthetic-fentanyl")
        moment[0] += timedelta(days=1)
    counter.close()


def test_usage_show_export_and_report(kiosk, tmp_path) -> None:
    counted_days(kiosk)
    shown = kiosk("usage", "show")
    assert shown.returncode == 0, shown.stderr
    assert "Understanding a dual diagnosis" in shown.stdout and "visit" in shown.stdout
    since = (date.today() - timedelta(days=1)).isoformat()
    out = tmp_path / "out" / "usage.csv"
    exported = kiosk("usage", "export", "--csv", str(out), "--since", since)
    assert exported.returncode == 0, exported.stderr
    with out.open(newline="", encoding="utf-8") as stream:
        table = list(csv.DictReader(stream))
    assert list(table[0]) == ["hour", "kiosk_id", "pack_id", "article", "measure", "count"]
    assert {r["hour"][:10] for r in table} == {since, date.today().isoformat()}
    assert sum(int(r["count"]) for r in table if r["measure"] == "visit") == 4
    pdf = tmp_path / "report.pdf"
    reported = kiosk("usage", "report", "--out", str(pdf))
    assert reported.returncode == 0, reported.stderr
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "Most-read articles" in text and "Understanding a dual diagnosis" in text
    assert "Visits per day" in text and "6 visits" in text
    pages = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^Pages:\s+1$", pages, re.MULTILINE)


def test_usage_with_nothing_counted_says_so(kiosk) -> None:
    shown = kiosk("usage", "show")
    assert shown.returncode == 0 and "No usage counted" in shown.stdout
