"""docker-compose.yml cannot run here (no Docker engine); check the stack it promises."""

from pathlib import Path

import yaml

COMPOSE = yaml.safe_load((Path(__file__).resolve().parents[2] / "docker-compose.yml").read_text())


def test_compose_defines_web_postgres_and_elasticsearch():
    assert set(COMPOSE["services"]) >= {"web", "db", "elasticsearch"}


def test_web_is_configured_for_postgres_and_elasticsearch():
    environment = COMPOSE["services"]["web"]["environment"]

    assert environment["DATABASE_URL"].startswith("postgres://")
    assert environment["ELASTICSEARCH_URL"] == "http://elasticsearch:9200"


def test_web_waits_for_healthy_services():
    depends = COMPOSE["services"]["web"]["depends_on"]

    assert depends == {"db": {"condition": "service_healthy"}, "elasticsearch": {"condition": "service_healthy"}}


def test_postgres_is_version_15_with_a_volume():
    db = COMPOSE["services"]["db"]

    assert db["image"].startswith("postgres:15")
    assert db["volumes"]


def test_elasticsearch_is_8_19_single_node():
    es = COMPOSE["services"]["elasticsearch"]

    assert es["image"].split(":")[-1].startswith("8.19")
    assert es["environment"]["discovery.type"] == "single-node"


def test_every_service_has_a_healthcheck():
    assert all("healthcheck" in service for service in COMPOSE["services"].values())


def test_web_serves_on_port_8000():
    assert "8000:8000" in COMPOSE["services"]["web"]["ports"]
