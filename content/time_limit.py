"""Run a function in a forked child process, and give up on it after a time limit.

Python-Markdown takes time that grows with the square of some inputs (20,000 "[" in a row
take over a minute), and a running regular expression or parser cannot be stopped from
another thread. A child process can simply be stopped, so editor text is rendered in one:
the child gets a copy of everything at the fork, runs the function, and sends the result
back through a pipe.

The limit is on the child's processor time, so a busy machine cannot make ordinary work
fail; a child that makes no progress at all (waiting on something) is stopped after
WALL_CLOCK_FACTOR times as long. The function must not touch the database (the child
shares the parent's connection), and its result and exceptions must be picklable.
"""

import math
import os
import pickle
import resource
import select
import signal
import time

WALL_CLOCK_FACTOR = 3


class TimeLimitError(Exception):
    """The function was still running when its time ran out; the child has been stopped."""


def call_with_time_limit(seconds, function, *args):
    """`function(*args)` run in a child process: its result, or the exception it raised.

    Raises TimeLimitError if it needs more than `seconds` of processor time (rounded up to
    whole seconds), or more than WALL_CLOCK_FACTOR times `seconds` in all.
    """
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns into the caller's code
        os.close(read_end)
        try:
            limit = math.ceil(seconds)
            resource.setrlimit(resource.RLIMIT_CPU, (limit, limit + 1))  # SIGXCPU at the first
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
        data = _read_until(read_end, time.monotonic() + seconds * WALL_CLOCK_FACTOR)
    finally:
        os.close(read_end)
        os.kill(pid, signal.SIGKILL)  # a child that has finished is only waiting to be reaped
        _, status = os.waitpid(pid, 0)
    if os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGXCPU:
        raise TimeLimitError
    if not data:
        raise ChildProcessError(f"{function.__name__} ended its process without a result")
    ok, value = pickle.loads(data)
    if not ok:
        raise value
    return value


def _read_until(fd, deadline):
    poller = select.poll()
    poller.register(fd, select.POLLIN)
    chunks = []
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0 or not poller.poll(remaining * 1000):
            raise TimeLimitError
        chunk = os.read(fd, 1 << 16)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
