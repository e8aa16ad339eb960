"""One exercise on the session page: drawing, prescription, band, cues and a box per set."""

from __future__ import annotations

from collections.abc import Callable, Collection

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from bandtracker import texts
from bandtracker.domain.prescription import PlannedExercise, SetKey, Side, accessible_name
from bandtracker.ui.accessibility import announce
from bandtracker.ui.illustration import HEIGHT, IllustrationView
from bandtracker.ui.theme import done_colour, is_dark, make_heading, mix

# Asked before a box changes: returns True once the change is saved, False to leave it as it was.
SetRequest = Callable[[SetKey, bool], bool]

INDICATOR = 22  # side of a set box's tick square: easy to hit with a mouse from a mat
CHIP_HEIGHT = 36
FLAT_SET_COLUMNS = 3  # boxes per row for exercises done on both legs at once
DRAWING, COMPACT_DRAWING = HEIGHT, 96  # a drawing's height: normal, and on a short window


def tick_path(box: QRectF) -> QPainterPath:
    path = QPainterPath(QPointF(box.left() + box.width() * 0.24, box.top() + box.height() * 0.53))
    path.lineTo(box.left() + box.width() * 0.43, box.top() + box.height() * 0.72)
    path.lineTo(box.left() + box.width() * 0.77, box.top() + box.height() * 0.3)
    return path


class SetCheckBox(QCheckBox):
    """A set's box that shows a tick only after the store has committed it.

    Drawn as a large chip (the whole chip is the hit area) in the palette's colours.
    """

    def __init__(self, key: SetKey, name: str, request: SetRequest) -> None:
        super().__init__()
        self.setText(self.side_text(key))
        self.key = key
        self._request = request
        self.setAccessibleName(name)
        self.setToolTip(name)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setAttribute(Qt.WidgetAttribute.WA_Hover)
        self.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)
        self._showing = False
        self.last_announcement = ""
        self.toggled.connect(self._toggled_from_outside)

    def side_text(self, key: SetKey) -> str:
        # The domain's side labels stay English for the accessible names; the chip's own text
        # is translated here.
        if key.side is Side.RIGHT:
            return self.tr("Right")
        if key.side is Side.LEFT:
            return self.tr("Left")
        return self.tr("Set {number}").format(number=key.set_number)

    def nextCheckState(self) -> None:
        # Qt would flip the box here, before anything is saved; we flip it only on success.
        wanted = not self.isChecked()
        if self._request(self.key, wanted):
            self.show_state(wanted)

    def show_state(self, checked: bool, announce_change: bool = False) -> None:
        """Show what the store holds: the only way the box changes.

        With `announce_change`, a screen reader is told too: NVDA and Orca say nothing of an
        untick until the focus moves, nor of a tick made by undo or in floor mode.
        """
        changed = checked != self.isChecked()
        self._showing = True
        try:
            self.setChecked(checked)
        finally:
            self._showing = False
        if changed and announce_change:
            text = self.tr("{name}: done") if checked else self.tr("{name}: not done")
            self.last_announcement = text.format(name=self.accessibleName())
            announce(self, self.last_announcement)

    def _toggled_from_outside(self, checked: bool) -> None:
        # toggle() and setChecked() bypass nextCheckState(): an assistive client's toggle action
        # does exactly that. The change is taken back at once (before any paint) and asked of
        # the store, so the box never shows a state that is not committed.
        if self._showing:
            return
        self.show_state(not checked)
        if self._request(self.key, checked):
            self.show_state(checked)

    def sizeHint(self) -> QSize:
        text = self.fontMetrics().horizontalAdvance(self.text())
        return QSize(10 + INDICATOR + 8 + text + 14, CHIP_HEIGHT)

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def hitButton(self, pos) -> bool:  # noqa: ANN001 - QPoint
        return self.rect().contains(pos)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        checked = self.isChecked()
        green = done_colour(palette)
        base = palette.color(QPalette.ColorRole.Base)
        text = palette.color(QPalette.ColorRole.WindowText)
        hovered = self.underMouse() and self.isEnabled()
        chip = QRectF(self.rect()).adjusted(1, 1, -1, -1)
        fill = mix(palette.color(QPalette.ColorRole.Button), green, 0.16 if checked else 0.0)
        if hovered:
            fill = mix(fill, palette.color(QPalette.ColorRole.Highlight), 0.08)
        if checked:
            edge = green
        elif self.hasFocus() or hovered:
            edge = palette.color(QPalette.ColorRole.Highlight)
        else:
            edge = palette.color(QPalette.ColorRole.Mid)
        painter.setPen(QPen(edge, 2.0 if self.hasFocus() else 1.2))
        painter.setBrush(fill)
        painter.drawRoundedRect(chip, 9, 9)

        box = QRectF(chip.left() + 9, chip.center().y() - INDICATOR / 2, INDICATOR, INDICATOR)
        if checked:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(green)
            painter.drawRoundedRect(box, 5, 5)
            pen = QPen(QColor("#10151B") if is_dark(palette) else QColor("#FFFFFF"), 2.8)
            pen.setCapStyle(Qt.PenCapStyle.RoundCap)
            pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(tick_path(box))
        else:
            painter.setPen(QPen(mix(base, text, 0.5), 1.6))
            painter.setBrush(base)
            painter.drawRoundedRect(box.adjusted(0.8, 0.8, -0.8, -0.8), 5, 5)

        painter.setPen(text)
        label = QRectF(box.right() + 8, chip.top(), chip.right() - box.right() - 8, chip.height())
        align = Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft
        painter.drawText(label, align, self.text())


class DoneBadge(QLabel):
    """A small green pill that says the exercise is finished."""

    def __init__(self) -> None:
        super().__init__()
        self.setText(self.tr("\N{CHECK MARK} Done"))
        self.setObjectName("doneBadge")
        font = self.font()
        font.setBold(True)
        self.setFont(font)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setContentsMargins(10, 2, 10, 2)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(done_colour(palette))
        rect = QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5)
        painter.drawRoundedRect(rect, rect.height() / 2, rect.height() / 2)
        painter.setPen(QColor("#10151B") if is_dark(palette) else QColor("#FFFFFF"))
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, self.text())


class BandSwatch(QWidget):
    """The band's colour as a dot, outlined so black and yellow show on any card."""

    def __init__(self, colour: str | None) -> None:
        super().__init__()
        self.colour = QColor(colour) if colour else None
        self.setFixedSize(16, 16)

    def paintEvent(self, event: QPaintEvent) -> None:
        if self.colour is None:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        edge = palette.color(QPalette.ColorRole.Mid)
        window = palette.color(QPalette.ColorRole.Window)
        if abs(self.colour.lightnessF() - window.lightnessF()) < 0.25:
            # A black band on a dark card: a light rim shows the dot, its fill stays true.
            edge = mix(self.colour, palette.color(QPalette.ColorRole.WindowText), 0.6)
        painter.setPen(QPen(edge, 1.2))
        painter.setBrush(self.colour)
        painter.drawEllipse(QRectF(1.5, 1.5, 13, 13))


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
        self.setProperty("done", False)
        self.setAccessibleName(exercise.name)
        self.setFrameShape(QFrame.Shape.NoFrame)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 14, 14, 14)
        layout.setSpacing(4)
        self.illustration = IllustrationView(exercise.slug, texts.exercise_name(exercise))
        layout.addWidget(self.illustration)
        layout.addSpacing(6)

        title = QHBoxLayout()
        title.setSpacing(8)
        self.name_label = QLabel(texts.exercise_name(exercise))
        self.name_label.setObjectName("exerciseName")
        make_heading(self.name_label, 1.3)
        self.name_label.setWordWrap(True)
        title.addWidget(self.name_label, 1)
        self.done_label = DoneBadge()
        self.done_label.hide()
        title.addWidget(self.done_label, 0, Qt.AlignmentFlag.AlignVCenter)
        layout.addLayout(title)

        self.prescription_label = QLabel(texts.prescription(planned))
        self.prescription_label.setObjectName("prescription")
        font = self.prescription_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.1)
        font.setWeight(font.Weight.DemiBold)
        self.prescription_label.setFont(font)
        layout.addWidget(self.prescription_label)

        band_row = QHBoxLayout()
        band_row.setSpacing(6)
        self.band_swatch = BandSwatch(band_colour)
        band_row.addWidget(self.band_swatch, 0, Qt.AlignmentFlag.AlignTop)
        self.band_label = QLabel(
            self.tr("{band} band \N{MIDDLE DOT} {placement}").format(
                band=texts.band_title(planned.prescription.band),
                placement=texts.band_placement_inline(exercise),
            )
        )
        self.band_label.setObjectName("bandPlacement")
        self.band_label.setWordWrap(True)
        self.band_label.setTextFormat(Qt.TextFormat.PlainText)  # band names are the user's
        band_row.addWidget(self.band_label, 1)
        layout.addLayout(band_row)
        # Room for an optional note under the band line (the step-up suggestion).
        self.suggestion: QWidget | None = None
        self.suggestion_slot = QVBoxLayout()
        layout.addLayout(self.suggestion_slot)

        # How-to and form cues fold away: the drawing is what a glance from the mat needs.
        self.cues_button = QToolButton()
        self.cues_button.setText(self.tr("How to and form cues"))
        self.cues_button.setCheckable(True)
        self.cues_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.cues_button.setArrowType(Qt.ArrowType.RightArrow)
        self.cues_button.setAutoRaise(True)
        self.cues_button.setAccessibleName(
            self.tr("Form cues for {name}").format(name=texts.exercise_name(exercise))
        )
        self.cues_button.setCursor(Qt.CursorShape.PointingHandCursor)
        layout.addWidget(self.cues_button)
        # Built when first unfolded: most cards are never opened, and startup pays per widget.
        self.how_to: QLabel | None = None
        self.cues: QLabel | None = None
        self.cues_button.toggled.connect(self._show_cues)
        # Cards in a row share a height; the stretch keeps every row of boxes at the bottom.
        layout.addStretch(1)
        layout.addSpacing(4)

        grid = QGridLayout()
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(6)
        self.boxes: dict[SetKey, SetCheckBox] = {}
        reps = planned.prescription.reps
        description = self.tr("{reps} {unit} with the {band} band").format(
            reps=reps,
            unit=texts.reps_unit(exercise, reps),
            band=texts.band_name(planned.prescription.band),
        )
        for key in planned.slots(extra_sets):
            box = SetCheckBox(key, accessible_name(exercise, key), request)
            box.setToolTip(texts.set_label(exercise, key))
            # Without a description of its own, a screen reader reads the tool tip, which
            # repeats the name: say what the set is done with instead.
            box.setAccessibleDescription(description)
            self.boxes[key] = box
            index = key.set_number - 1
            if exercise.each_side:
                if key.side is Side.RIGHT:
                    label = QLabel(self.tr("Set {number}").format(number=key.set_number))
                    label.setMinimumWidth(label.sizeHint().width() + 6)
                    grid.addWidget(label, index, 0)
                grid.addWidget(box, index, 1 if key.side is Side.RIGHT else 2)
            else:
                grid.addWidget(box, index // FLAT_SET_COLUMNS, index % FLAT_SET_COLUMNS)
        grid.setColumnStretch(grid.columnCount(), 1)
        layout.addLayout(grid)

    def set_suggestion(self, widget: QWidget | None) -> None:
        """Show `widget` under the band line in place of any earlier one (None clears it)."""
        if self.suggestion is not None:
            self.suggestion_slot.removeWidget(self.suggestion)
            self.suggestion.setParent(None)
            self.suggestion.deleteLater()
        self.suggestion = widget
        if widget is not None:
            self.suggestion_slot.addWidget(widget)

    def set_compact(self, compact: bool) -> None:
        """Smaller drawings for a short window; the names, boxes and cues stay full size."""
        self.illustration.setFixedHeight(COMPACT_DRAWING if compact else DRAWING)

    def tab_stops(self) -> list[QWidget]:
        """The card's controls in the order they are on screen."""
        stops: list[QWidget] = []
        if self.suggestion is not None:
            stops += [
                w
                for w in self.suggestion.findChildren(QAbstractButton)
                if w.focusPolicy() & Qt.FocusPolicy.TabFocus
            ]
        return [*stops, self.cues_button, *self.boxes.values()]

    def _show_cues(self, shown: bool) -> None:
        if self.how_to is None or self.cues is None:
            self.how_to, self.cues = self._cue_labels()
        self.how_to.setVisible(shown)
        self.cues.setVisible(shown)
        self.cues_button.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)

    def _cue_labels(self) -> tuple[QLabel, QLabel]:
        exercise = self.planned.exercise
        how_to = QLabel(texts.how_to(exercise))
        how_to.setObjectName("howTo")
        cues = QLabel(texts.cue_list(exercise))
        cues.setObjectName("cues")
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        after = layout.indexOf(self.cues_button)
        for offset, label in enumerate((how_to, cues), start=1):
            label.setWordWrap(True)
            label.hide()
            layout.insertWidget(after + offset, label)
        return how_to, cues

    def show_done(self, done: Collection[SetKey]) -> None:
        for key, box in self.boxes.items():
            box.show_state(key in done)
        self.refresh_badge(done)

    def refresh_badge(self, done: Collection[SetKey]) -> None:
        finished = all(key in done for key in self.boxes)
        self.done_label.setVisible(finished)
        if self.property("done") != finished:
            self.setProperty("done", finished)
            self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        # Painted rather than styled: a style sheet would slow every widget's polish at start.
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        dark = is_dark(palette)
        window = palette.color(QPalette.ColorRole.Window)
        surface = mix(window, QColor("#FFFFFF"), 0.06) if dark else QColor("#FFFFFF")
        edge = mix(window, palette.color(QPalette.ColorRole.Mid), 0.9)
        if self.property("done"):
            green = done_colour(palette)
            surface = mix(surface, green, 0.08 if dark else 0.06)
            edge = green
        rect = QRectF(self.rect()).adjusted(1, 1, -1, -1)
        painter.setPen(QPen(edge, 2.0 if self.property("done") else 1.0))
        painter.setBrush(surface)
        painter.drawRoundedRect(rect, 12, 12)
