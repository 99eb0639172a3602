import pytest

pytestmark = pytest.mark.django_db


def _directives(response) -> dict[str, str]:
    policy = response["Content-Security-Policy"]
    return dict(part.strip().split(" ", 1) for part in policy.split(";") if " " in part.strip())


def test_public_pages_allow_only_own_and_nonced_scripts(client):
    script_src = _directives(client.get("/healthz"))["script-src"]

    assert script_src.startswith("'self'") and "unsafe-inline" not in script_src


def test_public_pages_forbid_plugins(client):
    assert _directives(client.get("/healthz"))["object-src"] == "'none'"


def test_admin_allows_wagtails_inline_scripts(client):
    assert _directives(client.get("/admin/login/"))["script-src"] == "'self' 'unsafe-inline'"


def test_admin_script_src_carries_no_nonce(client):
    assert "nonce-" not in _directives(client.get("/admin/login/"))["script-src"]
