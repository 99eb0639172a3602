"""Every environment variable the settings and gunicorn read is documented in .env.example."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
READS = re.compile(r"""(?:env_\w+|environ\.get|getenv)\(\s*["']([A-Z][A-Z0-9_]+)["']""")
DOCUMENTED = re.compile(r"^#?\s*([A-Z][A-Z0-9_]+)=", re.MULTILINE)


def _variables_read() -> set[str]:
    sources = [*sorted((ROOT / "config").rglob("*.py")), ROOT / "gunicorn.conf.py"]
    return {name for path in sources for name in READS.findall(path.read_text())}


def test_the_settings_read_the_variables_this_test_looks_for():
    assert {"SECRET_KEY", "DATABASE_URL", "GUNICORN_WORKERS", "AXES_FAILURE_LIMIT"} <= _variables_read()


def test_every_variable_read_is_documented_in_env_example():
    documented = set(DOCUMENTED.findall((ROOT / ".env.example").read_text()))

    assert sorted(_variables_read() - documented) == []
