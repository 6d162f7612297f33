"""A time limit on one article's extraction, so no single file can stall a load.

The extractor is linear in a text's length, but a file of the largest size it reads, full
of numbers, still takes seconds, and a rule that is slower than it should be on some text
must not hold a worker for minutes. The limit is a real-time timer (SIGALRM): Python runs
its handler between two steps of the extractor, or inside a long regular-expression
match, which checks for signals. Signals reach only a process's main thread, where the
loader's workers and `clusterfacts extract` run; in any other thread there is no limit.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager


class TooSlow(Exception):
    """Extraction ran past its time limit."""


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise TooSlow in the body once it has run for seconds (0: no limit)."""
    if seconds <= 0 or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum, frame):
        raise TooSlow(f"too slow to extract: gave up after {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
