"""Authoring: what helps a clinic's staff write a pack. A new pack from a template (`kiosk new`),
a saved web page turned into a draft article (`kiosk article from-web`), reading levels, and the
forgiving, file-by-file loading that `kiosk preview` shows while an author writes.

Qt-free: imports no PySide6; may import kiosk.content and kiosk.disk, nothing above them. Its
libraries (trafilatura, textstat) are imported inside the functions that use them: nothing here
is on the kiosk's start-up path.
"""
