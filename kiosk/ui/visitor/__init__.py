"""What a visitor sees: the home screen, articles, the attract screen, "Still reading?", and the
way from Print to a handout in the tray. Nothing here imports kiosk.ui.staff.
"""
