"""Logging: the `runai` logger, no handlers of our own, useful debug lines, never a secret."""

from __future__ import annotations

import asyncio
import logging
import re
from typing import List

import pytest
from runai.api_client import ApiClient, AsyncApiClient, ThreadedApiClient
from runai.configuration import Configuration
from runai.exceptions import ServiceException
from runai.runai_client import RunaiClient
from support.example import widgets
from support.helpers import CLIENT_SECRET, STATIC_TOKEN, bearer_config, build_config, secrets_of
from support.server import FixtureServer


def _all_text(records: List[logging.LogRecord]) -> str:
    parts = []
    for record in records:
        parts.append(record.getMessage())
        parts.append(repr(record.args))
        if record.exc_info and record.exc_info[1] is not None:
            parts.append(repr(record.exc_info[1]))
    return "\n".join(parts)


def test_library_installs_no_handlers(fixture_server: FixtureServer) -> None:
    root_handlers = list(logging.getLogger().handlers)
    with RunaiClient(ApiClient(build_config(fixture_server, debug=True))) as client:
        widgets(client).list_widgets()
    with ThreadedApiClient(build_config(fixture_server, debug=True)) as threaded:
        threaded.request("GET", "/api/v1/x").get(timeout=30)

    async def go() -> None:
        async with AsyncApiClient(build_config(fixture_server, debug=True)) as aclient:
            await aclient.request("GET", "/api/v1/x")

    asyncio.run(go())
    runai_loggers = [
        logger
        for name, logger in logging.Logger.manager.loggerDict.items()
        if (name == "runai" or name.startswith("runai.")) and isinstance(logger, logging.Logger)
    ]
    library_logger = logging.getLogger("runai")
    debug_logger = logging.getLogger("runai.debug")  # debug=True logs under "runai" too
    assert debug_logger in runai_loggers
    assert debug_logger.parent is library_logger
    for logger in runai_loggers:
        assert logger.handlers == [], f"{logger.name} has handlers {logger.handlers}"
        assert logger.propagate, f"{logger.name} does not propagate to the application's handlers"
    assert logging.getLogger().handlers == root_handlers


def test_debug_logs_method_url_status_timing_and_retries(
    fixture_server: FixtureServer, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    fixture_server.enqueue(status=503, json={"code": 503, "message": "busy"}, path="/api/v1/x")
    with ApiClient(build_config(fixture_server, debug=True)) as client:
        client.request("GET", "/api/v1/x", query={"limit": 5})
    records = [r for r in caplog.records if r.name.startswith("runai")]
    text = "\n".join(r.getMessage() for r in records)
    assert re.search(r"GET .*127\.0\.0\.1:\d+/api/v1/x", text), text
    assert "200" in text and "503" in text
    assert re.search(r"\d+(\.\d+)?\s*(ms|s)\b", text), "no timing in the debug log"
    assert re.search(r"retr(y|ying|ied)", text, re.IGNORECASE), "retry decision not logged"


def test_custom_logger_receives_the_records(fixture_server: FixtureServer) -> None:
    records = []

    class ListHandler(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(record)

    mine = logging.getLogger("myapp.api")
    mine.setLevel(logging.DEBUG)
    handler = ListHandler()
    mine.addHandler(handler)
    try:
        with ApiClient(build_config(fixture_server, debug=True, logger=mine)) as client:
            client.request("GET", "/api/v1/custom")
    finally:
        mine.removeHandler(handler)
    assert any("/api/v1/custom" in r.getMessage() for r in records)


def test_no_secret_in_logs_across_login_refresh_401_and_retry(
    fixture_server: FixtureServer, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)  # every logger, urllib3 included
    fixture_server.token_lifetime = 300  # inside the 10 min margin: the next call refreshes
    config = build_config(fixture_server, debug=True, token_refresh_margin=600)
    with ApiClient(config) as client:
        client.request("GET", "/api/v1/a")  # login
        fixture_server.token_lifetime = 3600
        client.request("GET", "/api/v1/b")  # proactive refresh
        fixture_server.expire_tokens()
        client.request("GET", "/api/v1/c")  # 401 -> re-login -> replay
        fixture_server.enqueue(status=503, path="/api/v1/d")
        client.request("GET", "/api/v1/d")  # retried
        fixture_server.enqueue(status=502, path="/api/v1/e")
        with pytest.raises(ServiceException):  # an error path
            client.request("POST", "/api/v1/e", body={"name": "x"})
    assert fixture_server.token_requests == 3
    text = caplog.text + _all_text(caplog.records)
    assert "/api/v1/a" in text  # the debug log did run
    for secret in secrets_of(fixture_server):
        assert secret not in text
    assert not re.search(r"Bearer\s+ey", text)


async def test_no_secret_in_async_logs(
    fixture_server: FixtureServer, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    async with AsyncApiClient(build_config(fixture_server, debug=True)) as client:
        await client.request("GET", "/api/v1/a")
        fixture_server.expire_tokens()
        await client.request("GET", "/api/v1/b")
    text = caplog.text + _all_text(caplog.records)
    assert "/api/v1/a" in text
    for secret in secrets_of(fixture_server):
        assert secret not in text


def test_no_secret_in_reprs(fixture_server: FixtureServer) -> None:
    proxy_auth = "Basic cHJveHl1c2VyOnByb3h5cGFzcw=="
    config = build_config(fixture_server, proxy_headers={"Proxy-Authorization": proxy_auth})
    bearer = Configuration(runai_base_url=fixture_server.url, bearer_token=STATIC_TOKEN)
    for cfg in (config, bearer):
        for text in (repr(cfg), str(cfg)):
            assert CLIENT_SECRET not in text
            assert STATIC_TOKEN not in text
            assert proxy_auth not in text
    plain = build_config(fixture_server)
    with ApiClient(plain) as client:
        client.request("GET", "/api/v1/a")
        texts = [repr(client), str(client), repr(RunaiClient(client))]
    with ThreadedApiClient(plain) as threaded:
        threaded.request("GET", "/api/v1/a").get(timeout=30)
        texts += [repr(threaded), str(threaded)]
    with ApiClient(bearer_config(fixture_server)) as bclient:
        texts += [repr(bclient), repr(RunaiClient(bclient))]
    for text in texts:
        for secret in [*secrets_of(fixture_server), STATIC_TOKEN]:
            assert secret not in text, text


@pytest.mark.parametrize("debug", [False, True])
def test_debug_flag_does_not_print_to_stderr(
    fixture_server: FixtureServer, capfd: pytest.CaptureFixture[str], debug: bool
) -> None:
    with ApiClient(build_config(fixture_server, debug=debug)) as client:
        client.request("GET", "/api/v1/quiet")
    captured = capfd.readouterr()
    assert "/api/v1/quiet" not in captured.err + captured.out  # no handler of its own


def test_debug_of_one_client_leaves_other_clients_quiet(fixture_server: FixtureServer) -> None:
    library_logger = logging.getLogger("runai")
    previous = library_logger.level
    library_logger.setLevel(logging.INFO)
    try:
        quiet = build_config(fixture_server)
        loud = build_config(fixture_server, debug=True)
        assert loud.logger.isEnabledFor(logging.DEBUG)
        assert not quiet.logger.isEnabledFor(logging.DEBUG)
    finally:
        library_logger.setLevel(previous)


@pytest.mark.parametrize("kind", ["sync", "async"])
def test_flow_records_carry_structured_fields(
    fixture_server: FixtureServer, caplog: pytest.LogCaptureFixture, kind: str
) -> None:
    """A JSON log formatter reads ``record.method``... instead of parsing the message."""
    from support.helpers import request_once

    caplog.set_level(logging.DEBUG, logger="runai")
    fixture_server.enqueue(status=503, json={"code": 503, "message": "busy"}, path="/api/v1/x")
    request_once(kind, build_config(fixture_server), "GET", "/api/v1/x", query={"limit": 5})
    fields = [
        (r.levelname, r.method, r.url, r.status, r.attempt)  # type: ignore[attr-defined]
        for r in caplog.records
        if getattr(r, "url", "").startswith(fixture_server.url + "/api/v1/x")
    ]
    url = fixture_server.url + "/api/v1/x?limit=5"
    assert fields == [
        ("DEBUG", "GET", url, 503, 0),
        ("INFO", "GET", url, 503, 0),  # the retry decision
        ("DEBUG", "GET", url, 200, 1),
    ]
    timed = [getattr(r, "elapsed_ms", None) for r in caplog.records if hasattr(r, "attempt")]
    assert timed and all(isinstance(ms, float) and ms >= 0 for ms in timed)
