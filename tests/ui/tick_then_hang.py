"""Crash-test child: open the real app, click one set's box, report, keep running."""

import sys
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QCheckBox

from bandtracker.ui.app import start


def main() -> None:
    data_dir, box_name = Path(sys.argv[1]), sys.argv[2]
    window = start(data_dir)

    def click() -> None:
        box = next(b for b in window.findChildren(QCheckBox) if b.accessibleName() == box_name)
        QTest.mouseClick(box, Qt.MouseButton.LeftButton, pos=box.rect().center())
        print("checked" if box.isChecked() else "unchecked", flush=True)

    QTimer.singleShot(0, click)
    QApplication.instance().exec()


if __name__ == "__main__":
    main()
