"""A time limit on one article's extraction, so no single file can stall a load.

The extractor is linear in a text's length, but a file of the largest size it reads, full
of numbers, still takes seconds, and a rule that is slower than it should be on some text
must not hold a worker for minutes. The limit is a real-time timer (SIGALRM): Python runs
its handler between two steps of the extractor, or inside a long regular-expression
match, which checks for signals. Signals reach only a process's main thread, where the
loader's workers and `clusterfacts extract` run; in any other thread there is no limit.
"""

from __future__ import annotations

import gc
import signal
import threading


class TooSlow(Exception):
    """Extraction ran past its time limit."""


# Python runs a signal handler wherever the interpreter happens to be. An exception raised
# inside a garbage-collector callback is printed and dropped, so there the handler does not
# raise but sets the timer again, this much later, to raise once the callback has returned.
RETRY_SECONDS = 0.05

# Whether a limit is running in this process: a signal on its way when the timer was stopped
# finds none and does nothing. Signals are a process's, so this is the process's too.
_running: list[time_limit] = []


def _expire(signum, frame) -> None:
    if not _running:
        return
    if _in_gc_callback(frame):
        signal.setitimer(signal.ITIMER_REAL, RETRY_SECONDS)
        return
    raise TooSlow()


def _in_gc_callback(frame) -> bool:
    codes = {getattr(callback, "__code__", None) for callback in gc.callbacks}
    while frame is not None:
        if frame.f_code in codes:
            return True
        frame = frame.f_back
    return False


class time_limit:  # noqa: N801 - used as a context manager, like contextlib's
    """Raise TooSlow in the body once it has run for seconds (0: no limit).

    The handler is installed the first time and left in place: installing it for each
    article cost more than arming the timer. It raises only while a limit runs.
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
        _running.append(self)
        self.armed = True
        signal.setitimer(signal.ITIMER_REAL, self.seconds)

    def __exit__(self, *exc_info) -> None:
        while self.armed:  # a TooSlow may still land before the limit is off: take it off again
            try:
                if self in _running:
                    _running.remove(self)
                signal.setitimer(signal.ITIMER_REAL, 0)
                self.armed = False
            except TooSlow:
                continue
