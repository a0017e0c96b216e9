"""The authors' preview (`kiosk preview DIR`): the kiosk's own window, scaled into a frame with
buttons for the screen size, text size, contrast and language, beside the list of the pack's
problems; a watcher that follows the pack's files, and the link that reloads what was saved.

Qt Widgets; may import kiosk.ui.shell (the kiosk's window), kiosk.authoring and the layers below;
never kiosk.app (the command line composes the preview) nor the staff screens.
"""
