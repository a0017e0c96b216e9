"""The Qt Widgets user interface. Thin: it shows what kiosk.content has loaded and rendered.

shell: the window and its machinery; visitor: what visitors see; staff: what staff use; widgets: the
small parts screens are built from. Nothing below kiosk.ui imports it; it never imports kiosk.cli.
"""
