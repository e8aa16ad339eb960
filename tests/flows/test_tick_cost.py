"""A tick is one write: through the real window, every screen built, no screen reads the store."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication

from bandtracker.store import sessions
from bandtracker.store.db import open_database
from bandtracker.ui.main_window import MainWindow
from tests.ui.calendar.helpers import statements

TRANSACTION = ("BEGIN", "COMMIT")


def the_app_ran(seen: list[str]) -> list[str]:
    """The statements as the app ran them: SQLite reports each step of a trigger under the text
    of the statement that fired it, so those repeats are one statement."""
    return [text for i, text in enumerate(seen) if i == 0 or seen[i - 1] != text]


def click_and_settle(qtbot, box) -> None:
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=box.rect().center())
    QApplication.processEvents()  # the work a tick defers runs too, and counts


def test_each_tick_and_untick_of_a_whole_session_is_one_statement(
    qtbot, open_window, data_dir, clock
):
    # Three complete sessions before today: step-up suggestions are worked out as today's
    # exercises complete, and must come from memory.
    open_database(data_dir)
    today = clock().date()
    plan = sessions.current_plan()
    for back in (2, 4, 6):
        day = today - timedelta(days=back)
        for planned in plan:
            for key in planned.slots():
                sessions.tick(day, key, datetime.combine(day, clock().timetz()))
    window: MainWindow = open_window()
    window.build_pages()  # the calendar and progress pages listen too
    QApplication.processEvents()
    boxes = [box for card in window.today.cards for box in card.boxes.values()]
    click_and_settle(qtbot, boxes[0])  # the day's first set makes its session

    per_click: list[list[str]] = []
    for box in [*boxes[1:], boxes[5]]:  # the rest of the routine, then one set taken back
        with statements() as seen:
            click_and_settle(qtbot, box)
        per_click.append(the_app_ran(seen))

    assert window.today.view.complete is False  # the last click took a set back
    assert sessions.load_day(today).done == {b.key for b in boxes if b.isChecked()}
    # The click that completes the routine also stamps the session's finish time (what the
    # Finish button would do): a second small write, once a session.
    finishing = per_click[28]
    assert finishing[3:5] == ["BEGIN", finishing[4]] and '"finished_at"' in finishing[4]
    per_click[28] = finishing[:3]
    for ran in per_click:
        assert len(ran) == 3, ran
        assert ran[0] == "BEGIN" and ran[2] == "COMMIT", ran
    writes = [ran[1].split()[0] for ran in per_click]
    assert writes == ["INSERT"] * 29 + ["DELETE"]


class Watcher(QObject):
    """The areas of `page` Qt paints, and the layout requests anywhere, while installed."""

    def __init__(self, page) -> None:
        super().__init__()
        self.page = page
        self.areas: list[int] = []
        self.layouts = 0

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.LayoutRequest:
            self.layouts += 1
        elif watched is self.page and event.type() == QEvent.Type.Paint:
            self.areas.append(event.rect().width() * event.rect().height())
        return False


def settle(page) -> None:
    """Run events until a round passes without a layout request: Qt lays a window out again
    one level of widgets per round."""
    watcher = Watcher(page)
    app = QApplication.instance()
    app.installEventFilter(watcher)
    try:
        for _ in range(50):
            watcher.layouts = 0
            app.processEvents()
            if watcher.layouts == 0:
                return
    finally:
        app.removeEventFilter(watcher)
    raise AssertionError("the window kept laying itself out")


def test_a_tick_repaints_what_changed_not_the_window(qtbot, window):
    page = window.today
    boxes = [box for card in page.cards for box in card.boxes.values()]
    click_and_settle(qtbot, boxes[0])  # the rest countdown and the session clock appear
    settle(page)
    watcher = Watcher(page)
    QApplication.instance().installEventFilter(watcher)
    try:
        click_and_settle(qtbot, boxes[2])  # neither completes an exercise
        click_and_settle(qtbot, boxes[2])
        settle(page)
    finally:
        QApplication.instance().removeEventFilter(watcher)
    assert page.progress_label.text() == "1 of 30 sets"
    whole = page.width() * page.height()
    # The progress label's and bar's corner of the page, not the page laid out and repainted.
    assert watcher.layouts == 0
    assert watcher.areas and max(watcher.areas) < whole / 20, (watcher.areas, whole)
