"""Markdown decoration, escapes and one-line lists of key results in pasted text (see `loaders.text`)."""

from __future__ import annotations

import html
import re
from functools import cache

from okrcoach.text import clean_text

# Escaped punctuation ('\*', '\#', '\.') is swapped for one of the 32 Unicode noncharacters
# U+FDD0..U+FDEF while the line is read, so it never acts as syntax, and swapped back in the
# finished text. Noncharacters are never text, so input holding them loses them.
_PUNCTUATION = r"""!"#$%&'()*+,-./:;<=>?@[\]^_`{|}~"""
_PROTECT = {char: chr(0xFDD0 + index) for index, char in enumerate(_PUNCTUATION)}
_RESTORE = {0xFDD0 + index: char for index, char in enumerate(_PUNCTUATION)}
_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")
_PROTECTED = re.compile("[\ufdd0-\ufdef]")

_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^>\s]+)>")
_CODE = re.compile(r"`+([^`]+?)`+")
_STRONG = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*|(?<!\w)__(?=\S)(.+?)(?<=\S)__(?!\w)")
_EMPHASIS = re.compile(r"(?<![\w*])\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?![\w*])|(?<!\w)_(?=[^\s_])(.+?)(?<=[^\s_])_(?!\w)")
_STRIKE = re.compile(r"~~(?=\S)(.+?)(?<=\S)~~")
_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
_ENTITY = re.compile(r"&(?:#\d+|#x[0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")

#: 'Objective: X; Key Results: A, B, and C': where the inline list of key results starts.
INLINE_RESULTS = re.compile(r"\s*[;.,]?\s*\b(?:key\s+results?|krs)\s*:\s*", re.IGNORECASE)
_LIST_SEPARATOR = re.compile(r"\s*[,;]\s*(?:(?:and|&)\s+)?|\s+(?:and|&)\s+")
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_VERB_LISTS = ("increase_verbs", "decrease_verbs", "reach_verbs", "task_verbs", "general_verbs", "vague_verbs")


def protect(text: str) -> str:
    r"""Return text with escaped punctuation ('\*') swapped for noncharacters, so it is not syntax."""
    return _ESCAPED.sub(lambda match: _PROTECT[match[1]], text)


def strip_markdown(text: str) -> str:
    """Return protected text without links, code marks, bold, italics, strike-through or hard breaks."""
    if "[" in text:
        text = _LINK.sub(r"\1", text)
    if "<" in text:
        text = _BREAK.sub(" ", _AUTOLINK.sub(r"\1", text))
    if "`" in text:
        text = _CODE.sub(r"\1", text)
    if "*" in text or "_" in text:
        text = _STRONG.sub(lambda match: match[1] or match[2], text)
        text = _EMPHASIS.sub(lambda match: match[1] or match[2], text)
    if "~" in text:
        text = _STRIKE.sub(r"\1", text)
    if "&" in text:
        text = _ENTITY.sub(lambda match: html.unescape(match[0]), text)
    return text.strip().removesuffix("\\").strip()


def restore(text: str) -> str:
    """Return protected text with its escaped punctuation put back, cleaned."""
    return clean_text(text.translate(_RESTORE) if _PROTECTED.search(text) else text)


def clean_title(text: str) -> str:
    r"""Return finished title text: one trailing period dropped (an escaped '\.' or '...' stays)."""
    text = text.strip()
    if text.endswith(".") and not text.endswith(".."):
        text = text[:-1]
    return restore(text)


def split_results(text: str) -> list[str]:
    """Split a one-line list of results where the next piece starts with a capital or a verb.

    'Launch a new app, Increase followers by 50%, and Boost retention' is three key results.
    """
    pieces, start = [], 0
    for match in _LIST_SEPARATOR.finditer(text):
        if _starts_result(text[match.end() :]):
            pieces.append(text[start : match.start()])
            start = match.end()
    pieces.append(text[start:])
    return [title for piece in pieces if (title := clean_title(piece.strip(" ,;")))]


def _starts_result(text: str) -> bool:
    word = _WORD.match(text)
    return word is not None and (text[0].isupper() or word[0].lower() in _verbs())


@cache
def _verbs() -> frozenset[str]:
    from okrcoach.wordlists import load_wordlist

    words = {term.split()[0] for name in _VERB_LISTS for term in load_wordlist(name).terms}
    return frozenset(words | {term.split()[0] for term in load_wordlist("maintain_phrases").terms})
