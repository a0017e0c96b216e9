"""Handouts on paper: the system's print queues, reached through CUPS's own tools (cups.py), a
job followed without blocking the screen (print_job.py), and the recent jobs (print_log.py).

May import QtCore, never QtGui or QtWidgets; nothing from kiosk.ui, kiosk.handout or kiosk.cli.
"""

from typing import Any

# Loaded when first asked for: the kiosk's start-up needs only the print log's type.
_HOMES = {
    "VISITOR_MESSAGE_PRINTING": "cups", "VISITOR_MESSAGE_READY": "cups",
    "VISITOR_MESSAGE_UNAVAILABLE": "cups", "PrintError": "cups", "PrinterStatus": "cups",
    "default_printer": "cups", "list_printers": "cups", "resolve_printer": "cups",
    "submit_pdf": "cups", "PrintJob": "print_job", "PrintLog": "print_log",
    "PrintLogEntry": "print_log",
}
__all__ = sorted(_HOMES)


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module 'kiosk.printing' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(f"kiosk.printing.{_HOMES[name]}"), name)
