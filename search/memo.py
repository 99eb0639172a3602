"""Process-local copies of derived search data (vocabulary, facet combinations), invalidated through the cache.

Django's local-memory cache pickles every value, so reading a dictionary of thousands of entries from it costs
milliseconds on every query. Here the shared cache holds only a version token; each process keeps the value
itself and rebuilds it when the token changes (another process indexed) or expires.
"""

import uuid
from collections.abc import Callable
from typing import Any

from django.core.cache import cache

_local: dict[str, tuple[str, Any]] = {}


def memo_version(key: str, *, timeout: int | None = 3600) -> str:
    """The current version token of `key` (a new one after `memo_clear` or expiry)."""
    version = cache.get(f"{key}:version")
    if version is None:
        version = uuid.uuid4().hex
        cache.set(f"{key}:version", version, timeout)
    return version


def memo_get(key: str, build: Callable[[], Any], *, timeout: int = 3600) -> Any:
    """The value under `key`, built once per process and version."""
    version = memo_version(key, timeout=timeout)
    held = _local.get(key)
    if held is not None and held[0] == version:
        return held[1]
    value = build()
    _local[key] = (version, value)
    return value


def memo_clear(*keys: str) -> None:
    """Make every process rebuild these values on next use."""
    cache.delete_many([f"{key}:version" for key in keys])
    for key in keys:
        _local.pop(key, None)
