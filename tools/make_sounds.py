"""Regenerates floor mode's cue sounds (resources/sounds/*.wav): short sine tones, made here.

Each cue has its own shape so it can be told apart without looking: "set done" two rising
notes, the 3-2-1 a short tick, "go" one long high note, "switch sides" a falling then rising
pair, "finished" a rising arpeggio. 16-bit mono at 22.05 kHz keeps each file a few kilobytes.
Run: python tools/make_sounds.py
"""

from __future__ import annotations

import math
import struct
import wave
from pathlib import Path

RATE = 22_050
VOLUME = 0.45  # of full scale: clear over a room without clipping through small speakers
OUT = Path(__file__).resolve().parent.parent / "resources" / "sounds"

# (frequency in Hz, seconds) per note; a frequency of 0 is a gap.
CUES: dict[str, list[tuple[float, float]]] = {
    "set_done": [(660, 0.09), (0, 0.03), (990, 0.14)],
    "count": [(880, 0.08)],
    "go": [(1320, 0.35)],
    "switch": [(990, 0.12), (0, 0.04), (660, 0.12), (0, 0.04), (990, 0.18)],
    "finished": [(523, 0.12), (659, 0.12), (784, 0.12), (1047, 0.3)],
}


def note(frequency: float, seconds: float) -> list[int]:
    count = int(RATE * seconds)
    fade = min(count // 2, int(RATE * 0.01))  # 10 ms in and out, or the speaker clicks
    samples = []
    for i in range(count):
        envelope = min(1.0, i / fade if fade else 1.0, (count - i) / fade if fade else 1.0)
        value = math.sin(2 * math.pi * frequency * i / RATE) if frequency else 0.0
        samples.append(int(32767 * VOLUME * envelope * value))
    return samples


def render(notes: list[tuple[float, float]]) -> bytes:
    samples = [s for frequency, seconds in notes for s in note(frequency, seconds)]
    return struct.pack(f"<{len(samples)}h", *samples)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for name, notes in CUES.items():
        with wave.open(str(OUT / f"{name}.wav"), "wb") as out:
            out.setnchannels(1)
            out.setsampwidth(2)
            out.setframerate(RATE)
            out.writeframes(render(notes))
        print(OUT / f"{name}.wav")


if __name__ == "__main__":
    main()
