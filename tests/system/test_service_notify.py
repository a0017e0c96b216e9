"""Telling systemd the kiosk is ready and alive, to a real datagram socket standing in for systemd."""

from __future__ import annotations

import logging
import os
import socket
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.system import service_notify
from kiosk.system.service_notify import ServiceNotifier, notify, watchdog_interval_ms

WATCHDOG_USEC = 200_000  # 0.2 s: systemd would restart a kiosk silent for longer than that


class FakeSystemd:
    """A bound AF_UNIX datagram socket and a thread that notes when each message arrives."""

    def __init__(self, address: str) -> None:
        self.address = address  # as NOTIFY_SOCKET names it
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self.sock.bind("\0" + address[1:] if address.startswith("@") else address)
        self.sock.settimeout(0.05)
        self.received: list[tuple[float, str]] = []
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._listen, daemon=True)
        self._thread.start()

    def _listen(self) -> None:
        while not self._stop.is_set():
            try:
                data = self.sock.recv(4096)
            except TimeoutError:
                continue
            with self._lock:
                self.received.append((time.monotonic(), data.decode("utf-8")))

    @property
    def messages(self) -> list[str]:
        with self._lock:
            return [text for _, text in self.received]

    def times_of(self, message: str) -> list[float]:
        with self._lock:
            return [when for when, text in self.received if text == message]

    def environ(self, **extra: str) -> dict[str, str]:
        return {"NOTIFY_SOCKET": self.address, **extra}

    def close(self) -> None:
        self._stop.set()
        self._thread.join()
        self.sock.close()


@pytest.fixture
def systemd() -> Iterator[FakeSystemd]:
    # Not tmp_path: a socket path must fit in 108 bytes.
    with tempfile.TemporaryDirectory(prefix="sd-") as folder:
        fake = FakeSystemd(str(Path(folder) / "notify"))
        yield fake
        fake.close()


@pytest.fixture
def abstract_systemd() -> Iterator[FakeSystemd]:
    fake = FakeSystemd(f"@kiosk-test-{uuid.uuid4().hex}")
    yield fake
    fake.close()


@pytest.fixture(autouse=True)
def failures_logged_afresh(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(service_notify, "_failure_logged", False)


def wait_for(condition, seconds: float = 3.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.01)


def watched(systemd: FakeSystemd, pid: int | None = None) -> dict[str, str]:
    return systemd.environ(WATCHDOG_USEC=str(WATCHDOG_USEC), WATCHDOG_PID=str(pid or os.getpid()))


# notify() ---------------------------------------------------------------------------------------


def test_notify_delivers_ready_to_the_socket(systemd: FakeSystemd) -> None:
    assert notify("READY=1", environ=systemd.environ())
    wait_for(lambda: systemd.messages == ["READY=1"])


def test_notify_reaches_an_abstract_socket(abstract_systemd: FakeSystemd) -> None:
    assert abstract_systemd.address.startswith("@")
    assert notify("READY=1", environ=abstract_systemd.environ())
    wait_for(lambda: abstract_systemd.messages == ["READY=1"])


def test_nothing_is_sent_without_notify_socket(systemd: FakeSystemd, qtbot) -> None:
    assert not notify("READY=1", environ={})
    notifier = ServiceNotifier(environ={"WATCHDOG_USEC": str(WATCHDOG_USEC)})
    assert not notifier.enabled
    assert not notifier.ready("Showing the home screen")
    assert not notifier.start_watchdog()
    assert not notifier.timer.isActive()
    assert not notifier.stopping()
    qtbot.wait(300)
    assert systemd.messages == []


def test_a_socket_that_is_gone_is_logged_once_and_never_raises(caplog) -> None:
    environ = {"NOTIFY_SOCKET": "/nonexistent/kiosk/notify"}
    with caplog.at_level(logging.WARNING, logger="kiosk.system.service_notify"):
        assert not notify("READY=1", environ=environ)
        assert not notify("WATCHDOG=1", environ=environ)
        assert not notify("READY=1", environ={"NOTIFY_SOCKET": "vsock:2:1234"})
    assert len(caplog.records) == 1
    assert "/nonexistent/kiosk/notify" in caplog.records[0].getMessage()


def test_a_systemd_that_does_not_read_never_blocks_the_sender(caplog) -> None:
    with tempfile.TemporaryDirectory(prefix="sd-") as folder:
        path = str(Path(folder) / "notify")
        with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as deaf:
            deaf.bind(path)  # bound, never read: its queue fills up
            started = time.monotonic()
            with caplog.at_level(logging.WARNING, logger="kiosk.system.service_notify"):
                sent = [notify("WATCHDOG=1", environ={"NOTIFY_SOCKET": path}) for _ in range(500)]
            assert time.monotonic() - started < 2
    assert sent[0] and not sent[-1]  # the first pings queued, the rest dropped
    assert len(caplog.records) == 1


def test_the_watchdog_interval_is_half_the_timeout_and_only_for_this_process() -> None:
    pid = str(os.getpid())
    assert watchdog_interval_ms({"WATCHDOG_USEC": "30000000"}) == 15_000
    assert watchdog_interval_ms({"WATCHDOG_USEC": "30000000", "WATCHDOG_PID": pid}) == 15_000
    assert watchdog_interval_ms({"WATCHDOG_USEC": "30000000", "WATCHDOG_PID": str(os.getppid())}) is None
    assert watchdog_interval_ms({}) is None
    assert watchdog_interval_ms({"WATCHDOG_USEC": "0"}) is None
    assert watchdog_interval_ms({"WATCHDOG_USEC": "soon"}) is None
    assert watchdog_interval_ms({"WATCHDOG_USEC": "30000000", "WATCHDOG_PID": "me"}) is None


# ServiceNotifier --------------------------------------------------------------------------------


def test_ready_is_sent_once_with_a_status(systemd: FakeSystemd, qtbot) -> None:
    notifier = ServiceNotifier(environ=systemd.environ())
    assert notifier.ready("Showing We're here to help\n(version 1)")
    assert not notifier.ready("Showing it again")  # the home screen paints many times
    assert notifier.status("Content reloaded")
    wait_for(lambda: len(systemd.messages) == 2)
    assert systemd.messages == [
        "READY=1\nSTATUS=Showing We're here to help (version 1)", "STATUS=Content reloaded",
    ]


def record_sends(notifier: ServiceNotifier) -> list[tuple[float, threading.Thread]]:
    """When and on which thread each timer ping is sent (the notifier's own slot runs first)."""
    sends: list[tuple[float, threading.Thread]] = []
    notifier.timer.timeout.connect(lambda: sends.append((time.monotonic(), threading.current_thread())))
    return sends


def test_the_notifier_pings_the_watchdog_from_its_timer(systemd: FakeSystemd, qtbot) -> None:
    """What matters, not how busy the machine is: a timer at half the watchdog's timeout, on the
    UI thread, one ping a tick, every ping delivered in order, and not a busy loop."""
    notifier = ServiceNotifier(environ=watched(systemd))
    assert notifier.interval_ms == WATCHDOG_USEC // 2000
    sends = record_sends(notifier)
    notifier.ready()
    started = time.monotonic()
    assert notifier.start_watchdog()  # one ping now, then one a tick
    assert notifier.timer.isActive() and notifier.timer.interval() == notifier.interval_ms
    qtbot.waitUntil(lambda: len(sends) >= 5, timeout=20000)
    notifier.timer.stop()
    elapsed = time.monotonic() - started
    wait_for(lambda: len(systemd.times_of("WATCHDOG=1")) == 1 + len(sends))
    assert systemd.messages == ["READY=1"] + ["WATCHDOG=1"] * (1 + len(sends))
    assert {thread for _, thread in sends} == {threading.main_thread()}
    assert len(sends) <= elapsed * 1000 / notifier.interval_ms + 1  # a timer, not a busy loop


def test_a_blocked_ui_thread_sends_no_pings(systemd: FakeSystemd, qtbot) -> None:
    """The pings come from the UI thread's timer, so a frozen UI thread is a silent kiosk: the
    gap between the sends around the freeze is longer than the watchdog's timeout."""
    notifier = ServiceNotifier(environ=watched(systemd))
    sends = record_sends(notifier)
    notifier.start_watchdog()
    qtbot.waitUntil(lambda: len(sends) >= 2, timeout=20000)
    blocked_at = time.monotonic()
    time.sleep(0.7)  # the UI thread frozen for more than three ping intervals
    unblocked_at = time.monotonic()
    qtbot.waitUntil(lambda: sends[-1][0] > unblocked_at, timeout=20000)
    notifier.timer.stop()
    before = max(when for when, _ in sends if when <= blocked_at)
    after = min(when for when, _ in sends if when >= unblocked_at)
    assert not [when for when, _ in sends if blocked_at < when < unblocked_at]
    assert after - before > WATCHDOG_USEC / 1e6  # long enough for systemd to restart the kiosk
    assert {thread for _, thread in sends} == {threading.main_thread()}
    wait_for(lambda: len(systemd.times_of("WATCHDOG=1")) == 1 + len(sends))  # none lost, none extra


def test_a_watchdog_for_another_process_is_not_pinged(systemd: FakeSystemd, qtbot, caplog) -> None:
    # Under cage without UnsetEnvironment=WATCHDOG_PID, the watchdog names cage, the kiosk's parent.
    with caplog.at_level(logging.WARNING, logger="kiosk.system.service_notify"):
        notifier = ServiceNotifier(environ=watched(systemd, pid=os.getppid()))
    assert notifier.interval_ms is None
    assert "UnsetEnvironment=WATCHDOG_PID" in caplog.text
    assert notifier.ready()
    assert not notifier.start_watchdog()
    qtbot.wait(400)
    assert systemd.messages == ["READY=1"]


def test_stopping_ends_the_pings(systemd: FakeSystemd, qtbot) -> None:
    notifier = ServiceNotifier(environ=watched(systemd))
    notifier.start_watchdog()
    qtbot.waitUntil(lambda: len(systemd.times_of("WATCHDOG=1")) >= 2, timeout=3000)
    assert notifier.stopping()
    wait_for(lambda: "STOPPING=1" in systemd.messages)
    qtbot.wait(400)
    assert systemd.messages[-1] == "STOPPING=1"
    assert not notifier.timer.isActive()
