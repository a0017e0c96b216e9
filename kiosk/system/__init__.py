"""The machine the kiosk runs on: logs, the crash guard, signals, systemd's notify and watchdog,
one instance at a time, the health file, memory, removable drives, and where its files are.

May import QtCore, never QtGui widgets or kiosk.ui; nothing from kiosk.cli.
"""
