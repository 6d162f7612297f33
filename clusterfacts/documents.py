"""Reading a file's bytes from disk, or saying why it is not read; the content hash that keys an article."""

from __future__ import annotations

import hashlib
import os
import stat
from dataclasses import dataclass


# A news article is a few kB; a file of many MB is a dump or a mistake, and reading it
# whole would cost memory and minutes for nothing. CLUSTERFACTS_MAX_FILE_BYTES overrides.
MAX_FILE_BYTES = int(os.environ.get("CLUSTERFACTS_MAX_FILE_BYTES", 8 * 1024 * 1024))


@dataclass
class Rejection:
    reason: str
    detail: str


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", errors="surrogatepass")).hexdigest()


def refusal(info: os.stat_result) -> Rejection | None:
    """Why a file is not read, from its status; None for a file that is."""
    if not stat.S_ISREG(info.st_mode):
        return Rejection("unreadable", "not a regular file (a device, pipe or socket)")
    if info.st_size > MAX_FILE_BYTES:
        return Rejection("too_large", f"{info.st_size} bytes; articles over {MAX_FILE_BYTES} bytes are not read")
    return None


def read_bytes(path: str) -> bytes | Rejection:
    try:
        refused = refusal(os.stat(path))
        if refused:
            return refused
        with open(path, "rb") as handle:
            return handle.read()
    except IsADirectoryError:
        return Rejection("unreadable", "a folder, not a file")
    except OSError as error:
        return Rejection("unreadable", f"cannot be read: {error.strerror or error}")
