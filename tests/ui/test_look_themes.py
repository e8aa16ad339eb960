"""What a look at every screen in light and dark found: each check samples what is drawn."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QColor, QPalette, QTextDocument
from PySide6.QtWidgets import QTableView, QToolButton, QWidget

from bandtracker.domain.catalogue import default_catalogue
from bandtracker.domain.progression import Rung, Suggestion
from bandtracker.store import sessions
from bandtracker.ui.preferences.dialog import swatch
from bandtracker.ui.theme import apply_theme, is_dark
from bandtracker.ui.today.exercise_card import BandSwatch
from bandtracker.ui.today.rest_timer import RestTimer
from bandtracker.ui.today.suggestion import SuggestionBar
from tests.ui.calendar.helpers import click_day, show_calendar


@pytest.fixture
def app(restore_theme):
    return restore_theme


def luminance(colour: QColor) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in (colour.redF(), colour.greenF(), colour.blueF()))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: QColor, b: QColor) -> float:
    """The WCAG contrast ratio: 4.5 is the minimum for body text."""
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def distance(a: QColor, b: QColor) -> int:
    return abs(a.red() - b.red()) + abs(a.green() - b.green()) + abs(a.blue() - b.blue())


def switched(qtbot, app, mode: str, widget: QWidget) -> None:
    apply_theme(app, mode)
    # The new palette reaches the widgets through the event loop.
    qtbot.waitUntil(lambda: is_dark(widget.palette()) == (mode == "dark"))


def cell_rect(view: QTableView, day: date) -> QRect:
    """A day's cell on the month shown (a day of the month, not of the weeks around it)."""
    model = view.model()
    for row in range(model.rowCount()):
        for column in range(model.columnCount()):
            index = model.index(row, column)
            if str(model.data(index)) == str(day.day):
                return view.visualRect(index)
    raise AssertionError(f"no cell for {day}")


def cell_corner(view: QTableView, day: date) -> QPoint:
    """Just inside a day cell's top-left corner: its background, clear of number and mark."""
    return cell_rect(view, day).topLeft() + QPoint(4, 4)


def test_a_rest_week_is_tinted_on_the_month_in_both_themes(qtbot, app, window):
    page = show_calendar(qtbot, window)
    click_day(qtbot, page, date(2026, 11, 17))
    qtbot.mouseClick(page.rest_box, Qt.MouseButton.LeftButton)
    assert page.rest_box.isChecked()
    view = page.calendar.findChild(QTableView)
    rest_day, other_day = date(2026, 11, 18), date(2026, 11, 11)  # neither is selected
    for mode in ("light", "dark", "light"):
        switched(qtbot, app, mode, page.calendar)
        image = view.viewport().grab().toImage()
        rest = image.pixelColor(cell_corner(view, rest_day))
        other = image.pixelColor(cell_corner(view, other_day))
        assert distance(rest, other) > 30, (mode, rest.name(), other.name())
        # The tint is of the scheme shown, not the one it was first painted in.
        assert (rest.lightnessF() < 0.5) is (mode == "dark"), (mode, rest.name())


def test_the_step_up_suggestion_follows_a_theme_switch(qtbot, app):
    exercise = default_catalogue().exercises[0]
    apply_theme(app, "light")
    bar = SuggestionBar(exercise, Suggestion(Rung("yellow", 2), Rung("yellow", 3), 3))
    qtbot.addWidget(bar)
    bar.resize(360, 90)
    bar.show()
    qtbot.waitExposed(bar)
    for mode in ("dark", "light"):
        switched(qtbot, app, mode, bar)
        background = bar.grab().toImage().pixelColor(bar.width() // 2, 3)
        assert (background.lightnessF() < 0.5) is (mode == "dark"), (mode, background.name())
        text = bar.label.palette().color(QPalette.ColorRole.WindowText)
        assert contrast(background, text) > 4.5, mode


def test_a_preferences_problem_is_readable_in_both_themes(qtbot, app, window):
    for mode in ("light", "dark"):
        apply_theme(app, mode)
        window.open_preferences()
        dialog = window.preferences_dialog
        qtbot.waitUntil(lambda d=dialog, m=mode: is_dark(d.palette()) == (m == "dark"))
        dialog.tabs.setCurrentIndex(1)
        dialog.band_name.selectAll()
        qtbot.keyClick(dialog.band_name, Qt.Key.Key_Delete)
        assert "needs a name" in dialog.problem_label.text()
        label = dialog.problem_label
        text = label.palette().color(QPalette.ColorRole.WindowText)
        background = dialog.palette().color(QPalette.ColorRole.Window)
        assert contrast(text, background) >= 4.5, (mode, text.name())
        assert text.red() > text.green() + 40, (mode, text.name())  # still says "problem"
        if mode == "dark":
            # Switched while the problem shows: its red turns with the dialog.
            switched(qtbot, app, "light", dialog)

            def readable(label=label, dialog=dialog) -> bool:
                text = label.palette().color(QPalette.ColorRole.WindowText)
                return contrast(text, dialog.palette().color(QPalette.ColorRole.Window)) >= 4.5

            qtbot.waitUntil(readable)
        dialog.reject()


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_a_black_band_shows_on_its_card_and_in_the_band_list(qtbot, app, mode):
    apply_theme(app, mode)
    dot = BandSwatch("#000000")
    qtbot.addWidget(dot)
    dot.show()
    qtbot.waitUntil(lambda: is_dark(dot.palette()) == (mode == "dark"))
    window_colour = dot.palette().color(QPalette.ColorRole.Window)
    image = dot.grab().toImage()
    # Across the dot's left edge: rim or fill must stand out clearly from the window.
    seen = max(distance(image.pixelColor(x, 8), window_colour) for x in range(5))
    assert seen > 200, (mode, seen)
    # The list's icon has a grey rim whatever the list's background.
    corner = swatch("#000000").pixmap(14, 14).toImage().pixelColor(0, 7)
    assert 0.35 < corner.lightnessF() < 0.75, corner.name()


def test_rest_over_says_so_without_an_emoji_that_may_show_as_a_box(qtbot, clock):
    timer = RestTimer(clock)
    qtbot.addWidget(timer)
    timer.start(30)
    clock.advance(seconds=31)
    with qtbot.waitSignal(timer.rest_over):
        timer.refresh()
    text = timer.label.text()
    assert "Rest over" in text
    assert all(ord(c) < 0x1F000 for c in text), text


def test_names_and_notes_the_user_typed_show_as_typed_not_as_markup(qtbot, window):
    typed_band = "<i>Sunny</i> & bright"
    window.open_preferences()
    dialog = window.preferences_dialog
    dialog.tabs.setCurrentIndex(1)
    dialog.band_list.setCurrentRow(0)  # yellow, the routine's band
    dialog.band_name.selectAll()
    qtbot.keyClicks(dialog.band_name, typed_band)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: typed_band in window.today.cards[0].band_label.text())
    card = window.today.cards[0]
    assert card.band_label.textFormat() == Qt.TextFormat.PlainText

    step = SuggestionBar(
        card.planned.exercise, Suggestion(Rung(typed_band, 2), Rung(typed_band, 3), 3)
    )
    qtbot.addWidget(step)
    shown = QTextDocument()
    shown.setHtml(step.label.text())
    assert typed_band in shown.toPlainText()

    notes = window.session_tools.notes
    typed_note = "<b>left</b> hip < right"
    qtbot.mouseClick(next(iter(card.boxes.values())), Qt.MouseButton.LeftButton, pos=QPoint(20, 18))
    notes.edit.setFocus()
    qtbot.keyClicks(notes.edit, typed_note)
    with qtbot.waitSignal(notes.saved):
        notes.save()
    page = show_calendar(qtbot, window)
    assert page.panel.note.isVisible()
    assert typed_note in page.panel.note.text()
    assert page.panel.note.textFormat() == Qt.TextFormat.PlainText

    window.today.message_bar.show_message(f"Saved the {typed_band} band.")
    assert window.today.message_bar.label.textFormat() == Qt.TextFormat.PlainText


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_an_unticked_exercise_in_preferences_still_shows_its_box(qtbot, app, window, mode):
    apply_theme(app, mode)
    window.open_preferences()
    dialog = window.preferences_dialog
    listing = dialog.exercise_list
    qtbot.waitUntil(lambda: is_dark(listing.palette()) == (mode == "dark"))
    item = listing.item(2)
    item.setCheckState(Qt.CheckState.Unchecked)
    rect = listing.visualItemRect(item)
    image = listing.viewport().grab().toImage()
    base = listing.palette().color(QPalette.ColorRole.Base)
    # Fusion draws the box with an outline made from the window colour: in dark it had
    # melted into the list's background, so an unticked exercise showed no box at all.
    row = [image.pixelColor(x, rect.center().y()) for x in range(rect.left(), rect.left() + 24)]
    assert max(distance(c, base) for c in row) > 40, (mode, [c.name() for c in row])
    dialog.reject()


def test_weekend_days_are_a_readable_red_in_both_themes(qtbot, app, window):
    page = show_calendar(qtbot, window)
    calendar = page.calendar
    for mode in ("dark", "light"):
        switched(qtbot, app, mode, calendar)
        base = calendar.palette().color(QPalette.ColorRole.Base)
        for day in (Qt.DayOfWeek.Saturday, Qt.DayOfWeek.Sunday):
            red = calendar.weekdayTextFormat(day).foreground().color()
            assert red.red() > red.green() + 40, (mode, red.name())
            assert contrast(red, base) >= 4.5, (mode, red.name())


def test_a_selected_complete_day_keeps_its_number_readable(qtbot, app, window, clock):
    day = date(2026, 11, 18)
    at = clock()
    for planned in sessions.load_day(day).plan:
        for key in planned.slots():
            sessions.tick(day, key, at)
    page = show_calendar(qtbot, window)
    click_day(qtbot, page, day)
    view = page.calendar.findChild(QTableView)
    for mode in ("light", "dark"):
        switched(qtbot, app, mode, page.calendar)
        cell = cell_rect(view, day)
        image = view.viewport().grab().toImage()
        # Inside the complete day's disc, below its number.
        disc = image.pixelColor(cell.center() + QPoint(0, min(cell.width(), cell.height()) // 5))
        number = view.palette().color(QPalette.ColorRole.HighlightedText)
        assert contrast(disc, number) >= 4.5, (mode, disc.name(), number.name())


@pytest.mark.parametrize("size", [(1024, 700), (1920, 1080)])
def test_the_steps_up_list_shows_whole_below_the_chart(qtbot, open_window, data_dir, size):
    from bench.seed import seed_history

    seed_history(data_dir, years=1, end=date(2026, 11, 24))
    window = open_window()
    window.resize(*size)
    window.pages.setCurrentWidget(window.progress_tab)
    page = window.progress
    qtbot.waitUntil(lambda: page.isVisible() and "Steps up" in page.steps_label.text())
    lines = page.steps_label.text().count("<br>") + 1
    assert lines >= 4  # a year of history has a few steps up
    needed = page.steps_label.sizeHint().height()
    # Every line shows, none cut in half, and the chart keeps a useful height.
    viewport = page.steps_label.parentWidget()
    qtbot.waitUntil(lambda: viewport.height() >= needed)
    assert page.chart.height() >= 240


def test_the_month_arrows_follow_the_bar_and_show_when_a_month_is_not_available(qtbot, app, window):
    page = show_calendar(qtbot, window)
    calendar = page.calendar
    back = calendar.findChild(QToolButton, "qt_calendar_prevmonth")
    forward = calendar.findChild(QToolButton, "qt_calendar_nextmonth")
    assert back.isEnabled() and not forward.isEnabled()  # no months after this one
    for mode in ("dark", "light"):
        switched(qtbot, app, mode, calendar)
        bar = calendar.palette().color(QPalette.ColorRole.Highlight)

        def arrow(button: QToolButton, bar: QColor = bar) -> QColor:
            image = calendar.grab(QRect(button.mapTo(calendar, QPoint(0, 0)), button.size()))
            pixels = image.toImage()
            return max(
                (pixels.pixelColor(x, y) for x in range(pixels.width()) for y in range(4, 18)),
                key=lambda c: distance(c, bar),
            )

        shown, faded = arrow(back), arrow(forward)
        # Like the month's name on the bar; the unavailable one plainly faded.
        assert contrast(shown, bar) >= 4.5, (mode, shown.name(), bar.name())
        assert contrast(faded, bar) < 2.5, (mode, faded.name(), bar.name())


def test_rest_over_is_bold_and_turns_with_a_theme_switch(qtbot, app, clock):
    apply_theme(app, "light")
    timer = RestTimer(clock)
    qtbot.addWidget(timer)
    timer.show()
    timer.start(30)
    clock.advance(seconds=31)
    with qtbot.waitSignal(timer.rest_over):
        timer.refresh()
    assert timer.label.font().bold()
    switched(qtbot, app, "dark", timer)
    qtbot.waitUntil(lambda: is_dark(timer.label.palette()))
    text = timer.label.palette().color(QPalette.ColorRole.WindowText)
    assert contrast(text, app.palette().color(QPalette.ColorRole.Window)) >= 4.5
    timer.skip()
    timer.start(30)
    assert not timer.label.font().bold()
