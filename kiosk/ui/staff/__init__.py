"""What staff use: the PIN pad, staff mode and its panel with its sections, and loading content
from a USB stick (the import screen and its worker). Nothing in kiosk.ui.visitor imports this.
"""
