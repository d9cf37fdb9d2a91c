"""Fetching feeds and pages from the open web, safely.

Only http and https. Unless the policy allows private addresses, the host is
resolved and every address it resolves to must be public (not private,
loopback, link-local, multicast, reserved or unspecified); redirects are
followed by hand, each hop checked again, and the address actually connected
to is checked once more before the body is read (a DNS answer that changed
between the check and the connection is caught there). Timeouts bound each
request; bodies over the size limit are cut off with an error.
"""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import httpx

from trucewatch.errors import TrucewatchError

__all__ = ["FetchError", "FetchPolicy", "FetchRefused", "Fetched", "check_url", "fetch"]

_REDIRECTS = frozenset({301, 302, 303, 307, 308})
IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


class FetchError(TrucewatchError):
    """A URL that could not be fetched: timeout, HTTP error, too large."""

    def __init__(self, url: str, problem: str) -> None:
        self.url, self.problem = url, problem
        super().__init__(f"{url}: {problem}")


class FetchRefused(FetchError):
    """A URL the policy forbids: another scheme, or a non-public address."""


@dataclass(frozen=True, slots=True)
class FetchPolicy:
    allow_private: bool = False
    timeout: float = 10.0  # seconds, for connecting and for each read
    max_bytes: int = 5_000_000
    max_redirects: int = 5
    user_agent: str = "trucewatch-watch/0.1 (+https://github.com/trucewatch)"


@dataclass(frozen=True, slots=True)
class Fetched:
    url: str  # after redirects
    status: int
    content_type: str
    body: bytes


def _public(ip: IPAddress) -> bool:
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return not (ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_multicast
                or ip.is_reserved or ip.is_unspecified or not ip.is_global)


def _resolve(host: str, port: int) -> list[IPAddress]:
    try:
        return [ipaddress.ip_address(host.strip("[]"))]
    except ValueError:
        pass
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as exc:
        raise FetchError(host, f"cannot resolve host ({exc})") from None
    return [ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in infos]


def check_url(url: str, allow_private: bool = False) -> None:
    """Raise FetchRefused unless `url` is http(s) to public addresses (or private ones are allowed)."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise FetchRefused(url, f"scheme {parts.scheme or '(none)'!r} refused: only http and https")
    if not parts.hostname:
        raise FetchRefused(url, "no host")
    if allow_private:
        return
    port = parts.port or (443 if parts.scheme == "https" else 80)
    for ip in _resolve(parts.hostname, port):
        if not _public(ip):
            raise FetchRefused(url, f"address {ip} is not public (pass --allow-private to allow)")


def _check_peer(response: httpx.Response, url: str, policy: FetchPolicy) -> None:
    if policy.allow_private:
        return
    stream = response.extensions.get("network_stream")
    peer = stream.get_extra_info("server_addr") if stream is not None else None
    if peer and not _public(ipaddress.ip_address(str(peer[0]).split("%")[0])):
        raise FetchRefused(url, f"connected to non-public address {peer[0]}")


def _read(response: httpx.Response, url: str, limit: int) -> bytes:
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise FetchError(url, f"body of {declared} bytes is over the {limit}-byte limit")
    chunks, size = [], 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > limit:
            raise FetchError(url, f"body is over the {limit}-byte limit")
        chunks.append(chunk)
    return b"".join(chunks)


def fetch(url: str, policy: FetchPolicy, client: httpx.Client | None = None) -> Fetched:
    """GET `url` under `policy`; FetchError (or FetchRefused) says why not."""
    own = client is None
    client = client or httpx.Client(timeout=policy.timeout, follow_redirects=False)
    try:
        return _fetch(url, policy, client)
    except httpx.HTTPError as exc:
        raise FetchError(url, f"{type(exc).__name__}: {exc}") from None
    finally:
        if own:
            client.close()


def _fetch(url: str, policy: FetchPolicy, client: httpx.Client) -> Fetched:
    headers = {"User-Agent": policy.user_agent}
    for _ in range(policy.max_redirects + 1):
        check_url(url, policy.allow_private)
        with client.stream("GET", url, headers=headers, timeout=policy.timeout) as response:
            _check_peer(response, url, policy)
            if response.status_code in _REDIRECTS and "location" in response.headers:
                url = urljoin(url, response.headers["location"])
                continue
            if response.status_code >= 400:
                raise FetchError(url, f"HTTP {response.status_code}")
            body = _read(response, url, policy.max_bytes)
            kind = response.headers.get("content-type", "")
            return Fetched(str(response.url), response.status_code, kind, body)
    raise FetchError(url, f"more than {policy.max_redirects} redirects")
