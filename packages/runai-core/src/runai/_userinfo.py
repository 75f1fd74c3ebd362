"""The userinfo of a URL (``user:password@`` before its host), found in one place for the three
things core does with it: refuse it (``runai_base_url``), hide it (error text) and send it
(``proxy_url``)."""

from __future__ import annotations

from typing import NamedTuple, Optional


class UserinfoParts(NamedTuple):
    """``url == head + userinfo + "@" + tail``; ``(url, None, "")`` when it has no userinfo."""

    head: str
    userinfo: Optional[str]
    tail: str


def userinfo_parts(url: str) -> UserinfoParts:
    """``http://u:p@proxy:3128/x`` -> ``("http://", "u:p", "proxy:3128/x")``, as written.

    The host part starts after the first ``//`` when that is the first ``/`` (``scheme://``,
    ``//``), else at the start, so ``u:p@host`` (a scheme left out) is found too. The userinfo
    ends at the last ``@`` before the path, query or fragment.
    """
    slash = url.find("/")
    start = slash + 2 if slash != -1 and url.startswith("//", slash) else 0
    end = len(url)
    for mark in "/?#":
        found = url.find(mark, start)
        if found != -1:
            end = min(end, found)
    at = url.rfind("@", start, end)
    if at == -1:
        return UserinfoParts(url, None, "")
    return UserinfoParts(url[:start], url[start:at], url[at + 1 :])


def hide_password(url: str) -> str:
    """``url`` with the password of its userinfo replaced by ``***`` (the user name kept)."""
    head, userinfo, tail = userinfo_parts(url)
    if userinfo is None or ":" not in userinfo:
        return url
    return f"{head}{userinfo.partition(':')[0]}:***@{tail}"
