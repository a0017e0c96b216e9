"""The kiosk's core: content model, pack loading and validation, Markdown rendering.

Nothing in this package imports Qt widgets (tests/core/test_boundary.py proves it), so it runs
and is tested without a screen.
"""
