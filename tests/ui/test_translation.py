"""Every user-visible string goes through Qt's translation: a marking translator shows it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, Qt, QTranslator

from bandtracker.store.db import database
from tests.ui.conftest import box_named, import_through_menu


class BracketTranslator(QTranslator):
    """Wraps every string of ours in brackets; Qt's own strings (contexts Q...) stay as they are."""

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str:
        return "" if context.startswith("Q") else f"[{source}]"

    def isEmpty(self) -> bool:
        return False


def test_menus_page_title_and_set_boxes_come_from_the_translator(open_window):
    translator = BracketTranslator()
    QCoreApplication.installTranslator(translator)
    try:
        window = open_window()
        menus = [action.text() for action in window.menuBar().actions()]
        assert menus == ["[&File]", "[&Edit]", "[&View]", "[&Help]"]
        assert (
            window.menu_actions.export_csv.text() == "[&Export Sets as CSV\N{HORIZONTAL ELLIPSIS}]"
        )
        assert window.pages.tabText(0) == "[&Today]"
        assert window.today.title.text() == "[Today]"
        assert window.today.progress_label.text() == "[0 of 30 sets]"
        # The visible text is translated; the accessible names automation relies on are not.
        assert box_named(window, "Clam shell, set 1, left side").text() == "[Left]"
        assert box_named(window, "Forward walking, set 2").text() == "[Set 2]"
    finally:
        QCoreApplication.removeTranslator(translator)
    assert QCoreApplication.translate("Actions", "&File") == "&File"


@pytest.fixture
def bracketed():
    translator = BracketTranslator()
    QCoreApplication.installTranslator(translator)
    yield
    QCoreApplication.removeTranslator(translator)


def test_catalogue_text_on_the_cards_is_translated_but_accessible_names_stay(
    qtbot, bracketed, window
):
    card = window.today.cards[3]
    qtbot.mouseClick(card.cues_button, Qt.MouseButton.LeftButton)
    assert card.how_to is not None and card.cues is not None
    assert card.accessibleName() == "Back-lying leg lift"
    assert card.name_label.text() == "[Back-lying leg lift]"
    # The template and the unit word are each looked up: "[{sets} × {reps} {unit}, each side]".
    assert card.prescription_label.text() == "[2 \N{MULTIPLICATION SIGN} 10 [lifts], each side]"
    # (The case changes for the start and middle of a line miss the brackets: expected here.)
    assert (
        card.band_label.text() == "[[yellow] band \N{MIDDLE DOT} [Around the middle of the calves]]"
    )
    assert card.how_to.text().startswith("[Lie flat on your back")
    assert card.cues.text().splitlines()[0] == "\N{BULLET} [Keep the lifting leg straight.]"
    box = box_named(window, "Back-lying leg lift, set 1, left side")
    assert box.toolTip() == "[[Back-lying leg lift], set 1, left side]"


def test_a_failed_tick_explains_itself_in_the_translation(qtbot, bracketed, window):
    database.execute_sql("PRAGMA query_only = 1")  # the store can no longer write
    box = box_named(window, "Clam shell, set 1, right side")
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton)
    bar = window.today.message_bar
    qtbot.waitUntil(bar.isVisible)
    database.execute_sql("PRAGMA query_only = 0")
    assert not box.isChecked()
    assert bar.text() == (
        "[[Could not [save the set]: the data folder is read-only. "
        "Check its permissions or free the disk.] The box was left as it was.]"
    )


def test_an_import_error_dialog_is_translated(qtbot, bracketed, window, tmp_path, monkeypatch):
    target = tmp_path / "bad.csv"
    target.write_text("date,exercise,set,side,reps,band,completed_at\n2026-11-20,yoga,1,,10,x,y\n")
    seen = import_through_menu(qtbot, window, monkeypatch, target)
    assert seen[1] == "[Line {line}: {problem}. Nothing was imported.]".format(
        line=2, problem="[unknown exercise 'yoga']"
    )


def test_help_and_progress_show_the_catalogue_translated(bracketed, window):
    from bandtracker.ui.help_window import routine_html

    assert "<b>[Clam shell]</b>" in routine_html()
    combo = window.progress.exercise_combo
    assert combo.itemText(0) == "[Forward walking]"
    assert combo.itemData(0) == "forward-walk"


def test_user_band_names_are_data_and_stay_as_written(bracketed, window):
    from bandtracker import texts

    assert texts.band_name("yellow") == "[yellow]"
    assert texts.band_name("my red one") == "my red one"
    assert texts.band_title("my red one") == "My red one"


class BrokenTranslator(QTranslator):
    """A translation that names a field the English text does not have."""

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str:
        return "{nonsense} [x]" if context == "Store" else ""

    def isEmpty(self) -> bool:
        return False


def test_a_translation_with_wrong_fields_falls_back_to_english(qapp):
    from bandtracker import texts
    from bandtracker.i18n import Message

    translator = BrokenTranslator()
    QCoreApplication.installTranslator(translator)
    try:
        assert texts.translate(Message("{count} sets", count=3)) == "3 sets"
        assert texts.translate(Message("Fixed text")) == "{nonsense} [x]"
    finally:
        QCoreApplication.removeTranslator(translator)


def test_a_starting_band_shown_translated_keeps_its_name_when_only_its_note_changes(
    qtbot, bracketed, window
):
    from bandtracker.store.models import Band
    from tests.ui.preferences.test_dialog import click_row, ok, open_dialog

    dialog = open_dialog(qtbot, window)
    dialog.tabs.setCurrentIndex(1)
    click_row(qtbot, dialog.band_list, "[[green]")
    assert dialog.band_name.text() == "[green]"
    assert dialog.band_note.text() == "[medium]"
    dialog.band_note.selectAll()
    qtbot.keyClicks(dialog.band_note, "my favourite")
    ok(qtbot, window, dialog)
    green = Band.get(Band.position == 1)
    assert (green.name, green.note) == ("green", "my favourite")


def test_the_calendar_day_view_shows_exercises_and_bands_translated(
    qtbot, bracketed, open_window, data_dir
):
    from datetime import date

    from tests.ui.calendar.helpers import click_day, seeded, show_calendar

    seeded(data_dir, {date(2026, 11, 10): 15})
    window = open_window()
    page = show_calendar(qtbot, window)
    click_day(qtbot, page, date(2026, 11, 10))
    text = page.panel.exercises.text()
    assert "<td>[Forward walking]</td>" in text
    assert "[[yellow] band]" in text
