"""An error in the kiosk's code never reaches a visitor: it is logged and the kiosk starts over.

PySide6 hands an exception raised in a slot or an event handler to `sys.excepthook` and carries
on, so the hook is the one place to catch them all.
"""

from __future__ import annotations

import functools
import logging
import sys
import threading
from collections.abc import Callable
from types import TracebackType
from typing import TypeVar

from PySide6.QtCore import QEvent, QObject, QTimer

log = logging.getLogger(__name__)


class CrashGuard:
    def __init__(self, recover: Callable[[], None]) -> None:
        self.recover = recover
        self.caught = 0
        self._recovering = False
        self._previous_hook = sys.excepthook

    def install(self) -> None:
        sys.excepthook = self.handle
        threading.excepthook = self._handle_thread

    def uninstall(self) -> None:
        sys.excepthook = self._previous_hook
        threading.excepthook = threading.__excepthook__

    def handle(
        self, kind: type[BaseException], error: BaseException, trace: TracebackType | None
    ) -> None:
        if issubclass(kind, KeyboardInterrupt):
            self._previous_hook(kind, error, trace)
            return
        self.caught += 1
        if self._recovering:
            # Raised by the recovery itself (a slot that fails on the home screen, say): another
            # recovery would raise it again, and the kiosk would start over for ever.
            log.error("unexpected error while recovering from an error; not starting over again",
                      exc_info=(kind, error, trace))
            return
        log.error("unexpected error; going back to the home screen", exc_info=(kind, error, trace))
        # Recover after the failing handler has returned, and never recursively.
        QTimer.singleShot(0, self._recover_once)

    def _handle_thread(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is not None:
            log.error(
                "unexpected error in thread %s", args.thread.name if args.thread else "?",
                exc_info=(args.exc_type, args.exc_value, args.exc_traceback),
            )

    def _recover_once(self) -> None:
        if self._recovering:
            return
        self._recovering = True
        try:
            self.recover()
        except Exception:
            log.exception("could not go back to the home screen after an error")
        finally:
            self._recovering = False


Filter = TypeVar("Filter", bound=QObject)


def guarded_event_filter(
    filter_event: Callable[[Filter, QObject, QEvent], bool],
) -> Callable[[Filter, QObject, QEvent], bool]:
    """For an `eventFilter` override: an exception leaving an event filter can take PySide6 down,
    so it goes to the guard (the kiosk starts over) and the event goes on unfiltered."""

    @functools.wraps(filter_event)
    def event_filter(self: Filter, watched: QObject, event: QEvent) -> bool:
        try:
            return filter_event(self, watched, event)
        except Exception:
            report_current_exception()
            return False

    return event_filter


def report_current_exception() -> None:
    """Hand the exception being handled to the guard (used where one must not escape, such as
    an event filter: PySide6 can crash on an exception that leaves one)."""
    kind, error, trace = sys.exc_info()
    if kind is not None and error is not None:
        sys.excepthook(kind, error, trace)
