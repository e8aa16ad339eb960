from datetime import date

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QCheckBox

from bandtracker.domain.catalogue import default_catalogue
from bandtracker.domain.prescription import SetKey, Side
from bandtracker.store import sessions
from bandtracker.store.db import database
from tests.ui.conftest import box_named

TODAY = date(2026, 11, 24)  # the clock fixture stands at 2026-11-24 18:30 +01:00


def click(qtbot, box: QCheckBox) -> None:
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=box.rect().center())


def test_the_page_shows_nine_cards_the_date_and_progress(window):
    page = window.today
    assert [c.planned.exercise.name for c in page.cards] == [
        e.name for e in default_catalogue().exercises
    ]
    assert page.day == TODAY
    assert "24" in page.date_label.text() and "2026" in page.date_label.text()
    assert page.progress_label.text() == "0 of 30 sets"
    card = page.cards[7]
    assert card.prescription_label.text() == "2 \N{MULTIPLICATION SIGN} 10 lifts, each side"
    assert "lower thighs" in card.band_label.text()
    assert "Yellow band" in card.band_label.text()


def test_every_set_box_has_its_exact_accessible_name(window):
    names = sorted(b.accessibleName() for b in window.findChildren(QCheckBox))
    assert len(names) == 30
    assert "Forward walking, set 1" in names
    assert "Glute bridge with pulse-outs, set 2" in names
    assert "Side stepping, set 1, right side" in names
    assert "Clam shell, set 2, left side" in names
    assert not any("left side" in n for n in names if n.startswith("Forward walking"))


def test_ticking_and_unticking_persists_across_closing_and_reopening(qtbot, open_window):
    window = open_window()
    click(qtbot, box_named(window, "Donkey kick, set 1, right side"))
    click(qtbot, box_named(window, "Forward walking, set 2"))
    click(qtbot, box_named(window, "Clam shell, set 2, left side"))
    click(qtbot, box_named(window, "Clam shell, set 2, left side"))  # changed my mind
    assert window.today.progress_label.text() == "2 of 30 sets"
    window.close()

    reopened = open_window()
    assert box_named(reopened, "Donkey kick, set 1, right side").isChecked()
    assert box_named(reopened, "Forward walking, set 2").isChecked()
    assert not box_named(reopened, "Clam shell, set 2, left side").isChecked()
    assert reopened.today.progress_label.text() == "2 of 30 sets"


def test_the_box_is_checked_only_once_the_row_is_committed(qtbot, window):
    box = box_named(window, "Glute bridge with pulse-outs, set 1")
    seen: list[bool] = []
    box.toggled.connect(
        lambda checked: seen.append(SetKey("glute-bridge", 1) in sessions.load_day(TODAY).done)
    )
    click(qtbot, box)
    assert box.isChecked()
    assert seen == [True]


def test_space_on_a_focused_box_ticks_it(qtbot, window):
    box = box_named(window, "Side stepping, set 1, left side")
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Space)
    assert box.isChecked()
    assert SetKey("side-step", 1, Side.LEFT) in sessions.load_day(TODAY).done


def test_a_finished_exercise_is_marked_done(qtbot, window):
    card = window.today.cards[0]
    assert card.done_label.isHidden()
    click(qtbot, box_named(window, "Forward walking, set 1"))
    click(qtbot, box_named(window, "Forward walking, set 2"))
    assert not card.done_label.isHidden()
    assert card.property("done") is True


def test_a_failed_write_leaves_the_box_unticked_and_says_why(qtbot, window):
    database.execute_sql("PRAGMA query_only = 1")  # the store can no longer write
    box = box_named(window, "Clam shell, set 1, right side")
    click(qtbot, box)
    bar = window.today.message_bar
    qtbot.waitUntil(bar.isVisible)
    assert not box.isChecked()
    assert "read-only" in bar.text()
    assert window.today.progress_label.text() == "0 of 30 sets"
    database.execute_sql("PRAGMA query_only = 0")
    assert sessions.load_day(TODAY).done == frozenset()
    click(qtbot, box)  # once writing works again, the same click saves and clears the error
    assert box.isChecked()
    assert not bar.isVisible()


def test_a_window_left_open_moves_to_the_new_day_at_the_rollover_hour(qtbot, window, clock):
    clock.now = clock.now.replace(hour=23, minute=50)
    click(qtbot, box_named(window, "Forward walking, set 1"))
    clock.advance(minutes=30)  # 00:20 next calendar day: still the same workout day
    window.day_timer.timeout.emit()
    assert window.today.day == TODAY
    click(qtbot, box_named(window, "Forward walking, set 2"))  # a late set counts for today
    clock.advance(hours=4)  # 04:20: the rollover hour (4:00) has passed
    window.day_timer.timeout.emit()
    assert window.today.day == date(2026, 11, 25)
    assert window.today.progress_label.text() == "0 of 30 sets"
    assert not box_named(window, "Forward walking, set 1").isChecked()
    assert sessions.load_day(TODAY).done == {SetKey("forward-walk", 1), SetKey("forward-walk", 2)}


def test_cards_reflow_with_the_window_width(qtbot, window):
    window.resize(1600, 900)
    qtbot.waitUntil(lambda: window.today.grid.columns >= 3)
    window.resize(560, 700)
    qtbot.waitUntil(lambda: window.today.grid.columns == 1)


def test_the_how_to_and_cues_unfold_and_fold_under_their_button(qtbot, window):
    card = window.today.cards[7]
    exercise = default_catalogue()["clam-shell"]
    assert card.planned.exercise == exercise
    qtbot.mouseClick(card.cues_button, Qt.MouseButton.LeftButton)
    assert card.how_to is not None and card.cues is not None
    qtbot.waitUntil(card.how_to.isVisible)
    assert card.how_to.text() == exercise.how_to
    assert card.cues.isVisible() and exercise.cues[0] in card.cues.text()
    # Unfolded right under the button, above the set boxes.
    first_box = next(iter(card.boxes.values()))
    boxes_top = first_box.mapTo(card, QPoint(0, 0)).y()
    assert card.cues_button.y() < card.how_to.y() < card.cues.y() < boxes_top
    qtbot.mouseClick(card.cues_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not card.how_to.isVisible())
    assert not card.cues.isVisible()


def test_the_accessibility_toggle_and_press_actions_are_saved(qtbot, window, data_dir):
    """Bug 5: an assistive client's toggle went around the store and was lost at restart."""
    from PySide6.QtGui import QAccessible, QAccessibleActionInterface

    from bandtracker.store.db import close_database, open_database
    from bandtracker.store.models import CompletedSet

    box = box_named(window, "Clam shell, set 1, right side")
    actions = QAccessible.queryAccessibleInterface(box).actionInterface()
    actions.doAction(QAccessibleActionInterface.toggleAction())
    assert box.isChecked()
    assert SetKey("clam-shell", 1, Side.RIGHT) in sessions.load_day(TODAY).done
    pressed = box_named(window, "Clam shell, set 1, left side")
    QAccessible.queryAccessibleInterface(pressed).actionInterface().doAction(
        QAccessibleActionInterface.pressAction()
    )
    qtbot.waitUntil(pressed.isChecked)
    box.toggle()  # any other way around nextCheckState(): an untick, saved too
    assert not box.isChecked()
    close_database()
    open_database(data_dir)
    saved = {(c.set_number, c.side) for c in CompletedSet.select()}
    assert saved == {(1, "left")}


def test_a_refused_toggle_leaves_the_box_as_the_store_has_it(qtbot, window):
    from PySide6.QtGui import QAccessible, QAccessibleActionInterface

    database.execute_sql("PRAGMA query_only = 1")  # the store can no longer write
    box = box_named(window, "Clam shell, set 2, right side")
    QAccessible.queryAccessibleInterface(box).actionInterface().doAction(
        QAccessibleActionInterface.toggleAction()
    )
    assert not box.isChecked()
    assert "read-only" in window.today.message_bar.text()
    database.execute_sql("PRAGMA query_only = 0")
    assert sessions.load_day(TODAY).done == frozenset()


def test_the_set_count_sits_at_the_right_edge_above_the_bar(window):
    page = window.today
    label, bar = page.progress_label, page.progress_bar
    right = label.mapTo(page, label.rect().topRight()).x()
    assert abs(right - bar.mapTo(page, bar.rect().topRight()).x()) <= 1
    assert label.width() < bar.width()  # as wide as its text, not the column
