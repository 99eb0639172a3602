"""Values cached under a version number that one call makes stale everywhere (every worker, every host).

The shared cache holds the current version of each namespace; `version_bump` increments it (atomic in
Redis and in `config.cache.DatabaseCache`), so everything cached under the old number is stale at once and
nothing is purged key by key. A version that is missing (never set, expired or evicted) starts again from
a random 62-bit number (not the clock, which tests freeze), so a number handed out before never comes back.

Two places to keep the values:

- `versioned_shared`: in the shared cache, under the version (rendered pages, search answers), so every
  worker reuses what one built; entries also expire on their own.
- `versioned_local`: in this process (search vocabulary, facet tables). Django's local-memory and database
  caches pickle every value, so reading a dictionary of thousands of entries from them costs milliseconds
  on every use; here the shared cache holds only the version and each process keeps the value itself,
  rebuilding it when the version changes (another process wrote) or expires.

A request that reads several namespaces (a search reads four) can read their versions in one round trip
with `versions_read_together`; within the block they stay as read, except those this process bumps.
"""

import contextlib
import secrets
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from typing import Any

from django.core.cache import cache

_local: dict[str, tuple[int, Any]] = {}
_read_together: ContextVar[dict[str, int] | None] = ContextVar("versions_read_together", default=None)


def _fresh() -> int:
    return secrets.randbits(62)


def _version_key(namespace: str) -> str:
    return f"{namespace}:version"


def version_current(namespace: str, *, timeout: int | None = None) -> int:
    """The current version of `namespace` (a new one after `version_bump`, or once it expired)."""
    held = _read_together.get()
    if held is not None and held.get(namespace) is not None:
        return held[namespace]
    version = cache.get(_version_key(namespace))
    if version is None:
        cache.add(_version_key(namespace), _fresh(), timeout=timeout)
        version = cache.get(_version_key(namespace))
    if held is not None and namespace in held:
        held[namespace] = version
    return version


@contextlib.contextmanager
def versions_read_together(*namespaces: str) -> Iterator[None]:
    """Within the block, the versions of `namespaces` are those read on entry, all in one round trip; one
    missing on entry, or bumped by this process in the block, is read again when next asked for."""
    found = cache.get_many([_version_key(namespace) for namespace in namespaces])
    held = {namespace: found.get(_version_key(namespace)) for namespace in namespaces}
    token = _read_together.set(held)
    try:
        yield
    finally:
        _read_together.reset(token)


def version_bump(*namespaces: str) -> None:
    """Make everything cached under these namespaces stale, in every process."""
    held = _read_together.get()
    for namespace in namespaces:
        _local.pop(namespace, None)
        if held is not None and namespace in held:
            held[namespace] = None
        with contextlib.suppress(ValueError):  # no version: the next one is new anyway
            cache.incr(_version_key(namespace))


def versioned_key(namespace: str, key: str) -> str:
    """`key` under the current version of `namespace` (for callers that read and write the cache themselves)."""
    return f"{namespace}:{version_current(namespace)}:{key}"


def versioned_shared(namespace: str, key: str, build: Callable[[], Any], *, timeout: int) -> Any:
    """`build()` once per version of `namespace` across every process, kept in the shared cache."""
    full_key = versioned_key(namespace, key)
    value = cache.get(full_key)
    if value is None:
        value = build()
        cache.set(full_key, value, timeout=timeout)
    return value


def versioned_local(namespace: str, build: Callable[[], Any], *, timeout: int = 3600) -> Any:
    """`build()` once per process and version of `namespace`; the version lapses after `timeout` seconds."""
    version = version_current(namespace, timeout=timeout)
    held = _local.get(namespace)
    if held is not None and held[0] == version:
        return held[1]
    value = build()
    _local[namespace] = (version, value)
    return value
