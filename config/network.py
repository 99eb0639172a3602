"""The client's address: the one function that decides it (rate limits, django-axes, logs and audit records).

Behind reverse proxies REMOTE_ADDR is the nearest proxy. `X-Forwarded-For` is believed only when REMOTE_ADDR
is one of TRUSTED_PROXIES (comma-separated addresses or CIDR networks, default none); the header is then
read from the right, skipping every trusted hop, and the right-most address that is not a trusted proxy is
the client. Addresses a client writes on the left of the header itself are never reached, so forging the
header gains nothing.

`ClientAddressMiddleware` also keeps the address of the request being served in a context variable, so log
lines (`ClientAddressLogFilter`) and audit records (`current_client_ip`) carry it without passing `request`.
"""

import contextvars
import functools
import ipaddress
import logging

from django.conf import settings

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
Network = ipaddress.IPv4Network | ipaddress.IPv6Network

UNKNOWN = "unknown"
_ATTRIBUTE = "_client_ip"
_current: contextvars.ContextVar[str] = contextvars.ContextVar("client_ip", default="")


@functools.lru_cache(maxsize=8)
def _networks(entries: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(entry.strip(), strict=False) for entry in entries if entry.strip())


def trusted_proxies() -> tuple[Network, ...]:
    """TRUSTED_PROXIES as networks (a bare address is a /32 or /128)."""
    return _networks(tuple(settings.TRUSTED_PROXIES))


def parse_address(text: str) -> Address | None:
    """An address from a header or REMOTE_ADDR: `1.2.3.4`, `1.2.3.4:5678`, `[2001:db8::1]:443`, `::ffff:1.2.3.4`."""
    text = text.strip().strip('"')
    if text.startswith("["):
        text = text[1 : text.find("]")] if "]" in text else ""
    elif text.count(":") == 1:  # IPv4 with a port
        text = text.split(":", 1)[0]
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address


def _is_trusted(address: Address, networks: tuple[Network, ...]) -> bool:
    return any(address in network for network in networks)


def client_address(remote_addr: str, forwarded_for: str, networks: tuple[Network, ...]) -> str:
    """The client's address given the peer (REMOTE_ADDR), the X-Forwarded-For header and the trusted proxies."""
    peer = parse_address(remote_addr)
    if peer is None:
        return UNKNOWN
    if not networks or not _is_trusted(peer, networks) or not forwarded_for:
        return str(peer)
    nearest = peer
    for hop in reversed(forwarded_for.split(",")):
        address = parse_address(hop)
        if address is None:
            # Not an address where a trusted proxy wrote one: the last trusted hop is all we know.
            return str(nearest)
        if not _is_trusted(address, networks):
            return str(address)
        nearest = address
    return str(nearest)  # every hop is a trusted proxy: the request started inside


def client_ip(request) -> str:
    """The real client address of `request` (computed once per request)."""
    cached = getattr(request, _ATTRIBUTE, None)
    if cached is None:
        cached = client_address(
            request.META.get("REMOTE_ADDR", ""), request.META.get("HTTP_X_FORWARDED_FOR", ""), trusted_proxies()
        )
        setattr(request, _ATTRIBUTE, cached)
    return cached


def axes_client_ip(request) -> str:
    """AXES_CLIENT_IP_CALLABLE: django-axes keys failed logins on (username, this address)."""
    return client_ip(request)


def rate_limit_subject(address: str) -> str:
    """The unit rate limits count per: the address, or its /64 for IPv6 (one subscriber holds a whole /64)."""
    parsed = parse_address(address)
    if isinstance(parsed, ipaddress.IPv6Address):
        return str(ipaddress.ip_network(f"{parsed}/64", strict=False))
    return str(parsed) if parsed is not None else UNKNOWN


def current_client_ip() -> str:
    """The client address of the request this thread is serving ("" outside a request)."""
    return _current.get()


class ClientAddressMiddleware:
    """Decides the client address once per request and makes it available to logs and audit records."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _current.set(client_ip(request))
        try:
            return self.get_response(request)
        finally:
            _current.reset(token)


class ClientAddressLogFilter(logging.Filter):
    """Adds `client_ip` to every log record emitted while a request is served."""

    def filter(self, record: logging.LogRecord) -> bool:
        address = _current.get()
        if address and not hasattr(record, "client_ip"):
            record.client_ip = address
        return True
