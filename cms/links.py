"""Stable public paths of the site's pages, computed without queries.

The index pages are created by `cms.site_setup.site_ensure_structure` directly under the home page (the
site root) with these slugs; a procedure's path uses its national code, or its slug while it has none.
"""

from typing import Any

PROCEDURES_SLUG = "thu-tuc"
DECISIONS_SLUG = "quyet-dinh"
POSTINGS_SLUG = "niem-yet"
FEEDBACK_PATH = "/phan-anh-kien-nghi/"
SEARCH_PATH = "/tra-cuu/"


def procedure_key(procedure: Any) -> str:
    """The stable URL key of a procedure (a model, or a snapshot dict with code and slug)."""
    if isinstance(procedure, dict):
        return procedure.get("code") or procedure["slug"]
    return procedure.code or procedure.slug


def procedure_path(key: str) -> str:
    return f"/{PROCEDURES_SLUG}/{key}/"


def procedures_path() -> str:
    return f"/{PROCEDURES_SLUG}/"


def fields_path() -> str:
    return f"/{PROCEDURES_SLUG}/linh-vuc/"


def topic_path(slug: str) -> str:
    return f"/{PROCEDURES_SLUG}/chu-de/{slug}/"


def field_path(slug: str) -> str:
    return f"/{PROCEDURES_SLUG}/linh-vuc/{slug}/"


def level_path(code: str) -> str:
    return f"/{PROCEDURES_SLUG}/cap/{code}/"


def agency_path(code: str) -> str:
    return f"/{PROCEDURES_SLUG}/co-quan/{code}/"


def decisions_path() -> str:
    return f"/{DECISIONS_SLUG}/"


def decision_path(pk: int) -> str:
    return f"/{DECISIONS_SLUG}/{pk}/"


def postings_path() -> str:
    return f"/{POSTINGS_SLUG}/"


def posting_path(slug: str) -> str:
    return f"/{POSTINGS_SLUG}/{slug}/"


def poster_path(slug: str) -> str:
    return f"/{POSTINGS_SLUG}/{slug}/ban-in.pdf"
