"""Rules: the small state machines of a kiosk, driven by a clock that tests move by hand: idle and
attract times, screen hours, the staff PIN and its lock-out, print limits, the visitor's trail.

Qt-free: imports no PySide6; may import kiosk.content and kiosk.disk only.
"""
