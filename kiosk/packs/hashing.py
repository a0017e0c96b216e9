"""SHA-256 of a pack's files on a second thread while they are copied, compared with the manifest.

Hashing a chunk costs about as much as writing it, and both let go of Python's interpreter lock,
so the copy hands each chunk it has read to this thread and writes it meanwhile: every file is
read once, and on two cores the hash adds little to the copy. The chunks live in a few buffers
that go round (`Buffers`): read into by the copy, hashed here, then free again, so a slow hash
slows the copy rather than filling memory, and no chunk is allocated anew. No Qt here.
"""

from __future__ import annotations

import hashlib
import queue
import threading
from collections.abc import Mapping
from typing import Any

_DONE = object()  # a file's last chunk was handed over: compare its digest


class Buffers:
    """`count` buffers of `size` bytes that go round between the copy and the hasher."""

    def __init__(self, size: int, count: int) -> None:
        self._free: queue.SimpleQueue[bytearray] = queue.SimpleQueue()
        for _ in range(count):
            self._free.put(bytearray(size))

    def take(self) -> bytearray:
        """A free buffer; waits while every one is still being hashed."""
        return self._free.get()

    def give_back(self, buffer: bytearray) -> None:
        self._free.put(buffer)


class BackgroundHasher:
    """Hashes each file handed over chunk by chunk and keeps the first that differs from `expected`
    (pack path -> lower-case hex SHA-256). Close it (also after an error) to end the thread."""

    def __init__(self, expected: Mapping[str, str], buffers: Buffers) -> None:
        self._expected = expected
        self._buffers = buffers
        self._jobs: queue.SimpleQueue[tuple[str, Any, int] | None] = queue.SimpleQueue()
        self._digests: dict[str, Any] = {}  # touched by the thread only
        self._mismatch: str | None = None
        self._stopping = False
        self._thread = threading.Thread(target=self._run, name="import-hash", daemon=True)
        self._thread.start()

    def update(self, path: str, buffer: bytearray, length: int) -> None:
        """Hash the first `length` bytes of `buffer` as the next part of `path`; the buffer goes
        back to the pool once hashed (the copy must have written it by the time it takes it again)."""
        self._jobs.put((path, buffer, length))

    def finish(self, path: str) -> None:
        """Every chunk of `path` was handed over: its digest is compared once they are hashed."""
        self._jobs.put((path, _DONE, 0))

    @property
    def first_mismatch(self) -> str | None:
        """The first file found to differ from the manifest so far (it may not be hashed yet)."""
        return self._mismatch

    def close(self, *, discard: bool = False) -> None:
        """Wait until every chunk handed over is hashed (or, with `discard`, dropped), then end
        the thread. Safe to call again."""
        if not self._thread.is_alive():
            return
        self._stopping = discard
        self._jobs.put(None)
        self._thread.join()

    def _run(self) -> None:
        while (job := self._jobs.get()) is not None:
            path, data, length = job
            if data is _DONE:
                digest = self._digests.pop(path, None) or hashlib.sha256()
                if not self._stopping and self._mismatch is None and \
                        digest.hexdigest() != self._expected.get(path, "").lower():
                    self._mismatch = path
                continue
            if not self._stopping:
                self._digests.setdefault(path, hashlib.sha256()).update(memoryview(data)[:length])
            self._buffers.give_back(data)
