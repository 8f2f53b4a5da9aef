"""Run a function in a forked child process, and give up on it after a time limit.

Python-Markdown takes time that grows with the square of some inputs (20,000 "[" in a row
take over a minute), and a running regular expression or parser cannot be stopped from
another thread. A child process can simply be killed, so editor text is rendered in one:
the child gets a copy of everything at the fork, runs the function, and sends the result
back through a pipe.

The function must not touch the database (the child shares the parent's connection) and
its result and exceptions must be picklable.
"""

import contextlib
import os
import pickle
import select
import signal
import time


class TimeLimitError(Exception):
    """The function was still running when its time ran out; the child has been killed."""


def call_with_time_limit(seconds, function, *args):
    """`function(*args)` run in a child process: its result, or the exception it raised.

    Raises TimeLimitError if it takes more than `seconds`.
    """
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns into the caller's code
        os.close(read_end)
        try:
            try:
                outcome = (True, function(*args))
            except Exception as error:
                outcome = (False, error)
            with os.fdopen(write_end, "wb") as pipe:
                pipe.write(pickle.dumps(outcome, protocol=pickle.HIGHEST_PROTOCOL))
        finally:
            os._exit(0)  # no atexit handlers, no closing the parent's database connection
    os.close(write_end)
    try:
        data = _read_until(read_end, time.monotonic() + seconds)
    finally:
        os.close(read_end)
        _end(pid)
    if not data:
        raise ChildProcessError(f"{function.__name__} ended its process without a result")
    ok, value = pickle.loads(data)
    if not ok:
        raise value
    return value


def _read_until(fd, deadline):
    chunks = []
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0 or not select.select([fd], [], [], remaining)[0]:
            raise TimeLimitError
        chunk = os.read(fd, 1 << 16)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)


def _end(pid):
    # Where SIGCHLD is ignored, the system reaps children itself: nothing is left to kill or wait for.
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)
    with contextlib.suppress(ChildProcessError):
        os.waitpid(pid, 0)
