"""The window and its machinery: the main window and top bar, overlays, the idle controller, input
watching, lock-down, keyboard support, screen hours, the theme, fonts and the kiosk's own words.
"""
