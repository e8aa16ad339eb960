"""One exercise on the session page: drawing, prescription, band, cues and a box per set."""

from __future__ import annotations

from collections.abc import Callable, Collection

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from bandtracker.domain.prescription import PlannedExercise, SetKey, Side, accessible_name
from bandtracker.ui.illustration import IllustrationView

# Asked before a box changes: returns True once the change is saved, False to leave it as it was.
SetRequest = Callable[[SetKey, bool], bool]


class SetCheckBox(QCheckBox):
    """A set's box that shows a tick only after the store has committed it."""

    def __init__(self, key: SetKey, name: str, request: SetRequest) -> None:
        super().__init__(key.side.label or f"Set {key.set_number}")
        self.key = key
        self._request = request
        self.setAccessibleName(name)
        self.setToolTip(name)
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    def nextCheckState(self) -> None:
        # Qt would flip the box here, before anything is saved; we flip it only on success.
        wanted = not self.isChecked()
        if self._request(self.key, wanted):
            self.setChecked(wanted)


class ExerciseCard(QFrame):
    def __init__(
        self,
        planned: PlannedExercise,
        extra_sets: int,
        band_colour: str | None,
        request: SetRequest,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.planned = planned
        exercise = planned.exercise
        self.setObjectName("exerciseCard")
        # Set before the first polish, so the style sheet's [done=...] rules need no re-polish.
        self.setProperty("done", False)
        self.setAccessibleName(exercise.name)
        self.setFrameShape(QFrame.Shape.StyledPanel)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 12, 14, 12)
        layout.setSpacing(6)
        self.illustration = IllustrationView(exercise.slug, exercise.name)
        layout.addWidget(self.illustration)

        title = QHBoxLayout()
        self.name_label = QLabel(exercise.name)
        self.name_label.setObjectName("exerciseName")
        font = self.name_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.name_label.setFont(font)
        self.name_label.setWordWrap(True)
        title.addWidget(self.name_label, 1)
        self.done_label = QLabel("\N{CHECK MARK} Done")
        self.done_label.setObjectName("doneBadge")
        self.done_label.hide()
        title.addWidget(self.done_label, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(title)

        self.prescription_label = QLabel(planned.describe())
        self.prescription_label.setObjectName("prescription")
        layout.addWidget(self.prescription_label)

        swatch = (
            f'<span style="color:{band_colour}">\N{BLACK CIRCLE}</span> ' if band_colour else ""
        )
        self.band_label = QLabel(
            f"{swatch}{planned.prescription.band.capitalize()} band \N{EM DASH} "
            f"{exercise.band_placement.lower()}"
        )
        self.band_label.setObjectName("bandPlacement")
        self.band_label.setWordWrap(True)
        layout.addWidget(self.band_label)
        # Room for an optional note under the band line (the step-up suggestion).
        self.suggestion: QWidget | None = None
        self.suggestion_slot = QVBoxLayout()
        layout.addLayout(self.suggestion_slot)

        self.how_to = QLabel(exercise.how_to)
        self.how_to.setWordWrap(True)
        self.how_to.setObjectName("howTo")
        layout.addWidget(self.how_to)

        self.cues_button = QToolButton()
        self.cues_button.setText("Form cues")
        self.cues_button.setCheckable(True)
        self.cues_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.cues_button.setArrowType(Qt.ArrowType.RightArrow)
        self.cues_button.setAutoRaise(True)
        self.cues_button.setAccessibleName(f"Form cues for {exercise.name}")
        layout.addWidget(self.cues_button)
        self.cues = QLabel("\n".join(f"\N{BULLET} {cue}" for cue in exercise.cues))
        self.cues.setWordWrap(True)
        self.cues.setObjectName("cues")
        self.cues.hide()
        layout.addWidget(self.cues)
        self.cues_button.toggled.connect(self._show_cues)

        grid = QGridLayout()
        grid.setHorizontalSpacing(14)
        self.boxes: dict[SetKey, SetCheckBox] = {}
        for key in planned.slots(extra_sets):
            box = SetCheckBox(key, accessible_name(exercise, key), request)
            self.boxes[key] = box
            row = key.set_number - 1
            if exercise.each_side:
                if key.side is Side.RIGHT:
                    grid.addWidget(QLabel(f"Set {key.set_number}"), row, 0)
                grid.addWidget(box, row, 1 if key.side is Side.RIGHT else 2)
            else:
                grid.addWidget(box, 0, row)
        grid.setColumnStretch(grid.columnCount(), 1)
        layout.addLayout(grid)
        layout.addStretch(1)

    def set_suggestion(self, widget: QWidget | None) -> None:
        """Show `widget` under the band line in place of any earlier one (None clears it)."""
        if self.suggestion is not None:
            self.suggestion_slot.removeWidget(self.suggestion)
            self.suggestion.setParent(None)
            self.suggestion.deleteLater()
        self.suggestion = widget
        if widget is not None:
            self.suggestion_slot.addWidget(widget)

    def _show_cues(self, shown: bool) -> None:
        self.cues.setVisible(shown)
        self.cues_button.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)

    def show_done(self, done: Collection[SetKey]) -> None:
        for key, box in self.boxes.items():
            box.setChecked(key in done)
        self.refresh_badge(done)

    def refresh_badge(self, done: Collection[SetKey]) -> None:
        finished = all(key in done for key in self.boxes)
        self.done_label.setVisible(finished)
        if self.property("done") != finished:
            self.setProperty("done", finished)
            # Re-polish so the style sheet's [done="true"] rule takes effect.
            self.style().unpolish(self)
            self.style().polish(self)
