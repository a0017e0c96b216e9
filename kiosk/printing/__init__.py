"""Handouts on paper: the system's print queues, reached through CUPS's own tools."""

from kiosk.printing.cups import (
    VISITOR_MESSAGE_PRINTING,
    VISITOR_MESSAGE_READY,
    VISITOR_MESSAGE_UNAVAILABLE,
    PrintError,
    PrinterStatus,
    PrintJob,
    PrintLog,
    PrintLogEntry,
    default_printer,
    list_printers,
    resolve_printer,
    submit_pdf,
)

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
