"""Fetching feeds and pages from the open web, safely.

Only http and https. Each hop (the first request and every redirect) resolves
the host once, checks every address it resolves to (unless the policy allows
private ones, all must be public: not private, loopback, link-local,
multicast, reserved or unspecified) and then connects to the address it
checked: the request goes to that IP with the original Host header and TLS
server name, so a DNS answer that changes between the check and the
connection (rebinding) is never used. Connections are not kept alive (a
pooled connection would be reused for another host on the same address) and
proxy settings from the environment are ignored.

Limits: a timeout per connect and read, an overall deadline per fetch
(redirects included, so a server dripping a byte at a time cannot hold a
round), and a size limit on the body after decompression, enforced while
inflating (gzip and deflate only), so a small compressed body cannot expand
in memory past the limit.
"""

from __future__ import annotations

import ipaddress
import socket
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit, urlunsplit

import httpx

from trucewatch.errors import TrucewatchError

__all__ = [
    "FetchError", "FetchPolicy", "FetchRefused", "Fetched", "Resolver", "check_url", "fetch",
    "new_client",
]

_REDIRECTS = frozenset({301, 302, 303, 307, 308})


class FetchError(TrucewatchError):
    """A URL that could not be fetched: timeout, HTTP error, too large."""

    def __init__(self, url: str, problem: str) -> None:
        self.url, self.problem = url, problem
        super().__init__(f"{url}: {problem}")


class FetchRefused(FetchError):
    """A URL the policy forbids: another scheme, or a non-public address."""


IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str, int], list[IPAddress]]


def _system_resolve(host: str, port: int) -> list[IPAddress]:
    """The addresses of `host` from the system resolver, in its order of preference."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as exc:
        raise FetchError(host, f"cannot resolve host ({exc})") from None
    return [ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in infos]


@dataclass(frozen=True, slots=True)
class FetchPolicy:
    allow_private: bool = False
    timeout: float = 10.0  # seconds, for connecting and for each read
    deadline: float = 30.0  # seconds for the whole fetch, redirects included
    max_bytes: int = 5_000_000  # of body, after decompression
    max_redirects: int = 5
    user_agent: str = "trucewatch-watch/0.1 (+https://github.com/trucewatch)"
    resolve: Resolver = _system_resolve  # host, port -> addresses (a test may register its own)


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


def _addresses(host: str, port: int, resolve: Resolver) -> list[IPAddress]:
    try:
        return [ipaddress.ip_address(host.strip("[]"))]
    except ValueError:
        return resolve(host, port)


def _checked_address(url: str, allow_private: bool, resolve: Resolver) -> IPAddress:
    """The address to connect to for `url`, after checking scheme and every resolved address."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise FetchRefused(url, f"scheme {parts.scheme or '(none)'!r} refused: only http and https")
    if not parts.hostname:
        raise FetchRefused(url, "no host")
    port = parts.port or (443 if parts.scheme == "https" else 80)
    found = _addresses(parts.hostname, port, resolve)
    if not found:
        raise FetchError(url, "host resolves to no address")
    for ip in found if not allow_private else ():
        if not _public(ip):
            raise FetchRefused(url, f"address {ip} is not public (pass --allow-private to allow)")
    return found[0]


def check_url(url: str, allow_private: bool = False, resolve: Resolver = _system_resolve) -> None:
    """Raise FetchRefused unless `url` is http(s) to public addresses (or private ones are allowed)."""
    parts = urlsplit(url)
    if allow_private and parts.scheme in ("http", "https") and parts.hostname:
        return  # nothing to resolve: any address is allowed
    _checked_address(url, allow_private, resolve)


@dataclass(frozen=True, slots=True)
class _Pinned:
    """A request for `url` sent to the address that was checked."""

    url: str  # with the IP in place of the host name
    headers: dict[str, str]
    extensions: dict[str, str]


def _pin(url: str, ip: IPAddress) -> _Pinned:
    parts = urlsplit(url)
    host = f"[{ip}]" if ip.version == 6 else str(ip)
    netloc = f"{host}:{parts.port}" if parts.port else host
    target = urlunsplit((parts.scheme, netloc, parts.path or "/", parts.query, ""))
    shown = parts.netloc.rpartition("@")[2]  # Host header: the name (and port) as written
    sni = {"sni_hostname": parts.hostname or ""} if parts.scheme == "https" else {}
    return _Pinned(target, {"Host": shown}, sni)


def _check_peer(response: httpx.Response, url: str, policy: FetchPolicy) -> None:
    """Defence in depth: the socket's peer is public too."""
    if policy.allow_private:
        return
    stream = response.extensions.get("network_stream")
    peer = stream.get_extra_info("server_addr") if stream is not None else None
    if peer and not _public(ipaddress.ip_address(str(peer[0]).split("%")[0])):
        raise FetchRefused(url, f"connected to non-public address {peer[0]}")


class _Inflater:
    """Decodes a Content-Encoding chunk by chunk, never producing more than `room` bytes."""

    _WBITS = {"gzip": 16 + zlib.MAX_WBITS, "x-gzip": 16 + zlib.MAX_WBITS, "deflate": zlib.MAX_WBITS}

    def __init__(self, encoding: str, url: str) -> None:
        encoding = encoding.strip().lower()
        if encoding not in ("", "identity", *self._WBITS):
            raise FetchError(url, f"unsupported content-encoding {encoding!r}")
        self._z = zlib.decompressobj(self._WBITS[encoding]) if encoding in self._WBITS else None
        self._url = url

    @property
    def compressed(self) -> bool:
        return self._z is not None

    def feed(self, data: bytes, room: int) -> bytes:
        if self._z is None:
            return data
        try:
            return self._z.decompress(data, room + 1)  # one byte over the room: over the limit
        except zlib.error as exc:
            raise FetchError(self._url, f"corrupt compressed body ({exc})") from None


def _over(url: str, limit: int, what: str = "body") -> FetchError:
    return FetchError(url, f"{what} is over the {limit}-byte limit")


def _read(response: httpx.Response, url: str, limit: int, deadline: float, seconds: float) -> bytes:
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise FetchError(url, f"body of {declared} bytes is over the {limit}-byte limit")
    inflate = _Inflater(response.headers.get("content-encoding", ""), url)
    chunks, size, raw = [], 0, 0
    for chunk in response.iter_raw():
        raw += len(chunk)
        if raw > limit:
            raise _over(url, limit, "compressed body")
        data = inflate.feed(chunk, limit - size)
        size += len(data)
        if size > limit:
            raise _over(url, limit, "decompressed body" if inflate.compressed else "body")
        chunks.append(data)
        if time.monotonic() > deadline:
            raise FetchError(url, f"took longer than the {seconds:g} s deadline for one fetch")
    return b"".join(chunks)


def new_client(policy: FetchPolicy) -> httpx.Client:
    """A client fit for pinned fetching: no kept-alive connections, no proxies from the environment."""
    return httpx.Client(timeout=policy.timeout, follow_redirects=False, trust_env=False,
                        limits=httpx.Limits(max_keepalive_connections=0))


def fetch(url: str, policy: FetchPolicy, client: httpx.Client | None = None) -> Fetched:
    """GET `url` under `policy`; FetchError (or FetchRefused) says why not."""
    own = client is None
    client = client or new_client(policy)
    try:
        return _fetch(url, policy, client)
    except httpx.HTTPError as exc:
        raise FetchError(url, f"{type(exc).__name__}: {exc}") from None
    finally:
        if own:
            client.close()


def _remaining(url: str, deadline: float, policy: FetchPolicy) -> float:
    left = deadline - time.monotonic()
    if left <= 0:
        raise FetchError(url, f"took longer than the {policy.deadline:g} s deadline for one fetch")
    return min(policy.timeout, left)


def _fetch(url: str, policy: FetchPolicy, client: httpx.Client) -> Fetched:
    deadline = time.monotonic() + policy.deadline
    for _ in range(policy.max_redirects + 1):
        pinned = _pin(url, _checked_address(url, policy.allow_private, policy.resolve))
        headers = {"User-Agent": policy.user_agent, "Accept-Encoding": "gzip, deflate",
                   **pinned.headers}
        with client.stream("GET", pinned.url, headers=headers, extensions=pinned.extensions,
                           timeout=_remaining(url, deadline, policy)) as response:
            _check_peer(response, url, policy)
            if response.status_code in _REDIRECTS and "location" in response.headers:
                url = urljoin(url, response.headers["location"])
                continue
            if response.status_code >= 400:
                raise FetchError(url, f"HTTP {response.status_code}")
            body = _read(response, url, policy.max_bytes, deadline, policy.deadline)
            kind = response.headers.get("content-type", "")
            return Fetched(url, response.status_code, kind, body)
    raise FetchError(url, f"more than {policy.max_redirects} redirects")
