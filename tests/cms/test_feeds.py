"""Atom feeds and sitemaps. Feeds are checked with a validator of RFC 4287's rules (below): ids are
absolute IRIs (tag: URIs), `updated` is when the entry changed and never in the future."""

import datetime as dt
import re

import pytest
from django.utils import timezone
from freezegun import freeze_time
from lxml import etree

from catalog.calendar import LOCAL_TZ
from tests.factories.cms import SignedDecisionFactory, published_procedure, version_publish

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site")]

ATOM = "{http://www.w3.org/2005/Atom}"
# RFC 3339 date-time, as Atom's Date construct requires.
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
# RFC 4151: tag:authority,date:specific.
TAG_URI = re.compile(r"^tag:[a-z0-9.-]+,\d{4}(-\d{2}(-\d{2})?)?:\S+$")


def atom_problems(xml: bytes, *, now: dt.datetime) -> list[str]:
    """Violations of RFC 4287 §4.1 (feed and entry elements) plus this site's rules: ids are tag: URIs, unique;
    `updated` is a date-time not in the future."""
    problems = []
    feed = etree.fromstring(xml)
    if feed.tag != f"{ATOM}feed":
        return ["root is not atom:feed"]

    def one(parent, name: str, where: str):
        found = parent.findall(f"{ATOM}{name}")
        if len(found) != 1:
            problems.append(f"{where}: {len(found)} atom:{name} (exactly one required)")
            return None
        return found[0]

    def updated(parent, where: str):
        element = one(parent, "updated", where)
        if element is not None:
            if not RFC3339.match(element.text or ""):
                problems.append(f"{where}: updated “{element.text}” is not an RFC 3339 date-time")
            elif dt.datetime.fromisoformat(element.text.replace("Z", "+00:00")) > now:
                problems.append(f"{where}: updated {element.text} is in the future")

    for name in ("id", "title"):
        one(feed, name, "feed")
    updated(feed, "feed")
    feed_author = feed.find(f"{ATOM}author") is not None
    ids = []
    for index, entry in enumerate(feed.findall(f"{ATOM}entry")):
        where = f"entry {index}"
        identifier = one(entry, "id", where)
        if identifier is not None:
            ids.append(identifier.text)
            if not TAG_URI.match(identifier.text or ""):
                problems.append(f"{where}: id “{identifier.text}” is not a tag: URI")
        one(entry, "title", where)
        updated(entry, where)
        if not feed_author and entry.find(f"{ATOM}author") is None:
            problems.append(f"{where}: no atom:author (nor on the feed)")
        if not any(link.get("rel", "alternate") == "alternate" for link in entry.findall(f"{ATOM}link")):
            problems.append(f"{where}: no alternate link")
    if len(ids) != len(set(ids)):
        problems.append("entry ids are not unique")
    return problems


def _entry_values(xml: bytes, name: str) -> list[str]:
    return [element.text for element in etree.fromstring(xml).iter(f"{ATOM}{name}")]


def test_decision_feed_is_atom_with_the_decision(client):
    SignedDecisionFactory(number="345/QĐ-UBND")

    response = client.get("/nguon-tin/quyet-dinh.atom")

    assert response["Content-Type"].startswith("application/atom+xml") and "345/QĐ-UBND" in response.text


def test_decision_feed_passes_the_validator(client):
    SignedDecisionFactory(number="345/QĐ-UBND")
    SignedDecisionFactory(number="346/QĐ-UBND")

    assert atom_problems(client.get("/nguon-tin/quyet-dinh.atom").content, now=timezone.now()) == []


def test_procedure_feed_passes_the_validator(client):
    procedure = published_procedure(name="Đăng ký khai sinh")
    version_publish(procedure, valid_from=dt.date(2030, 1, 1))  # a version announced for the future

    assert atom_problems(client.get("/nguon-tin/thu-tuc.atom").content, now=timezone.now()) == []


def test_entry_ids_are_tag_uris_of_the_serving_host(client):
    decision = SignedDecisionFactory(number="345/QĐ-UBND")

    ids = _entry_values(client.get("/nguon-tin/quyet-dinh.atom", HTTP_HOST="tthc.soctrang.gov.vn").content, "id")

    assert ids == [
        "tag:tthc.soctrang.gov.vn,2019:quyet-dinh",
        f"tag:tthc.soctrang.gov.vn,2019:quyet-dinh/{decision.pk}",
    ]


def test_version_entry_id_stays_the_same_when_the_procedure_is_renamed(client):
    procedure = published_procedure(name="Đăng ký khai sinh")
    before = _entry_values(client.get("/nguon-tin/thu-tuc.atom").content, "id")
    procedure.versions.update(name="Đăng ký khai sinh (tên mới)")

    assert _entry_values(client.get("/nguon-tin/thu-tuc.atom").content, "id") == before


@freeze_time("2024-03-01 10:00:00+07:00")
def test_a_decision_effective_in_the_future_is_updated_when_it_changed_not_on_its_effective_date(client):
    SignedDecisionFactory(number="345/QĐ-UBND", signed_on=dt.date(2024, 2, 28), effective_on=dt.date(2024, 6, 1))

    updated = _entry_values(client.get("/nguon-tin/quyet-dinh.atom").content, "updated")[-1]

    assert dt.datetime.fromisoformat(updated) == dt.datetime(2024, 2, 28, tzinfo=LOCAL_TZ)


def test_a_version_effective_in_the_future_is_updated_when_it_was_recorded(client):
    with freeze_time("2024-03-01 10:00:00+07:00"):
        published_procedure(name="Đăng ký khai sinh", valid_from=dt.date(2030, 1, 1))

    with freeze_time("2024-03-02 10:00:00+07:00"):
        updated = _entry_values(client.get("/nguon-tin/thu-tuc.atom").content, "updated")

    assert [dt.datetime.fromisoformat(value) for value in updated] == [dt.datetime(2024, 3, 1, 10, tzinfo=LOCAL_TZ)] * 2


def test_validator_catches_a_future_updated_and_a_non_tag_id():
    xml = (
        b'<feed xmlns="http://www.w3.org/2005/Atom"><id>tag:x.vn,2019:f</id><title>t</title>'
        b"<updated>2019-01-01T00:00:00+07:00</updated><author><name>a</name></author>"
        b"<entry><id>procedure-version-1</id><title>t</title><updated>2099-01-01T00:00:00+07:00</updated>"
        b'<link href="/x"/></entry></feed>'
    )

    assert atom_problems(xml, now=timezone.now()) == [
        "entry 0: id “procedure-version-1” is not a tag: URI",
        "entry 0: updated 2099-01-01T00:00:00+07:00 is in the future",
    ]


def test_changed_procedure_feed_links_the_version(client):
    procedure = published_procedure(name="Đăng ký khai sinh")

    text = client.get("/nguon-tin/thu-tuc.atom").text

    assert f"/thu-tuc/{procedure.code}/?ngay=2019-01-01" in text


def test_sitemap_index_names_the_procedure_section(client):
    published_procedure()

    assert "sitemap-thu-tuc.xml" in client.get("/sitemap.xml").text


def test_procedure_sitemap_lists_published_procedures(client):
    procedure = published_procedure()

    assert f"/thu-tuc/{procedure.code}/</loc>" in client.get("/sitemap-thu-tuc.xml").text
