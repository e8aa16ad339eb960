from datetime import date, datetime, timedelta

from PySide6.QtCore import Qt

from bandtracker.domain.prescription import Prescription
from bandtracker.store import progression, sessions
from bandtracker.ui.today.suggestion import SuggestionBar
from tests.conftest import TZ
from tests.ui.conftest import box_named

TODAY = date(2026, 11, 24)


def do_session(day: date, only: set[str] | None = None) -> None:
    at = datetime.combine(day, datetime.min.time(), TZ).replace(hour=18)
    for planned in sessions.load_day(day).plan:
        if only is None or planned.exercise.slug in only:
            for key in planned.slots():
                sessions.tick(day, key, at)


def click(qtbot, widget) -> None:
    # Cards built anew are shown and laid out on the next turns of the event loop.
    qtbot.waitUntil(lambda: widget.isVisible() and not widget.rect().isEmpty())
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=widget.rect().center())


def card(window, slug: str):
    return next(c for c in window.today.cards if c.planned.exercise.slug == slug)


def prescription(day: date, slug: str) -> Prescription:
    return next(p.prescription for p in sessions.load_day(day).plan if p.exercise.slug == slug)


def test_accepting_a_suggestion_changes_the_next_session_and_history_keeps_the_old(
    qtbot, open_window, db, clock
):
    for back in (6, 4, 2):
        do_session(TODAY - timedelta(days=back), only={"clam-shell", "donkey-kick"})
    window = open_window()
    clam = card(window, "clam-shell")
    assert isinstance(clam.suggestion, SuggestionBar)
    assert "3 sets with the yellow band" in clam.suggestion.label.text()
    assert card(window, "glute-bridge").suggestion is None  # never done: nothing to suggest

    # Nothing ticked today yet: accepting changes today's card at once.
    click(qtbot, card(window, "donkey-kick").suggestion.take_button)
    assert "from today" in window.today.message_bar.text()
    assert card(window, "donkey-kick").prescription_label.text().startswith("3 ")

    # Once today's session is under way, a step applies from the next session.
    click(qtbot, box_named(window, "Clam shell, set 1, right side"))
    click(qtbot, card(window, "clam-shell").suggestion.take_button)
    assert "from your next session" in window.today.message_bar.text()
    assert card(window, "clam-shell").suggestion is None
    assert card(window, "clam-shell").prescription_label.text().startswith("2 ")
    assert prescription(TODAY, "clam-shell") == Prescription(2, 10, "yellow")

    clock.advance(days=2)
    window.day_timer.timeout.emit()
    assert window.today.day == TODAY + timedelta(days=2)
    assert card(window, "clam-shell").prescription_label.text().startswith("3 ")
    box_named(window, "Clam shell, set 3, left side")
    history = progression.exercise_history("clam-shell")
    assert [p.sets for p in history] == [2, 2, 2, 1]  # one set done the day of the step


def test_not_now_hides_the_suggestion_until_more_complete_sessions(qtbot, open_window, db, clock):
    for back in (6, 4, 2):
        do_session(TODAY - timedelta(days=back), only={"glute-bridge"})
    window = open_window()
    bridge = card(window, "glute-bridge")
    click(qtbot, bridge.suggestion.later_button)
    assert card(window, "glute-bridge").suggestion is None
    window.today.show_day(TODAY)
    assert card(window, "glute-bridge").suggestion is None
    for _ in range(3):
        for box in card(window, "glute-bridge").boxes.values():
            if not box.isChecked():
                click(qtbot, box)
        clock.advance(days=2)
        window.day_timer.timeout.emit()
    assert isinstance(card(window, "glute-bridge").suggestion, SuggestionBar)


def test_finishing_the_third_session_brings_the_suggestion_at_once(qtbot, open_window, db):
    for back in (4, 2):
        do_session(TODAY - timedelta(days=back), only={"forward-walk"})
    window = open_window()
    assert card(window, "forward-walk").suggestion is None
    click(qtbot, box_named(window, "Forward walking, set 1"))
    assert card(window, "forward-walk").suggestion is None
    click(qtbot, box_named(window, "Forward walking, set 2"))  # the exercise complete today
    qtbot.waitUntil(lambda: isinstance(card(window, "forward-walk").suggestion, SuggestionBar))
