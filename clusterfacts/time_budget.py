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


# After the limit the timer fires again at this interval: Python runs a signal handler
# wherever the interpreter happens to be, and an exception raised inside a garbage-collector
# callback or a __del__ is printed and dropped, so one raise may not stop the extraction.
REPEAT_SECONDS = 0.05


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise TooSlow in the body once it has run for seconds (0: no limit)."""
    if seconds <= 0 or threading.current_thread() is not threading.main_thread():
        yield
        return
    active = [True]

    def expire(signum, frame):
        if active[0]:
            raise TooSlow(f"too slow to extract: gave up after {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds, REPEAT_SECONDS)
    try:
        yield
    finally:
        while True:  # a TooSlow may still land on the first of these lines: do them again
            try:
                active[0] = False
                signal.setitimer(signal.ITIMER_REAL, 0)
                signal.signal(signal.SIGALRM, previous)
                break
            except TooSlow:
                continue
