"""The Qt Widgets user interface. Thin: it shows what kiosk.core has loaded and rendered."""
