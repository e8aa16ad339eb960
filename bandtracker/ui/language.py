"""Loads the user's language at start: our own translation and Qt's for its standard buttons."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from bandtracker.assets import translations_dir

APP_CATALOGUE = "bandtracker"
QT_CATALOGUE = "qtbase"


def install_translators(
    app: QCoreApplication, locale: QLocale | None = None, folder: Path | None = None
) -> list[QTranslator]:
    """Install the translations that exist for `locale` (default: the system's); English, the
    language the app is written in, needs none. Returns what was installed."""
    locale = locale if locale is not None else QLocale()
    folder = folder if folder is not None else translations_dir()
    sources = (
        (QT_CATALOGUE, QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)),
        (APP_CATALOGUE, str(folder)),
    )
    installed = []
    for catalogue, where in sources:
        translator = QTranslator(app)
        # Tries e.g. bandtracker_de_AT.qm, then bandtracker_de.qm, for each UI language.
        if translator.load(locale, catalogue, "_", where):
            app.installTranslator(translator)
            installed.append(translator)
        else:
            translator.deleteLater()
    return installed
