"""Anonymous usage counts: which articles are opened, read to the end and printed, and how many
visits, topic pages, searches and display switches there were, as hourly totals in SQLite in
the data folder, with nothing about any visitor (counter.py says how). Summaries for the staff
panel and the command line (summary.py), the CSV for the office (export.py).

Qt-free: imports no PySide6; may import kiosk.rules, kiosk.content and kiosk.disk, nothing above.
"""
