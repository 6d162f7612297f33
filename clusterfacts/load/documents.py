"""Reading a file's bytes from disk, or saying why it is not read."""

from __future__ import annotations

import os
import stat

from clusterfacts.config import settings
from clusterfacts.records import Rejection


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
