"""Rendered public pages are cached under a site-wide version number.

Publishing (a version created or ended, a decision or reception place saved) bumps the version, so
every cached page is stale at once; nothing is purged key by key. Entries also expire on their own.
"""

from collections.abc import Callable
from typing import Any

from django.core.cache import cache

VERSION_KEY = "cms:pages:version"
TIMEOUT_SECONDS = 60 * 60


def cache_version() -> int:
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, 1, timeout=None)
        version = cache.get(VERSION_KEY, 1)
    return version


def cache_bump(**kwargs) -> None:
    """Invalidate every cached public page (signal receiver; it only bumps a number)."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 2, timeout=None)


def cached(key: str, build: Callable[[], Any]) -> Any:
    """`build()` once per cache version; `key` names the page (path and query)."""
    full_key = f"cms:page:{cache_version()}:{key}"
    value = cache.get(full_key)
    if value is None:
        value = build()
        cache.set(full_key, value, timeout=TIMEOUT_SECONDS)
    return value
