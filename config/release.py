"""A fingerprint of the code that renders pages, so a deployment never serves pages cached by the last one.

Cached public pages live for an hour in the shared cache (Redis or the database), which outlives a restart.
Keys carry this fingerprint: a release that changes a template, a Python module, a translation or an asset starts
with an empty page cache, while restarting the same release keeps it.
"""

import fnmatch
import hashlib
import os
from functools import lru_cache
from pathlib import Path

from django.conf import settings

SOURCES = ("*.py", "*.html", "*.txt", "*.mo", "*.css", "*.js")
SKIP = {".venv", "node_modules", "var", "tests", "bench", ".git", "media", "staticfiles"}


def _files(root: Path) -> list[Path]:
    found = []
    for folder, dirs, names in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d not in SKIP and not d.startswith("."))
        found += [Path(folder, name) for name in names if any(fnmatch.fnmatch(name, p) for p in SOURCES)]
    return sorted(found)


@lru_cache(maxsize=1)
def code_release() -> str:
    """`RELEASE_ID` when the deployment names its release, else a short hash of the rendering code."""
    if settings.RELEASE_ID:
        return settings.RELEASE_ID
    digest = hashlib.blake2b(digest_size=6)
    root = Path(settings.BASE_DIR)
    for path in _files(root):
        digest.update(str(path.relative_to(root)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()
