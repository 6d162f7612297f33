"""Finding the input files under the paths a user names."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from clusterfacts.records import stored_path

# plain text and scraped pages; other files in a folder are not articles (a named file is read whatever its name)
ARTICLE_SUFFIXES = (".txt", ".text", ".html", ".htm")


@dataclass(frozen=True)
class Candidate:
    """A file to load, or a path that cannot be, with the reason why.

    path is the name the warehouse stores (stored_path); os_path, when it differs, is the
    name to open: a file name whose bytes are not UTF-8.
    """

    path: str
    problem: str | None = None
    os_path: str | None = None

    @property
    def opened(self) -> str:
        return self.os_path or self.path

    @classmethod
    def of(cls, path: str, problem: str | None = None) -> Candidate:
        stored = stored_path(path)
        return cls(stored, problem, None if stored == path else path)


def discover(paths: list[str]) -> Iterator[Candidate]:
    """Every article file (ARTICLE_SUFFIXES) under the given folders, and every file named, in a stable order.

    Folders are walked without following symlinked folders (so a symlink loop
    cannot trap the walk); a named path that is missing or unreadable is
    reported as a candidate with a problem rather than raising. A path named
    twice, or inside a folder also named, is walked once: each file is a
    candidate once, so a run never lands one path twice.
    """
    for raw in _without_overlaps(paths):
        path = Path(raw)
        if path.is_dir():
            yield from _walk(path)
        elif path.is_file():
            yield Candidate.of(str(path))
        elif path.is_symlink():
            yield Candidate.of(str(path), "broken or looping symbolic link")
        else:
            yield Candidate.of(str(path), "no such file or folder")


def _without_overlaps(paths: list[str]) -> list[str]:
    """The named paths less those another named folder's walk reaches, in the order named."""
    folders = [os.path.abspath(raw) for raw in paths if os.path.isdir(raw)]
    kept, seen = [], set()
    for raw in paths:
        absolute = os.path.abspath(raw)
        if absolute in seen or any(_walk_reaches(folder, absolute) for folder in folders if folder != absolute):
            continue
        seen.add(absolute)
        kept.append(raw)
    return kept


def _walk_reaches(folder: str, path: str) -> bool:
    """Whether walking folder yields path or walks into it: it lies inside and no symlinked folder leads there."""
    if not path.startswith(folder.rstrip(os.sep) + os.sep):
        return False
    step = os.path.dirname(path) if not os.path.isdir(path) else path
    while step != folder:
        if os.path.islink(step):  # the walk does not follow symlinked folders
            return False
        step = os.path.dirname(step)
    return True


def _walk(folder: Path) -> Iterator[Candidate]:
    errors: list[OSError] = []
    for root, dirs, files in os.walk(folder, onerror=errors.append, followlinks=False):
        dirs.sort()
        for name in sorted(files):
            if name.lower().endswith(ARTICLE_SUFFIXES):
                full = os.path.join(root, name)
                if os.path.islink(full) and not os.path.exists(full):
                    yield Candidate.of(full, "broken or looping symbolic link")
                else:
                    yield Candidate.of(full)
    for error in errors:
        yield Candidate.of(str(error.filename or folder), f"folder cannot be read: {error.strerror}")
