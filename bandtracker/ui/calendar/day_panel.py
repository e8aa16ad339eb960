"""One day's session for reading, with the ways to log it (whole or in part), edit or delete it."""

from __future__ import annotations

from collections import Counter
from datetime import datetime, time
from html import escape

from PySide6.QtCore import QCoreApplication, QLocale, Qt, QTime, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from bandtracker import texts
from bandtracker.domain.prescription import PlannedExercise, Side, sides_for
from bandtracker.domain.weeks import DayKind, DayTally
from bandtracker.store import history
from bandtracker.store.session_log import MAX_NOTE
from bandtracker.store.sessions import DayView, SetRecord
from bandtracker.ui.theme import make_heading
from bandtracker.ui.today.page import long_date

DEFAULT_BACKFILL_TIME = time(18, 0)


def tr(text: str) -> str:
    return QCoreApplication.translate("DayPanel", text)


def kind_text(kind: DayKind) -> str:
    if kind is DayKind.COMPLETE:
        return tr("Complete")
    if kind is DayKind.COUNTED:
        return tr("Partial, counts toward the week")
    if kind is DayKind.PARTIAL:
        return tr("Partial, fewer than half the sets: does not count")
    return tr("No sets ticked")


def day_summary(tally: DayTally | None) -> str:
    """How a day went, as the panel shows it and a screen reader says it."""
    if tally is None or not tally.prescribed:
        return tr("No session logged")
    return tr("{kind}: {done} of {total} sets").format(
        kind=kind_text(tally.kind), done=tally.done, total=tally.prescribed
    )


def clock_time(moment: datetime) -> str:
    at = QTime(moment.hour, moment.minute, moment.second)
    return QLocale().toString(at, QLocale.FormatType.ShortFormat)


def reps_band(reps: int, band: str) -> str:
    reps_text = tr("{reps} rep") if reps == 1 else tr("{reps} reps")
    return (
        reps_text.format(reps=reps)
        + " \N{MIDDLE DOT} "
        + tr("{band} band").format(band=texts.band_name(band))
    )


def exercise_row(view: DayView, planned: PlannedExercise) -> tuple[str, str]:
    """What one exercise of a day shows: sets done of sets prescribed, and what they were done
    with: each set's own reps and band (a set keeps them whatever the settings say later),
    the day's prescription for an exercise not done at all."""
    keys = planned.slots(view.extra_sets(planned))
    done = [k for k in keys if k in view.done]
    p = planned.prescription
    sides = sides_for(planned.exercise)
    if sides == (Side.NONE,):
        count = f"{len(done)}/{p.sets}"
    else:
        count = ", ".join(
            tr("{side} {done}/{sets}").format(
                side=tr("right") if side is Side.RIGHT else tr("left"),
                done=sum(1 for k in done if k.side is side),
                sets=p.sets,
            )
            for side in sides
        )
    records = [view.records.get(k) or SetRecord(p.reps, p.band) for k in done]
    if not records:
        return count, reps_band(p.reps, p.band)
    groups = Counter((r.reps, r.band) for r in records)
    if len(groups) == 1:
        return count, reps_band(records[0].reps, records[0].band)
    return count, "; ".join(
        tr("{n} \N{MULTIPLICATION SIGN} {what}").format(n=n, what=reps_band(reps, band))
        for (reps, band), n in groups.items()
    )


class BackfillBox(QGroupBox):
    """A forgotten day in one action: every set of the day's prescription, with a time and note."""

    log_requested = Signal(object, str)  # time of day, note

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Forgot to log this day?"), parent)
        self.setObjectName("backfillBox")
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.time_edit = QTimeEdit(QTime(DEFAULT_BACKFILL_TIME.hour, DEFAULT_BACKFILL_TIME.minute))
        self.time_edit.setObjectName("backfillTime")
        self.time_edit.setAccessibleName(self.tr("Time of day"))
        form.addRow(self.tr("&Time of day:"), self.time_edit)
        self.note_edit = QLineEdit()
        self.note_edit.setObjectName("backfillNote")
        self.note_edit.setMaxLength(MAX_NOTE)
        self.note_edit.setPlaceholderText(self.tr("Optional"))
        self.note_edit.setAccessibleName(self.tr("Note for the day"))
        form.addRow(self.tr("N&ote:"), self.note_edit)
        layout.addLayout(form)
        self.plan_label = QLabel()
        self.plan_label.setObjectName("backfillPlan")
        self.plan_label.setWordWrap(True)
        layout.addWidget(self.plan_label)
        self.log_button = QPushButton(self.tr("I did the &whole routine that day"))
        self.log_button.setObjectName("logWholeDayButton")
        self.log_button.setToolTip(
            self.tr(
                "Ticks every set of that day's prescription; then take off any you did not do "
                "with Edit This Day."
            )
        )
        self.log_button.clicked.connect(self._log)
        row = QHBoxLayout()
        row.addWidget(self.log_button)
        row.addStretch(1)
        layout.addLayout(row)

    def show_plan(self, plan: tuple[PlannedExercise, ...]) -> None:
        """Say what the action records: the prescription of that day (in force then)."""
        if not plan:
            self.plan_label.clear()
            return
        usual = Counter(p.prescription for p in plan).most_common(1)[0][0]
        text = self.tr("Records {sets} \N{MULTIPLICATION SIGN} {reps} with the {band} band")
        text = text.format(sets=usual.sets, reps=usual.reps, band=texts.band_name(usual.band))
        if any(p.prescription != usual for p in plan):
            text += " " + self.tr("(some exercises their own)")
        self.plan_label.setText(text + self.tr(", the prescription in force that day."))

    def reset(self) -> None:
        self.time_edit.setTime(QTime(DEFAULT_BACKFILL_TIME.hour, DEFAULT_BACKFILL_TIME.minute))
        self.note_edit.clear()

    def _log(self) -> None:
        at = self.time_edit.time()
        self.log_requested.emit(time(at.hour(), at.minute()), self.note_edit.text())


class DayPanel(QFrame):
    """One day's session for reading, with the ways to log, edit or delete it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dayPanel")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 0, 0, 0)
        self.title = QLabel()
        self.title.setObjectName("dayTitle")
        make_heading(self.title, 1.3)
        self.title.setWordWrap(True)
        layout.addWidget(self.title)
        self.summary = QLabel()
        self.summary.setObjectName("daySummary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.times = QLabel()
        self.times.setObjectName("dayTimes")
        layout.addWidget(self.times)
        self.exercises = QLabel()
        self.exercises.setObjectName("dayExercises")
        self.exercises.setTextFormat(Qt.TextFormat.RichText)
        self.exercises.setWordWrap(True)
        self.exercises.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.exercises)
        self.note = QLabel()
        self.note.setObjectName("dayNote")
        self.note.setWordWrap(True)
        self.note.setTextFormat(Qt.TextFormat.PlainText)  # the user's words, shown as typed
        layout.addWidget(self.note)
        self.backfill = BackfillBox()
        layout.addWidget(self.backfill)
        buttons = QHBoxLayout()
        self.edit_button = QPushButton(self.tr("&Edit This Day"))
        self.edit_button.setObjectName("editDayButton")
        buttons.addWidget(self.edit_button)
        self.delete_button = QPushButton(self.tr("&Delete Session\N{HORIZONTAL ELLIPSIS}"))
        self.delete_button.setObjectName("deleteDayButton")
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        layout.addStretch(1)

    def show_detail(
        self,
        detail: history.DayDetail,
        is_today: bool,
        plan_then: tuple[PlannedExercise, ...] = (),
    ) -> None:
        """Show a day; `plan_then` is what "I did the whole routine" would record."""
        view = detail.view
        if self.title.text() != long_date(view.day):
            self.backfill.reset()  # a note typed for one day is not offered for the next
        self.title.setText(long_date(view.day))
        self.edit_button.setText(self.tr("&Open Today") if is_today else self.tr("&Edit This Day"))
        tally = history.day_tally(view)
        # Past days only: today is logged set by set as it happens.
        self.backfill.setVisible(not is_today and not tally.complete)
        self.backfill.show_plan(view.plan if view.recorded else plan_then)
        if not view.recorded:
            self.summary.setText(self.tr("No session logged on this day."))
            self.times.hide()
            self.exercises.clear()
            self.exercises.hide()
            self.note.hide()
            self.delete_button.hide()
            return
        self.summary.setText(day_summary(tally))
        self.delete_button.show()
        self.exercises.show()
        if detail.started_at and not 0 <= (detail.started_at.date() - view.day).days <= 1:
            # Backfilled later: the clock times are those of the typing, not of the workout.
            self.times.setText(
                self.tr("Logged later, on {day}").format(day=long_date(detail.started_at.date()))
            )
            self.times.show()
        elif detail.started_at and detail.finished_at and view.done:
            minutes = round(detail.duration.total_seconds() / 60) if detail.duration else 0
            self.times.setText(
                self.tr("{start} \N{EN DASH} {end} ({minutes} min)").format(
                    start=clock_time(detail.started_at),
                    end=clock_time(detail.finished_at),
                    minutes=minutes,
                )
            )
            self.times.show()
        else:
            self.times.hide()
        rows = []
        for planned in view.plan:
            count, what = exercise_row(view, planned)
            rows.append(
                f"<tr><td>{escape(texts.exercise_name(planned.exercise))}</td>"
                f"<td style='padding-left:12px; white-space:nowrap'>{escape(count)}</td>"
                f"<td style='padding-left:12px'>{escape(what)}</td></tr>"
            )
        self.exercises.setText(f"<table>{''.join(rows)}</table>")
        self.note.setText(self.tr("Note: {note}").format(note=detail.note) if detail.note else "")
        self.note.setVisible(bool(detail.note))
