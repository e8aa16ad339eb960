"""Write Band Tracker's nine exercise illustrations and its app icon as small hand-made SVGs."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ILLUSTRATION_DIR = ROOT / "resources" / "illustrations"
ICON_PATH = ROOT / "resources" / "icons" / "bandtracker.svg"

Point = tuple[float, float]

# Palette, shared by every drawing and the icon.  No opacity anywhere: QtSvg renders
# SVG Tiny, so faded elements use colours pre-mixed with the backdrop instead.
BACKDROP = "#F3F1EC"
FLOOR_COLOUR = "#CFC6B6"
MAT_COLOUR = "#E9E5DD"  # the floor (a mat) seen a little from above
BODY = "#34445C"  # limbs nearest the viewer, torso, head
BODY_FAR = "#8592A6"  # limbs on the far side of the body
GHOST = "#D5D3CE"  # the starting position of a moving limb
BAND = "#F0643A"
BAND_TINT = "#F6C6B3"  # inside of the stretched band loop
BAND_DARK = "#C24A26"  # far side of the band loop in the icon
ARROW = "#2A7BDE"
INSET = "#FFFFFF"
# The same drawings for the dark scheme (resources/illustrations/dark/): a dim slate panel a
# shade above the dark window, light figures, no beige that glares in a dim room. The band and
# arrow keep their hues, a little softer.
DARK_COLOURS = {
    BACKDROP: "#2B3038",
    FLOOR_COLOUR: "#4C5461",
    MAT_COLOUR: "#333943",
    BODY: "#D5DCE8",
    BODY_FAR: "#7D889A",
    GHOST: "#454C58",
    BAND: "#F07A55",
    BAND_TINT: "#7A4636",
    ARROW: "#5B9CF0",
    INSET: "#1E2228",
}
DARK_DIR = ILLUSTRATION_DIR / "dark"

# Canvas and figure proportions (viewBox units).
WIDTH, HEIGHT = 240, 134
# The picture shows y from TOP down: bodies are drawn in a 240x160 space, cropped to what the
# tallest pose needs so that every figure is as large as the card allows.
TOP = 14
FLOOR = 140.0  # top of the floor line: bodies rest on it
MAT = 26.0  # depth of the mat seen behind the floor line
LIMB = 10.0  # stroke width of arms and legs
TORSO_W = 15.0
HALO = 3.0  # backdrop-coloured outline separating a near limb from the body behind it
HEAD_R = 9.5
NECK = 15.0  # shoulder to centre of head
TORSO = 36.0  # shoulder to hip
THIGH = 30.0
SHIN = 30.0
FOOT = 9.0
UPPER_ARM = 20.0
FOREARM = 18.0
BAND_W = 6.0  # width of the band where it is stretched between the legs
ARROW_W = 3.5
LYING = FLOOR - LIMB / 2  # centre line of a limb lying on the floor


# --- geometry -------------------------------------------------------------------------------


def at(p: Point, length: float, degrees: float) -> Point:
    """The point `length` away from `p` in screen direction `degrees` (0 right, 90 down)."""
    a = math.radians(degrees)
    return (p[0] + length * math.cos(a), p[1] + length * math.sin(a))


def lerp(a: Point, b: Point, t: float) -> Point:
    return (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t)


def direction(a: Point, b: Point) -> float:
    """Screen direction in degrees from `a` to `b`."""
    return math.degrees(math.atan2(b[1] - a[1], b[0] - a[0]))


def joint(root: Point, end: Point, first: float, second: float, bend: int) -> Point:
    """Middle joint (knee or elbow) of a two-bone limb from `root` to `end`.

    `bend` is +1 or -1 and picks the side: +1 puts the joint clockwise of the root-end line.
    """
    dx, dy = end[0] - root[0], end[1] - root[1]
    d = min(max(math.hypot(dx, dy), abs(first - second) + 1e-6), first + second - 1e-6)
    ux, uy = dx / d, dy / d
    along = (first * first - second * second + d * d) / (2 * d)
    across = math.sqrt(max(first * first - along * along, 0.0))
    return (root[0] + along * ux - bend * across * uy, root[1] + along * uy + bend * across * ux)


def num(x: float) -> str:
    text = f"{x:.1f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def pts(points: Sequence[Point]) -> str:
    return " ".join(f"{num(x)},{num(y)}" for x, y in points)


# --- drawing --------------------------------------------------------------------------------


class Drawing:
    """Collects SVG elements for one picture."""

    def __init__(self, title: str, width: int = WIDTH, height: int = HEIGHT, top: int = 0) -> None:
        self.title = title
        self.top = top
        self.width = width
        self.height = height
        self.parts: list[str] = []

    def add(self, element: str) -> None:
        self.parts.append(element)

    def stroke(
        self, points: Sequence[Point], colour: str, width: float, halo: bool = False
    ) -> None:
        """A round-capped polyline; with `halo`, outlined in the backdrop colour first."""
        if halo:
            self.stroke(points, BACKDROP, width + 2 * HALO)
        self.add(
            f'<polyline points="{pts(points)}" fill="none" stroke="{colour}" '
            f'stroke-width="{num(width)}" stroke-linecap="round" stroke-linejoin="round"/>'
        )

    def limb(self, points: Sequence[Point], colour: str = BODY, halo: bool = False) -> None:
        self.stroke(points, colour, LIMB, halo)

    def torso(self, shoulder: Point, hip: Point) -> None:
        self.stroke([shoulder, hip], BODY, TORSO_W)

    def circle(self, centre: Point, radius: float, fill: str) -> None:
        self.add(
            f'<circle cx="{num(centre[0])}" cy="{num(centre[1])}" r="{num(radius)}" fill="{fill}"/>'
        )

    def head(self, centre: Point, facing: float | None = None, hair: bool = False) -> None:
        """Head circle; `facing` (screen degrees) adds a nose, `hair` a ponytail at the back.

        The ponytail is tied high on the back of the head and falls behind the neck, so it
        reads as hair and tells which way the face looks.
        """
        if hair and facing is not None:
            back = facing + 180
            side = 1 if math.cos(math.radians(facing)) >= 0 else -1  # +1 facing right
            root = at(centre, HEAD_R * 0.8, back + 35 * side)
            out = at(root, 6.0, back + 10 * side)
            tip = (out[0] - 1.5 * side, out[1] + 11.0)
            self.add(
                f'<path d="M{pts([root])} Q{pts([out, tip])}" fill="none" stroke="{BODY}" '
                f'stroke-width="5.5" stroke-linecap="round"/>'
            )
        if facing is not None:
            self.circle(at(centre, HEAD_R * 0.92, facing + 12), 2.8, BODY)
        self.circle(centre, HEAD_R, BODY)

    def polygon(self, points: Sequence[Point], fill: str) -> None:
        self.add(
            f'<polygon points="{pts(points)}" fill="{fill}" stroke="{fill}" '
            f'stroke-width="1.5" stroke-linejoin="round"/>'
        )

    def floor(self) -> None:
        y = FLOOR + 1.5
        self.add(
            f'<rect x="14" y="{num(FLOOR - MAT)}" width="{WIDTH - 28}" height="{num(MAT + 1.5)}" '
            f'fill="{MAT_COLOUR}"/>'
        )
        self.stroke([(14, y), (WIDTH - 14, y)], FLOOR_COLOUR, 3.0)

    # The band: a cuff around each leg and a strip stretched between them.

    def cuff(self, p: Point, leg: float, width: float = BAND_W + 1) -> None:
        half = LIMB / 2 + 1.5
        self.stroke([at(p, half, leg + 90), at(p, half, leg - 90)], BAND, width)

    def band_strip(self, a: Point, leg_a: float, b: Point, leg_b: float) -> None:
        """The band stretched from leg to leg: a thin loop with a tinted inside."""
        h = BAND_W / 2
        corners = [at(a, h, leg_a), at(a, h, leg_a + 180), at(b, h, leg_b + 180), at(b, h, leg_b)]
        self.add(
            f'<polygon points="{pts(corners)}" fill="{BAND_TINT}" stroke="{BAND}" '
            f'stroke-width="2.5" stroke-linejoin="round"/>'
        )

    # Arrows: arrowheads are explicit polygons because QtSvg ignores markers.

    def _arrow_head(self, tip: Point, base: Point) -> None:
        d = direction(base, tip)
        self.polygon([tip, at(base, 5.5, d + 90), at(base, 5.5, d - 90)], ARROW)

    def arrow(self, start: Point, end: Point) -> None:
        d = direction(start, end)
        base = at(end, 8.5, d + 180)
        self.stroke([start, at(base, 1.5, d)], ARROW, ARROW_W)
        self._arrow_head(end, base)

    def arc_arrow(self, centre: Point, radius: float, start: float, end: float) -> None:
        """Arrow along a circular arc from angle `start` to `end` (degrees, screen direction)."""
        sign = 1 if end > start else -1
        head = math.degrees(8.5 / radius)
        shaft_end = end - sign * head * 0.85
        self.add(
            f'<path d="{arc_path(centre, radius, start, shaft_end)}" fill="none" '
            f'stroke="{ARROW}" stroke-width="{num(ARROW_W)}" stroke-linecap="round"/>'
        )
        self._arrow_head(at(centre, radius, end), at(centre, radius, end - sign * head))

    def svg(self) -> str:
        w, h = self.width, self.height
        body = "\n".join(self.parts)
        return (
            f'<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="{w}" height="{h}" '
            f'viewBox="0 {self.top} {w} {h}">\n<title>{self.title}</title>\n{body}\n</svg>\n'
        )


def arc_path(centre: Point, radius: float, start: float, end: float) -> str:
    """Path data for a circular arc as cubic Béziers (SVG Tiny has no arc command)."""
    steps = max(1, math.ceil(abs(end - start) / 45))
    sweep = math.radians((end - start) / steps)
    k = 4 / 3 * math.tan(sweep / 4) * radius
    p = at(centre, radius, start)
    d = [f"M{num(p[0])},{num(p[1])}"]
    for i in range(steps):
        a0 = math.radians(start) + i * sweep
        a1 = a0 + sweep
        p0 = at(centre, radius, math.degrees(a0))
        p1 = at(centre, radius, math.degrees(a1))
        c0 = (p0[0] - k * math.sin(a0), p0[1] + k * math.cos(a0))
        c1 = (p1[0] + k * math.sin(a1), p1[1] - k * math.cos(a1))
        d.append(f"C{pts([c0, c1, p1])}")
    return " ".join(d)


def scene(title: str) -> Drawing:
    drawing = Drawing(title, top=TOP)
    drawing.add(
        f'<rect x="0" y="{TOP}" width="{WIDTH}" height="{HEIGHT}" rx="14" ry="14" '
        f'fill="{BACKDROP}"/>'
    )
    drawing.floor()
    return drawing


# --- the nine exercises ---------------------------------------------------------------------


def _band_walk(title: str, backward: bool) -> Drawing:
    """Standing side view facing right, one foot stepping; the arrow gives the direction."""
    d = scene(title)
    hip = (112.0, 82.0)
    # The stepping (near) leg is placed by its angles, the planted (far) one reaches the floor.
    if backward:
        thigh, shin, toe, planted = 108.0, 128.0, 20.0, (133.0, LYING)
    else:
        thigh, shin, toe, planted = 50.0, 82.0, -22.0, (91.0, LYING)
    stepping_knee = at(hip, THIGH, thigh)
    stepping = at(stepping_knee, SHIN, shin)
    planted_knee = joint(hip, planted, THIGH, SHIN, -1)
    shoulder = at(hip, TORSO, -80)

    far_elbow = at(shoulder, UPPER_ARM, 75)
    d.limb([shoulder, far_elbow, at(far_elbow, FOREARM, -30)], BODY_FAR)
    # The far leg is planted, the near leg steps.
    d.limb([hip, planted_knee, planted, at(planted, FOOT, 0)], BODY_FAR)
    t = 0.2  # the upper calves, just under the knee (the seed: "middle/upper calves")
    far_band = lerp(planted_knee, planted, t)
    near_band = lerp(stepping_knee, stepping, t)
    d.cuff(far_band, direction(planted_knee, planted))
    d.band_strip(
        far_band, direction(planted_knee, planted), near_band, direction(stepping_knee, stepping)
    )
    d.torso(shoulder, hip)
    d.head(at(shoulder, NECK, -75), facing=0, hair=True)
    d.limb([hip, stepping_knee, stepping, at(stepping, FOOT, toe)], halo=True)
    d.cuff(near_band, direction(stepping_knee, stepping))
    elbow = at(shoulder, UPPER_ARM, 100)
    d.limb([shoulder, elbow, at(elbow, FOREARM, -15)], halo=True)

    y = 98.0
    if backward:
        d.arrow((74, y), (28, y))
    else:
        d.arrow((160, y), (206, y))
    return d


def forward_walk() -> Drawing:
    return _band_walk("Forward walk", backward=False)


def backward_walk() -> Drawing:
    return _band_walk("Backward walk", backward=True)


def side_step() -> Drawing:
    """Front view, half squat, feet wide, shuffling to the viewer's right."""
    d = scene("Side step")
    cx = 104.0
    thigh = THIGH - 3  # the thighs point a little toward the viewer in the squat
    hips = [(cx - 9, 88.0), (cx + 9, 88.0)]
    ankles = [(cx - 27, LYING), (cx + 27, LYING)]
    knees = [joint(hips[0], ankles[0], thigh, SHIN, 1), joint(hips[1], ankles[1], thigh, SHIN, -1)]
    shoulders = [(cx - 14, 50.0), (cx + 14, 50.0)]
    hands = [(cx - 10, 84.0), (cx + 10, 84.0)]

    # Ghost of the trailing leg where it was before the step.
    ghost_ankle = (ankles[0][0] - 16, LYING)
    ghost_hip = (hips[0][0] - 4, hips[0][1])
    ghost_knee = joint(ghost_hip, ghost_ankle, thigh, SHIN, 1)
    d.limb([ghost_hip, ghost_knee, ghost_ankle, (ghost_ankle[0] - 5, ghost_ankle[1])], GHOST)

    for side, (hip, knee, ankle) in enumerate(zip(hips, knees, ankles, strict=True)):
        out = -1 if side == 0 else 1
        d.limb([hip, knee, ankle, (ankle[0] + 5 * out, ankle[1])])
    t = 0.32
    bands = [lerp(k, a, t) for k, a in zip(knees, ankles, strict=True)]
    legs = [direction(k, a) for k, a in zip(knees, ankles, strict=True)]
    d.band_strip(bands[0], legs[0], bands[1], legs[1])
    for p, leg in zip(bands, legs, strict=True):
        d.cuff(p, leg)

    # Torso as a rounded trapezoid, neck and head.
    d.stroke([(cx, shoulders[0][1]), (cx, 34)], BODY, 7)
    d.polygon(
        [
            shoulders[0],
            shoulders[1],
            (hips[1][0] + 3, hips[1][1] + 2),
            (hips[0][0] - 3, hips[0][1] + 2),
        ],
        BODY,
    )
    d.stroke([shoulders[0], shoulders[1]], BODY, LIMB)
    d.stroke([(hips[0][0] - 2, hips[0][1]), (hips[1][0] + 2, hips[1][1])], BODY, LIMB + 2)
    d.head((cx, 31.0))
    # Hands on hips.
    for side in (0, 1):
        elbow = joint(shoulders[side], hands[side], UPPER_ARM, FOREARM, 1 if side else -1)
        d.limb([shoulders[side], elbow, hands[side]])

    d.arrow((152, 96), (206, 96))
    return d


def back_leg_lift() -> Drawing:
    """Lying on the back, head left; the near leg is raised straight."""
    d = scene("Back leg lift")
    shoulder = (76.0, FLOOR - TORSO_W / 2)
    hip = (shoulder[0] + TORSO, shoulder[1])
    flat_knee = (hip[0] + THIGH, LYING)
    flat_ankle = (flat_knee[0] + SHIN, LYING)
    # Nearly vertical: on the back the leg rises highest of the three lifts, which tells them
    # apart at a glance (side: propped on an elbow; stomach: face down, a short lift behind).
    lift = -72.0
    knee = at(hip, THIGH, lift)
    ankle = at(knee, SHIN, lift)

    d.limb([hip, flat_knee, flat_ankle, at(flat_ankle, FOOT, -80)], BODY_FAR)
    t = 0.45
    far_band = lerp(flat_knee, flat_ankle, t)
    near_band = lerp(knee, ankle, t)
    d.cuff(far_band, 0)
    d.band_strip(far_band, 0, near_band, lift)
    d.torso(shoulder, hip)
    d.head((shoulder[0] - NECK, FLOOR - HEAD_R), facing=-90)
    # Near leg raised, foot flexed.
    d.limb([hip, knee, ankle, at(ankle, FOOT, lift - 90)], halo=True)
    d.cuff(near_band, lift)
    # Near arm along the side, hand on the hip.
    elbow = (shoulder[0] + UPPER_ARM - 2, LYING - 1)
    d.limb([(shoulder[0] + 2, shoulder[1]), elbow, (hip[0] - 2, hip[1] - 3)], halo=True)

    d.arc_arrow(hip, 70, -20, -76)
    return d


def side_leg_lift() -> Drawing:
    """Lying on the side facing the viewer, head left on the hand, top leg raised."""
    d = scene("Side leg lift")
    hip = (106.0, 127.0)
    slope = 212.0  # hip to shoulder: the chest is propped up high on the elbow
    shoulder = at(hip, TORSO, slope)
    bottom_knee = (hip[0] + THIGH - 1, LYING)
    bottom_ankle = (bottom_knee[0] + SHIN, LYING)
    lift = -35.0
    top_hip = (hip[0], hip[1] - 3)
    knee = at(top_hip, THIGH, lift)
    ankle = at(knee, SHIN, lift)
    head = at(shoulder, NECK + 2, slope + 8)

    # Lower arm: elbow on the floor under the shoulder, hand under the head.
    elbow = (shoulder[0] - 1, LYING)
    hand = (head[0] + 3, head[1] + HEAD_R + 2)
    d.limb([shoulder, elbow, hand], BODY_FAR)
    d.limb([hip, bottom_knee, bottom_ankle, at(bottom_ankle, 5, 0)], BODY_FAR)
    t = 0.5
    bottom_band = lerp(bottom_knee, bottom_ankle, t)
    top_band = lerp(knee, ankle, t)
    d.cuff(bottom_band, 0)
    d.band_strip(bottom_band, 0, top_band, lift)
    d.torso(shoulder, hip)
    d.head(head)
    d.limb([top_hip, knee, ankle, at(ankle, 5, lift)], halo=True)
    d.cuff(top_band, lift)
    # Top arm: hand on the hip, elbow up.
    top_hand = at(hip, 8, -100)
    top_elbow = joint(shoulder, top_hand, UPPER_ARM, FOREARM, -1)
    d.limb([shoulder, top_elbow, top_hand], halo=True)

    d.arc_arrow(top_hip, 70, -8, -42)
    return d


def front_leg_lift() -> Drawing:
    """Lying on the stomach, head left on folded arms; the near leg is raised behind."""
    d = scene("Front leg lift")
    shoulder = (74.0, FLOOR - TORSO_W / 2)
    hip = (shoulder[0] + TORSO, shoulder[1])
    flat_knee = (hip[0] + THIGH, LYING)
    flat_ankle = (flat_knee[0] + SHIN, LYING)
    lift = -22.0
    knee = at(hip, THIGH, lift)
    ankle = at(knee, SHIN, lift)

    d.limb([hip, flat_knee, flat_ankle, at(flat_ankle, FOOT, 0)], BODY_FAR)
    t = 0.5
    far_band = lerp(flat_knee, flat_ankle, t)
    near_band = lerp(knee, ankle, t)
    d.cuff(far_band, 0)
    d.band_strip(far_band, 0, near_band, lift)
    d.torso(shoulder, hip)
    # Folded arms: elbow forward on the floor, forearm back under the face, head on top.
    elbow = (shoulder[0] - UPPER_ARM - 4, LYING)
    hand = (elbow[0] + 16, LYING - 9)
    head = (hand[0] - 5, hand[1] - LIMB / 2 - HEAD_R + 2)
    d.stroke([shoulder, head], BODY, 7)
    d.limb([shoulder, elbow, hand], halo=True)
    d.head(head, facing=115, hair=True)  # face down on the arms, the ponytail up
    d.limb([hip, knee, ankle, at(ankle, FOOT, lift)], halo=True)
    d.cuff(near_band, lift)

    d.arc_arrow(hip, 72, -6, -32)
    return d


def donkey_kick() -> Drawing:
    """All fours, head right; the near leg kicks up behind with the knee at 90 degrees."""
    d = scene("Donkey kick")
    kneel = (112.0, LYING)
    hip = (kneel[0], kneel[1] - THIGH)
    shoulder_y = LYING - UPPER_ARM - FOREARM
    shoulder = (hip[0] + math.sqrt(TORSO**2 - (hip[1] - shoulder_y) ** 2), shoulder_y)
    hand = (shoulder[0], LYING)

    # Far arm and far (kneeling) leg.
    far_hand = (hand[0] + 5, LYING)
    far_elbow = joint(shoulder, far_hand, UPPER_ARM, FOREARM, 1)
    d.limb([shoulder, far_elbow, far_hand, (far_hand[0] + 5, LYING)], BODY_FAR)
    far_ankle = (kneel[0] - SHIN, LYING)
    d.limb([hip, kneel, far_ankle, (far_ankle[0] - FOOT, LYING)], BODY_FAR)
    # Near leg: thigh level with the back, shin vertical, sole to the ceiling.
    knee = at(hip, THIGH, 180)
    ankle = at(knee, SHIN, -90)
    t = 0.78
    far_band = lerp(hip, kneel, t)
    near_band = lerp(hip, knee, t)
    d.cuff(far_band, 90)
    d.band_strip(far_band, 90, near_band, 180)
    d.torso(shoulder, hip)
    d.head(at(shoulder, NECK, -8))
    d.limb([hip, knee, ankle, at(ankle, FOOT, 180)], halo=True)
    d.cuff(near_band, 180)
    elbow = joint(shoulder, hand, UPPER_ARM, FOREARM, 1)
    d.limb([shoulder, elbow, hand, (hand[0] + 5, LYING)], halo=True)

    d.arc_arrow(hip, 54, 148, 200)
    return d


def clam_shell() -> Drawing:
    """Side-lying facing the viewer, seen a little from above, the top knee opening.

    The thighs come forward, toward the viewer, so seen from above the bottom knee sits
    lower in the picture than the hips and feet: with the top knee lifted, hips, knees and
    feet make the open shell. The faded leg is the top leg where it starts, closed.
    """
    d = scene("Clam shell")
    back = FLOOR - 22.0  # where the back of the body lies on the mat

    def seen(x: float, up: float, forward: float) -> Point:
        # A view from slightly above: forward (toward the viewer) shows as lower on the mat.
        return (x, back - up + forward * 0.7)

    hip_x = 110.0
    half = (THIGH + SHIN) * 0.4  # thighs at 135 degrees from the torso, knees at 90
    forward = half
    stack = LIMB + 2  # top leg on the bottom one
    opening = 62.0  # degrees the top knee turns open about the hip-to-heel line
    lift = forward * math.sin(math.radians(opening))
    reach = forward * math.cos(math.radians(opening))
    bottom = [seen(hip_x, 0, 0), seen(hip_x + half, 0, forward), seen(hip_x + 2 * half, 0, 0)]
    closed = [seen(hip_x, stack, 0), seen(hip_x + half, stack, forward)]
    closed.append(seen(hip_x + 2 * half, stack, 0))
    top = [seen(hip_x, stack, 0), seen(hip_x + half, stack + lift, reach)]
    top.append(seen(hip_x + 2 * half, stack, 0))
    shoulder = seen(hip_x - TORSO, stack / 2, 0)
    hip = seen(hip_x, stack / 2, 0)

    # Lower arm stretched overhead on the mat, the head resting on it.
    arm_root = seen(hip_x - TORSO, 2, 0)
    elbow = (arm_root[0] - UPPER_ARM, arm_root[1])
    d.limb([arm_root, elbow, (elbow[0] - FOREARM + 2, elbow[1])], BODY_FAR)
    d.limb(closed, GHOST)
    d.limb([*bottom, (bottom[2][0] + 6, bottom[2][1])], halo=True)
    t = 0.8
    bottom_band, top_band = lerp(bottom[0], bottom[1], t), lerp(top[0], top[1], t)
    bottom_thigh, top_thigh = direction(bottom[0], bottom[1]), direction(top[0], top[1])
    d.cuff(bottom_band, bottom_thigh)
    d.band_strip(bottom_band, bottom_thigh, top_band, top_thigh)
    d.torso(shoulder, hip)
    d.circle(hip, TORSO_W / 2 + 1.5, BODY)
    d.head((shoulder[0] - NECK, elbow[1] - LIMB / 2 - HEAD_R + 2), facing=90)
    d.limb([*top, (top[2][0] + 6, top[2][1])], halo=True)
    d.cuff(top_band, top_thigh)
    # The top arm lies along the body, hidden by it: nothing to distract from the legs.

    d.arc_arrow(top[2], 46, 200, 244)
    return d


def glute_bridge() -> Drawing:
    """Lying on the back, hips up in a straight line; the inset shows the knees pushing out."""
    d = scene("Glute bridge")
    shoulder = (72.0, FLOOR - TORSO_W / 2)
    slope = -28.0
    hip = at(shoulder, TORSO, slope)
    knee = at(hip, THIGH, slope)
    ankle = (knee[0] + 4, LYING)

    # Inset: the knees seen from the feet, pushing the band apart.
    centre, radius = (192.0, 48.0), 29.0
    d.circle(centre, radius + 1.5, FLOOR_COLOUR)
    d.circle(centre, radius, INSET)
    gap = 11.0
    for side in (-1, 1):
        top = (centre[0] + side * (gap - 3), centre[1] - 20)
        knee_i = (centre[0] + side * gap, centre[1] - 2)
        foot = (centre[0] + side * (gap - 1), centre[1] + 20)
        d.limb([top, knee_i, foot])
        d.arrow(
            (centre[0] + side * (gap + 9), centre[1] - 6),
            (centre[0] + side * (gap + 19), centre[1] - 6),
        )
    d.stroke(
        [(centre[0] - gap - 4, centre[1] - 7), (centre[0] + gap + 4, centre[1] - 7)],
        BAND,
        BAND_W + 1,
    )
    # Dotted leader from the knee to the inset.
    d.add(
        f'<polyline points="{pts([at(knee, 12, -40), at(centre, radius + 6, 150)])}" '
        f'fill="none" stroke="{FLOOR_COLOUR}" stroke-width="2" stroke-linecap="round" '
        f'stroke-dasharray="0.5,5"/>'
    )

    # Far leg just behind the near one.
    off = 5.0
    far_knee = (knee[0] + off, knee[1])
    far_ankle = (ankle[0] + off, ankle[1])
    d.limb([hip, far_knee, far_ankle, (far_ankle[0] + FOOT, LYING)], BODY_FAR)
    d.cuff(lerp(hip, far_knee, 0.8), slope)
    d.torso(shoulder, hip)
    d.head((shoulder[0] - NECK, FLOOR - HEAD_R), facing=-90)
    d.limb([hip, knee, ankle, (ankle[0] + FOOT, LYING)], halo=True)
    d.cuff(lerp(hip, knee, 0.8), slope)
    elbow = (shoulder[0] + UPPER_ARM, LYING)
    d.limb([shoulder, elbow, (elbow[0] + FOREARM, LYING)], halo=True)
    return d


EXERCISES: dict[str, Callable[[], Drawing]] = {
    "forward-walk": forward_walk,
    "backward-walk": backward_walk,
    "side-step": side_step,
    "back-leg-lift": back_leg_lift,
    "side-leg-lift": side_leg_lift,
    "front-leg-lift": front_leg_lift,
    "donkey-kick": donkey_kick,
    "clam-shell": clam_shell,
    "glute-bridge": glute_bridge,
}


def in_dark(svg: str) -> str:
    """The drawing in the dark scheme's colours (every colour is a literal from the palette)."""
    for light, dark in DARK_COLOURS.items():
        svg = svg.replace(f'"{light}"', f'"{dark}"')
    return svg


def app_icon() -> Drawing:
    """A mini band loop with a tick, on a rounded square."""
    d = Drawing("Band Tracker", 64, 64)
    d.add(f'<rect x="0" y="0" width="64" height="64" rx="14" ry="14" fill="{BODY}"/>')
    # The band: a flat loop seen in perspective, its far half a shade darker.
    d.add(
        f'<path d="M10,36 C10,21 54,21 54,36" fill="none" stroke="{BAND_DARK}" stroke-width="6.5"/>'
    )
    d.add(f'<path d="M10,36 C10,51 54,51 54,36" fill="none" stroke="{BAND}" stroke-width="7.5"/>')
    tick = [(19.0, 33.0), (28.5, 42.5), (47.0, 17.0)]
    d.stroke(tick, BODY, 14.0)
    d.stroke(tick, BACKDROP, 7.5)
    return d


def main() -> None:
    ILLUSTRATION_DIR.mkdir(parents=True, exist_ok=True)
    ICON_PATH.parent.mkdir(parents=True, exist_ok=True)
    DARK_DIR.mkdir(parents=True, exist_ok=True)
    for slug, draw in EXERCISES.items():
        path = ILLUSTRATION_DIR / f"{slug}.svg"
        svg = draw().svg()
        path.write_text(svg, encoding="utf-8")
        print(f"wrote {path.relative_to(ROOT)}")
        dark = DARK_DIR / f"{slug}.svg"
        dark.write_text(in_dark(svg), encoding="utf-8")
        print(f"wrote {dark.relative_to(ROOT)}")
    ICON_PATH.write_text(app_icon().svg(), encoding="utf-8")
    print(f"wrote {ICON_PATH.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
