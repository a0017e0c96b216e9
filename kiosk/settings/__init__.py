"""Settings: the machine's declared settings, reading them from TOML with a problem per bad value,
and storing changes (checked, saved, then announced).

Qt-free: imports no PySide6; may import kiosk.content, kiosk.rules and kiosk.disk.
"""
