"""Finding the input files under the paths a user names."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

ARTICLE_SUFFIXES = (".txt",)


@dataclass(frozen=True)
class Candidate:
    """A file to load, or a path that cannot be, with the reason why."""

    path: str
    problem: str | None = None


def discover(paths: list[str]) -> Iterator[Candidate]:
    """Every .txt file under the given files and folders, in a stable order.

    Folders are walked without following symlinked folders (so a symlink loop
    cannot trap the walk); a named path that is missing or unreadable is
    reported as a candidate with a problem rather than raising.
    """
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            yield from _walk(path)
        elif path.is_file():
            yield Candidate(str(path))
        elif path.is_symlink():
            yield Candidate(str(path), "broken or looping symbolic link")
        else:
            yield Candidate(str(path), "no such file or folder")


def _walk(folder: Path) -> Iterator[Candidate]:
    errors: list[OSError] = []
    for root, dirs, files in os.walk(folder, onerror=errors.append, followlinks=False):
        dirs.sort()
        for name in sorted(files):
            if name.lower().endswith(ARTICLE_SUFFIXES):
                full = os.path.join(root, name)
                if os.path.islink(full) and not os.path.exists(full):
                    yield Candidate(full, "broken or looping symbolic link")
                else:
                    yield Candidate(full)
    for error in errors:
        yield Candidate(str(error.filename or folder), f"folder cannot be read: {error.strerror}")
