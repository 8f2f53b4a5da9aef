"""Running a function in a child process with a time limit (content.time_limit)."""

import time

import pytest

from content.time_limit import TimeLimitError, call_with_time_limit


def test_returns_what_the_function_returns():
    assert call_with_time_limit(5, sorted, "cab") == ["a", "b", "c"]


def test_raises_what_the_function_raises():
    with pytest.raises(ValueError, match="invalid literal"):
        call_with_time_limit(5, int, "not a number")


def test_a_function_that_works_too_long_is_stopped_at_the_limit():
    started = time.monotonic()
    with pytest.raises(TimeLimitError):
        call_with_time_limit(1, sum, range(10**12))  # a loop in C, hours long
    assert time.monotonic() - started < 5


def test_a_function_that_waits_too_long_is_stopped():
    started = time.monotonic()
    with pytest.raises(TimeLimitError):
        call_with_time_limit(0.2, time.sleep, 30)
    assert time.monotonic() - started < 5
