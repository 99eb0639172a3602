"""Public URLs of procedures, reversed by the URL name the cms app serves them under (search does not
import cms)."""

from django.urls import reverse

PROCEDURE_URL_NAME = "cms:procedure"


def procedure_url(*, code: str, slug: str) -> str:
    """`/thu-tuc/<code>/` for procedures with a national code, else `/thu-tuc/<slug>/`."""
    return reverse(PROCEDURE_URL_NAME, kwargs={"key": code or slug})
