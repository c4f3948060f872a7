"""Text clean-up shared by loaders, the parser and the checks."""

from __future__ import annotations

import re
import unicodedata

# Invisible characters that carry no meaning in a goal but break matching: a zero-width space
# inside "imp\u200brove" would hide a vague verb from the checks. Zero-width joiners (U+200C,
# U+200D) are kept: scripts such as Persian and emoji sequences need them.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u2060\ufeff\u00ad"), None)
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")


def clean_text(text: str) -> str:
    """Return text in NFC form without invisible characters, runs of spaces or outer whitespace.

    Letters, right-to-left text and emoji are kept exactly; only characters that nobody can see
    and that change no meaning are removed.
    """
    if text.isascii():
        text = text.strip()
        if "  " not in text and "\t" not in text:
            return text  # the common case: nothing else to clean
        return _SPACES.sub(" ", text)
    text = unicodedata.normalize("NFC", text).translate(_INVISIBLE)
    return _SPACES.sub(" ", text).strip()


def shorten(text: str, width: int = 60) -> str:
    """Return text cut to width characters with an ellipsis, for messages."""
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"
