"""Vietnamese text helpers: NFC normalisation and accent-insensitive folding for search."""

from __future__ import annotations

import unicodedata

_EXTRA = str.maketrans({"đ": "d", "Đ": "d"})


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def fold(text: str) -> str:
    """Lower-case, without diacritics: ``fold("Biên bản Đảng ủy") == "bien ban dang uy"``.

    NFC and NFD input fold to the same string. ``đ`` has no decomposition, so it is mapped by hand.
    """
    decomposed = unicodedata.normalize("NFD", text.translate(_EXTRA))
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", stripped).casefold()


def matches(query: str, *haystacks: str | None) -> bool:
    """True when every word of ``query`` occurs, accent-insensitively, in one of the haystacks."""
    words = fold(query).split()
    text = " ".join(fold(h) for h in haystacks if h)
    return all(w in text for w in words)
