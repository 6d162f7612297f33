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


class TooSlow(Exception):
    """Extraction ran past its time limit."""


# After the limit the timer fires again at this interval: Python runs a signal handler
# wherever the interpreter happens to be, and an exception raised inside a garbage-collector
# callback or a __del__ is printed and dropped, so one raise may not stop the extraction.
REPEAT_SECONDS = 0.05


def _expire(signum, frame) -> None:
    # A signal that was on its way when the timer was stopped finds it stopped: nothing to stop.
    if signal.getitimer(signal.ITIMER_REAL) != (0.0, 0.0):
        raise TooSlow()


class time_limit:  # noqa: N801 - used as a context manager, like contextlib's
    """Raise TooSlow in the body once it has run for seconds (0: no limit).

    The handler is installed the first time and left in place: installing it for each
    article cost more than arming the timer. It raises only while a limit's timer runs.
    """

    __slots__ = ("seconds", "armed")

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.armed = False

    def __enter__(self) -> None:
        if self.seconds <= 0 or threading.current_thread() is not threading.main_thread():
            return
        if signal.getsignal(signal.SIGALRM) is not _expire:
            signal.signal(signal.SIGALRM, _expire)
        signal.setitimer(signal.ITIMER_REAL, self.seconds, REPEAT_SECONDS)
        self.armed = True

    def __exit__(self, *exc_info) -> None:
        while self.armed:  # a TooSlow may still land before the timer is stopped: stop it again
            try:
                signal.setitimer(signal.ITIMER_REAL, 0)
                self.armed = False
            except TooSlow:
                continue
