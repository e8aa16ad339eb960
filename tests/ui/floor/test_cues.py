"""Floor mode's cue sounds and how a player and a voice are found."""

from __future__ import annotations

import wave

import pytest

from bandtracker.ui.floor import cues
from bandtracker.ui.floor.cues import CommandPlayer, Cue, SilentPlayer, sound_path, system_player


def test_every_cue_has_its_own_short_sound():
    contents = set()
    for cue in Cue:
        with wave.open(sound_path(cue)) as sound:
            seconds = sound.getnframes() / sound.getframerate()
            assert sound.getnchannels() == 1 and 0.05 < seconds < 1.0
            contents.add(sound.readframes(sound.getnframes()))
    assert len(contents) == len(Cue)


def test_without_addons_the_desktop_player_plays_or_nothing_does(monkeypatch, tmp_path):
    monkeypatch.setattr(cues, "addons_module", lambda name: None)
    monkeypatch.setenv("PATH", str(tmp_path))
    assert isinstance(system_player(), SilentPlayer)
    player = tmp_path / "paplay"
    player.write_text("#!/bin/sh\n")
    player.chmod(0o755)
    found = system_player()
    assert isinstance(found, CommandPlayer) and found.program == str(player)


def test_no_voice_without_addons(monkeypatch):
    monkeypatch.setattr(cues, "addons_module", lambda name: None)
    assert cues.system_speaker() is None


@pytest.mark.skipif(
    cues.addons_module("QtTextToSpeech") is None, reason="PySide6-Addons (the voice extra) absent"
)
# Without speech-dispatcher's library Qt logs its plug-in as a critical error, and goes on.
@pytest.mark.qt_log_level_fail("NO")
def test_with_addons_a_speaker_or_none_without_an_engine(qapp):
    speaker = cues.system_speaker()
    assert speaker is None or hasattr(speaker, "say")


@pytest.mark.skipif(
    cues.addons_module("QtMultimedia") is None, reason="PySide6-Addons (the voice extra) absent"
)
# Qt Multimedia warns about missing video and audio back ends on a machine without sound.
@pytest.mark.qt_log_level_fail("CRITICAL")
def test_with_addons_each_cue_is_a_loaded_sound_effect(qapp):
    player = system_player()
    assert isinstance(player, cues.QtSoundPlayer)
    for cue, effect in player.effects.items():
        assert effect.source().toLocalFile() == sound_path(cue)
