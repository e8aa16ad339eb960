"""Every user-visible string goes through Qt's translation: a marking translator shows it."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QTranslator

from tests.ui.conftest import box_named


class BracketTranslator(QTranslator):
    """Wraps every string of ours in brackets; Qt's own strings (contexts Q...) stay as they are."""

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str:
        return "" if context.startswith("Q") else f"[{source}]"

    def isEmpty(self) -> bool:
        return False


def test_menus_page_title_and_set_boxes_come_from_the_translator(open_window):
    translator = BracketTranslator()
    QCoreApplication.installTranslator(translator)
    try:
        window = open_window()
        menus = [action.text() for action in window.menuBar().actions()]
        assert menus == ["[&File]", "[&Edit]", "[&View]", "[&Help]"]
        assert window.export_action.text() == "[&Export Sets as CSV\N{HORIZONTAL ELLIPSIS}]"
        assert window.pages.tabText(0) == "[&Today]"
        assert window.today.title.text() == "[Today]"
        assert window.today.progress_label.text() == "[0 of 30 sets]"
        # The visible text is translated; the accessible names automation relies on are not.
        assert box_named(window, "Clam shell, set 1, left side").text() == "[Left]"
        assert box_named(window, "Forward walking, set 2").text() == "[Set 2]"
    finally:
        QCoreApplication.removeTranslator(translator)
    assert QCoreApplication.translate("MainWindow", "&File") == "&File"
