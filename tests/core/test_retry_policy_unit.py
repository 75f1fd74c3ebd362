"""RetryPolicy fed answers directly, with its clock and random source injected: no sockets."""

from __future__ import annotations

import email.utils

import pytest
from runai.retry.policy import RetryPolicy

NOW = 1_800_000_000.0


def policy(backoff_factor: float = 0.5) -> RetryPolicy:
    """The highest jitter, the clock stopped at NOW."""
    return RetryPolicy(
        backoff_factor=backoff_factor, uniform=lambda low, high: high, clock=lambda: NOW
    )


def test_backoff_uses_the_injected_random_source() -> None:
    highest = policy(backoff_factor=1.0)
    lowest = RetryPolicy(backoff_factor=1.0, uniform=lambda low, high: low)
    assert [highest.backoff(a) for a in range(3)] == [1.0, 2.0, 4.0]
    assert [lowest.backoff(a) for a in range(3)] == [0.5, 1.0, 2.0]


def test_http_date_retry_after_is_measured_with_the_injected_clock() -> None:
    date = email.utils.formatdate(NOW + 7, usegmt=True)
    assert policy().after_status("GET", 503, {"Retry-After": date}, 0) == 7.0


@pytest.mark.parametrize("status", [500, 502, 503, 504, 429])
def test_a_login_is_retried_after_server_errors(status: int) -> None:
    assert policy(backoff_factor=1.0).after_status("POST", status, {}, 0, login=True) == 1.0


@pytest.mark.parametrize("status", [400, 401, 403, 404])
def test_a_login_is_not_retried_after_a_refusal(status: int) -> None:
    assert policy().after_status("POST", status, {}, 0, login=True) is None


def test_a_login_is_retried_after_a_lost_answer_unlike_a_post() -> None:
    retry = policy(backoff_factor=1.0)
    assert retry.after_error("POST", True, 0, login=True) == 1.0
    assert retry.after_error("POST", True, 0) is None
    assert retry.after_status("POST", 500, {}, 0) is None
