"""Many kiosks, one office: packs installed unattended from an inbox folder that a sync tool
fills, and the kiosk's health (JSON and Prometheus' text format) and usage counts written to an
outbox folder the sync tool sends back. The kiosk never opens a network socket: it reads one
folder and writes another (docs/fleet.md).

Qt-free: imports no PySide6; may import kiosk.usage, kiosk.packs, kiosk.settings, kiosk.rules,
kiosk.content and kiosk.disk, nothing above them. Its timers and folder watcher live in
kiosk.system (inbox_watch.py, outbox_writer.py).
"""
