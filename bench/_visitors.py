"""What visitors and staff do in the simulated-use soak: real taps, drags and swipes on the real
window, the handout, and a new content version installed from a "USB stick" folder."""

from __future__ import annotations

import random
import re
import shutil
import time
from pathlib import Path

from _common import Finger
from PySide6.QtCore import QObject, Slot
from PySide6.QtWidgets import QApplication, QScroller, QWidget

from kiosk.app import Kiosk
from kiosk.handout.pdf import write_handout_pdf
from kiosk.rules.navigation import HOME
from kiosk.system.paths import bundled_content_dir
from kiosk.system.usb_watch import FoundPack
from kiosk.ui.shell.overlay import Overlay
from kiosk.ui.shell.top_bar import TopBar
from kiosk.ui.staff.content_updates import ContentUpdates
from kiosk.ui.visitor.attract_screen import AttractScreen
from kiosk.ui.visitor.still_here import StillHereOverlay
from kiosk.ui.widgets.carousel import Carousel

Plan = list[tuple[str, float]]  # (action, simulated seconds after the one before)
SWIPE_NOT_TURNED = "the carousel did not turn, though the touch landed on it"

FULL_TOUR: Plan = [
    ("touch", 0), ("open", 4), ("scroll", 20), ("swipe", 10), ("scroll", 30), ("print", 8),
    ("print_close", 10), ("text_size", 5), ("scroll", 20), ("language", 6), ("open", 5),
    ("contrast", 6), ("swipe", 12), ("open", 8), ("linger", 0), ("scroll", 15), ("back", 20),
]


def visitor_plan(rng: random.Random) -> Plan:
    """A visitor: wakes the screen, reads one to three articles, maybe prints, then walks away."""
    plan: Plan = [("touch", 0.0)]
    for action, chance in (("language", 0.1), ("text_size", 0.1), ("contrast", 0.05)):
        if rng.random() < chance:
            plan.append((action, rng.uniform(2, 6)))
    for _ in range(rng.choice((1, 1, 1, 2, 2, 3))):
        plan.append(("open", rng.uniform(3, 12)))
        plan.extend(("scroll", rng.uniform(15, 50)) for _ in range(rng.randint(1, 5)))
        if rng.random() < 0.35:
            plan.append(("swipe", rng.uniform(5, 15)))
        if rng.random() < 0.2:
            plan += [("print", rng.uniform(5, 15)), ("print_close", rng.uniform(4, 12))]
        if rng.random() < 0.12:
            plan += [("linger", 0.0), ("scroll", rng.uniform(5, 20))]
    return plan


def visible_overlay(window: QWidget, kind: type[Overlay]) -> Overlay | None:
    """The overlay of this kind over the window now, if one is showing."""
    for child in window.children():  # overlays are the window's own children
        if isinstance(child, kind) and child.isVisible():
            return child
    return None


def covering(window: QWidget) -> str:
    """Which overlays are showing (to say why a tap missed)."""
    shown = [type(child).__name__ for child in window.children()
             if isinstance(child, Overlay) and child.isVisible()]
    return ", ".join(shown) or "nothing"


class Hands:
    """A visitor's hands on the kiosk. Each action returns False when it did not do what it
    should (a tap that missed); `swiped` is the carousel whose snap animation is running."""

    def __init__(self, kiosk: Kiosk, rng: random.Random, scratch: Path) -> None:
        self.kiosk = kiosk
        self.rng = rng
        self.scratch = scratch
        self.finger = Finger()
        self.swiped: Carousel | None = None
        self.why = ""  # why the last action missed, when known
        self.pages_settled = 0  # flicks brought to rest before the next touch (see settle_pages)
        self.handout_sizes: list[int] = []
        self.handout_seconds: list[float] = []

    def do(self, action: str) -> bool:
        self.why = ""
        self.settle_pages()
        actions = {
            "touch": self.touch, "open": self.open, "scroll": self.scroll, "swipe": self.swipe,
            "back": self.back, "print": self.print_handout, "print_close": self.close_print,
            "text_size": self.text_size, "contrast": self.contrast, "language": self.language,
        }
        return actions[action]()

    # Helpers -----------------------------------------------------------------------------

    def settle_pages(self) -> None:
        """Bring a flicked page to where it would have come to rest.

        Kinetic scrolling runs on real time, the visitor on the simulated clock: the seconds
        between a drag and the next touch pass in a few real milliseconds, so the page the
        finger flicked is often still coasting (for up to 2.5 s) when the next touch comes, and
        a touch on a coasting page stops it instead of tapping, as on any phone. That is why 3
        or 4 swipes a day missed (the arrow's tap only stopped the page; a drag found the
        carousel moved out from under it). A real visitor's next touch comes seconds later, on
        a page at rest; so does the simulated one's."""
        window = self.kiosk.window
        for area in (window.home_page.scroll_area, window.article_page.scroll_area):
            scroller = QScroller.scroller(area.viewport())
            if scroller.state() == QScroller.State.Inactive:
                continue
            rest = scroller.finalPosition()
            scroller.stop()
            area.verticalScrollBar().setValue(round(rest.y()))
            self.pages_settled += 1
        QApplication.processEvents()

    def lands_on(self, target: QWidget) -> bool:
        """Whether a touch in the middle of `target` reaches it (else `why` says what it hits)."""
        window = self.kiosk.window
        hit = window.childAt(target.mapTo(window, target.rect().center()))
        if hit is target or (hit is not None and target.isAncestorOf(hit)):
            return True
        self.why = f"a touch there lands on {type(hit).__name__ if hit else 'nothing'} " \
            f"{hit.objectName() if hit else ''}".rstrip()
        return False

    @property
    def on_home(self) -> bool:
        return self.kiosk.window.current_screen == HOME

    def top_bar(self) -> TopBar:
        window = self.kiosk.window
        return window.home_page.top_bar if self.on_home else window.article_page.top_bar

    def tap(self, button: QWidget | None) -> bool:
        if button is None or not button.isVisible():
            return False
        self.finger.tap(button)
        return True

    # Actions -----------------------------------------------------------------------------

    def touch(self) -> bool:
        """A touch on the clinic's name: wakes a sleeping screen, leaves the attract screen."""
        return self.tap(self.top_bar().clinic_name)

    def open(self) -> bool:
        """Another article: a related card, or a tile on the home screen."""
        if not self.on_home and self.rng.random() < 0.5 and self.related():
            return True
        if not self.on_home:
            self.tap(self.top_bar().home_button)
        home = self.kiosk.window.home_page
        tile = home.tiles[self.rng.randrange(len(home.tiles))]
        home.scroll_area.ensureWidgetVisible(tile)
        self.finger.tap(tile)
        return not self.on_home

    def carousel(self) -> Carousel | None:
        """The related-articles carousel, scrolled to when it follows the article, if a visitor
        can see it now."""
        page = self.kiosk.window.article_page
        carousel = page.carousel
        if self.on_home or not carousel.isVisible() or len(carousel.cards) < 2:
            return None
        if page.scroll_area.isAncestorOf(carousel):
            # After the article (larger text, a long help panel): the visitor scrolls down to it.
            page.scroll_area.ensureWidgetVisible(carousel)
            QApplication.processEvents()
        if carousel.viewport.visibleRegion().isEmpty():
            self.why = "the carousel is out of view"
            return None
        return carousel

    def related(self) -> bool:
        carousel = self.carousel()
        if carousel is None or not carousel.is_settled:
            return False
        before = self.kiosk.window.current_screen
        self.finger.tap(carousel.cards[carousel.current_index])
        return self.kiosk.window.current_screen != before

    def scroll(self) -> bool:
        """Read on: a finger drags the page up (now and then back down)."""
        window = self.kiosk.window
        area = window.home_page.scroll_area if self.on_home else window.article_page.scroll_area
        distance = -self.rng.randint(200, 700) if self.rng.random() < 0.8 else self.rng.randint(150, 400)
        self.finger.drag(area.viewport(), 0, distance)
        return True

    def swipe(self) -> bool:
        """One card along the related-articles carousel: a swipe, or a tap on an arrow."""
        carousel = self.carousel()
        if carousel is None:
            return False
        last = len(carousel.cards) - 1
        forward = carousel.current_index == 0 or (carousel.current_index < last and self.rng.random() < 0.5)
        before = carousel.current_index
        if self.rng.random() < 0.3:
            arrow = carousel.next_button if forward else carousel.previous_button
            if not self.lands_on(arrow):
                return False
            self.tap(arrow)
        else:
            if not self.lands_on(carousel.viewport):
                return False
            distance = round(carousel.card_width * 0.45)
            self.finger.drag(carousel.viewport, -distance if forward else distance, 0)
        self.swiped = carousel
        if carousel.current_index == before:
            self.why = SWIPE_NOT_TURNED
        return carousel.current_index != before

    def back(self) -> bool:
        return not self.on_home and self.tap(self.top_bar().back_button)

    def print_handout(self) -> bool:
        """Print: the real confirmation card with its preview; the sheet goes to a PDF file
        (deleted again) instead of a printer."""
        page = self.kiosk.window.article_page
        if self.on_home or page.article is None or not self.tap(page.top_bar.print_button):
            return False
        if not self.kiosk.printing.confirm.isVisible():
            return False
        started = time.perf_counter()
        path = write_handout_pdf(
            self.kiosk.window.pack, page.article.slug, self.scratch / "handout.pdf",
            paper=self.kiosk.settings.settings.paper,
        )
        self.handout_seconds.append(time.perf_counter() - started)
        self.handout_sizes.append(path.stat().st_size)
        path.unlink()
        return True

    def close_print(self) -> bool:
        confirm = self.kiosk.printing.confirm
        if not confirm.isVisible():
            return False
        button = confirm.cancel_button if confirm.cancel_button.isVisible() else confirm.ok_button
        return self.tap(button)

    def text_size(self) -> bool:
        return self.tap(self.top_bar().text_size_button)

    def contrast(self) -> bool:
        return self.tap(self.top_bar().contrast_button)

    def language(self) -> bool:
        return self.tap(self.top_bar().language_button)

    def stay(self) -> bool:
        """ "I'm still here" on the question, if it is showing."""
        question = visible_overlay(self.kiosk.window, StillHereOverlay)
        return isinstance(question, StillHereOverlay) and self.tap(question.stay_button)

    def attract(self) -> AttractScreen | None:
        shown = visible_overlay(self.kiosk.window, AttractScreen)
        return shown if isinstance(shown, AttractScreen) else None


def new_version(stick: Path, number: int) -> tuple[Path, str]:
    """A copy of the bundled pack on the "stick", with a new version and one changed article."""
    folder = stick / f"kiosk-content-{number}"
    shutil.copytree(bundled_content_dir(), folder)
    version = f"2026.11.27-soak.{number}"
    pack_file = folder / "pack.yaml"
    text = re.sub(r"^version: .*$", f'version: "{version}"', pack_file.read_text(encoding="utf-8"),
                  count=1, flags=re.MULTILINE)
    pack_file.write_text(text, encoding="utf-8")
    article = sorted((folder / "articles").glob("*.md"))[0]
    article.write_text(article.read_text(encoding="utf-8") + f"\n\nUpdated: version {number}.\n",
                       encoding="utf-8")
    return folder, version


class ContentUpdate(QObject):
    """Staff install a new version as on the kiosk: the staff panel, the USB review (copy and
    check on the import worker's thread), Install, then "Reload content"."""

    def __init__(self, kiosk: Kiosk, stick: Path) -> None:
        super().__init__()
        assert kiosk.updates is not None, "the kiosk was assembled without a PackStore"
        self.kiosk = kiosk
        self.updates: ContentUpdates = kiosk.updates
        self.stick = stick
        self.number = 0
        self.state = "idle"  # staging, staged, installing, installed, reloading
        self.folder: Path | None = None
        self.version = ""
        self.problems: list[str] = []
        self.seconds: list[float] = []
        self._started = 0.0
        self._rebuilds = 0
        self._rebuilds_at_reload = 0
        worker = self.updates.worker
        worker.staged.connect(self._staged)
        worker.installed.connect(self._installed)
        worker.failed.connect(self._failed)
        kiosk.window.pages_rebuilt.connect(self._rebuilt)

    @property
    def busy(self) -> bool:
        return self.state != "idle"

    def start(self) -> None:
        self.number += 1
        self.stick.mkdir(parents=True, exist_ok=True)
        self.folder, self.version = new_version(self.stick, self.number)
        self._started = time.perf_counter()
        self.kiosk.staff.open_panel()
        self.updates.review(FoundPack(self.folder, self.stick))
        self.state = "staging"

    def poll(self) -> None:
        """Take the next step once the worker thread has finished the last one."""
        if self.updates.worker.busy:
            return
        if self.state == "staged":
            if self.updates.staged is None:
                self._give_up("the staged pack was discarded before it could be installed")
                return
            self.state = "installing"
            self.updates.install()
        elif self.state == "installed":
            self._rebuilds_at_reload = self._rebuilds
            self.kiosk.reload_content()
            self.state = "reloading"
        elif self.state == "reloading" and self._rebuilds > self._rebuilds_at_reload:
            self._finish()

    def _finish(self) -> None:
        self.seconds.append(time.perf_counter() - self._started)
        shown = self.kiosk.window.base_pack.version
        if shown != self.version:
            self.problems.append(f"content update {self.number}: showing version {shown}, "
                                 f"not the installed {self.version}")
        self._give_up(None)

    def _give_up(self, problem: str | None) -> None:
        if problem is not None:
            self.problems.append(f"content update {self.number}: {problem}")
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)
        self.state = "idle"

    @Slot(object, object)
    def _staged(self, _staged: object, _review: object) -> None:
        if self.state == "staging":
            self.state = "staged"

    @Slot(object)
    def _installed(self, _version: object) -> None:
        if self.state == "installing":
            self.state = "installed"

    @Slot(str)
    def _failed(self, message: str) -> None:
        if self.busy:
            self._give_up(message)

    @Slot()
    def _rebuilt(self) -> None:
        self._rebuilds += 1

