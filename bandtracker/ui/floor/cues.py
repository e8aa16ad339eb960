"""What floor mode lets you hear: cue sounds and an optional voice, behind small interfaces.

Qt's own QSoundEffect and QTextToSpeech live in PySide6-Addons (the optional `voice` extra, some
175 MB to download); they are looked for at run time. Without them the cue sounds are handed to
the desktop's own player (PipeWire's pw-play, PulseAudio's paplay or ALSA's aplay), which plays
a WAV at the system volume with Essentials alone; with none of those, floor mode stays visual.
"""

from __future__ import annotations

import importlib.util
import logging
from enum import Enum
from typing import Any, Protocol

from PySide6.QtCore import QObject, QProcess, QStandardPaths, QUrl

from bandtracker.assets import resource_path
from bandtracker.domain.floor import CUE_MODES

log = logging.getLogger(__name__)

# In order of preference: each plays a WAV file at the desktop's volume and exits.
SYSTEM_PLAYERS = ("pw-play", "paplay", "aplay")


class Cue(Enum):
    SET_DONE = "set_done"  # a press saved a set
    COUNT = "count"  # 3, 2, 1 before a pause ends
    GO = "go"  # the pause is over: start the set on screen
    SWITCH = "switch"  # the right half is done: switch sides
    FINISHED = "finished"  # the last set of the day


def sound_path(cue: Cue) -> str:
    return str(resource_path("sounds", f"{cue.value}.wav"))


class Speaker(Protocol):
    def say(self, text: str) -> None: ...
    def stop(self) -> None: ...


class CuePlayer(Protocol):
    def play(self, cue: Cue) -> None: ...


class SilentPlayer:
    def play(self, cue: Cue) -> None:
        pass


def addons_module(name: str) -> Any | None:
    """A PySide6-Addons module (QtMultimedia, QtTextToSpeech) if it is installed."""
    full = f"PySide6.{name}"
    try:
        if importlib.util.find_spec(full) is None:
            return None
        return importlib.import_module(full)
    except ImportError:  # installed but its Qt libraries do not load
        log.warning("%s is installed but does not load", full, exc_info=True)
        return None


class QtSpeaker:
    """QTextToSpeech: speech-dispatcher on Linux, SAPI/WinRT on Windows, AVSpeech on macOS."""

    def __init__(self, engine: Any) -> None:
        self.engine = engine

    def say(self, text: str) -> None:
        # Only the newest line matters: a press during a sentence moves straight on.
        self.engine.stop()
        self.engine.say(text)

    def stop(self) -> None:
        self.engine.stop()


def system_speaker(parent: QObject | None = None) -> Speaker | None:
    """A working text-to-speech voice, or None (no Addons, or no speech engine on the system)."""
    module = addons_module("QtTextToSpeech")
    if module is None:
        return None
    if not module.QTextToSpeech.availableEngines():
        return None
    engine = module.QTextToSpeech(parent)
    if engine.state() == module.QTextToSpeech.State.Error:
        log.warning("text to speech: %s", engine.errorString())
        return None
    return QtSpeaker(engine)


class QtSoundPlayer:
    """QSoundEffect: low latency, the files loaded once."""

    def __init__(self, module: Any, parent: QObject | None = None) -> None:
        self.effects = {}
        for cue in Cue:
            effect = module.QSoundEffect(parent)
            effect.setSource(QUrl.fromLocalFile(sound_path(cue)))
            self.effects[cue] = effect

    def play(self, cue: Cue) -> None:
        self.effects[cue].play()


class CommandPlayer:
    """Hands the WAV file to the desktop's sound player, without waiting for it."""

    def __init__(self, program: str) -> None:
        self.program = program

    def play(self, cue: Cue) -> None:
        ok, _pid = QProcess.startDetached(self.program, [sound_path(cue)])
        if not ok:
            log.warning("could not start %s", self.program)


def system_player(parent: QObject | None = None) -> CuePlayer:
    multimedia = addons_module("QtMultimedia")
    if multimedia is not None:
        return QtSoundPlayer(multimedia, parent)
    for name in SYSTEM_PLAYERS:
        program = QStandardPaths.findExecutable(name)
        if program:
            return CommandPlayer(program)
    return SilentPlayer()


class Cues:
    """Plays and says what the cue mode allows: voice (sounds and the voice), sounds, silent."""

    def __init__(self, player: CuePlayer, speaker: Speaker | None, mode: str = "sounds") -> None:
        self.player = player
        self.speaker = speaker
        self.mode = mode if mode in CUE_MODES else "sounds"

    @property
    def voice_available(self) -> bool:
        return self.speaker is not None

    def play(self, cue: Cue) -> None:
        if self.mode != "silent":
            self.player.play(cue)

    def say(self, text: str) -> None:
        if self.mode == "voice" and self.speaker is not None:
            self.speaker.say(text)

    def stop(self) -> None:
        if self.speaker is not None:
            self.speaker.stop()
