"""The floor mode screen: one step at a time in type readable from the mat, driven by one key."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QFont, QKeyEvent, QResizeEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QStackedLayout,
    QVBoxLayout,
    QWidget,
)

from bandtracker import texts
from bandtracker.domain.floor import Pause, Step, progress_line, rest_line, switch_line
from bandtracker.domain.prescription import Side
from bandtracker.ui.accessibility import announce
from bandtracker.ui.floor.finish import FinishFacts
from bandtracker.ui.floor.session import FloorSession, Phase
from bandtracker.ui.illustration import IllustrationView
from bandtracker.ui.theme import done_colour, error_colour

# Keys that mark the set done: presenter clickers and Bluetooth remotes send Page Down, the
# right arrow or a media Play/Pause, keyboards Space and Enter.
DONE_KEYS = frozenset(
    {
        Qt.Key.Key_Space,
        Qt.Key.Key_Return,
        Qt.Key.Key_Enter,
        Qt.Key.Key_PageDown,
        Qt.Key.Key_Right,
        Qt.Key.Key_MediaPlay,
        Qt.Key.Key_MediaTogglePlayPause,
        Qt.Key.Key_MediaPause,
    }
)
UNDO_KEYS = frozenset({Qt.Key.Key_Backspace})
LEAVE_KEYS = frozenset({Qt.Key.Key_Escape, Qt.Key.Key_F11})  # F11 toggles floor mode
# Type sizes as parts of the screen's height: the countdown is read from three metres away.
NAME, SET_LINE, BODY, SMALL, COUNTDOWN = 0.075, 0.06, 0.04, 0.03, 0.32


def _label(name: str, wrap: bool = True) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setWordWrap(wrap)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    return label


def _count(n: int, one: str, several: str) -> str:
    return one if n == 1 else several.format(n=n)


class FloorView(QWidget):
    """Shows the step or the pause; every key that matters is handled here, nowhere else."""

    leave = Signal()
    step_up = Signal()  # take every step-up the finish screen offers

    def __init__(self, session: FloorSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("floorView")
        self.setAccessibleName(self.tr("Floor mode"))
        self.session = session
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAutoFillBackground(True)
        outer = QVBoxLayout(self)
        self.outer = outer

        top = QHBoxLayout()
        self.progress_label = _label("floorProgress", wrap=False)
        top.addWidget(self.progress_label)
        top.addStretch(1)
        self.hint = _label("floorHint", wrap=False)
        self.hint.setText(
            self.tr(
                "Space or Enter: set done \N{MIDDLE DOT} Backspace: undo \N{MIDDLE DOT} Esc: leave"
            )
        )
        top.addWidget(self.hint)
        outer.addLayout(top)
        self.progress_bar = QProgressBar()
        self.progress_bar.setObjectName("floorProgressBar")
        self.progress_bar.setTextVisible(False)
        self.progress_bar.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.progress_bar.setAccessibleName(self.tr("Sets done"))
        outer.addWidget(self.progress_bar)
        # A save that failed (disk full, read-only): said here, since the window behind is covered.
        self.problem = _label("floorProblem")
        self.problem.hide()
        outer.addWidget(self.problem)

        self.pages = QStackedLayout()
        outer.addLayout(self.pages, 1)

        # The step (or the pause before it): drawing on the left, words on the right.
        self.step_page = QWidget()
        row = QHBoxLayout(self.step_page)
        row.setContentsMargins(0, 0, 0, 0)
        self.drawing_holder = QVBoxLayout()
        row.addLayout(self.drawing_holder, 11)
        self.drawing: IllustrationView | None = None
        column = QVBoxLayout()
        row.addLayout(column, 9)
        self.pause_title = _label("floorPauseTitle")
        self.countdown = _label("floorCountdown", wrap=False)
        self.countdown.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.name = _label("floorName")
        self.set_line = _label("floorSetLine")
        self.position = _label("floorPosition")
        self.reps = _label("floorReps")
        self.band = _label("floorBand")
        self.cue = _label("floorCue")
        self.next_line = _label("floorNext")
        for widget in (self.pause_title, self.countdown, self.name, self.set_line, self.position):
            column.addWidget(widget)
        for widget in (self.reps, self.band, self.cue):
            column.addWidget(widget)
        column.addStretch(1)
        column.addWidget(self.next_line)
        self.pages.addWidget(self.step_page)

        self.finish_page = QWidget()
        finish = QVBoxLayout(self.finish_page)
        self.finish_title = _label("floorFinishTitle")
        self.finish_title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.finish_body = _label("floorFinishBody")
        self.finish_body.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.finish_facts = _label("floorFinishFacts")
        self.finish_facts.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.step_up_text = _label("floorStepUps")
        self.step_up_text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.step_up_button = QPushButton(self.tr("Step Up (U)"))
        self.step_up_button.setObjectName("floorStepUp")
        self.step_up_button.clicked.connect(self.step_up.emit)
        finish.addStretch(1)
        finish.addWidget(self.finish_title)
        finish.addWidget(self.finish_body)
        finish.addWidget(self.finish_facts)
        finish.addWidget(self.step_up_text)
        finish.addWidget(self.step_up_button, 0, Qt.AlignmentFlag.AlignHCenter)
        finish.addStretch(1)
        self.step_up_text.hide()
        self.step_up_button.hide()
        self.pages.addWidget(self.finish_page)

        for child in self.findChildren(QWidget):
            child.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        session.changed.connect(self.refresh)
        session.state.store_failed.connect(self.show_problem)
        session.ticked.connect(self._show_countdown)
        self._drawn_slug: str | None = None
        self._sized_for_pause = False
        self.last_announcement = ""
        self._scale_fonts()
        self.refresh()

    # Keys --------------------------------------------------------------------------------

    def event(self, event: QEvent) -> bool:
        # Claim our keys before any shortcut in the application can take them.
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            if self._handles(event):
                event.accept()
                return True
        return super().event(event)

    def _handles(self, event: QKeyEvent) -> bool:
        key = Qt.Key(event.key())
        if key in DONE_KEYS or key in UNDO_KEYS or key in LEAVE_KEYS:
            return True
        if key == Qt.Key.Key_U and self.step_up_button.isVisible():
            return True
        return key == Qt.Key.Key_Z and bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not self._handles(event):
            super().keyPressEvent(event)
            return
        event.accept()
        if event.isAutoRepeat():
            return  # a key held down is still one press: one set
        key = Qt.Key(event.key())
        if key in LEAVE_KEYS:
            self.leave.emit()
        elif key == Qt.Key.Key_U:
            self.step_up.emit()
        elif key in DONE_KEYS:
            if self.session.press():
                self.problem.hide()
        else:
            self.session.undo()

    def keyReleaseEvent(self, event: QKeyEvent) -> None:
        event.accept()

    # Showing ----------------------------------------------------------------------------

    def show_problem(self, text: str) -> None:
        palette = self.problem.palette()
        palette.setColor(self.problem.foregroundRole(), error_colour(self.palette()))
        self.problem.setPalette(palette)
        self.problem.setText(text)
        self.problem.show()
        self._announce(text)

    def refresh(self) -> None:
        session = self.session
        done, total = session.done_count, session.total
        self.progress_label.setText(texts.translate(progress_line(done, total)))
        self.progress_bar.setMaximum(max(total, 1))
        self.progress_bar.setValue(done)
        if session.phase is Phase.FINISHED:
            self.pages.setCurrentWidget(self.finish_page)
            self.finish_title.setText(self.tr("Routine done. Well done!"))
            self.finish_body.setText(
                _count(
                    done,
                    self.tr("1 set done. Esc leaves floor mode."),
                    self.tr("{n} sets done. Esc leaves floor mode."),
                )
            )
            self._announce(self.finish_title.text())
            return
        self.pages.setCurrentWidget(self.step_page)
        step = session.current
        if step is None:  # not started yet
            return
        self._show_drawing(step)
        pausing = session.phase is Phase.PAUSE
        for widget in (self.pause_title, self.countdown):
            widget.setVisible(pausing)
        # During a pause the countdown and what comes next; the step's details come with it.
        for widget in (self.name, self.set_line, self.reps, self.band, self.cue):
            widget.setVisible(not pausing)
        self.name.setText(texts.translate(step.name()))
        self.set_line.setText(texts.translate(step.set_line()))
        position = step.position()
        self.position.setText(texts.translate(position) if position is not None else "")
        self.position.setVisible(position is not None and not pausing)
        self.reps.setText(texts.translate(step.reps_line()))
        band = step.planned.prescription.band
        self.band.setText(
            self.tr("{band} band \N{MIDDLE DOT} {placement}").format(
                band=texts.band_title(band), placement=texts.band_placement_inline(step.exercise)
            )
        )
        cue = step.cue()
        self.cue.setText(texts.translate(cue) if cue is not None else "")
        if pausing != self._sized_for_pause:
            self._sized_for_pause = pausing
            self._scale_fonts()
        if pausing:
            self.pause_title.setText(
                texts.translate(switch_line(step) if session.pause is Pause.SWITCH else rest_line())
            )
            self.next_line.setText(texts.translate(step.next_line(session.previous)))
            self._show_countdown()
        else:
            following = session.following()
            self.next_line.setText(
                texts.translate(following.next_line(step)) if following is not None else ""
            )
        self._colour_side(step)
        if pausing:
            spoken = [self.pause_title.text(), self.next_line.text()]
        else:
            spoken = [self.name.text(), self.set_line.text(), self.position.text()]
            spoken += [self.reps.text()]
        self._announce(". ".join(t for t in spoken if t))

    def show_finish(self, facts: FinishFacts | None) -> None:
        """The time, the week, the streak and any step-up now due (None: they could not be read)."""
        if facts is None:
            self.finish_facts.setText("")
            self.step_up_text.hide()
            self.step_up_button.hide()
            return
        minutes = max(1, round(facts.took.total_seconds() / 60))
        lines = [_count(minutes, self.tr("Time: 1 minute"), self.tr("Time: {n} minutes"))]
        week = facts.week
        if week.rest:
            lines.append(
                _count(
                    week.counted,
                    self.tr("This week: a rest week, 1 workout done"),
                    self.tr("This week: a rest week, {n} workouts done"),
                )
            )
        else:
            lines.append(
                self.tr("This week: {counted} of {target} workouts").format(
                    counted=week.counted, target=week.target
                )
            )
        if facts.streak.current:
            lines.append(
                _count(
                    facts.streak.current,
                    self.tr("Streak: 1 week"),
                    self.tr("Streak: {n} weeks in a row"),
                )
            )
        self.finish_facts.setText("\n".join(lines))
        self.show_step_ups(facts)

    def show_step_ups(self, facts: FinishFacts, taken: bool = False) -> None:
        if taken:
            self.step_up_text.setText(
                self.tr("Stepped up. The new sets and bands start next time.")
            )
            self.step_up_text.show()
            self.step_up_button.hide()
            return
        if not facts.step_ups:
            self.step_up_text.hide()
            self.step_up_button.hide()
            return
        lines = [self.tr("Ready to step up:")]
        for slug, suggestion in facts.step_ups.items():
            exercise = self.session.state.catalogue.get(slug)
            name = texts.exercise_name(exercise) if exercise is not None else slug
            lines.append(
                self.tr("{name}: {sets} sets with the {band} band").format(
                    name=name, sets=suggestion.next.sets, band=texts.band_name(suggestion.next.band)
                )
            )
        self.step_up_text.setText("\n".join(lines))
        self.step_up_text.show()
        self.step_up_button.show()

    def _announce(self, text: str) -> None:
        """Tell screen readers what is on screen now (the step, a pause, the end), once."""
        if text == self.last_announcement:
            return
        self.last_announcement = text
        self.setAccessibleDescription(text)
        announce(self, text)

    def _show_countdown(self) -> None:
        self.countdown.setText(str(self.session.remaining_whole()))

    def _show_drawing(self, step: Step) -> None:
        slug = step.exercise.slug
        if slug == self._drawn_slug:
            return
        if self.drawing is not None:
            # Out of the layout now: deleteLater alone leaves it there until the loop turns.
            self.drawing_holder.removeWidget(self.drawing)
            self.drawing.hide()
            self.drawing.deleteLater()
        self.drawing = IllustrationView(slug, texts.exercise_name(step.exercise))
        # Floor size: as large as the screen allows, not the card's fixed strip.
        self.drawing.setMinimumHeight(120)
        self.drawing.setMaximumHeight(16_777_215)
        self.drawing.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.drawing.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.drawing_holder.addWidget(self.drawing)
        self._drawn_slug = slug

    def _colour_side(self, step: Step) -> None:
        # The working side in the "done" colour: a second signal besides the words.
        palette = self.set_line.palette()
        colour = (
            done_colour(self.palette())
            if step.key.side is not Side.NONE
            else self.palette().windowText().color()
        )
        palette.setColor(self.set_line.foregroundRole(), colour)
        self.set_line.setPalette(palette)

    # Size --------------------------------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._scale_fonts()

    def _scale_fonts(self) -> None:
        height = max(self.height(), 300)
        margin = int(height * 0.03)
        self.outer.setContentsMargins(margin, margin, margin, margin)
        sizes: dict[QObject, tuple[float, bool]] = {
            self.name: (NAME, True),
            self.set_line: (SET_LINE, True),
            self.pause_title: (SET_LINE, True),
            self.countdown: (COUNTDOWN, True),
            self.position: (BODY, False),
            self.reps: (BODY, True),
            self.band: (SMALL, False),
            self.cue: (SMALL, False),
            self.next_line: (BODY, False),
            self.progress_label: (SMALL, True),
            self.hint: (SMALL * 0.8, False),
            self.problem: (BODY, True),
            self.finish_title: (NAME, True),
            self.finish_body: (BODY, False),
            self.finish_facts: (BODY, False),
            self.step_up_text: (SMALL, False),
            self.step_up_button: (SMALL, True),
        }
        pausing = self.session.phase is Phase.PAUSE
        sizes[self.next_line] = (SET_LINE, True) if pausing else (BODY, False)
        for widget, (part, bold) in sizes.items():
            assert isinstance(widget, QWidget)
            font = QFont(self.font())
            font.setPixelSize(max(12, int(height * part)))
            font.setBold(bold)
            widget.setFont(font)
        self.progress_bar.setFixedHeight(max(6, int(height * 0.012)))
