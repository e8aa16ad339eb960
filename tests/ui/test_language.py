"""A translation made with the project's tools is loaded at start and shows in the window."""

from __future__ import annotations

import errno
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import QApplication

from bandtracker.store.errors import explain
from bandtracker.texts import error_text
from bandtracker.ui.language import APP_CATALOGUE, install_translators
from tools.translations import update_ts

GERMAN = {
    ("Actions", "&File"): "&Datei",
    ("Catalogue", "Clam shell"): "Muschel",
    ("Store", "Could not {action}: the disk is full. Free some space and try again."): (
        "{action} ging nicht: die Platte ist voll."
    ),
}


def write_german(folder: Path) -> Path:
    """bandtracker_de.qm as a translator would make it: lupdate, fill in, lrelease."""
    ts = folder / f"{APP_CATALOGUE}_de.ts"
    update_ts([ts])
    tree = ET.parse(ts)
    for context in tree.getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            wanted = GERMAN.get((name, message.findtext("source")))
            if wanted is not None:
                translation = message.find("translation")
                translation.text = wanted
                translation.attrib.pop("type", None)
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    lrelease = Path(sys.executable).with_name("pyside6-lrelease")
    qm = folder / f"{APP_CATALOGUE}_de.qm"
    subprocess.run([str(lrelease), "-silent", str(ts), "-qm", str(qm)], check=True)
    return qm


@pytest.fixture
def german(tmp_path: Path):
    write_german(tmp_path)
    app = QApplication.instance()
    installed = install_translators(app, QLocale("de_DE"), tmp_path)
    yield installed
    for translator in installed:
        app.removeTranslator(translator)


def test_the_user_language_is_loaded_for_ui_catalogue_and_store_texts(german, open_window):
    assert any(t.filePath().endswith(f"{APP_CATALOGUE}_de.qm") for t in german)
    window = open_window()
    assert window.menuBar().actions()[0].text() == "&Datei"
    clam = next(card for card in window.today.cards if card.planned.exercise.slug == "clam-shell")
    assert clam.name_label.text() == "Muschel"
    # The set box keeps its English accessible name for automation and screen-reader scripts.
    assert clam.boxes[next(iter(clam.boxes))].accessibleName().startswith("Clam shell, set 1")
    full = explain(OSError(errno.ENOSPC, "No space left on device"), "save the set")
    assert str(full).startswith("Could not save the set: the disk is full.")  # the CLI's English
    assert error_text(full) == "save the set ging nicht: die Platte ist voll."


def test_english_needs_no_translation_file(tmp_path: Path):
    app = QApplication.instance()
    installed = install_translators(app, QLocale("en_GB"), tmp_path)
    try:
        assert [t.filePath() for t in installed if APP_CATALOGUE in t.filePath()] == []
        assert QCoreApplication.translate("Actions", "&File") == "&File"
    finally:
        for translator in installed:
            app.removeTranslator(translator)
