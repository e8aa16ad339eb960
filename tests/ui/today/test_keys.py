"""Space, Enter, Esc, Tab and undo/redo on Today as a keyboard user meets them (issues 11, 13)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QWidget

from bandtracker.domain.prescription import SetKey, Side
from bandtracker.store import sessions
from tests.ui.conftest import box_named

TODAY = date(2026, 11, 24)
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def active(qtbot, window):
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


def press(qtbot, window, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(QApplication.focusWidget() or window, key, modifier)


def done(day: date = TODAY) -> frozenset[SetKey]:
    return sessions.load_day(day).done


def test_esc_leaves_the_note_and_space_ticks_again(qtbot, window):
    active(qtbot, window)
    note = window.session_tools.notes.edit
    note.setFocus()
    qtbot.keyClicks(note, "Easy")
    press(qtbot, window, Qt.Key.Key_Space)
    assert note.toPlainText() == "Easy " and done() == frozenset()
    press(qtbot, window, Qt.Key.Key_Escape)
    assert not note.hasFocus()
    press(qtbot, window, Qt.Key.Key_Space)
    assert done() == {SetKey("forward-walk", 1)}
    assert note.toPlainText() == "Easy "
    assert window.state.note(TODAY) == "Easy "  # leaving the note saved it


def test_a_click_beside_the_cards_takes_the_focus_out_of_the_note(qtbot, window):
    active(qtbot, window)
    note = window.session_tools.notes.edit
    note.setFocus()
    qtbot.keyClicks(note, "Hard")
    title = window.today.title  # a label: not a control, yet clicking it leaves the note
    qtbot.mouseClick(title, Qt.MouseButton.LeftButton, pos=QPoint(2, 2))
    assert not note.hasFocus()
    press(qtbot, window, Qt.Key.Key_Space)
    assert done() == {SetKey("forward-walk", 1)}


def test_tab_out_of_the_note_then_space_ticks(qtbot, window):
    active(qtbot, window)
    note = window.session_tools.notes.edit
    note.setFocus()
    press(qtbot, window, Qt.Key.Key_Tab)
    assert not note.hasFocus()
    press(qtbot, window, Qt.Key.Key_Space)
    assert done() == {SetKey("forward-walk", 1)}


def test_tab_follows_the_screen_header_cards_then_the_note(qtbot, window):
    today = window.today
    chain: list[QWidget] = []
    first_card = today.cards[0]
    widget = first_card.cues_button
    for _ in range(200):
        chain.append(widget)
        widget = widget.nextInFocusChain()
        if widget is first_card.cues_button:
            break
    boxes = [box for card in today.cards for box in card.boxes.values()]
    positions = [chain.index(box) for box in boxes]
    assert positions == sorted(positions), "set boxes follow the cards' order"
    note = window.session_tools.notes.edit
    assert chain.index(note) > positions[-1], "the note comes after every set box"
    for card in today.cards[:-1]:
        following = today.cards[today.cards.index(card) + 1]
        assert chain.index(list(card.boxes.values())[-1]) < chain.index(following.cues_button)


def test_step_up_buttons_sit_in_their_card_in_the_tab_order(qtbot, window):
    from PySide6.QtWidgets import QHBoxLayout, QPushButton

    today = window.today
    card = today.cards[2]
    bar = QWidget()
    row = QHBoxLayout(bar)
    take, later = QPushButton("Step up"), QPushButton("Not now")
    row.addWidget(take)
    row.addWidget(later)
    card.set_suggestion(bar)
    today.order_tabs()
    last_box_before = list(today.cards[1].boxes.values())[-1]
    assert last_box_before.nextInFocusChain() is take
    assert take.nextInFocusChain() is later
    assert later.nextInFocusChain() is card.cues_button


def test_space_never_presses_a_button_twice(qtbot, window):
    active(qtbot, window)
    finish = window.session_tools.session_timer.finish_button
    presses = []
    window.session_tools.session_timer.finish_button.clicked.connect(lambda: presses.append(1))
    finish.setFocus()
    press(qtbot, window, Qt.Key.Key_Space)
    assert presses == []  # Space is Tick Next Set on Today, not a press of the focused button
    assert done() == {SetKey("forward-walk", 1)}


def test_redo_puts_back_what_undo_took(qtbot, window):
    active(qtbot, window)
    box = box_named(window, "Clam shell, set 1, right side")
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=box.rect().center())
    actions = window.menu_actions
    press(qtbot, window, Qt.Key.Key_Z, CTRL)
    assert done() == frozenset() and not box.isChecked()
    assert actions.redo.isEnabled()
    assert actions.redo.text() == "&Redo Tick of Clam shell, set 1, right side"
    press(qtbot, window, Qt.Key.Key_Y, CTRL)
    assert done() == {SetKey("clam-shell", 1, Side.RIGHT)} and box.isChecked()
    press(qtbot, window, Qt.Key.Key_Z, CTRL)
    press(qtbot, window, Qt.Key.Key_Z, CTRL | SHIFT)
    assert done() == {SetKey("clam-shell", 1, Side.RIGHT)} and box.isChecked()


def test_a_set_saved_elsewhere_shows_on_the_same_box(qtbot, window):
    """Floor mode and undo save through the state; Today updates its box, not its cards."""
    box = box_named(window, "Side-lying leg lift, set 1, right side")
    with qtbot.waitSignal(window.today.set_changed):
        assert window.state.set_done(SetKey("side-leg-lift", 1, Side.RIGHT), True)
    assert box.isChecked()
    assert box is box_named(window, "Side-lying leg lift, set 1, right side")
    assert window.today.progress_label.text() == "1 of 30 sets"


def test_space_in_the_past_day_editor_ticks_and_never_leaves_the_day(qtbot, window):
    active(qtbot, window)
    window.pages.setCurrentIndex(1)
    calendar = window.calendar
    past = date(2026, 11, 20)
    calendar.select_day(past)
    calendar.open_editor(past)
    assert calendar.stack.currentIndex() == 1
    press(qtbot, window, Qt.Key.Key_Space)
    assert calendar.stack.currentIndex() == 1, "Space did not press Back to Calendar"
    assert done(past) == {SetKey("forward-walk", 1)}
