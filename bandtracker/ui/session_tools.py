"""Running a session from the keyboard: the timers, Space to tick, undo, notes, page keys,
help, the tray and the colour scheme, wired into the main window."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QHBoxLayout, QWidget

from bandtracker import texts
from bandtracker.domain.prescription import SetKey
from bandtracker.store.errors import StoreError
from bandtracker.ui.actions import ROUTINE_TAB, SHORTCUTS_TAB
from bandtracker.ui.appearance import apply_colour_scheme
from bandtracker.ui.messages import Level
from bandtracker.ui.today.exercise_card import SetCheckBox
from bandtracker.ui.today.notes import NoteEditor
from bandtracker.ui.today.rest_timer import RestTimer
from bandtracker.ui.today.session_timer import SessionTimer
from bandtracker.ui.tray import TrayController

if TYPE_CHECKING:
    from bandtracker.state import AppState
    from bandtracker.ui.actions import Actions
    from bandtracker.ui.help_window import HelpWindow
    from bandtracker.ui.main_window import MainWindow


class SessionTools(QObject):
    def __init__(self, window: MainWindow, state: AppState, actions: Actions) -> None:
        super().__init__(window)
        self.window = window
        self.state = state
        self.actions = actions
        self.page = page = window.today
        self.day: date | None = None
        self.last_key: SetKey | None = None  # the set changed last: the focus goes back to it
        self.help_window: HelpWindow | None = None

        self.session_timer = SessionTimer(window.clock)
        self.rest_timer = RestTimer(window.clock)
        bar = QWidget()
        bar.setObjectName("sessionBar")
        row = QHBoxLayout(bar)
        row.setContentsMargins(0, 4, 0, 4)
        row.addWidget(self.session_timer)
        row.addStretch(1)
        row.addWidget(self.rest_timer)
        page.add_session_bar(bar)
        self.notes = NoteEditor(state)
        page.add_note(self.notes)
        for source in (self.session_timer, self.notes):
            source.failed.connect(self._show_error)

        window.pages.setAccessibleName(self.tr("Pages"))
        self._connect_actions()
        self.rest_timer.active_changed.connect(self._update_session_actions)
        self.rest_timer.active_changed.connect(self._rest_closed)
        self.session_timer.running_changed.connect(self._update_session_actions)
        self.tray = TrayController(window)
        page.set_changed.connect(self._set_changed)
        page.day_shown.connect(self._day_shown)
        state.settings_changed.connect(self._check_scheme)
        state.data_replaced.connect(self.notes.reload)
        window.pages.currentChanged.connect(self._page_changed)
        self._page_changed()
        apply_colour_scheme(state.settings.colour_scheme)
        if page.day is not None:
            self._day_shown(page.day)

    # Menus --------------------------------------------------------------------------------

    def _connect_actions(self) -> None:
        actions = self.actions
        actions.tick_next.triggered.connect(self.tick_next)
        actions.finish.triggered.connect(self.session_timer.finish)
        actions.skip_rest.triggered.connect(self.rest_timer.skip)
        for index, item in enumerate(actions.pages):
            item.triggered.connect(lambda _=False, index=index: self.show_page(index))
        for mode, item in actions.schemes.items():
            item.triggered.connect(lambda _=False, mode=mode: self.set_colour_scheme(mode))
        self._check_scheme()
        actions.help.triggered.connect(lambda: self.show_help(ROUTINE_TAB))
        actions.shortcuts.triggered.connect(lambda: self.show_help(SHORTCUTS_TAB))

    def shortcut_actions(self) -> list[QAction]:
        """Every menu action with a shortcut, in menu order (what Help lists)."""
        return self.actions.with_shortcuts(self.window.menuBar())

    def show_help(self, tab: int) -> None:
        if self.help_window is None:
            # Help is rare: its module (and the catalogue text it formats) loads when first
            # opened.
            from bandtracker.ui.help_window import HelpWindow

            self.help_window = HelpWindow(self.shortcut_actions(), self.window)
            self.help_window.destroyed.connect(self._help_closed)
        self.help_window.tabs.setCurrentIndex(tab)
        self.help_window.show()
        self.help_window.raise_()
        self.help_window.activateWindow()

    def _help_closed(self) -> None:
        self.help_window = None

    def show_page(self, index: int) -> None:
        self.window.pages.setCurrentIndex(index)
        self.window.pages.currentWidget().setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _page_changed(self) -> None:
        on_today = self.window.pages.currentWidget() is self.page
        # Space and Backspace keep their usual meaning on other pages; Ctrl+Z undoes anywhere
        # (a day deleted in the calendar comes back with it).
        self.actions.tick_next.setEnabled(on_today)
        undo_keys = QKeySequence.keyBindings(QKeySequence.StandardKey.Undo)
        if on_today:
            undo_keys.append(QKeySequence("Backspace"))
        self.actions.undo.setShortcuts(undo_keys)
        self._update_session_actions()

    def _update_session_actions(self) -> None:
        # Only while they mean something: Escape and Ctrl+Return belong to other pages otherwise.
        on_today = self.window.pages.currentWidget() is self.page
        self.actions.finish.setEnabled(on_today and self.session_timer.running)
        self.actions.skip_rest.setEnabled(on_today and not self.rest_timer.isHidden())

    # Colour scheme ------------------------------------------------------------------------

    def _check_scheme(self) -> None:
        self.actions.schemes[self.state.settings.colour_scheme].setChecked(True)

    def set_colour_scheme(self, mode: str) -> None:
        if not self.state.save_settings({"colour_scheme": mode}):
            self._show_error(self.state.last_error)
            self._check_scheme()
            return
        apply_colour_scheme(mode)

    def preferences_changed(self) -> None:
        self._check_scheme()
        apply_colour_scheme(self.state.settings.colour_scheme)

    # Ticking ------------------------------------------------------------------------------

    def next_key(self) -> SetKey | None:
        view = self.page.view
        return None if view is None else view.next_key()

    def tick_next(self) -> None:
        """Space: the focused set box if it is not ticked yet, else the next set to do.

        Never another button: Tab can leave the focus on one scrolled out of sight, and Space
        is the key a user presses from the mat without looking.
        """
        focused = QApplication.focusWidget()
        if isinstance(focused, SetCheckBox) and not focused.isChecked() and focused.isVisible():
            key: SetKey | None = focused.key
        else:
            key = self.next_key()
        if key is None:
            self.window.statusBar().showMessage(self.tr("Every set of today is done."), 5000)
            return
        box = self.page.box(key)
        if box is None:
            return
        box.click()
        self._reveal(box)

    def _rest_closed(self, active: bool) -> None:
        # Skip had the focus and is gone: give it back to the sets, not to whatever came next
        # in the tab order (Space would press that).
        if active or not self.rest_timer.had_focus:
            return
        key = self.last_key or self.next_key()
        box = self.page.box(key) if key is not None else None
        if box is not None:
            self._reveal(box)

    def _reveal(self, box: SetCheckBox) -> None:
        self.page.scroll_area.ensureWidgetVisible(box, 40, 40)
        box.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _set_changed(self, key: SetKey, ticked: bool) -> None:
        """A set of the day on Today was saved (a click, Space, floor mode, undo)."""
        view = self.page.view
        all_done = view is not None and view.complete
        undoing = self.state.undoing
        self.last_key = key
        self.session_timer.set_changed(ticked, all_done)
        if ticked and not all_done and not undoing:
            self.rest_timer.start(self.state.settings.rest_seconds)
        elif all_done or undoing:
            self.rest_timer.skip()
        if undoing:
            box = self.page.box(key)
            if box is not None:
                self._reveal(box)
        self._update_tray()

    def _day_shown(self, day: date) -> None:
        try:
            if day != self.day:
                self.day = day
                self.last_key = None
                self.rest_timer.skip()
                self.notes.load(day)
            self.session_timer.load(day)
        except StoreError as exc:
            self._show_error(texts.error_text(exc))
        self._update_tray()

    def _update_tray(self) -> None:
        view = self.state.today
        self.tray.show_progress(view.done_count, view.total)

    def _show_error(self, text: str) -> None:
        self.page.message_bar.show_message(text, Level.ERROR)

    # Closing ------------------------------------------------------------------------------

    def intercept_close(self, event: QCloseEvent) -> bool:
        """Save the note; keep running in the tray instead of closing when the user asked for it.

        True when the close was turned into hiding the window. Only the window manager's close
        (the title bar's button) is spontaneous; File > Quit closes for real.
        """
        self.notes.save()
        if not event.spontaneous() or not self.tray.available:
            return False
        if not self.state.settings.close_to_tray:
            return False
        event.ignore()
        self.window.hide()
        return True
