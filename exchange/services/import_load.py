"""First step of an import: a `tthc-exchange/1` file read from disk (plain, gzip or xz) into a parsed
document. Nothing is checked here beyond being readable JSON (see `import_validate`)."""

from __future__ import annotations

import gzip
import json
import lzma
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from exchange.services.import_result import file_refused

_OPENERS: dict[str, Callable[..., Any]] = {".gz": gzip.open, ".xz": lzma.open}


def document_load(path: Path | str) -> dict[str, Any]:
    """Parse a .json, .json.gz or .json.xz file; a malformed file raises ImportRefused."""
    path = Path(path)
    opener = _OPENERS.get(path.suffix, open)
    try:
        with opener(path, "rt", encoding="utf-8") as handle:
            return json.load(handle)
    except (OSError, EOFError, lzma.LZMAError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise file_refused(_("tệp không đọc được hoặc không phải JSON hợp lệ: %(e)s") % {"e": exc}) from exc
