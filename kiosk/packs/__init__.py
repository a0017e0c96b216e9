"""Packs on the move: reading a pack from a stick or a file (limits, manifest, signatures), the
store of installed packs in the data folder, and the review of a pack against the installed one.

Qt-free: imports no PySide6; may import kiosk.content, kiosk.disk and kiosk.settings, nothing above them.
"""
