from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QFileDialog, QMessageBox

from bandtracker.store.db import close_database, open_database
from bandtracker.store.models import CompletedSet
from bandtracker.ui import main_window
from bandtracker.ui.main_window import MainWindow
from tests.ui.conftest import box_named, handle_next_modal, import_through_menu


def menu_texts(window) -> dict[str, list[str]]:
    return {
        menu.title(): [a.text() for a in menu.actions() if not a.isSeparator()]
        for menu in (a.menu() for a in window.menuBar().actions())
    }


def test_menus_have_the_standard_entries_and_shortcuts(window):
    menus = menu_texts(window)
    assert menus["&File"] == [
        "&Export Sets as CSV\N{HORIZONTAL ELLIPSIS}",
        "&Import Sets from CSV\N{HORIZONTAL ELLIPSIS}",
        "Export Everything as &JSON\N{HORIZONTAL ELLIPSIS}",
        "Export to &Calendar (iCalendar)\N{HORIZONTAL ELLIPSIS}",
        "Import from JSO&N\N{HORIZONTAL ELLIPSIS}",
        "&Back Up Now",
        "&Restore from Backup\N{HORIZONTAL ELLIPSIS}",
        "&Quit",
    ]
    # Help and shortcuts come first (issue 7), About stays in the menu.
    assert "&About Band Tracker" in menus["&Help"]
    assert QKeySequence("Ctrl+Q") in window.menu_actions.quit.shortcuts()
    assert window.menu_actions.export_csv.shortcut() == QKeySequence("Ctrl+E")
    assert window.menu_actions.import_csv.shortcut() == QKeySequence("Ctrl+I")


def test_ctrl_q_closes_the_window(qtbot, window):
    qtbot.keyClick(window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not window.isVisible())


def test_window_size_and_position_are_remembered(qtbot, open_window, data_dir):
    window = open_window()
    window.resize(700, 540)
    qtbot.waitUntil(lambda: window.width() == 700)
    window.close()
    assert (data_dir / "window.ini").is_file()
    again = open_window()
    assert (again.width(), again.height()) == (700, 540)


def test_about_names_the_version_and_the_data_folder(qtbot, window, data_dir):
    seen: list = []
    handle_next_modal(qtbot, seen)
    window.menu_actions.about.trigger()
    assert "0.1.0" in seen[1] and str(data_dir) in seen[1]


def test_export_then_import_from_the_file_menu(qtbot, window, tmp_path, monkeypatch):
    qtbot.mouseClick(box_named(window, "Clam shell, set 1, left side"), Qt.MouseButton.LeftButton)
    target = tmp_path / "out.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    window.menu_actions.export_csv.trigger()
    lines = target.read_text().splitlines()
    assert lines[1].startswith("2026-11-24,clam-shell,1,left,10,yellow,")
    assert "Exported 1 set to" in window.statusBar().currentMessage()

    target.write_text(lines[0] + "\n2026-11-20,glute-bridge,1,,10,yellow,2026-11-20T08:00:00Z\n")
    seen = import_through_menu(qtbot, window, monkeypatch, target)
    assert seen[1] == "Imported 1 set on 1 new day."
    assert CompletedSet.select().count() == 2


def test_a_bad_import_says_which_line_and_changes_nothing(qtbot, window, tmp_path, monkeypatch):
    target = tmp_path / "bad.csv"
    target.write_text("date,exercise,set,side,reps,band,completed_at\n2026-11-20,yoga,1,,10,x,y\n")
    seen = import_through_menu(qtbot, window, monkeypatch, target)
    assert seen[0].icon() == QMessageBox.Icon.Warning
    assert seen[1].startswith("Line 2: unknown exercise 'yoga'")
    assert CompletedSet.select().count() == 0


def test_export_to_an_unwritable_place_shows_an_error(qtbot, window, tmp_path, monkeypatch):
    target = tmp_path / "no-such-folder" / "out.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    seen: list = []
    handle_next_modal(qtbot, seen)
    window.menu_actions.export_csv.trigger()
    assert "Could not write" in seen[1]
    assert not Path(target).exists()


def test_work_after_the_first_paint_runs_even_if_the_window_is_never_painted(
    qtbot, data_dir, clock, monkeypatch
):
    monkeypatch.setattr(main_window, "AFTER_PAINT_LATEST_MS", 50)
    close_database()
    open_database(data_dir)
    window = MainWindow(data_dir, clock=clock)  # never shown
    qtbot.addWidget(window)
    ran: list[str] = []
    window.call_after_first_paint(lambda: ran.append("first"))
    qtbot.waitUntil(lambda: ran == ["first"])
    assert window._calendar is not None  # the pages were built as after a paint
    window.call_after_first_paint(lambda: ran.append("later"))  # after it: on the next turn
    qtbot.waitUntil(lambda: ran == ["first", "later"])
