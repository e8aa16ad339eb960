"""A card's set boxes as a screen reader meets them: names, descriptions, announced changes."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible

from tests.ui.conftest import box_named


def test_a_box_is_described_by_what_the_set_is_done_with_not_its_name_again(window):
    box = box_named(window, "Clam shell, set 1, right side")
    reader = QAccessible.queryAccessibleInterface(box)
    assert reader.text(QAccessible.Text.Name) == "Clam shell, set 1, right side"
    assert reader.text(QAccessible.Text.Description) == "10 lifts with the yellow band"
    walk = QAccessible.queryAccessibleInterface(box_named(window, "Forward walking, set 1"))
    assert walk.text(QAccessible.Text.Description) == "10 steps with the yellow band"


def test_ticks_and_unticks_are_announced_however_they_are_made(qtbot, window):
    box = box_named(window, "Clam shell, set 1, right side")
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=box.rect().center())
    assert box.last_announcement == "Clam shell, set 1, right side: done"
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=box.rect().center())
    assert box.last_announcement == "Clam shell, set 1, right side: not done"
    window.menu_actions.undo.trigger()  # the untick taken back: the box is ticked again
    assert box.isChecked()
    assert box.last_announcement == "Clam shell, set 1, right side: done"
    other = box_named(window, "Forward walking, set 2")
    assert other.last_announcement == ""  # building the cards announces nothing
