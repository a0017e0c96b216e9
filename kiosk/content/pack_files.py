"""Reading a pack's files as untrusted input: only inside the pack, only regular files (never a
pipe or a device), within a size limit, and only as UTF-8 text; each refusal a problem at its file.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from kiosk.content.pack_paths import is_inside
from kiosk.content.problems import ProblemList
from kiosk.content.yaml_source import YamlDocument, YamlSyntaxError, parse_yaml

MAX_MARKDOWN_BYTES = 1024 * 1024

def read_text(root: Path, relative: str, problems: ProblemList, limit: int) -> str | None:
    path = root / relative
    if not is_inside(root, path):
        problems.error(
            relative, 1, "this file is a link that leads outside the pack (or loops); "
            "copy the file in",
        )
        return None
    try:
        raw = read_regular_file(path, limit)
    except FileNotFoundError:
        problems.error(relative, 1, f"the file is missing; every pack needs {relative}")
        return None
    except _NotRegularFileError:
        problems.error(
            relative, 1, "this is not a plain file (it is a folder, a pipe or a device); "
            "replace it with a text file",
        )
        return None
    except OSError as exc:
        problems.error(relative, 1, f"the file cannot be read ({exc.strerror}); copy it again")
        return None
    if len(raw) > limit:
        problems.error(
            relative, 1, f"the file is {len(raw) / 1024:.0f} KB; split it, it must stay under "
            f"{limit // 1024} KB",
        )
        return None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        problems.error(
            relative, line, "the text is not valid UTF-8; save the file with UTF-8 encoding"
        )
        return None


class _NotRegularFileError(OSError):
    """A folder, pipe, socket or device where a text file should be."""


def read_regular_file(path: Path, limit: int) -> bytes:
    """At most `limit` + 1 bytes of `path`, refusing anything but a regular file.

    Opened without blocking and checked before reading: a named pipe would wait for a writer
    for ever, a device such as /dev/zero never ends, and a huge file must not fill the memory.
    """
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    try:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            raise _NotRegularFileError(path)
        with os.fdopen(descriptor, "rb", closefd=False) as stream:
            return stream.read(limit + 1)
    finally:
        os.close(descriptor)


def read_yaml_file(root: Path, relative: str, problems: ProblemList) -> YamlDocument | None:
    text = read_text(root, relative, problems, MAX_MARKDOWN_BYTES)
    if text is None:
        return None
    try:
        doc = parse_yaml(text)
    except YamlSyntaxError as exc:
        problems.error(relative, exc.line, exc.message)
        return None
    if not isinstance(doc.data, dict):
        problems.error(relative, 1, "the file must hold fields such as 'id:' and 'title:'")
        return None
    return doc
