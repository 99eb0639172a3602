"""Public URLs of procedures, built in one place (the catalog has no URL helper of its own yet)."""


def procedure_url(*, code: str, slug: str) -> str:
    """`/thu-tuc/<code>/` for procedures with a national code, else `/thu-tuc/<slug>/`."""
    return f"/thu-tuc/{code or slug}/"
