"""The drawings at floor-mode size: the lying lifts apart, the walk's band on the calves, dark."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QImage

from bandtracker.assets import illustration_path
from bandtracker.ui.illustration import DARK_BACKDROP, IllustrationView
from bandtracker.ui.theme import apply_theme, is_dark
from tests.ui.test_look import BAND, SLUGS, render, share_of

LIFTS = ("back-leg-lift", "side-leg-lift", "front-leg-lift")
BEIGE = (QColor("#F3F1EC"), QColor("#E9E5DD"), QColor("#CFC6B6"))


def difference(first: QImage, second: QImage) -> float:
    differing = sum(
        first.pixel(x, y) != second.pixel(x, y)
        for y in range(first.height())
        for x in range(first.width())
    )
    return differing / (first.width() * first.height())


def test_the_three_lying_lifts_are_far_apart():
    small = {slug: render(slug, 120) for slug in LIFTS}
    for i, a in enumerate(LIFTS):
        for b in LIFTS[i + 1 :]:
            assert difference(small[a], small[b]) > 0.13, f"{a} looks like {b}"


def band_rows(image: QImage) -> list[int]:
    rows = []
    for y in range(image.height()):
        for x in range(image.width()):
            c = image.pixelColor(x, y)
            if abs(c.red() - BAND.red()) + abs(c.green() - BAND.green()) < 40 and c.blue() < 100:
                rows.append(y)
                break
    return rows


def test_the_walks_band_sits_on_the_calves_not_the_ankles():
    for slug in ("forward-walk", "backward-walk"):
        image = render(slug, 480)
        rows = band_rows(image)
        floor = image.height() * (140 - 14) / 134  # the floor line in the 134-unit viewBox
        # The lowest band pixel stays well above the floor: the calf, not the ankle.
        assert floor - max(rows) > image.height() * 0.11, slug


def test_every_drawing_has_a_dark_twin_without_beige():
    for slug in SLUGS:
        path = illustration_path(slug, dark=True)
        assert path.is_file(), slug
        text = path.read_text(encoding="utf-8").upper()
        for colour in BEIGE:
            assert colour.name().upper() not in text, f"{slug}: {colour.name()} in dark"


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_the_panel_follows_the_scheme(qtbot, restore_theme, mode):
    apply_theme(restore_theme, mode)
    view = IllustrationView("clam-shell", "Clam shell")
    qtbot.addWidget(view)
    view.resize(900, 600)
    qtbot.waitUntil(lambda: is_dark(view.palette()) == (mode == "dark"))
    image = view.grab().toImage()
    corner = image.pixelColor(30, image.height() // 2)
    if mode == "dark":
        assert corner.lightness() < 80 and corner == DARK_BACKDROP
    else:
        assert corner.lightness() > 200
    assert share_of(image, BAND, 60) > 0.002
