"""The machine's own settings (timeouts, staff PIN, screen, printing), each declared once.

Each setting is a field of `Settings` with its TOML key, description and range or choices;
loading, saving, checking and the staff panel's list all come from those declarations.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import Any, TypeVar

import platformdirs

from kiosk.content.problems import Problem
from kiosk.rules.quiet_hours import quiet_hours_problem

_T = TypeVar("_T")
_META = "kiosk.setting"


@dataclass(frozen=True)
class _Declared:
    key: str
    description: str
    minimum: float | None
    maximum: float | None
    unit: str
    choices: tuple[str, ...]
    validator: Callable[[object], str | None] | None


def setting(
    default: _T,
    *,
    key: str,
    description: str,
    minimum: float | None = None,
    maximum: float | None = None,
    unit: str = "",
    choices: tuple[str, ...] = (),
    validator: Callable[[object], str | None] | None = None,
) -> _T:
    """Declare one setting: its dotted TOML key, what it does, its allowed range or choices."""
    declared = _Declared(key, description, minimum, maximum, unit, choices, validator)
    return field(default=default, metadata={_META: declared})


@dataclass(frozen=True)
class Settings:
    """Every machine setting. To add one, add a field here; nothing else needs to change."""

    idle_seconds: int = setting(
        90, key="idle.timeout_seconds", minimum=15, maximum=3600, unit="seconds",
        description="Seconds without a touch before the 'Still reading?' question appears.",
    )
    countdown_seconds: int = setting(
        15, key="idle.countdown_seconds", minimum=5, maximum=120, unit="seconds",
        description="Seconds the 'Still reading?' question counts down before the kiosk starts over.",
    )
    attract_seconds: int = setting(
        300, key="idle.attract_seconds", minimum=30, maximum=86400, unit="seconds",
        description="Further seconds without a touch on the home screen before the attract screen.",
    )
    reading_words_per_minute: int = setting(
        200, key="idle.reading_words_per_minute", minimum=50, maximum=1000, unit="words per minute",
        description="Reading speed of a slow reader; long articles get at least this long to read.",
    )
    staff_timeout_seconds: int = setting(
        120, key="staff.timeout_seconds", minimum=30, maximum=3600, unit="seconds",
        description="Seconds without a touch before the staff panel closes itself.",
    )
    pin_hash: str = setting(
        "", key="staff.pin_hash",
        description="The staff PIN, scrambled so it cannot be read back; empty until a PIN is set.",
    )
    show_cursor: bool = setting(
        False, key="screen.show_cursor",
        description="Show the mouse pointer (for setting up with a mouse; touch screens hide it).",
    )
    reduce_motion: bool = setting(
        False, key="screen.reduce_motion",
        description="No sliding or fading (carousel, attract screen), for people bothered by motion.",
    )
    quiet_hours: tuple[str, ...] = setting(
        (), key="screen.quiet_hours", validator=quiet_hours_problem,
        description=(
            'When the screen sleeps, e.g. ["mon-fri 20:00-07:00", "sun"]; a touch wakes it. '
            "Empty: always on."
        ),
    )
    trusted_keys: tuple[str, ...] = setting(
        (), key="content.trusted_keys",
        description=(
            "Public keys (from `kiosk pack keygen`) whose signed packs staff may install; "
            "empty means any pack, signed or not, may be installed."
        ),
    )
    printer: str = setting(
        "", key="printing.printer",
        description="The print queue for handouts; empty means the system's default printer.",
    )
    paper: str = setting(
        "letter", key="printing.paper", choices=("letter", "a4"),
        description="The handout's paper size: letter or a4.",
    )
    handouts_per_visitor: int = setting(
        3, key="printing.per_visitor", minimum=0, maximum=20, unit="handouts",
        description="Handouts one visitor may print before the screen starts over; 0 turns printing off.",
    )
    handouts_per_hour: int = setting(
        30, key="printing.per_hour", minimum=0, maximum=500, unit="handouts",
        description="Handouts the kiosk prints in any hour, for all visitors together.",
    )
    # Many kiosks, one office (docs/fleet.md): a folder a sync tool fills, a folder it sends back.
    fleet_inbox: str = setting(
        "", key="fleet.inbox",
        description="A folder a sync tool fills with signed .kioskpack files to install unattended; "
        "empty: off.",
    )
    fleet_outbox: str = setting(
        "", key="fleet.outbox",
        description="A folder where the kiosk writes health.json, kiosk.prom and daily usage counts "
        "(in a folder named for the kiosk); empty: off.",
    )
    fleet_kiosk_id: str = setting(
        "", key="fleet.kiosk_id",
        description="This kiosk's name in the outbox and in usage counts; empty: the host name.",
    )
    fleet_settle_seconds: int = setting(
        30, key="fleet.settle_seconds", minimum=5, maximum=3600, unit="seconds",
        description="A pack in the inbox is taken only once it has not changed for this long.",
    )
    usage_counting: bool = setting(
        True, key="usage.counting",
        description="Count which articles are read and printed, as hourly totals with nothing "
        "about any visitor.",
    )

    def replace(self, **changes: Any) -> Settings:
        """A copy with some settings changed (not checked: use `validate_value` first)."""
        return dataclasses.replace(self, **changes)


@dataclass(frozen=True)
class SettingSpec:
    """One setting as the staff panel lists it."""

    attribute: str
    key: str
    type: type
    default: object
    minimum: float | None
    maximum: float | None
    description: str
    unit: str = ""
    choices: tuple[str, ...] = ()
    validator: Callable[[object], str | None] | None = None

    @property
    def parts(self) -> tuple[str, ...]:
        return tuple(self.key.split("."))


@dataclass
class SettingsResult:
    settings: Settings
    problems: list[Problem]
    path: Path
    # The file is there but could not be read as a whole (empty, not text, not TOML): what it
    # said, the staff PIN included, is unknown, so no one may choose a new PIN in its place.
    damaged: bool = False


def _build_specs() -> tuple[SettingSpec, ...]:
    specs = []
    for item in dataclasses.fields(Settings):
        declared = item.metadata[_META]
        specs.append(SettingSpec(
            attribute=item.name, key=declared.key, type=type(item.default), default=item.default,
            minimum=declared.minimum, maximum=declared.maximum,
            description=declared.description, unit=declared.unit, choices=declared.choices,
            validator=declared.validator,
        ))
    return tuple(specs)


SPECS = _build_specs()
_BY_ATTRIBUTE = {spec.attribute: spec for spec in SPECS}
_BY_PARTS = {spec.parts: spec for spec in SPECS}
# Every table that holds settings ("idle", "staff", ...), so only unknown ones are reported.
_SECTIONS = {spec.parts[:depth] for spec in SPECS for depth in range(1, len(spec.parts))}


def describe_settings() -> list[SettingSpec]:
    """Every setting in declaration order, with its key, type, default, range and description."""
    return list(SPECS)


def default_settings_path() -> Path:
    return platformdirs.user_config_path("kiosk", appauthor=False) / "settings.toml"

_KIND = {
    bool: "true or false", int: "a whole number", float: "a number", str: "text in double quotes",
    tuple: 'a list of texts in double quotes, like ["first", "second"]',
}


def validate_value(attribute: str, value: object) -> str | None:
    """Why `value` cannot be used for the setting `attribute`, as a sentence; None if it can."""
    spec = _BY_ATTRIBUTE.get(attribute)
    if spec is None:
        raise KeyError(f"there is no setting called {attribute!r}")
    return check_value(spec, value)


def check_value(spec: SettingSpec, value: object) -> str | None:
    if not _has_type(spec.type, value):
        hint = " (write it without quotes)" if _quoted_by_mistake(spec.type, value) else ""
        return f"{spec.key} must be {_KIND.get(spec.type, spec.type.__name__)}, not {_show(value)}{hint}"
    if spec.validator is not None:
        problem = spec.validator(value)
        if problem is not None:
            return f"{spec.key}: {problem}"
    if spec.choices and value not in spec.choices:
        allowed = " or ".join(f'"{c}"' for c in spec.choices)
        return f"{spec.key} is {_show(value)}, but it must be {allowed}"
    return _check_range(spec, value)


def _has_type(expected: type, value: object) -> bool:
    if expected is bool or isinstance(value, bool):  # in Python, True is also the number 1
        return type(value) is expected
    if expected is float:  # a whole number is a fine number
        return isinstance(value, int | float)
    if expected is tuple:  # a TOML list of texts
        return isinstance(value, list | tuple) and all(isinstance(item, str) for item in value)
    return isinstance(value, expected)


def _quoted_by_mistake(expected: type, value: object) -> bool:
    if not isinstance(value, str) or expected is str:
        return False
    text = value.strip().lower()
    if expected is bool:
        return text in ("true", "false")
    return re.fullmatch(r"[+-]?[0-9]+(\.[0-9]+)?", text) is not None


def _check_range(spec: SettingSpec, value: object) -> str | None:
    if not isinstance(value, int | float) or isinstance(value, bool):
        return None
    low, high = spec.minimum, spec.maximum
    if (low is None or value >= low) and (high is None or value <= high):
        return None
    unit = f" {spec.unit}" if spec.unit else ""
    if low is not None and high is not None:
        allowed = f"between {_number(low)} and {_number(high)}{unit}"
    elif low is not None:
        allowed = f"at least {_number(low)}{unit}"
    else:
        allowed = f"at most {_number(high)}{unit}"
    return f"{spec.key} is {_show(value)}, but it must be {allowed}"


def _number(value: float | None) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def _show(value: object) -> str:
    """A value as it looks in the TOML file, so staff recognise what they typed."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f'"{shown}"'
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, dict):
        return "a section of settings"
    if isinstance(value, list):
        return "a list"
    return str(value)


def _show_default(value: object) -> str:
    return '"" (empty)' if value == "" else _show(value)
