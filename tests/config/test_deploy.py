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


def _refusal(**env) -> str:
    result = _manage("check", extra_env=env)
    return result.stderr.strip().splitlines()[-1] if result.returncode else ""


def test_production_refuses_the_example_secret_key():
    assert "placeholder" in _refusal(SECRET_KEY="change-me")


def test_production_refuses_a_placeholder_inside_a_long_secret_key():
    assert "placeholder" in _refusal(SECRET_KEY="django-insecure-" + "a1b2c3d4e5" * 6)


def test_production_refuses_a_secret_key_shorter_than_fifty_characters():
    assert "at least 50" in _refusal(SECRET_KEY="Zx8#kP2!vQ9" * 4)


def test_production_refuses_to_start_without_database_url():
    assert "DATABASE_URL" in _refusal(DATABASE_URL="")


def test_production_without_redis_caches_in_the_database_never_in_process_memory():
    code = "from django.conf import settings; print(sorted({c['BACKEND'] for c in settings.CACHES.values()}))"
    result = _manage("shell", "--no-imports", "-c", code, extra_env={"REDIS_URL": ""})

    assert result.stdout.strip() == "['config.cache.DatabaseCache']"


def test_production_uses_redis_when_redis_url_is_set():
    code = "from django.conf import settings; print(sorted({c['BACKEND'] for c in settings.CACHES.values()}))"
    result = _manage("shell", "--no-imports", "-c", code, extra_env={"REDIS_URL": "redis://127.0.0.1:6379/0"})

    assert result.stdout.strip() == "['config.cache.RedisCache']"


def test_production_sets_a_request_body_limit():
    code = (
        "from django.conf import settings; print(settings.DATA_UPLOAD_MAX_MEMORY_SIZE, settings.REQUEST_BODY_MAX_BYTES)"
    )
    assert _manage("shell", "--no-imports", "-c", code).stdout.strip() == "2621440 12582912"
