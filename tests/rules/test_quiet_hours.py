"""Screen hours: which moments are quiet, and plain words for entries that cannot be read."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from kiosk.rules.quiet_hours import QuietHoursError, parse_quiet_hours, parse_rule
from kiosk.settings.file import load_settings

CLINIC = parse_quiet_hours(["mon-fri 20:00-07:00", "sat 13:00-08:00", "sun"])
# 2026-11-23 is a Monday.


@pytest.mark.parametrize(("moment", "quiet"), [
    (datetime(2026, 11, 23, 12, 0), False),  # Monday noon: open
    (datetime(2026, 11, 23, 19, 59), False),
    (datetime(2026, 11, 23, 20, 0), True),  # Monday evening
    (datetime(2026, 11, 24, 6, 59), True),  # Tuesday early morning, after Monday evening
    (datetime(2026, 11, 24, 7, 0), False),
    (datetime(2026, 11, 28, 6, 30), True),  # Saturday morning, after Friday evening
    (datetime(2026, 11, 28, 12, 0), False),  # Saturday noon
    (datetime(2026, 11, 28, 13, 0), True),
    (datetime(2026, 11, 29, 15, 0), True),  # Sunday, all day
    (datetime(2026, 11, 30, 0, 30), False),  # Sunday's whole day ends at midnight
])
def test_which_moments_are_quiet(moment: datetime, quiet: bool) -> None:
    assert CLINIC.is_quiet(moment) is quiet


def test_no_rules_means_always_on() -> None:
    assert not parse_quiet_hours([]).is_quiet(datetime(2026, 11, 29, 3, 0))


# Monday is 0. A span that passes Sunday wraps round the week: "fri-mon" is Friday, Saturday,
# Sunday and Monday, not Monday to Friday.
@pytest.mark.parametrize(("days", "expected"), [
    ("daily", {0, 1, 2, 3, 4, 5, 6}),
    ("mon-sun", {0, 1, 2, 3, 4, 5, 6}),
    ("fri-mon", {4, 5, 6, 0}),
    ("mon-fri", {0, 1, 2, 3, 4}),
    ("sat,sun", {5, 6}),
    ("sun-tue", {6, 0, 1}),
    ("wed", {2}),
])
def test_day_spans(days: str, expected: set[int]) -> None:
    assert set(parse_rule(f"{days} 01:00-02:00").days) == expected


@pytest.mark.parametrize("entry", ["", "weekdays", "mon 8-17", "mon 25:00-07:00", "mon 07:00-07:00",
                                   "mon 20:00-07:00 extra", "funday"])
def test_an_entry_that_cannot_be_read_says_how_to_write_one(entry: str) -> None:
    with pytest.raises(QuietHoursError, match=r"mon-fri 20:00-07:00|whole day"):
        parse_rule(entry)


def test_a_bad_entry_in_the_settings_file_is_reported_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text('[screen]\nquiet_hours = ["mon-fri 20:00-07:00", "weekends"]\n', encoding="utf-8")
    result = load_settings(path)
    assert result.settings.quiet_hours == ()
    problem = str(result.problems[0])
    assert problem.startswith(f"{path}:2: screen.quiet_hours: ") and '"weekends"' in problem
