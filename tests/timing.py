"""A time limit for a block of test code, for the tests of text built to be slow."""

import signal
from contextlib import contextmanager


@contextmanager
def within_seconds(seconds):
    """Fail if the block takes longer than `seconds`, stopping it then: code that takes
    minutes on hostile input fails in seconds instead of holding up the suite."""

    def overrun(signum, frame):
        raise AssertionError(f"took longer than {seconds} s")

    previous = signal.signal(signal.SIGALRM, overrun)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
