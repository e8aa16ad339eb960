"""Running a session from the keyboard: the timers, Space to tick, undo, notes, page keys,
help, the tray and the colour scheme, wired into the main window."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QAbstractButton, QApplication, QHBoxLayout, QMenu, QWidget

from bandtracker import texts
from bandtracker.domain.prescription import SetKey
from bandtracker.store import session_log
from bandtracker.store.errors import StoreError
from bandtracker.ui.appearance import apply_colour_scheme
from bandtracker.ui.messages import Level
from bandtracker.ui.today.exercise_card import SetCheckBox
from bandtracker.ui.today.notes import NoteEditor
from bandtracker.ui.today.rest_timer import RestTimer
from bandtracker.ui.today.session_timer import SessionTimer
from bandtracker.ui.tray import TrayController

if TYPE_CHECKING:
    from bandtracker.ui.help_window import HelpWindow
    from bandtracker.ui.main_window import MainWindow

# Help is rare: its module (and the catalogue text it formats) loads when first opened.
ROUTINE_TAB, SHORTCUTS_TAB = 0, 1
HELP_TEXT = "helpText"  # an action's property: what Help says it does, when its text changes


class SessionTools(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.page = page = window.today
        self.day: date | None = None
        # (key, ticked) per change made in this window today, newest last.
        self.undo_stack: list[tuple[SetKey, bool]] = []
        self._undoing = False
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
        layout = page.layout()
        layout.insertWidget(layout.indexOf(page.message_bar) + 1, bar)
        self.notes = NoteEditor(window.clock)
        layout.addWidget(self.notes)
        for source in (self.session_timer, self.notes):
            source.failed.connect(self._show_error)
        self.notes.saved.connect(lambda _day: window.calendar.refresh())

        window.pages.setAccessibleName(self.tr("Pages"))
        self._build_actions()
        self.rest_timer.active_changed.connect(self._update_session_actions)
        self.rest_timer.active_changed.connect(self._rest_closed)
        self.session_timer.running_changed.connect(self._update_session_actions)
        self.tray = TrayController(window)
        page.set_changed.connect(self._set_changed)
        page.day_shown.connect(self._day_shown)
        window.pages.currentChanged.connect(self._page_changed)
        self._page_changed()
        try:
            apply_colour_scheme(session_log.load_session_prefs().colour_scheme)
        except StoreError as exc:
            self._show_error(texts.error_text(exc))
        if page.day is not None:
            self._day_shown(page.day)

    # Menus --------------------------------------------------------------------------------

    def _action(self, text: str, name: str, slot: Callable[[], object], keys: list[str]) -> QAction:
        action = QAction(text, self.window)
        action.setObjectName(name)
        action.setShortcuts([QKeySequence(k) for k in keys])
        action.triggered.connect(slot)
        return action

    def _build_actions(self) -> None:
        window = self.window
        bar = window.menuBar()
        edit_menu = bar.findChild(QMenu, "menuEdit")
        help_menu = bar.findChild(QMenu, "menuHelp")
        self.undo_action = self._action(self.tr("&Undo"), "actionUndo", self.undo, [])
        self.undo_action.setProperty(HELP_TEXT, self.tr("Undo the last tick (or untick)"))
        self.undo_action.setShortcuts(
            [*QKeySequence.keyBindings(QKeySequence.StandardKey.Undo), QKeySequence("Backspace")]
        )
        self.tick_next_action = self._action(
            self.tr("&Tick Next Set"), "actionTickNext", self.tick_next, ["Space"]
        )
        # Holding the key down must not tick (or untick) a row of sets.
        self.tick_next_action.setAutoRepeat(False)
        self.undo_action.setAutoRepeat(False)
        self.finish_action = self._action(
            self.tr("F&inish Session"),
            "actionFinish",
            self.session_timer.finish,
            ["Ctrl+Return"],
        )
        self.skip_rest_action = self._action(
            self.tr("S&kip Rest"), "actionSkipRest", self.rest_timer.skip, ["Escape"]
        )
        first = edit_menu.actions()[0] if edit_menu.actions() else None
        edit_menu.insertActions(
            first,
            [self.undo_action, self.tick_next_action, self.finish_action, self.skip_rest_action],
        )
        edit_menu.insertSeparator(first)

        view_menu = QMenu(self.tr("&View"), bar)
        view_menu.setObjectName("menuView")
        bar.insertMenu(help_menu.menuAction(), view_menu)
        self.page_actions: list[QAction] = []
        for index in range(window.pages.count()):
            action = self._action(
                window.pages.tabText(index),
                f"actionPage{index + 1}",
                lambda _=False, index=index: self.show_page(index),
                [f"Ctrl+{index + 1}"],
            )
            self.page_actions.append(action)
            view_menu.addAction(action)
        view_menu.addSeparator()
        scheme_menu = view_menu.addMenu(self.tr("&Colours"))
        scheme_menu.setObjectName("menuColours")
        self.scheme_group = QActionGroup(self)
        self.scheme_actions: dict[str, QAction] = {}
        for mode, text in (
            ("system", self.tr("As the &System Does")),
            ("light", self.tr("&Light")),
            ("dark", self.tr("&Dark")),
        ):
            action = QAction(text, self.scheme_group)
            action.setObjectName(f"actionScheme_{mode}")
            action.setCheckable(True)
            action.triggered.connect(lambda _=False, mode=mode: self.set_colour_scheme(mode))
            scheme_menu.addAction(action)
            self.scheme_actions[mode] = action
        self._check_scheme()

        self.help_action = self._action(
            self.tr("%1 &Help").replace("%1", "Band Tracker"),
            "actionHelp",
            lambda: self.show_help(ROUTINE_TAB),
            [],
        )
        self.help_action.setShortcuts(
            QKeySequence.keyBindings(QKeySequence.StandardKey.HelpContents)
        )
        if not self.help_action.shortcuts():
            self.help_action.setShortcut(QKeySequence("F1"))
        self.shortcuts_action = self._action(
            self.tr("&Keyboard Shortcuts"),
            "actionShortcuts",
            lambda: self.show_help(SHORTCUTS_TAB),
            ["Ctrl+/"],
        )
        first = help_menu.actions()[0] if help_menu.actions() else None
        help_menu.insertActions(first, [self.help_action, self.shortcuts_action])
        help_menu.insertSeparator(first)
        self._update_undo()

    def shortcut_actions(self) -> list[QAction]:
        """Every menu action with a shortcut, in menu order (what Help lists)."""
        found: list[QAction] = []

        def walk(menu: QMenu) -> None:
            for action in menu.actions():
                if action.menu() is not None:
                    walk(action.menu())
                elif action.shortcuts() and action not in found:
                    found.append(action)

        for top in self.window.menuBar().actions():
            if top.menu() is not None:
                walk(top.menu())
        return found

    def show_help(self, tab: int) -> None:
        if self.help_window is None:
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
        # Disabled elsewhere, so Space and Backspace keep their usual meaning on other pages.
        self.tick_next_action.setEnabled(on_today)
        self._update_undo()
        self._update_session_actions()

    def _update_session_actions(self) -> None:
        # Only while they mean something: Escape and Ctrl+Return belong to other pages otherwise.
        on_today = self.window.pages.currentWidget() is self.page
        self.finish_action.setEnabled(on_today and self.session_timer.running)
        self.skip_rest_action.setEnabled(on_today and not self.rest_timer.isHidden())

    # Colour scheme ------------------------------------------------------------------------

    def _check_scheme(self) -> None:
        try:
            mode = session_log.load_session_prefs().colour_scheme
        except StoreError:
            mode = "system"
        self.scheme_actions[mode].setChecked(True)

    def set_colour_scheme(self, mode: str) -> None:
        try:
            prefs = session_log.load_session_prefs()
            from dataclasses import replace

            session_log.save_session_prefs(replace(prefs, colour_scheme=mode))
        except StoreError as exc:
            self._show_error(texts.error_text(exc))
            self._check_scheme()
            return
        apply_colour_scheme(mode)

    def preferences_changed(self) -> None:
        self._check_scheme()
        try:
            apply_colour_scheme(session_log.load_session_prefs().colour_scheme)
        except StoreError as exc:
            self._show_error(texts.error_text(exc))

    # Ticking ------------------------------------------------------------------------------

    def next_key(self) -> SetKey | None:
        view = self.page.view
        if view is None:
            return None
        return next((k for k in view.slots() if k not in view.done), None)

    def tick_next(self) -> None:
        """Space: the focused button if it is not a set box, else the next set to do."""
        focused = QApplication.focusWidget()
        if (
            isinstance(focused, QAbstractButton)
            and not isinstance(focused, SetCheckBox)
            and self.window.isAncestorOf(focused)
        ):
            focused.animateClick()
            return
        if isinstance(focused, SetCheckBox) and not focused.isChecked():
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
        key = self.undo_stack[-1][0] if self.undo_stack else self.next_key()
        box = self.page.box(key) if key is not None else None
        if box is not None:
            self._reveal(box)

    def _reveal(self, box: SetCheckBox) -> None:
        self.page.scroll.ensureWidgetVisible(box, 40, 40)
        box.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _set_changed(self, key: SetKey, ticked: bool) -> None:
        view = self.page.view
        all_done = view is not None and view.total > 0 and view.done_count == view.total
        if not self._undoing:
            self.undo_stack.append((key, ticked))
        self.session_timer.set_changed(ticked, all_done)
        if ticked and not all_done and not self._undoing:
            try:
                self.rest_timer.start(session_log.load_session_prefs().rest_seconds)
            except StoreError:
                self.rest_timer.skip()
        elif all_done or self._undoing:
            self.rest_timer.skip()
        self._update_undo()
        self._update_tray()

    def undo(self) -> None:
        while self.undo_stack:
            key, ticked = self.undo_stack[-1]
            box = self.page.box(key)
            if box is None or box.isChecked() != ticked:
                # Changed since by other means (the calendar, a reload): nothing to take back.
                self.undo_stack.pop()
                continue
            self._undoing = True
            try:
                box.click()
            finally:
                self._undoing = False
            if box.isChecked() != ticked:
                self.undo_stack.pop()
                self.window.statusBar().showMessage(
                    self.tr("Undone: %1").replace("%1", self._describe(key, ticked)), 5000
                )
            self._reveal(box)
            break
        self._update_undo()

    def _describe(self, key: SetKey, ticked: bool) -> str:
        cards = [card for card in self.page.cards if key in card.boxes]
        name = texts.set_label(cards[0].planned.exercise, key) if cards else key.exercise
        return (self.tr("tick of %1") if ticked else self.tr("untick of %1")).replace("%1", name)

    def _update_undo(self) -> None:
        last = self.undo_stack[-1] if self.undo_stack else None
        on_today = self.window.pages.currentWidget() is self.page
        self.undo_action.setEnabled(last is not None and on_today)
        if last is None:
            self.undo_action.setText(self.tr("&Undo"))
        else:
            described = self._describe(*last)
            text = self.tr("&Undo %1").replace("%1", described[:1].upper() + described[1:])
            self.undo_action.setText(text)

    def _day_shown(self, day: date) -> None:
        try:
            if day != self.day:
                self.day = day
                self.undo_stack.clear()
                self.rest_timer.skip()
                self.notes.load(day)
            self.session_timer.load(day)
        except StoreError as exc:
            self._show_error(texts.error_text(exc))
        self._update_undo()
        self._update_tray()

    def _update_tray(self) -> None:
        view = self.page.view
        if view is not None:
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
        try:
            to_tray = session_log.load_session_prefs().close_to_tray
        except StoreError:
            to_tray = False
        if not to_tray:
            return False
        event.ignore()
        self.window.hide()
        return True
