"""The drawings, the theme and the card layout: what a user sees at a glance."""

from __future__ import annotations

import subprocess
import sys
from itertools import combinations
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPalette
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QWidget

from bandtracker.assets import illustration_path
from bandtracker.domain.catalogue import default_catalogue
from bandtracker.ui.illustration import IllustrationView
from bandtracker.ui.messages import Level
from bandtracker.ui.theme import apply_theme, is_dark
from tests.ui.conftest import box_named

ROOT = Path(__file__).resolve().parents[2]
SLUGS = [e.slug for e in default_catalogue().exercises]
BACKDROP = QColor("#F3F1EC")
BODY = QColor("#34445C")
BAND = QColor("#F0643A")
ARROW = QColor("#2A7BDE")


def render(slug: str, width: int = 240) -> QImage:
    renderer = QSvgRenderer(str(illustration_path(slug)))
    box = renderer.viewBoxF()
    image = QImage(width, round(width * box.height() / box.width()), QImage.Format.Format_RGB32)
    image.fill(BACKDROP)
    painter = QPainter(image)
    renderer.render(painter, QRectF(image.rect()))
    painter.end()
    return image


def share_of(image: QImage, colour: QColor, tolerance: int = 40) -> float:
    """Fraction of the picture's pixels close to `colour` (sampled every other pixel)."""
    hits = total = 0
    for y in range(0, image.height(), 2):
        for x in range(0, image.width(), 2):
            c = image.pixelColor(x, y)
            total += 1
            distance = (
                abs(c.red() - colour.red())
                + abs(c.green() - colour.green())
                + abs(c.blue() - colour.blue())
            )
            hits += distance <= tolerance
    return hits / total


def test_every_exercise_has_a_valid_small_vector_drawing():
    for slug in SLUGS:
        path = illustration_path(slug)
        assert path.is_file(), slug
        text = path.read_text(encoding="utf-8")
        assert "<image" not in text and "base64" not in text, f"{slug}: no embedded bitmaps"
        assert len(text.encode()) < 8_000, f"{slug} is {len(text.encode())} bytes"
        assert QSvgRenderer(str(path)).isValid(), slug


def test_every_drawing_shows_a_body_a_band_and_a_movement_arrow():
    for slug in SLUGS:
        image = render(slug)
        assert share_of(image, BODY) > 0.025, f"{slug} shows hardly any body"
        assert share_of(image, BAND) > 0.004, f"{slug} shows no band"
        assert share_of(image, ARROW) > 0.002, f"{slug} shows no arrow"


def test_no_two_drawings_look_alike():
    small = {slug: render(slug, 120) for slug in SLUGS}
    for a, b in combinations(SLUGS, 2):
        first, second = small[a], small[b]
        differing = sum(
            first.pixel(x, y) != second.pixel(x, y)
            for y in range(first.height())
            for x in range(first.width())
        )
        assert differing / (first.width() * first.height()) > 0.06, f"{a} looks like {b}"


def test_the_today_page_shows_nine_drawings(window):
    views = [card.illustration for card in window.today.cards]
    assert [v.slug for v in views] == SLUGS
    for view in views:
        assert not view.is_placeholder
        assert view.isVisibleTo(window)
        assert view.height() >= 160 and view.width() >= 200


def test_a_missing_drawing_shows_a_placeholder_instead_of_failing(qtbot):
    view = IllustrationView("not-an-exercise", "Nothing")
    qtbot.addWidget(view)
    assert view.is_placeholder
    view.grab()  # paints without error


def test_the_whole_set_chip_is_a_big_target(qtbot, window):
    box = box_named(window, "Clam shell, set 1, left side")
    assert box.height() >= 30 and box.width() >= 70
    # A click near the chip's far edge, away from the tick square, still ticks the set.
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(box.width() - 6, box.height() // 2))
    assert box.isChecked()
    assert window.today.progress_label.text() == "1 of 30 sets"


def _inside(child: QWidget, card: QWidget) -> bool:
    top_left = child.mapTo(card, QPoint(0, 0))
    return card.rect().contains(QRect(top_left, child.size()))


@pytest.mark.parametrize("size", [(1024, 700), (1280, 800), (1920, 1080)])
def test_cards_neither_overlap_nor_clip(qtbot, window, size):
    window.resize(*size)
    qtbot.waitUntil(lambda: window.today.grid.columns >= 2)
    cards = window.today.cards
    for a, b in combinations(cards, 2):
        assert not a.geometry().intersects(b.geometry()), (a.accessibleName(), b.accessibleName())
    for card in cards:
        parts = [card.illustration, card.name_label, card.prescription_label, card.band_label]
        parts += list(card.boxes.values())
        for part in parts:
            assert _inside(part, card), f"{card.accessibleName()}: {part} is clipped"
        for box in card.boxes.values():
            assert box.width() >= box.sizeHint().width(), box.accessibleName()


def test_several_whole_cards_show_without_scrolling_at_1280x800(qtbot, window):
    window.resize(1280, 800)
    qtbot.waitUntil(lambda: window.today.grid.columns == 3)
    viewport = window.today.scroll_area.viewport()
    shown = [
        card
        for card in window.today.cards
        if viewport.rect().contains(QRect(card.mapTo(viewport, QPoint(0, 0)), card.size()))
    ]
    assert len(shown) >= 3


def test_a_whole_row_of_cards_with_its_boxes_shows_at_1024x600(qtbot, window):
    """A netbook or a TV at 1024x600: smaller drawings and a one-line note (issue 13)."""
    window.resize(1024, 600)
    qtbot.waitUntil(lambda: window.today.compact and window.today.grid.columns == 2)
    viewport = window.today.scroll_area.viewport()

    def shown() -> list:
        return [
            card
            for card in window.today.cards
            if viewport.rect().contains(QRect(card.mapTo(viewport, QPoint(0, 0)), card.size()))
        ]

    # The layout settles a loop turn or two after the drawings shrink.
    qtbot.waitUntil(lambda: len(shown()) >= 2)
    window.resize(1280, 800)
    qtbot.waitUntil(lambda: not window.today.compact)
    assert window.today.cards[0].illustration.height() > 150


def test_the_dark_and_light_themes_set_deliberate_palettes(qtbot, restore_theme, window):
    app = restore_theme
    apply_theme(app, "dark")
    assert app.style().name().lower() == "fusion"
    qtbot.waitUntil(lambda: is_dark(window.today.cards[0].palette()))
    text = window.palette().color(QPalette.ColorRole.WindowText)
    assert text.lightnessF() > 0.8
    apply_theme(app, "light")
    qtbot.waitUntil(lambda: not is_dark(window.today.cards[0].palette()))
    apply_theme(app, "system")  # offscreen Qt reports no dark scheme
    assert not is_dark(app.palette())
    with pytest.raises(ValueError):
        apply_theme(app, "sepia")


def test_a_finished_exercise_looks_finished_in_both_themes(qtbot, restore_theme, window):
    card = window.today.cards[0]
    before = card.grab().toImage()
    for box in card.boxes.values():
        qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=box.rect().center())
    assert card.property("done") is True and card.done_label.isVisible()
    assert card.grab().toImage() != before
    light = card.grab().toImage()
    apply_theme(restore_theme, "dark")
    qtbot.waitUntil(lambda: is_dark(card.palette()))
    assert card.done_label.isVisible()
    assert card.grab().toImage() != light


def test_the_screenshot_script_runs_offscreen(tmp_path):
    out = tmp_path / "shots"
    subprocess.run(
        [sys.executable, str(ROOT / "tools" / "screenshots.py"), "--quick", "--out", str(out)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    light, dark = QImage(str(out / "today-light.png")), QImage(str(out / "today-dark.png"))
    assert (light.width(), light.height()) == (1280, 800)
    assert (dark.width(), dark.height()) == (1280, 800)
    # The window background, sampled at the bottom right: light in one, dark in the other.
    corner = QPoint(1270, 790)
    assert light.pixelColor(corner).lightnessF() > 0.7
    assert dark.pixelColor(corner).lightnessF() < 0.3


def _distance(a: QColor, b: QColor) -> int:
    return abs(a.red() - b.red()) + abs(a.green() - b.green()) + abs(a.blue() - b.blue())


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_an_empty_set_box_stands_out_from_its_chip(qtbot, restore_theme, window, mode):
    apply_theme(restore_theme, mode)
    qtbot.waitUntil(lambda: is_dark(window.today.cards[0].palette()) == (mode == "dark"))
    box = box_named(window, "Donkey kick, set 1, left side")
    image = box.grab().toImage()
    y = box.height() // 2
    chip = image.pixelColor(5, y)  # inside the chip, left of the tick square
    edge = image.pixelColor(11, y)  # the tick square's outline
    assert _distance(chip, edge) > 90, (chip.name(), edge.name())


def test_the_app_icon_renders_at_taskbar_sizes(qtbot):
    from bandtracker.ui.app import app_icon

    icon = app_icon()
    assert not icon.isNull()
    for size in (16, 32, 64, 256):
        image = icon.pixmap(size, size).toImage()
        assert image.width() == size
        centre = image.pixelColor(size // 2, size // 2)
        assert centre.alpha() == 255  # drawn, not an empty transparent square


def test_the_message_bar_is_readable_in_both_themes_and_follows_a_switch(
    qtbot, restore_theme, window
):
    bar = window.today.message_bar

    def looks() -> tuple[QColor, QColor]:
        bar.label.ensurePolished()
        background = bar.grab().toImage().pixelColor(bar.width() // 2, 3)
        return background, bar.label.palette().color(QPalette.ColorRole.WindowText)

    for mode, dark in (("light", False), ("dark", True)):
        apply_theme(restore_theme, mode)
        bar.show_message("Could not save the set.", Level.ERROR)
        # The new palette reaches the widgets through the event loop.
        qtbot.waitUntil(lambda dark=dark: (looks()[0].lightnessF() < 0.5) is dark)
        background, text = looks()
        assert abs(background.lightnessF() - text.lightnessF()) > 0.5, mode

    # Switched while the message shows: the bar turns with the window.
    apply_theme(restore_theme, "light")
    qtbot.waitUntil(lambda: looks()[0].lightnessF() > 0.5)
    background, text = looks()
    assert abs(background.lightnessF() - text.lightnessF()) > 0.5
