"""Texts from domain/ and store/ are translatable Messages, and the .ts tool gathers them all."""

from __future__ import annotations

import ast
import xml.etree.ElementTree as ET
from pathlib import Path

from bandtracker.domain.catalogue import default_catalogue
from bandtracker.domain.prescription import PlannedExercise, Prescription
from bandtracker.i18n import BANDS, CATALOGUE, MESSAGES, Message, joined, term
from bandtracker.store.errors import explain
from tools.translations import PACKAGE, all_texts, catalogue_texts, update_ts

# Exceptions whose text reaches the user: built from a Message, never an f-string or a literal.
USER_ERRORS = {
    "StoreError",
    "ImportFileError",
    "NewerDatabaseError",
    "PreferenceError",
    "_Bad",
    "_fail",
}


def test_a_message_is_its_english_text_and_remembers_its_template():
    message = Message("Could not {action}: {reason}.", action=Message("save the set"), reason="x")
    assert message == "Could not save the set: x."
    assert message.template == "Could not {action}: {reason}."
    assert message.context == MESSAGES
    assert str(explain(PermissionError(13, "denied"), "save the set")).startswith(
        "Could not save the set: the folder cannot be written to."
    )
    assert term(CATALOGUE, "Clam shell").context == CATALOGUE
    assert joined("\n\n", [Message("a"), "b"]) == "a\n\nb"


def test_describe_is_english_with_the_unit_word_as_a_catalogue_term():
    exercise = default_catalogue()["back-leg-lift"]
    text = PlannedExercise(exercise, Prescription(2, 10, "yellow")).describe()
    assert text == "2 \N{MULTIPLICATION SIGN} 10 lifts, each side"
    assert text.params["unit"].context == CATALOGUE


def test_texts_shown_to_users_are_messages_in_domain_and_store():
    plain = []
    for folder in ("domain", "store"):
        for path in sorted((PACKAGE / folder).glob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Name):
                    continue
                if node.func.id in USER_ERRORS and node.args:
                    text = node.args[-1]
                    if isinstance(text, ast.JoinedStr) or (
                        isinstance(text, ast.Constant) and isinstance(text.value, str)
                    ):
                        plain.append(f"{path.name}:{node.lineno}")
    assert plain == []


def test_every_text_is_found_with_its_context():
    found = all_texts()
    assert found.problems == []
    keys = found.texts.keys()
    for text in catalogue_texts():
        assert (CATALOGUE, text) in keys
    assert ("Catalogue", default_catalogue()["clam-shell"].cues[0]) in keys
    assert (BANDS, "yellow") in keys and (BANDS, "extra heavy") in keys
    assert (MESSAGES, "save the set") in keys
    assert (MESSAGES, "Line {line}: {problem}. Nothing was imported.") in keys
    assert (MESSAGES, "{sets} \N{MULTIPLICATION SIGN} {reps} {unit}, each side") in keys
    # UI strings keep their escapes resolved, and module-level tr() helpers their context.
    assert ("ExerciseCard", "{band} band \N{MIDDLE DOT} {placement}") in keys
    assert ("Help", "Form cues") in keys
    assert ("SetLabel", "{exercise}, set {number}, left side") in keys


def test_lupdate_writes_a_ts_file_with_the_catalogue_and_store_texts(tmp_path: Path):
    target = tmp_path / "bandtracker_de.ts"
    update_ts([target])
    contexts = {
        context.findtext("name"): {m.findtext("source") for m in context.iter("message")}
        for context in ET.parse(target).getroot().iter("context")
    }
    assert set(catalogue_texts()) <= contexts[CATALOGUE]
    disk_full = "Could not {action}: the disk is full. Free some space and try again."
    assert disk_full in contexts[MESSAGES]
    assert "&File" in contexts["Actions"]
