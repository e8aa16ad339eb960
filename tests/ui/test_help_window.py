"""Help lists every shortcut and each one does what it says; every control has a name (issue 7)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QKeySequence
from PySide6.QtWidgets import QApplication, QWidget

from bandtracker.ui.help_window import ROUTINE_TAB, SHORTCUTS_TAB, described

# Keys some keyboards have for Undo or Help; the test's fake keyboard cannot type them.
DEDICATED_KEYS = {Qt.Key.Key_Undo, Qt.Key.Key_Redo, Qt.Key.Key_Help}


def active(qtbot, window):
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


def press_sequence(qtbot, window, sequence: QKeySequence) -> None:
    combo = sequence[0]
    target = QApplication.focusWidget() or window
    qtbot.keyClick(target, combo.key(), combo.keyboardModifiers())


def test_f1_opens_the_routine_guidance_and_ctrl_slash_the_shortcuts(qtbot, window):
    active(qtbot, window)
    press_sequence(qtbot, window, QKeySequence("F1"))
    help_window = window.session_tools.help_window
    assert help_window is not None and help_window.isVisible()
    assert help_window.tabs.currentIndex() == ROUTINE_TAB
    text = help_window.routine.toPlainText()
    assert "two or three times a week" in text
    assert "lightest band and fewer sets" in text
    assert "Clam shell" in text  # every exercise with its form cues
    help_window.close()
    active(qtbot, window)
    press_sequence(qtbot, window, QKeySequence("Ctrl+/"))
    help_window = window.session_tools.help_window
    assert help_window.tabs.currentIndex() == SHORTCUTS_TAB


def test_help_lists_every_shortcut_and_each_does_what_it_says(qtbot, window):
    tools = window.session_tools
    tools.show_help(SHORTCUTS_TAB)
    help_window = tools.help_window
    table = help_window.table
    listed_text = {
        (table.item(r, 0).text(), table.item(r, 1).text()) for r in range(table.rowCount())
    }
    menu_actions = tools.shortcut_actions()
    listed = help_window.listed()
    assert [a for _, a in listed] == menu_actions
    for name in ("actionUndo", "actionTickNext", "actionPage1", "actionPreferences"):
        assert name in {a.objectName() for a in menu_actions}
    assert ("Space", "Tick Next Set") in listed_text
    assert any(what == "Undo the last change (a set, a day)" for _, what in listed_text)
    assert ("Ctrl+Y", "Redo what was undone") in listed_text or any(
        "Ctrl+Y" in keys and what == "Redo what was undone" for keys, what in listed_text
    )
    help_window.close()

    active(qtbot, window)
    window.today.setFocus()
    for keys, action in listed:
        what = described(action)
        assert (keys, what) in listed_text
        # Only the key is under test here: what each action does is tested on its own.
        action.triggered.disconnect()
        action.setEnabled(True)
        for sequence in action.shortcuts():
            if sequence[0].key() in DEDICATED_KEYS:
                continue
            with qtbot.waitSignal(action.triggered, timeout=1000):
                press_sequence(qtbot, window, sequence)


def test_the_help_page_works_without_a_database_write(qtbot, window):
    window.session_tools.actions.help.trigger()
    assert window.session_tools.help_window.isVisible()


def focusable_widgets(root: QWidget) -> list[QWidget]:
    return [
        w
        for w in root.findChildren(QWidget)
        if w.focusPolicy() & Qt.FocusPolicy.TabFocus
        # Qt's own parts of a composite control (the calendar's year box...) and popups
        # belong to the named control that owns them.
        and not w.objectName().startswith("qt_")
        and w.focusProxy() is None  # the proxy (a tab widget's tab bar) takes the focus
        and w.window() is root
    ]


def accessible_name(widget: QWidget) -> str:
    """What a screen reader says: the accessible name, a buddy label's or a button's text."""
    interface = QAccessible.queryAccessibleInterface(widget)
    return interface.text(QAccessible.Text.Name).strip() if interface else ""


def test_every_focusable_widget_has_an_accessible_name(qtbot, window):
    window.session_tools.rest_timer.start(30)  # shown only between sets
    for index in range(window.pages.count()):
        window.pages.setCurrentIndex(index)
    widgets = focusable_widgets(window)
    assert len(widgets) > 50
    unnamed = [
        f"{type(w).__name__} {w.objectName()!r} in {type(w.parentWidget()).__name__}"
        for w in widgets
        if not accessible_name(w)
    ]
    assert unnamed == []


def test_the_preferences_dialog_controls_have_names_too(qtbot, window):
    window.open_preferences()
    dialog = window.preferences_dialog
    unnamed = [
        f"{type(w).__name__} {w.objectName()!r}"
        for w in focusable_widgets(dialog)
        if not accessible_name(w)
    ]
    dialog.reject()
    assert unnamed == []
    window.session_tools.show_help(SHORTCUTS_TAB)
    help_window = window.session_tools.help_window
    assert [w for w in focusable_widgets(help_window) if not accessible_name(w)] == []


def test_tab_and_arrows_reach_the_set_boxes(qtbot, window):
    active(qtbot, window)
    first = window.today.cards[0].boxes
    box = next(iter(first.values()))
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Right)
    assert QApplication.focusWidget().accessibleName() == "Forward walking, set 2"
    # Tab from the page header goes through the controls to a set box.
    window.session_tools.session_timer.finish_button.setEnabled(True)
    window.pages.tabBar().setFocus()
    seen = []
    for _ in range(40):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        seen.append(accessible_name(QApplication.focusWidget()))
    assert "Forward walking, set 1" in seen
    assert "Form cues for Forward walking" in seen


def test_alt_n_goes_to_the_note_as_help_says(qtbot, window):
    active(qtbot, window)
    window.today.cards[0].cues_button.setFocus()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)
    assert window.session_tools.notes.edit.hasFocus()
