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
    best = from_bytes(data).best()
    if best is None or best.chaos > MAX_CHAOS:
        return Undecodable(
            "unknown_encoding",
            f"not UTF-8 ({utf8_error.reason} at byte {utf8_error.start}) "
            "and no other encoding could be identified",
        )
    return _checked(str(best), best.encoding)


def _checked(text: str, encoding: str) -> Decoded | Undecodable:
    if "\x00" in text:
        return Undecodable("binary", f"NUL character at offset {text.index(chr(0))}: not a text file")
    controls = len(CONTROL_CHARACTERS.findall(text))
    if controls > MAX_CONTROL_SHARE * len(text):
        return Undecodable("binary", f"{controls} of {len(text)} characters are control characters")
    return Decoded(text, encoding)
