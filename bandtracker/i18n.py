"""Translatable text for code that must not import Qt (domain/, store/): English now, ours later.

A Message is the English sentence (it is a str, so the CLI, logs and tests use it as it is) that
also remembers the template it was made from and the values filled in. The UI
(bandtracker.texts) looks the template up in Qt's translations under the Message's context
and fills in the same values, translating those that are Messages themselves. Values that are
plain str (file names, band names the user chose, system error texts) are data: never translated.

tools/translations.py finds every template in the source: the first argument of Message(...)
and the argument of N_(...) must be string literals. Terms (term(...)) come from data shipped
with the app (resources/catalogue.json, domain/bands.py), which the tool reads itself.
"""

from __future__ import annotations

from typing import Any

# Qt translation contexts. The UI's own strings use their class names as contexts.
MESSAGES = "Store"  # sentences from domain/ and store/ (the UI's message boxes use "Messages")
CATALOGUE = "Catalogue"  # exercise names, band placements, how-to, cues, unit words
BANDS = "Bands"  # the names and notes of the bands a new user starts with


def N_(text: str) -> str:
    """Marks a literal as a template to translate where it is used (see explain()'s actions)."""
    return text


class Message(str):
    """English text from `template`.format(**params), translatable by template."""

    template: str
    params: dict[str, Any]
    context: str

    def __new__(cls, template: str, /, **params: Any) -> Message:
        # No params: a term or a fixed sentence, which may hold braces that are not fields.
        self = super().__new__(cls, template.format(**params) if params else template)
        self.template = template
        self.params = params
        self.context = MESSAGES
        return self

    def __repr__(self) -> str:
        return f"Message({self.template!r}, context={self.context!r}, params={self.params!r})"


def term(context: str, text: str) -> Message:
    """A fixed piece of text translated as a whole under `context` (a catalogue word, say)."""
    message = Message(text)
    message.context = context
    return message


def joined(separator: str, parts: list[str]) -> Message:
    """Parts (Messages or data) side by side; only the parts are translated, not the layout."""
    fields = {f"part{i}": part for i, part in enumerate(parts)}
    message = Message(separator.join(f"{{{name}}}" for name in fields), **fields)
    message.context = ""
    return message


def as_message(text: str) -> Message:
    """`text` as a Message: our own words given as a plain literal (e.g. an action) stay ours."""
    return text if isinstance(text, Message) else Message(text)
