"""The library: a pack compiled once into the data folder (its metadata, every article's safe
HTML, a search index and its pictures scaled to the sizes the screens draw), so that what the
kiosk reads at start-up and on each screen does not grow with the number of articles.

Qt-free: imports no PySide6; may import kiosk.content and kiosk.disk, nothing above them.
"""
