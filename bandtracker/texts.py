"""Translated text for what domain/ and store/ hand the UI: catalogue entries, Messages, errors."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from bandtracker.domain.bands import band_label, band_note_label
from bandtracker.domain.catalogue import Exercise, RoutineFacts
from bandtracker.domain.prescription import PlannedExercise, SetKey, Side
from bandtracker.i18n import CATALOGUE, Message, term


def translate(text: str) -> str:
    """A Message in the user's language (its Message values too); any other str is data."""
    if not isinstance(text, Message):
        return text
    if text.context:
        template = QCoreApplication.translate(text.context, text.template)
    else:
        template = text.template  # layout only (i18n.joined)
    if not text.params:
        return template
    values = {name: translate(value) for name, value in text.params.items()}
    try:
        return template.format(**values)
    except (KeyError, IndexError, ValueError):
        # A translation whose fields do not match the English ones: the English beats a crash.
        return text.template.format(**values)


def error_text(exc: BaseException) -> str:
    """What a StoreError (or another error written for the user) says, translated."""
    if exc.args and isinstance(exc.args[0], Message):
        return translate(exc.args[0])
    return str(exc)


def _catalogue(text: str) -> str:
    return QCoreApplication.translate(CATALOGUE, text)


def exercise_name(exercise: Exercise) -> str:
    """The name shown to the user; accessible names of set boxes keep the English one."""
    return _catalogue(exercise.name)


def band_placement(exercise: Exercise) -> str:
    return _catalogue(exercise.band_placement)


def band_placement_inline(exercise: Exercise) -> str:
    """The placement inside a sentence: "Yellow band · around the calves"."""
    text = band_placement(exercise)
    return text[:1].lower() + text[1:]


def how_to(exercise: Exercise) -> str:
    return _catalogue(exercise.how_to)


def cues(exercise: Exercise) -> list[str]:
    return [_catalogue(cue) for cue in exercise.cues]


def cue_list(exercise: Exercise) -> str:
    """The form cues as bulleted lines."""
    return "\n".join(f"\N{BULLET} {cue}" for cue in cues(exercise))


def set_label(exercise: Exercise, key: SetKey) -> str:
    """A set box in words ("Clam shell, set 1, left side"), for tooltips and the Edit menu.

    The box's accessible name stays the English prescription.accessible_name().
    """
    if key.side is Side.RIGHT:
        text = QCoreApplication.translate("SetLabel", "{exercise}, set {number}, right side")
    elif key.side is Side.LEFT:
        text = QCoreApplication.translate("SetLabel", "{exercise}, set {number}, left side")
    else:
        text = QCoreApplication.translate("SetLabel", "{exercise}, set {number}")
    return text.format(exercise=exercise_name(exercise), number=key.set_number)


def routine_name(routine: RoutineFacts) -> str:
    return _catalogue(routine.name)


def prescription(planned: PlannedExercise) -> str:
    """Sets, reps and unit: "2 × 10 lifts, each side"."""
    return translate(planned.describe())


def reps_unit(exercise: Exercise, reps: int) -> str:
    """What `reps` of the exercise are called ("lifts", "steps"), translated."""
    return translate(term(CATALOGUE, exercise.unit(reps)))


def band_name(name: str) -> str:
    """A starting band's name translated; a name the user gave a band stays as they wrote it."""
    return translate(band_label(name))


def band_title(name: str) -> str:
    """A band's name at the start of a line."""
    text = band_name(name)
    return text[:1].upper() + text[1:]


def band_note(note: str) -> str:
    return translate(band_note_label(note))
