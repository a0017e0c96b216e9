"""The printed handout: what goes on the sheet (sheet.py, Qt-free), and drawing it to a PDF
with QtGui (layout.py), QR code included.

May import QtCore, QtGui and QtSvg, never QtWidgets; nothing from kiosk.ui, kiosk.printing or kiosk.cli.
"""
