"""Loading content from a stick, for staff: copying with progress, the review, a preview of the
new pack, installing, and what happened, in plain words."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.content.model import Pack
from kiosk.packs.outcomes import Progress
from kiosk.ui.shell.overlay import Overlay
from kiosk.ui.shell.theme import Theme
from kiosk.ui.widgets.labels import make_label
from kiosk.ui.widgets.layouts import take_all
from kiosk.ui.widgets.page_scroll import plain_scroll_area

if TYPE_CHECKING:
    from kiosk.packs.review import Review  # review and validation load only for an import

MB = 1_000_000


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def progress_text(progress: Progress) -> str:
    return (f"{progress.files_done} of {progress.files_total} files, "
            f"{progress.bytes_done / MB:.1f} of {progress.bytes_total / MB:.1f} MB")


class ImportScreen(Overlay):
    """One screen through every step; its buttons say what staff can do at that step."""

    cancel_requested = Signal()
    install_requested = Signal()
    preview_requested = Signal()
    closed = Signal()

    def __init__(self, parent: QWidget, theme: Theme) -> None:
        super().__init__(parent)
        self.setObjectName("ImportScreen")
        self.theme = theme
        p = theme.palette
        self.setStyleSheet(f"""
QWidget#ImportScreen {{ background: {p.background}; }}
QFrame#ReviewBlock {{
    background: {p.surface}; border: 1px solid {p.border}; border-radius: {theme.px(0.6)}px;
}}
QPushButton#InstallButton {{ background: {p.accent}; color: {p.on_accent}; border: none; }}
QPushButton#InstallButton:disabled {{ background: {p.border}; color: {p.muted_text}; }}
QProgressBar {{ min-height: {theme.px(1.4)}px; border: 1px solid {p.border}; border-radius: {theme.px(0.3)}px;
               text-align: center; font-size: {theme.px(0.9)}px; }}
QProgressBar::chunk {{ background: {p.accent}; }}
QLabel[role="problem"] {{ font-size: {theme.px(0.85)}px; }}
""")
        self.heading = make_label("", "title")
        self.message = make_label("", "summary")
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress_label = make_label("", "summary")
        self.details = QWidget()
        self.details_layout = QVBoxLayout(self.details)
        self.details_layout.setContentsMargins(0, 0, 0, 0)
        self.details_layout.setSpacing(theme.px(0.8))
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.clicked.connect(self.cancel_requested)
        self.preview_button = QPushButton("Preview the new content")
        self.preview_button.clicked.connect(self.preview_requested)
        self.install_button = QPushButton("Install")
        self.install_button.setObjectName("InstallButton")
        self.install_button.clicked.connect(self.install_requested)
        self.ok_button = QPushButton("OK")
        self.ok_button.clicked.connect(self.close_screen)
        buttons = QHBoxLayout()
        buttons.setSpacing(theme.px(0.8))
        for button in (self.cancel_button, self.preview_button, self.ok_button, self.install_button):
            buttons.addWidget(button)

        column = QWidget()
        column.setObjectName("PageBody")
        layout = QVBoxLayout(column)
        margin = theme.px(1.5)
        layout.setContentsMargins(margin, margin, margin, margin)
        layout.setSpacing(theme.px(0.8))
        for widget in (self.heading, self.message, self.progress, self.progress_label, self.details):
            layout.addWidget(widget)
        layout.addStretch(1)
        self.scroll_area = plain_scroll_area(column)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, margin)
        outer.addWidget(self.scroll_area, 1)
        outer.addLayout(buttons)
        buttons.setContentsMargins(margin, 0, margin, 0)

    # Steps -------------------------------------------------------------------------------

    def copying(self, label: str) -> None:
        self._step("Reading the USB stick", f"Copying and checking {label}. The kiosk keeps "
                   "running for visitors meanwhile.", progress=True, buttons=("cancel",))

    def installing(self) -> None:
        self._step("Installing", "Switching the kiosk to the new content.", progress=True, buttons=())

    def show_progress(self, progress: Progress) -> None:
        done = progress.bytes_done / progress.bytes_total if progress.bytes_total else 1.0
        self.progress.setValue(round(1000 * done))
        self.progress.setFormat(f"{round(100 * done)} %")
        self.progress_label.setText(progress_text(progress))

    def review(self, review: Review) -> None:
        self._step(
            "Check before installing",
            "This is what the USB stick would change. Nothing has changed yet.",
            progress=False, buttons=("cancel", "preview", "install"),
        )
        self._fill_review(review)
        self.install_button.setEnabled(review.can_install)
        self.install_button.setText("Install" if review.can_install else "Cannot install (see above)")

    def finished(self, heading: str, message: str) -> None:
        self._step(heading, message, progress=False, buttons=("ok",))

    def _step(self, heading: str, message: str, *, progress: bool, buttons: tuple[str, ...]) -> None:
        self.heading.setText(heading)
        self.message.setText(message)
        self.progress.setVisible(progress)
        self.progress_label.setVisible(progress)
        if progress:
            self.progress.setValue(0)
            self.progress_label.clear()
        self._clear_details()
        self.cancel_button.setVisible("cancel" in buttons)
        self.preview_button.setVisible("preview" in buttons)
        self.install_button.setVisible("install" in buttons)
        self.ok_button.setVisible("ok" in buttons)
        self.present()

    # The review, in plain words ----------------------------------------------------------

    def _fill_review(self, review: Review) -> None:
        self._block("The content", [
            f"New: {review.title}, version {review.version}",
            (f"Now showing: {review.installed_title}, version {review.installed_version}"
             if review.installed_title else "Now showing: the content that came with the kiosk"),
        ])
        self._block("Articles", [
            *(f"Added: {title}" for title in review.added),
            *(f"Removed: {title}" for title in review.removed),
            *(f"Changed: {title}" for title in review.changed),
        ] or ["No article is added, removed or changed."])
        errors, warnings = review.errors, review.warnings
        if errors:
            self._block(f"{_count(len(errors), 'problem')} to fix before this can be installed",
                        [str(p) for p in errors], role="problem")
        if warnings:
            self._block(_count(len(warnings), "warning"), [str(p) for p in warnings], role="problem")
        self._block("Signature", [self._signature_text(review)])

    @staticmethod
    def _signature_text(review: Review) -> str:
        if review.trust_problem:
            return review.trust_problem
        if review.signature.signed and review.signature.valid:
            return f"Signed with the trusted key {review.signature.key_id}."
        return review.unsigned_warning or "Not signed."

    def _block(self, title: str, lines: list[str], *, role: str = "summary") -> None:
        block = QFrame()
        block.setObjectName("ReviewBlock")
        layout = QVBoxLayout(block)
        pad = self.theme.px(0.8)
        layout.setContentsMargins(pad, pad, pad, pad)
        layout.addWidget(make_label(title, "section"))
        for line in lines:
            layout.addWidget(make_label(line, role))
        self.details_layout.addWidget(block)

    def _clear_details(self) -> None:
        for block in take_all(self.details_layout):
            block.deleteLater()

    def close_screen(self) -> None:
        self._clear_details()
        self.hide()
        self.closed.emit()


class PreviewScreen(Overlay):
    """The new pack as visitors would see it, inside a frame with a way back to the review."""

    closed = Signal()

    def __init__(self, parent: QWidget, theme: Theme, pack: Pack, font_family: str) -> None:
        from kiosk.ui.shell.main_window import MainWindow  # a second kiosk window, embedded

        super().__init__(parent)
        self.setObjectName("PreviewScreen")
        self.setStyleSheet(f"QWidget#PreviewScreen {{ background: {theme.palette.help_background}; }}")
        bar = QHBoxLayout()
        bar.addWidget(make_label("Preview of the new content: visitors do not see this yet.", "clinic"))
        bar.addStretch(1)
        self.back_button = QPushButton("Back to the review")
        self.back_button.setObjectName("NavButton")
        self.back_button.clicked.connect(self.close_preview)
        bar.addWidget(self.back_button)
        pad = theme.px(0.6)
        bar.setContentsMargins(pad, pad, pad, pad)
        inner = QSize(parent.width() - 2 * pad, parent.height() - theme.target_px - 4 * pad)
        self.shown = MainWindow(pack, font_family, inner, parent=self)
        self.shown.setWindowFlags(Qt.WindowType.Widget)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(pad, 0, pad, pad)
        layout.addLayout(bar)
        layout.addWidget(self.shown, 1)

    def close_preview(self) -> None:
        self.hide()
        self.shown.deleteLater()
        self.closed.emit()
        self.deleteLater()
