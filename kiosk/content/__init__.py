"""Content: the model of a pack, reading pack.yaml and articles, their problems, validation,
Markdown rendering and sanitising, translations and picture checks.

Qt-free: imports no PySide6 and nothing else of the kiosk (the lowest layer; import-linter checks it).
"""
