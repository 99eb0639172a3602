"""Public paths of the site's pages, reversed by URL name (`cms.urls`, `search.urls`, `feedback.urls`).

The index pages are created by `cms.site_setup.site_ensure_structure` directly under the home page (the
site root) with the slugs below, the first segment of the routes in `cms.urls`; a procedure's path uses its
national code, or its slug while it has none.
"""

from typing import Any

from django.urls import reverse

PROCEDURES_SLUG = "thu-tuc"
DECISIONS_SLUG = "quyet-dinh"
POSTINGS_SLUG = "niem-yet"


def procedure_key(procedure: Any) -> str:
    """The stable URL key of a procedure (a model, or a snapshot dict with code and slug)."""
    if isinstance(procedure, dict):
        return procedure.get("code") or procedure["slug"]
    return procedure.code or procedure.slug


def procedure_path(key: str) -> str:
    return reverse("cms:procedure", kwargs={"key": key})


def procedures_path() -> str:
    return reverse("cms:procedures")


def fields_path() -> str:
    return reverse("cms:fields")


def topic_path(slug: str) -> str:
    return reverse("cms:topic", kwargs={"topic_slug": slug})


def field_path(slug: str) -> str:
    return reverse("cms:field", kwargs={"field_slug": slug})


def level_path(code: str) -> str:
    return reverse("cms:level", kwargs={"level_code": code})


def agency_path(code: str) -> str:
    return reverse("cms:agency", kwargs={"agency_code": code})


def decisions_path() -> str:
    return reverse("cms:decisions")


def decision_path(pk: int) -> str:
    return reverse("cms:decision", kwargs={"pk": pk})


def postings_path() -> str:
    return reverse("cms:postings")


def posting_path(slug: str) -> str:
    return reverse("cms:posting", kwargs={"slug": slug})


def poster_path(slug: str) -> str:
    return reverse("cms:poster", kwargs={"slug": slug})


def search_path() -> str:
    return reverse("search:search")


def feedback_path() -> str:
    return reverse("feedback:form")
