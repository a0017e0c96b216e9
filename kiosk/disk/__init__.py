"""The disk: files written so that a power cut leaves the old one or the new one, never half.

Qt-free: imports no PySide6 and nothing else of the kiosk.
"""
