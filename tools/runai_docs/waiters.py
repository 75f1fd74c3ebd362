"""The table of what ends each ``wait_until_*`` of a group, read from its ``Waiter`` data."""

from __future__ import annotations

import importlib

from runai.waiting.waiter import Waiter

from runai_docs.reference import Group


def waiter_table(group: Group) -> str:
    module = importlib.import_module(group.module)
    waiters = [v for v in vars(module).values() if isinstance(v, Waiter)]
    lines = ["| method | returns on | raises `WaitFailedError` on |", "|---|---|---|"]
    for waiter in waiters:
        success = (
            "the resource is gone (404)"
            if waiter.until_deleted
            else ", ".join(sorted(waiter.success))
        )
        lines.append(f"| `{waiter.name}` | {success} | {', '.join(sorted(waiter.failure))} |")
    return "\n".join(lines) + "\n"
