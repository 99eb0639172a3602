"""Rendered public pages are cached under one site-wide version (`config.versioned_cache`).

Publishing (a version created or ended, a decision or reception place saved) bumps the version, so
every cached page is stale at once; nothing is purged key by key. Entries also expire on their own, and
keys carry the code's release (`config.release`), so a deployment never serves the last one's pages.
"""

from collections.abc import Callable
from typing import Any

from config.release import code_release
from config.versioned_cache import version_bump, version_current, versioned_shared

PAGES = "cms:pages"
TIMEOUT_SECONDS = 60 * 60


def cache_version() -> int:
    return version_current(PAGES)


def cache_bump(**kwargs) -> None:
    """Invalidate every cached public page (signal receiver; it only bumps a number)."""
    version_bump(PAGES)


def cached(key: str, build: Callable[[], Any]) -> Any:
    """`build()` once per cache version; `key` names the page (path and query)."""
    return versioned_shared(PAGES, f"{code_release()}:{key}", build, timeout=TIMEOUT_SECONDS)
