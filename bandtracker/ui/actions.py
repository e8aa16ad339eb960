"""Every menu item of the main window, made in one place, and the menu bar built from them."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QActionGroup, QKeySequence, QUndoStack
from PySide6.QtWidgets import QMenu, QMenuBar

from bandtracker import APP_NAME

HELP_TEXT = "helpText"  # an action's property: what Help says it does, when its text changes
COLOUR_SCHEMES = ("system", "light", "dark")
ROUTINE_TAB, SHORTCUTS_TAB = 0, 1  # Help's two tabs, opened by its two menu items


def standard_keys(key: QKeySequence.StandardKey, *extra: str) -> list[QKeySequence]:
    """The platform's keys for `key`, plus `extra` ones people expect on every desktop."""
    keys = QKeySequence.keyBindings(key)
    for text in extra:
        if QKeySequence(text) not in keys:
            keys.append(QKeySequence(text))
    return keys


class Actions(QObject):
    """The window's actions. Each screen connects the ones it answers and enables them while
    they mean something; no screen looks for another's menus."""

    def __init__(self, parent: QObject, undo_stack: QUndoStack, page_titles: list[str]) -> None:
        super().__init__(parent)

        def action(text: str, name: str, keys: list[QKeySequence] | None = None) -> QAction:
            item = QAction(text, self)
            item.setObjectName(name)
            if keys:
                item.setShortcuts(keys)
            return item

        # File
        self.export_csv = action(
            self.tr("&Export Sets as CSV\N{HORIZONTAL ELLIPSIS}"),
            "actionExport",
            [QKeySequence("Ctrl+E")],
        )
        self.import_csv = action(
            self.tr("&Import Sets from CSV\N{HORIZONTAL ELLIPSIS}"),
            "actionImport",
            [QKeySequence("Ctrl+I")],
        )
        self.export_json = action(
            self.tr("Export Everything as &JSON\N{HORIZONTAL ELLIPSIS}"), "actionExportJson"
        )
        self.export_ics = action(
            self.tr("Export to &Calendar (iCalendar)\N{HORIZONTAL ELLIPSIS}"), "actionExportIcs"
        )
        self.import_json = action(
            self.tr("Import from JSO&N\N{HORIZONTAL ELLIPSIS}"), "actionImportJson"
        )
        self.backup = action(self.tr("&Back Up Now"), "actionBackup")
        self.restore = action(
            self.tr("&Restore from Backup\N{HORIZONTAL ELLIPSIS}"), "actionRestore"
        )
        self.quit = action(
            self.tr("&Quit"), "actionQuit", standard_keys(QKeySequence.StandardKey.Quit, "Ctrl+Q")
        )
        self.quit.setMenuRole(QAction.MenuRole.QuitRole)

        # Edit. Qt's undo stack names the step ("Undo Tick of Clam shell, set 2, left side")
        # and enables the two items itself.
        self.undo = undo_stack.createUndoAction(self, self.tr("&Undo"))
        self.undo.setObjectName("actionUndo")
        self.undo.setProperty(HELP_TEXT, self.tr("Undo the last change (a set, a day)"))
        self.redo = undo_stack.createRedoAction(self, self.tr("&Redo"))
        self.redo.setObjectName("actionRedo")
        self.redo.setProperty(HELP_TEXT, self.tr("Redo what was undone"))
        self.redo.setShortcuts(
            standard_keys(QKeySequence.StandardKey.Redo, "Ctrl+Shift+Z", "Ctrl+Y")
        )
        self.tick_next = action(
            self.tr("&Tick Next Set"), "actionTickNext", [QKeySequence("Space")]
        )
        # Holding a key down must not tick, untick or undo a row of sets.
        for item in (self.tick_next, self.undo, self.redo):
            item.setAutoRepeat(False)
        self.finish = action(
            self.tr("F&inish Session"), "actionFinish", [QKeySequence("Ctrl+Return")]
        )
        self.skip_rest = action(self.tr("S&kip Rest"), "actionSkipRest", [QKeySequence("Escape")])
        self.preferences = action(
            self.tr("&Preferences\N{HORIZONTAL ELLIPSIS}"),
            "actionPreferences",
            standard_keys(QKeySequence.StandardKey.Preferences, "Ctrl+,"),
        )
        self.preferences.setMenuRole(QAction.MenuRole.PreferencesRole)

        # View
        self.pages = [
            action(title, f"actionPage{number}", [QKeySequence(f"Ctrl+{number}")])
            for number, title in enumerate(page_titles, start=1)
        ]
        self.scheme_group = QActionGroup(self)
        self.schemes: dict[str, QAction] = {}
        for mode, text in zip(
            COLOUR_SCHEMES,
            (self.tr("As the &System Does"), self.tr("&Light"), self.tr("&Dark")),
            strict=True,
        ):
            item = QAction(text, self.scheme_group)
            item.setObjectName(f"actionScheme_{mode}")
            item.setCheckable(True)
            self.schemes[mode] = item
        self.floor_mode = action(self.tr("&Floor Mode"), "actionFloorMode", [QKeySequence("F11")])
        self.floor_mode.setCheckable(True)
        self.floor_mode.setStatusTip(
            self.tr("One set at a time, full screen, for doing it from the mat")
        )

        # Help
        self.help = action(
            self.tr("%1 &Help").replace("%1", APP_NAME),
            "actionHelp",
            standard_keys(QKeySequence.StandardKey.HelpContents) or [QKeySequence("F1")],
        )
        self.shortcuts = action(
            self.tr("&Keyboard Shortcuts"), "actionShortcuts", [QKeySequence("Ctrl+/")]
        )
        self.about = action(self.tr("&About {app}").format(app=APP_NAME), "actionAbout")
        self.about.setMenuRole(QAction.MenuRole.AboutRole)
        self.about_qt = action(self.tr("About &Qt"), "actionAboutQt")
        self.about_qt.setMenuRole(QAction.MenuRole.AboutQtRole)

    def build_menus(self, bar: QMenuBar) -> None:
        def menu(title: str, name: str, items: list[QAction | None]) -> QMenu:
            made = bar.addMenu(title)
            made.setObjectName(name)
            for item in items:
                if item is None:
                    made.addSeparator()
                else:
                    made.addAction(item)
            return made

        menu(
            self.tr("&File"),
            "menuFile",
            [
                self.export_csv,
                self.import_csv,
                self.export_json,
                self.export_ics,
                self.import_json,
                None,
                self.backup,
                self.restore,
                None,
                self.quit,
            ],
        )
        menu(
            self.tr("&Edit"),
            "menuEdit",
            [
                self.undo,
                self.redo,
                self.tick_next,
                self.finish,
                self.skip_rest,
                None,
                self.preferences,
            ],
        )
        view = menu(self.tr("&View"), "menuView", [*self.pages, None])
        colours = view.addMenu(self.tr("&Colours"))
        colours.setObjectName("menuColours")
        colours.addActions(list(self.schemes.values()))
        view.addSeparator()
        view.addAction(self.floor_mode)
        menu(
            self.tr("&Help"),
            "menuHelp",
            [self.help, self.shortcuts, None, self.about, self.about_qt],
        )

    def with_shortcuts(self, bar: QMenuBar) -> list[QAction]:
        """Every menu item with a shortcut, in menu order (what Help lists)."""
        found: list[QAction] = []

        def walk(menu: QMenu) -> None:
            for item in menu.actions():
                sub = item.menu()
                if isinstance(sub, QMenu):
                    walk(sub)
                elif item.shortcuts() and item not in found:
                    found.append(item)

        for top in bar.actions():
            sub = top.menu()
            if isinstance(sub, QMenu):
                walk(sub)
        return found
