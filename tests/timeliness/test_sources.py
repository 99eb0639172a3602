"""Registering a one-stop source system: the agencies it reports for, its token."""

import pytest
from django.core.exceptions import ValidationError

from tests.factories.catalog import AgencyFactory
from timeliness.services.sources import (
    source_system_agency_ids,
    source_system_authenticate,
    source_system_register,
)

pytestmark = pytest.mark.django_db


def test_a_registered_source_writes_for_its_agencies():
    agency = AgencyFactory()

    source, _token = source_system_register(name="mot-cua-tp", agencies=[agency])

    assert source_system_agency_ids(source=source) == {agency.pk}


def test_a_source_for_every_agency_has_no_agency_list():
    source, _token = source_system_register(name="mot-cua-tinh", all_agencies=True)

    assert source_system_agency_ids(source=source) is None


def test_registering_returns_a_token_that_authenticates_the_source():
    source, token = source_system_register(name="mot-cua-tp", agencies=[AgencyFactory()])

    assert source_system_authenticate(token=token) == source


def test_a_source_without_agencies_is_refused_naming_the_field():
    with pytest.raises(ValidationError) as raised:
        source_system_register(name="mot-cua-rong")

    assert list(raised.value.message_dict) == ["agencies"]
