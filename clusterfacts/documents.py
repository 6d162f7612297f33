"""Reading a file's bytes from disk, or saying why it is not read; the content hash that keys an article."""

from __future__ import annotations

import hashlib
import os
import stat
from dataclasses import dataclass

from clusterfacts.config import settings


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
    limit = settings().max_file_bytes
    if info.st_size > limit:
        return Rejection("too_large", f"{info.st_size} bytes; articles over {limit} bytes are not read")
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
