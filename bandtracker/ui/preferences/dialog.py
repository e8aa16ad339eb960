"""The Preferences dialog: routine, bands and schedule, saved all at once on OK."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import count

from PySide6.QtCore import QLocale, Qt, QTime
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QColorDialog,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from bandtracker import texts
from bandtracker.domain.bands import MAX_BAND_NAME
from bandtracker.domain.clock import MAX_ROLLOVER_HOUR, MIN_ROLLOVER_HOUR
from bandtracker.domain.preferences import (
    MAX_BAND_NOTE,
    MAX_PROGRESSION_SESSIONS,
    MIN_PROGRESSION_SESSIONS,
    BandChoice,
    ExerciseChoice,
    Preferences,
    band_name_problem,
)
from bandtracker.domain.prescription import MAX_REPS, MAX_SETS, MIN_REPS, MIN_SETS
from bandtracker.domain.weeks import MAX_WEEKLY_TARGET, MIN_WEEKLY_TARGET
from bandtracker.state import AppState
from bandtracker.store.errors import StoreError
from bandtracker.store.preferences import (
    apply_preferences,
    follow_plan,
    load_preferences,
    plan_differs,
)
from bandtracker.ui import messages
from bandtracker.ui.messages import ProblemLabel
from bandtracker.ui.preferences.floor_tab import FloorPrefsTab
from bandtracker.ui.preferences.session_tab import SessionPrefsTab

NEW_BAND_COLOUR = "#c2185b"
SWATCH_RIM = "#8A8F98"
_keys = count(1)


@dataclass
class _Band:
    """A band being edited; `key` identifies it even while its name changes."""

    key: int
    name: str
    colour: str
    note: str
    hidden: bool
    id: int | None
    used: bool


@dataclass
class _Exercise:
    slug: str
    name: str
    enabled: bool
    sets: int | None
    reps: int | None
    band: int | None  # a _Band key


def swatch(colour: str, size: int = 14) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor(colour))
    # A mid-grey rim, so a black band shows on a dark list and a white one on a light list.
    painter = QPainter(pixmap)
    painter.setPen(QColor(SWATCH_RIM))
    painter.drawRect(0, 0, size - 1, size - 1)
    painter.end()
    return QIcon(pixmap)


def hour_label(hour: int) -> str:
    return QLocale().toString(QTime(hour, 0), QLocale.FormatType.ShortFormat)


def _spin(
    low: int, high: int, name: str, label: str, unit: tuple[str, str] | None = None
) -> QSpinBox:
    """A spin box; `unit` (singular, plural suffix) follows the value so "1 session" reads right.

    `name` is the stable object name, `label` the (translated) accessible name.
    """
    spin = QSpinBox()
    spin.setRange(low, high)
    spin.setAccessibleName(label)
    spin.setObjectName(name)
    if unit is not None:
        singular, plural = unit
        spin.valueChanged.connect(lambda v: spin.setSuffix(singular if v == 1 else plural))
        spin.setSuffix(singular if spin.value() == 1 else plural)
    return spin


class PreferencesDialog(QDialog):
    """Edits a copy of the preferences; OK saves them in one transaction, Cancel drops them."""

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("preferencesDialog")
        self.setWindowTitle(self.tr("Preferences"))
        self.state = state
        self.catalogue = state.catalogue
        prefs = load_preferences(self.catalogue)
        self.bands = [
            _Band(next(_keys), b.name, b.colour, b.note, b.hidden, b.id, b.used)
            for b in prefs.bands
        ]
        key_of = {b.name: b.key for b in self.bands if not b.hidden}
        self.exercises = [
            _Exercise(
                c.slug,
                texts.exercise_name(self.catalogue[c.slug]),
                c.enabled,
                c.sets,
                c.reps,
                key_of.get(c.band) if c.band else None,
            )
            for c in prefs.exercises
        ]
        self._loading = False

        layout = QVBoxLayout(self)
        self.tabs = QTabWidget()
        self.tabs.addTab(self._routine_tab(prefs), self.tr("&Routine"))
        self.tabs.addTab(self._bands_tab(), self.tr("&Bands"))
        self.tabs.addTab(self._schedule_tab(prefs), self.tr("&Schedule"))
        # Rest timer, reminders, tray and colour scheme (issue 7).
        self.session_tab = SessionPrefsTab(state.settings.session_prefs)
        self.tabs.addTab(self.session_tab, self.tr("S&ession && Desktop"))
        # Floor mode: the side-switch pause, what it lets you hear, the walks' order (issue 13).
        self.floor_tab = FloorPrefsTab(state.settings)
        self.tabs.addTab(self.floor_tab, self.tr("&Floor Mode"))
        layout.addWidget(self.tabs)
        self.problem_label = ProblemLabel()
        self.problem_label.setObjectName("problemLabel")
        layout.addWidget(self.problem_label)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)

        self._fill_band_list()
        self._refresh_band_choices()
        self.band_combo.setCurrentIndex(
            max(0, self.band_combo.findData(key_of.get(prefs.band, -1)))
        )
        self.exercise_list.setCurrentRow(0)
        self.band_list.setCurrentRow(0)
        self._check()
        self.resize(720, 520)

    @contextmanager
    def _quiet(self) -> Iterator[None]:
        """Fill widgets from the model without their change signals writing back into it."""
        was, self._loading = self._loading, True
        try:
            yield
        finally:
            self._loading = was

    # Routine tab -----------------------------------------------------------------------

    def _routine_tab(self, prefs: Preferences) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        form = QFormLayout()
        self.sets_spin = _spin(
            MIN_SETS, MAX_SETS, "Sets per exercise", self.tr("Sets per exercise")
        )
        self.sets_spin.setValue(prefs.default_sets)
        self.sets_spin.valueChanged.connect(self._show_defaults)
        form.addRow(self.tr("Se&ts per exercise:"), self.sets_spin)
        self.reps_spin = _spin(MIN_REPS, MAX_REPS, "Reps per set", self.tr("Reps per set"))
        self.reps_spin.setValue(prefs.default_reps)
        self.reps_spin.valueChanged.connect(self._show_defaults)
        form.addRow(self.tr("R&eps per set:"), self.reps_spin)
        self.band_combo = QComboBox()
        self.band_combo.setAccessibleName(self.tr("Band for the routine"))
        self.band_combo.currentIndexChanged.connect(self._band_use_changed)
        form.addRow(self.tr("Ba&nd:"), self.band_combo)
        self.progression_spin = _spin(
            MIN_PROGRESSION_SESSIONS,
            MAX_PROGRESSION_SESSIONS,
            "Complete sessions before a step up",
            self.tr("Complete sessions before a step up"),
            (self.tr(" complete session in a row"), self.tr(" complete sessions in a row")),
        )
        self.progression_spin.setValue(prefs.progression_sessions)
        form.addRow(self.tr("Suggest a ste&p up after:"), self.progression_spin)
        layout.addLayout(form)

        group = QGroupBox(self.tr("Exercises"))
        row = QHBoxLayout(group)
        left = QVBoxLayout()
        self.exercise_list = QListWidget()
        self.exercise_list.setAccessibleName(self.tr("Exercises in the routine"))
        self.exercise_list.currentRowChanged.connect(self._show_exercise)
        self.exercise_list.itemChanged.connect(self._exercise_toggled)
        left.addWidget(self.exercise_list)
        moves = QHBoxLayout()
        self.up_button = QPushButton(self.tr("Move &Up"))
        self.up_button.clicked.connect(lambda: self._move_exercise(-1))
        self.down_button = QPushButton(self.tr("Move &Down"))
        self.down_button.clicked.connect(lambda: self._move_exercise(1))
        moves.addWidget(self.up_button)
        moves.addWidget(self.down_button)
        left.addLayout(moves)
        row.addLayout(left, 3)

        right = QFormLayout()
        self.exercise_title = QLabel()
        self.exercise_title.setWordWrap(True)
        right.addRow(self.exercise_title)
        # The lowest value of each spin box reads "Routine default": no override.
        self.ex_sets = _spin(
            MIN_SETS - 1, MAX_SETS, "Sets for this exercise", self.tr("Sets for this exercise")
        )
        self.ex_sets.valueChanged.connect(self._exercise_edited)
        right.addRow(self.tr("Sets:"), self.ex_sets)
        self.ex_reps = _spin(
            MIN_REPS - 1, MAX_REPS, "Reps for this exercise", self.tr("Reps for this exercise")
        )
        self.ex_reps.valueChanged.connect(self._exercise_edited)
        right.addRow(self.tr("Reps:"), self.ex_reps)
        self.ex_band = QComboBox()
        self.ex_band.setAccessibleName(self.tr("Band for this exercise"))
        self.ex_band.currentIndexChanged.connect(self._exercise_edited)
        right.addRow(self.tr("Band:"), self.ex_band)
        row.addLayout(right, 2)
        layout.addWidget(group, 1)
        self._fill_exercise_list()
        self._show_defaults()
        return page

    def _show_defaults(self) -> None:
        self.ex_sets.setSpecialValueText(
            self.tr("Routine default ({value})").format(value=self.sets_spin.value())
        )
        self.ex_reps.setSpecialValueText(
            self.tr("Routine default ({value})").format(value=self.reps_spin.value())
        )

    def _fill_exercise_list(self) -> None:
        with self._quiet():
            self.exercise_list.clear()
            for exercise in self.exercises:
                item = QListWidgetItem(exercise.name)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(
                    Qt.CheckState.Checked if exercise.enabled else Qt.CheckState.Unchecked
                )
                item.setToolTip(self.tr("Ticked exercises are part of the routine, in this order."))
                self.exercise_list.addItem(item)

    def _selected_exercise(self) -> _Exercise | None:
        row = self.exercise_list.currentRow()
        return self.exercises[row] if 0 <= row < len(self.exercises) else None

    def _show_exercise(self, row: int) -> None:
        exercise = self._selected_exercise()
        if exercise is None:
            return
        with self._quiet():
            self.exercise_title.setText(f"<b>{exercise.name}</b>")
            self.ex_sets.setValue(exercise.sets or self.ex_sets.minimum())
            self.ex_reps.setValue(exercise.reps or self.ex_reps.minimum())
            self.ex_band.setCurrentIndex(max(0, self.ex_band.findData(exercise.band)))
        self.up_button.setEnabled(row > 0)
        self.down_button.setEnabled(row < len(self.exercises) - 1)

    def _exercise_edited(self) -> None:
        exercise = self._selected_exercise()
        if self._loading or exercise is None:
            return
        sets, reps = self.ex_sets.value(), self.ex_reps.value()
        exercise.sets = None if sets == self.ex_sets.minimum() else sets
        exercise.reps = None if reps == self.ex_reps.minimum() else reps
        exercise.band = self.ex_band.currentData()
        self._band_use_changed()

    def _exercise_toggled(self, item: QListWidgetItem) -> None:
        if self._loading:
            return
        row = self.exercise_list.row(item)
        self.exercises[row].enabled = item.checkState() == Qt.CheckState.Checked
        self._check()

    def _move_exercise(self, step: int) -> None:
        row = self.exercise_list.currentRow()
        target = row + step
        if not (0 <= row < len(self.exercises) and 0 <= target < len(self.exercises)):
            return
        self.exercises[row], self.exercises[target] = self.exercises[target], self.exercises[row]
        self._fill_exercise_list()
        self.exercise_list.setCurrentRow(target)

    # Bands tab -------------------------------------------------------------------------

    def _bands_tab(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        hint = QLabel(
            self.tr(
                "List your bands from lightest to heaviest: step-up suggestions follow this "
                "order. A band you have trained with stays in your history; you can hide it, "
                "not remove it."
            )
        )
        hint.setWordWrap(True)
        layout.addWidget(hint)
        row = QHBoxLayout()
        left = QVBoxLayout()
        self.band_list = QListWidget()
        self.band_list.setAccessibleName(self.tr("Bands, lightest first"))
        self.band_list.currentRowChanged.connect(self._show_band)
        left.addWidget(self.band_list)
        buttons = QHBoxLayout()
        self.add_band_button = QPushButton(self.tr("&Add"))
        self.add_band_button.clicked.connect(self._add_band)
        self.remove_band_button = QPushButton(self.tr("Re&move"))
        self.remove_band_button.clicked.connect(self._remove_band)
        self.lighter_button = QPushButton(self.tr("&Lighter"))
        self.lighter_button.setToolTip(self.tr("Move the band up the list (lighter)"))
        self.lighter_button.clicked.connect(lambda: self._move_band(-1))
        self.heavier_button = QPushButton(self.tr("&Heavier"))
        self.heavier_button.setToolTip(self.tr("Move the band down the list (heavier)"))
        self.heavier_button.clicked.connect(lambda: self._move_band(1))
        for button in (
            self.add_band_button,
            self.remove_band_button,
            self.lighter_button,
            self.heavier_button,
        ):
            buttons.addWidget(button)
        left.addLayout(buttons)
        row.addLayout(left, 3)

        form = QFormLayout()
        self.band_name = QLineEdit()
        self.band_name.setMaxLength(MAX_BAND_NAME)
        self.band_name.setAccessibleName(self.tr("Band name"))
        self.band_name.textEdited.connect(self._band_edited)
        form.addRow(self.tr("&Name:"), self.band_name)
        self.colour_button = QPushButton(self.tr("Choose\N{HORIZONTAL ELLIPSIS}"))
        self.colour_button.setAccessibleName(self.tr("Band colour"))
        self.colour_button.clicked.connect(self._pick_colour)
        form.addRow(self.tr("&Colour:"), self.colour_button)
        self.band_note = QLineEdit()
        self.band_note.setMaxLength(MAX_BAND_NOTE)
        self.band_note.setAccessibleName(self.tr("Band note"))
        self.band_note.setPlaceholderText(self.tr("e.g. medium, or two bands together"))
        self.band_note.textEdited.connect(self._band_edited)
        form.addRow(self.tr("N&ote:"), self.band_note)
        self.band_hidden = QCheckBox(self.tr("H&ide from choices"))
        self.band_hidden.toggled.connect(self._band_edited)
        form.addRow(self.band_hidden)
        self.band_status = QLabel()
        self.band_status.setWordWrap(True)
        form.addRow(self.band_status)
        row.addLayout(form, 2)
        layout.addLayout(row, 1)
        return page

    def _band_label(self, band: _Band) -> str:
        text = texts.band_name(band.name) or self.tr("(no name)")
        if band.note:
            text = self.tr("{name} \N{EM DASH} {note}").format(
                name=text, note=texts.band_note(band.note)
            )
        return self.tr("{band} (hidden)").format(band=text) if band.hidden else text

    def _fill_band_list(self) -> None:
        row = self.band_list.currentRow()
        with self._quiet():
            self.band_list.clear()
            for band in self.bands:
                item = QListWidgetItem(swatch(band.colour), self._band_label(band))
                self.band_list.addItem(item)
        self.band_list.setCurrentRow(min(max(row, 0), len(self.bands) - 1))

    def _selected_band(self) -> _Band | None:
        row = self.band_list.currentRow()
        return self.bands[row] if 0 <= row < len(self.bands) else None

    def _keys_in_use(self) -> set[int]:
        """Bands the routine or an exercise uses now: they must stay visible."""
        keys = {e.band for e in self.exercises if e.band is not None}
        if self.band_combo.currentData() is not None:
            keys.add(self.band_combo.currentData())
        return keys

    def _show_band(self, row: int) -> None:
        band = self._selected_band()
        if self._loading or band is None:
            return
        with self._quiet():
            self.band_name.setText(texts.band_name(band.name))
            self.band_note.setText(texts.band_note(band.note))
            self.colour_button.setIcon(swatch(band.colour))
            self.band_hidden.setChecked(band.hidden)
        self._update_band_buttons()

    def _update_band_buttons(self) -> None:
        band = self._selected_band()
        row = self.band_list.currentRow()
        if band is None:
            return
        in_use = band.key in self._keys_in_use()
        self.band_hidden.setEnabled(band.hidden or not in_use)
        self.remove_band_button.setEnabled(not band.used and not in_use)
        self.lighter_button.setEnabled(row > 0)
        self.heavier_button.setEnabled(row < len(self.bands) - 1)
        if band.used:
            status = self.tr("In your history: it can be hidden but not removed.")
        else:
            status = self.tr("Not used yet.")
        if in_use and not band.hidden:
            status += " " + self.tr("Your routine uses it now, so it stays visible.")
        self.band_status.setText(status)

    def _band_edited(self) -> None:
        band = self._selected_band()
        if self._loading or band is None:
            return
        # A starting band's name and note are shown translated; unless the user changed the
        # text, the band keeps the name it has (the translation is not saved as a rename).
        name, note = self.band_name.text().strip(), self.band_note.text().strip()
        if name != texts.band_name(band.name):
            band.name = name
        if note != texts.band_note(band.note):
            band.note = note
        band.hidden = self.band_hidden.isChecked()
        item = self.band_list.currentItem()
        if item is not None:
            item.setText(self._band_label(band))
        self._refresh_band_choices()

    def _pick_colour(self) -> None:
        band = self._selected_band()
        if band is None:
            return
        title = self.tr("Colour of the {band} band").format(band=texts.band_name(band.name))
        colour = QColorDialog.getColor(QColor(band.colour), self, title)
        if colour.isValid():
            self.set_band_colour(colour.name())

    def set_band_colour(self, colour: str) -> None:
        band = self._selected_band()
        if band is None:
            return
        band.colour = QColor(colour).name()
        self.colour_button.setIcon(swatch(band.colour))
        item = self.band_list.currentItem()
        if item is not None:
            item.setIcon(swatch(band.colour))

    def _add_band(self) -> None:
        names = {b.name.casefold() for b in self.bands}
        name, n = self.tr("new band"), 2
        while name in names:
            name, n = self.tr("new band {number}").format(number=n), n + 1
        self.bands.append(_Band(next(_keys), name, NEW_BAND_COLOUR, "", False, None, False))
        self._fill_band_list()
        self.band_list.setCurrentRow(len(self.bands) - 1)
        self._refresh_band_choices()
        self.band_name.setFocus()
        self.band_name.selectAll()

    def _remove_band(self) -> None:
        band = self._selected_band()
        if band is None or band.used or band.key in self._keys_in_use():
            return
        self.bands.remove(band)
        self._fill_band_list()
        self._refresh_band_choices()

    def _move_band(self, step: int) -> None:
        row = self.band_list.currentRow()
        target = row + step
        if not (0 <= row < len(self.bands) and 0 <= target < len(self.bands)):
            return
        self.bands[row], self.bands[target] = self.bands[target], self.bands[row]
        self._fill_band_list()
        self.band_list.setCurrentRow(target)
        self._refresh_band_choices()

    def _refresh_band_choices(self) -> None:
        """Offer only visible bands, keeping each choice on the same band through renames."""
        choosable = [b for b in self.bands if not b.hidden]
        routine = self.band_combo.currentData()
        exercise = self._selected_exercise()
        with self._quiet():
            self.band_combo.clear()
            for band in choosable:
                self.band_combo.addItem(
                    swatch(band.colour),
                    texts.band_name(band.name) or self.tr("(no name)"),
                    band.key,
                )
            self.band_combo.setCurrentIndex(max(0, self.band_combo.findData(routine)))
            self.ex_band.clear()
            self.ex_band.addItem(self.tr("Routine default"), None)
            for band in choosable:
                self.ex_band.addItem(
                    swatch(band.colour),
                    texts.band_name(band.name) or self.tr("(no name)"),
                    band.key,
                )
            if exercise is not None:
                self.ex_band.setCurrentIndex(max(0, self.ex_band.findData(exercise.band)))
        self._band_use_changed()

    def _band_use_changed(self) -> None:
        if not self._loading:
            self._update_band_buttons()
            self._check()

    # Schedule tab ----------------------------------------------------------------------

    def _schedule_tab(self, prefs: Preferences) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self.target_spin = _spin(
            MIN_WEEKLY_TARGET,
            MAX_WEEKLY_TARGET,
            "Weekly target",
            self.tr("Weekly target"),
            (self.tr(" session a week"), self.tr(" sessions a week")),
        )
        self.target_spin.setValue(prefs.weekly_target)
        form.addRow(self.tr("&Weekly target:"), self.target_spin)
        self.week_start_combo = QComboBox()
        self.week_start_combo.setAccessibleName(self.tr("First day of the week"))
        locale = QLocale()
        system = locale.standaloneDayName(locale.firstDayOfWeek().value)
        self.week_start_combo.addItem(
            self.tr("As the system does ({day})").format(day=system), None
        )
        for day in range(1, 8):
            self.week_start_combo.addItem(locale.standaloneDayName(day), day)
        self.week_start_combo.setCurrentIndex(
            max(0, self.week_start_combo.findData(prefs.week_start))
        )
        form.addRow(self.tr("Weeks s&tart on:"), self.week_start_combo)
        self.rollover_combo = QComboBox()
        self.rollover_combo.setAccessibleName(self.tr("Day rollover hour"))
        for hour in range(MIN_ROLLOVER_HOUR, MAX_ROLLOVER_HOUR + 1):
            self.rollover_combo.addItem(hour_label(hour), hour)
        self.rollover_combo.setCurrentIndex(
            max(0, self.rollover_combo.findData(prefs.rollover_hour))
        )
        form.addRow(self.tr("A new &day starts at:"), self.rollover_combo)
        note = QLabel(
            self.tr("Sets ticked after midnight but before this hour count for the evening before.")
        )
        note.setWordWrap(True)
        form.addRow(note)
        return page

    # Result ----------------------------------------------------------------------------

    def problem(self) -> str | None:
        """Why OK cannot save what is shown, or None."""
        names: list[str] = []
        for band in self.bands:
            issue = band_name_problem(band.name, names)
            if issue:
                return texts.translate(issue)
            names.append(band.name)
        if not any(e.enabled for e in self.exercises):
            return self.tr("Keep at least one exercise in the routine.")
        if self.band_combo.currentData() is None:
            return self.tr("Keep at least one band visible.")
        return None

    def _check(self) -> None:
        issue = self.problem()
        self.problem_label.setText(issue or "")
        self.problem_label.setVisible(bool(issue))
        self.ok_button.setEnabled(issue is None)

    def preferences(self) -> Preferences:
        name_of = {b.key: b.name for b in self.bands}
        return Preferences(
            default_sets=self.sets_spin.value(),
            default_reps=self.reps_spin.value(),
            band=name_of.get(self.band_combo.currentData(), ""),
            rollover_hour=self.rollover_combo.currentData(),
            weekly_target=self.target_spin.value(),
            week_start=self.week_start_combo.currentData(),
            progression_sessions=self.progression_spin.value(),
            exercises=tuple(
                ExerciseChoice(
                    e.slug,
                    e.enabled,
                    e.sets,
                    e.reps,
                    name_of.get(e.band) if e.band is not None else None,
                )
                for e in self.exercises
            ),
            bands=tuple(
                BandChoice(b.name, b.colour, b.note, b.hidden, b.id, b.used) for b in self.bands
            ),
        )

    def accept(self) -> None:
        if self.problem() is not None:
            return
        try:
            extra = {**self.session_tab.prefs().to_settings(), **self.floor_tab.changes()}
            apply_preferences(self.preferences(), self.catalogue, extra)
        except StoreError as exc:
            messages.show_error(self, self.tr("Preferences not saved"), texts.error_text(exc))
            return
        state = self.state
        # A session under way keeps what it was begun with; the new settings apply from the
        # next one unless the user wants today's remaining sets to follow.
        state.settings_saved()
        today = state.today
        if today.done and plan_differs(today, state.current_plan()) and self._ask_follow():
            try:
                follow_plan(today.day, state.current_plan(), state.band_ids)
            except StoreError as exc:
                messages.show_error(self, self.tr("Preferences"), texts.error_text(exc))
            else:
                state.session_rewritten(today.day)
        super().accept()

    def _ask_follow(self) -> bool:
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Today's Session"),
            self.tr(
                "Today's session is under way with its own sets, reps and bands.\n\n"
                "Should the sets not yet done today follow the new preferences? The sets "
                "already done keep what they were done with either way."
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self,
        )
        box.setObjectName("followTodayBox")
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.button(QMessageBox.StandardButton.Yes).setText(self.tr("&Follow the New Settings"))
        box.button(QMessageBox.StandardButton.No).setText(self.tr("&Keep Today as It Is"))
        return box.exec() == QMessageBox.StandardButton.Yes
