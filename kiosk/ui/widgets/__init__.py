"""Small widgets the screens are built from: tiles, statistic cards, the help panel, the carousel,
labels, pictures, touch scrolling. They import kiosk.ui.shell's theme and words only, no screen.
"""
