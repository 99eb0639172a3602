"""Production settings pass Django's deployment checklist and collect static files (subprocesses)."""

import json
import os
import subprocess
import sys

from django.conf import settings

PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    "SECRET_KEY": "x9!k2#long-random-production-like-secret-key-for-the-deploy-check-0123456789",
    "ALLOWED_HOSTS": "tthc.example.gov.vn",
    "DATABASE_URL": "sqlite:///:memory:",
    "ELASTICSEARCH_URL": "",
}


def _manage(*args: str, extra_env: dict | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, **PRODUCTION_ENV, **(extra_env or {})}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_check_deploy_reports_no_issue_with_production_settings():
    result = _manage("check", "--deploy", "--fail-level", "DEBUG")

    assert (result.returncode, result.stdout.strip()) == (0, "System check identified no issues (0 silenced).")


def test_collectstatic_writes_hashed_compressed_files_with_production_settings(tmp_path):
    result = _manage("collectstatic", "--noinput", extra_env={"STATIC_ROOT": str(tmp_path)})

    assert result.returncode == 0, result.stderr
    manifest = json.loads((tmp_path / "staticfiles.json").read_text())
    hashed = manifest["paths"]["wagtailadmin/css/core.css"]
    assert (tmp_path / f"{hashed}.gz").exists()


def test_production_logs_are_json_lines():
    code = "import logging; logging.getLogger('tthc.probe').warning('xin chào', extra={'procedure': '1.001'})"
    result = _manage("shell", "--no-imports", "-c", code)

    line = json.loads(result.stderr.strip().splitlines()[-1])
    assert (line["level"], line["message"], line["procedure"]) == ("WARNING", "xin chào", "1.001")


def test_production_requires_twelve_character_passwords():
    code = (
        "from django.contrib.auth.password_validation import validate_password\n"
        "try:\n    validate_password('Xq7#mLp2vR9')\nexcept Exception as exc:\n    print(type(exc).__name__)"
    )
    assert _manage("shell", "--no-imports", "-c", code).stdout.strip() == "ValidationError"
