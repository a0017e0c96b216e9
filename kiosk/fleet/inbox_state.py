"""What the inbox passes found, kept in the data folder (`inbox.json`) so that a pack refused
once is not tried again until its file changes, even after a restart, and so that `kiosk
status`, the staff panel and the outbox can say what happened last.

    seen          fingerprint (name|size|mtime) -> what became of that file: refused, already
                  installed, incomplete; files no longer in the inbox are forgotten
    last_pass     the latest pass: when, its result and a sentence
    last_update   the latest pass that installed, refused or failed a pack
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from kiosk.disk.atomic_file import atomic_write_text

log = logging.getLogger(__name__)
STATE_FILE_NAME = "inbox.json"

# The results of a pass (and of `kiosk inbox check`'s exit status: see kiosk/cli/inbox.py).
INSTALLED = "installed"
NOTHING = "nothing to do"
WAITING = "waiting"  # a pack is still arriving (or settling): tried again later
REFUSED = "refused"
FAILED = "failed"
UNAVAILABLE = "inbox unavailable"  # the folder is missing or unreadable (a vanished mount)
OFF = "off"
UPDATE_RESULTS = (INSTALLED, REFUSED, FAILED)
# What became of one file (`seen`), besides REFUSED.
INCOMPLETE_RESULT = "incomplete"
ALREADY_RESULT = "already"


def now_text() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass
class InboxState:
    path: Path | None = None
    seen: dict[str, dict[str, str]] = field(default_factory=dict)
    last_pass: dict[str, str] = field(default_factory=dict)
    last_update: dict[str, str] = field(default_factory=dict)
    _saved: str = ""

    def as_json(self) -> dict[str, Any]:
        return {"seen": self.seen, "last_pass": self.last_pass, "last_update": self.last_update}

    def save(self) -> None:
        """Write the state when it changed; a read-only data folder is logged, never fatal."""
        if self.path is None:
            return
        text = json.dumps(self.as_json(), indent=2, sort_keys=True) + "\n"
        if text == self._saved:
            return
        try:
            atomic_write_text(self.path, text)
        except OSError as error:
            log.warning("could not write the inbox state %s: %s", self.path, error)
            return
        self._saved = text


def state_path(data_dir: Path) -> Path:
    return data_dir / STATE_FILE_NAME


def read_state(data_dir: Path) -> InboxState:
    """The saved state, or an empty one when there is none (or it cannot be read)."""
    path = state_path(data_dir)
    state = InboxState(path)
    try:
        text = path.read_text(encoding="utf-8")
        data = json.loads(text)
    except FileNotFoundError:
        return state
    except (OSError, ValueError) as error:
        log.warning("the inbox state %s cannot be read (%s); starting afresh", path, error)
        return state
    if isinstance(data, dict):
        state.seen = _string_table(data.get("seen"))
        state.last_pass = _strings(data.get("last_pass"))
        state.last_update = _strings(data.get("last_update"))
        state._saved = text
    return state


def _strings(value: object) -> dict[str, str]:
    if not isinstance(value, dict):
        return {}
    return {str(k): str(v) for k, v in value.items() if isinstance(v, str | int | float)}


def _string_table(value: object) -> dict[str, dict[str, str]]:
    if not isinstance(value, dict):
        return {}
    return {str(k): _strings(v) for k, v in value.items() if isinstance(v, dict)}
