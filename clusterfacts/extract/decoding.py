"""Turning a file's bytes into text, or saying clearly why not."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from charset_normalizer import from_bytes

# Above this share of control characters a decoding is taken for binary noise.
MAX_CONTROL_SHARE = 0.05
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# charset-normalizer's chaos score above which a guess is not trusted.
MAX_CHAOS = 0.2
# Where two encodings read a text equally well, the one news sites use most wins.
COMMON_ENCODINGS = ["cp1252", "latin_1", "iso8859_15", "gb18030", "gb2312", "big5", "shift_jis", "euc_jp",
                    "euc_kr", "cp1251", "koi8_r"]


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str


@dataclass(frozen=True)
class Undecodable:
    reason: str  # a short code: empty, binary, unknown_encoding
    detail: str


def decode(data: bytes) -> Decoded | Undecodable:
    """Decode an article file's bytes.

    UTF-8 with or without a BOM is read as Python reads it with
    encoding="utf-8-sig", newline="" (the offsets of every fact index that
    text). UTF-16 with a BOM is read too; any other encoding is accepted only
    when charset-normalizer identifies it with confidence.
    """
    if not data.strip():
        return Undecodable("empty", "the file is empty or holds only white space")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _checked(data.decode("utf-16", errors="strict"), "utf-16")
    try:
        return _checked(data.decode("utf-8-sig"), "utf-8")
    except UnicodeDecodeError as error:
        utf8_error = error
    if b"\x00" in data:
        return Undecodable("binary", f"NUL bytes at offset {data.index(0)}: not a text file")
    best = _best_guess(data)
    if best is None or best.chaos > MAX_CHAOS:
        return Undecodable(
            "unknown_encoding",
            f"not UTF-8 ({utf8_error.reason} at byte {utf8_error.start}) "
            "and no other encoding could be identified",
        )
    return _checked(str(best), best.encoding)


def _best_guess(data: bytes):
    """The least chaotic reading, the most coherent among equals, the most common encoding on ties."""
    guesses = list(from_bytes(data))
    return min(guesses, key=lambda g: (g.chaos, -g.coherence, _commonness(g.encoding))) if guesses else None


def _commonness(encoding: str) -> int:
    return COMMON_ENCODINGS.index(encoding) if encoding in COMMON_ENCODINGS else len(COMMON_ENCODINGS)


def _checked(text: str, encoding: str) -> Decoded | Undecodable:
    if "\x00" in text:
        return Undecodable("binary", f"NUL character at offset {text.index(chr(0))}: not a text file")
    controls = len(CONTROL_CHARACTERS.findall(text))
    if controls > MAX_CONTROL_SHARE * len(text):
        return Undecodable("binary", f"{controls} of {len(text)} characters are control characters")
    return Decoded(text, encoding)
