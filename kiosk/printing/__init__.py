"""Handouts on paper: the system's print queues, reached through CUPS's own tools (cups.py), a
job followed without blocking the screen (print_job.py), and the recent jobs (print_log.py).

May import QtCore, never QtGui or QtWidgets; nothing from kiosk.ui, kiosk.handout or kiosk.cli.
"""

from kiosk.printing.cups import (
    VISITOR_MESSAGE_PRINTING,
    VISITOR_MESSAGE_READY,
    VISITOR_MESSAGE_UNAVAILABLE,
    PrintError,
    PrinterStatus,
    default_printer,
    list_printers,
    resolve_printer,
    submit_pdf,
)
from kiosk.printing.print_job import PrintJob
from kiosk.printing.print_log import PrintLog, PrintLogEntry

__all__ = [
    "VISITOR_MESSAGE_PRINTING",
    "VISITOR_MESSAGE_READY",
    "VISITOR_MESSAGE_UNAVAILABLE",
    "PrintError",
    "PrintJob",
    "PrintLog",
    "PrintLogEntry",
    "PrinterStatus",
    "default_printer",
    "list_printers",
    "resolve_printer",
    "submit_pdf",
]
