"""``runai-sim``: the simulator as a command, for scripts, demos and other languages' clients."""

from __future__ import annotations

import argparse
import contextlib
import errno
import shlex
import signal
import sys
import threading
from typing import List, NoReturn, Optional

from runai_testing.control_plane import DEFAULT_PHASE_DELAY, DEFAULT_TOKEN_LIFETIME, ControlPlane
from runai_testing.rules import DEFAULT_VERSION, VERSIONS


def parse_args(argv: Optional[List[str]]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="runai-sim", description="Run a local Run:ai control-plane simulator."
    )
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8080, help="0 picks a free port")
    parser.add_argument("--client-id", help="accepted client id (random when omitted)")
    parser.add_argument("--client-secret", help="accepted client secret (random when omitted)")
    parser.add_argument("--spec-version", default=DEFAULT_VERSION, choices=VERSIONS)
    parser.add_argument("--token-lifetime", type=float, default=DEFAULT_TOKEN_LIFETIME,
                        help="seconds a token stays valid")  # fmt: skip
    parser.add_argument("--phase-delay", type=float, default=DEFAULT_PHASE_DELAY,
                        help="seconds a workload spends in each transitional phase")  # fmt: skip
    return parser.parse_args(argv)


def settings_lines(plane: ControlPlane) -> List[str]:
    """What a user pastes into a shell: ``export`` lines a POSIX shell hands on to Python."""
    values = {
        "RUNAI_BASE_URL": plane.url,
        "RUNAI_CLIENT_ID": plane.client_id,
        "RUNAI_CLIENT_SECRET": plane.client_secret,
    }
    lines = [f"export {name}={shlex.quote(value)}" for name, value in values.items()]
    lines.append("# Windows: `set NAME=value` in cmd, `$env:NAME = 'value'` in PowerShell")
    return lines


def cannot_listen(host: str, port: int, error: OSError) -> NoReturn:
    """One line naming the port and what to do, instead of a traceback; exit status 2."""
    if error.errno in (errno.EADDRINUSE, getattr(errno, "WSAEADDRINUSE", errno.EADDRINUSE)):
        reason = (
            f"port {port} on {host} is already in use (another runai-sim?): stop that process, "
            "or choose another port with --port N (--port 0 picks a free one)"
        )
    else:
        reason = (
            f"cannot listen on {host}:{port} ({error.strerror or error}): "
            "check --host, or choose another port with --port N (--port 0 picks a free one)"
        )
    print(f"runai-sim: error: {reason}", file=sys.stderr)
    raise SystemExit(2)


def main(argv: Optional[List[str]] = None) -> None:
    args = parse_args(argv)
    plane = ControlPlane(
        args.client_id,
        args.client_secret,
        spec_version=args.spec_version,
        token_lifetime=args.token_lifetime,
        phase_delay=args.phase_delay,
        host=args.host,
        port=args.port,
    )
    try:
        plane.start()
    except OSError as error:
        cannot_listen(args.host, args.port, error)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    with plane:
        print(f"# Run:ai control plane simulator (spec {plane.spec_version}) at {plane.url}")
        for line in settings_lines(plane):
            print(line)
        print(f"# faults: POST {plane.url}/_sim/faults  (Ctrl-C to stop)", flush=True)
        with contextlib.suppress(KeyboardInterrupt):
            stop.wait()


if __name__ == "__main__":
    main()
