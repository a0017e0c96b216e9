"""The words staff read when the kiosk cannot write to its own disk during an import."""

from __future__ import annotations

import errno
from pathlib import Path

from kiosk.packs.outcomes import write_failure
from tests.helpers.packs import assert_plain_sentence


def failure(code: int, what: str, *, copying: bool = False) -> str:
    return write_failure(Path("/var/lib/kiosk"), what, OSError(code, "x"), copying=copying).message


def test_a_full_disk_is_said_plainly_whatever_step_failed() -> None:
    for step in ("the active-pack pointer", "the new version", "the staging folder", "the copied files"):
        message = failure(errno.ENOSPC, step)
        assert message == "The kiosk's disk is full. Nothing was changed. Free some space or ask IT."
    copying = failure(errno.ENOSPC, "media/film.bin", copying=True)
    assert copying.startswith("The kiosk's disk is full, so media/film.bin could not be copied.")
    assert_plain_sentence(copying)


def test_other_failures_keep_the_kiosks_own_names_out() -> None:
    message = failure(errno.EIO, "the active-pack pointer")
    assert "pointer" not in message and message.startswith("The kiosk could not write to its disk")
    assert "Nothing was changed." in message
    assert_plain_sentence(message)
    assert failure(errno.EIO, "articles/a.md", copying=True).startswith("articles/a.md could not be written")
    assert "may not write" in failure(errno.EACCES, "the staging folder")
