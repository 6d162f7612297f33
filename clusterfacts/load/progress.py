"""How a load shows its progress: a bar on a terminal, a line now and then in a log.

The loader calls a progress object with the run's counts after each batch has landed
(never before its commit), and once more after the last; the CLI picks the object:
`ProgressBar` when stderr is a terminal, `ProgressLines` otherwise, none with --quiet.
"""

from __future__ import annotations

import shutil
import sys
import threading
import time
from typing import Protocol, TextIO

from tqdm import tqdm

from clusterfacts.load.discovery import discover
from clusterfacts.load.loading import FileCounts

# A log gets a line this often during a long run, and none during a short one.
LOG_LINE_SECONDS = 30.0


class Progress(Protocol):
    def __call__(self, counts: FileCounts) -> None: ...

    def close(self) -> None: ...


class ProgressBar:
    """Files landed out of the files found, their rate and the time left (tqdm).

    The files are counted by a second walk of the paths in a thread, so the bar starts at
    once; it shows the total, and so the time left, from the moment the count is done.
    """

    def __init__(self, paths: list[str], stream: TextIO = sys.stderr) -> None:
        # a terminal that reports no size (a pty made by a tool) would get an empty bar from tqdm
        size = shutil.get_terminal_size((100, 24))
        self.bar = tqdm(total=None, desc="clusterfacts load", unit=" files", file=stream, ncols=size.columns,
                        nrows=size.lines, mininterval=0.5)
        self.found: int | None = None
        self.counting = threading.Thread(target=self._count, args=(list(paths),), daemon=True)
        self.counting.start()

    def _count(self, paths: list[str]) -> None:
        self.found = sum(1 for _ in discover(paths))

    def __call__(self, counts: FileCounts) -> None:
        if self.found is not None and self.bar.total is None:
            self.bar.total = max(self.found, counts.seen)  # files added during the run are counted as they come
        self.bar.set_postfix_str(f"loaded {counts.loaded}, unchanged {counts.unchanged}, rejected {counts.rejected}",
                                 refresh=False)
        self.bar.update(counts.seen - self.bar.n)

    def close(self) -> None:
        self.bar.close()


class ProgressLines:
    """A line on stderr every LOG_LINE_SECONDS, with the counts and the rate: quiet in a log."""

    def __init__(self, stream: TextIO = sys.stderr, every: float = LOG_LINE_SECONDS) -> None:
        self.stream = stream
        self.every = every
        self.started = self.last = time.monotonic()

    def __call__(self, counts: FileCounts) -> None:
        moment = time.monotonic()
        if moment - self.last >= self.every:
            self.last = moment
            rate = counts.seen / max(moment - self.started, 1e-9)
            print(f"clusterfacts load: {counts.line()} ({rate:,.0f} files/s)", file=self.stream, flush=True)

    def close(self) -> None:
        pass


def progress_for(paths: list[str], quiet: bool, stream: TextIO = sys.stderr) -> Progress | None:
    """The progress a load shows on `stream`: a bar on a terminal, lines in a log, none when quiet."""
    if quiet:
        return None
    return ProgressBar(paths, stream) if stream.isatty() else ProgressLines(stream)
