import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from catalog.choices import ProcedureStatus
from catalog.models import Level, ProcedureVersion
from catalog.services.versions import version_create, version_end, versions_create_baseline
from catalog.signals import procedures_changed
from catalog.snapshots import procedure_snapshot
from tests.factories.catalog import ProcedureFactory

pytestmark = pytest.mark.django_db

JAN = dt.date(2024, 1, 15)
MAR = dt.date(2024, 3, 11)


def test_first_version_is_number_one():
    procedure = ProcedureFactory(complete=True)

    version = version_create(procedure=procedure, valid_from=JAN)

    assert version.number == 1


def test_version_content_is_the_snapshot_of_the_procedure():
    procedure = ProcedureFactory(complete=True, name="Thủ tục cấp bản sao trích lục hộ tịch")

    version = version_create(procedure=procedure, valid_from=JAN)

    assert version.content["name"] == "Thủ tục cấp bản sao trích lục hộ tịch"


def test_version_copies_levels_for_listings():
    procedure = ProcedureFactory(complete=True)
    procedure.levels.set(Level.objects.filter(code__in=["tinh", "xa"]))
    procedure.save()

    version = version_create(procedure=procedure, valid_from=JAN)

    assert sorted(version.levels.values_list("code", flat=True)) == ["tinh", "xa"]


def test_version_create_puts_procedure_in_force():
    procedure = ProcedureFactory(complete=True)

    version_create(procedure=procedure, valid_from=JAN)

    procedure.refresh_from_db()
    assert procedure.status == ProcedureStatus.IN_FORCE


def test_second_version_ends_the_first_on_its_start_day():
    procedure = ProcedureFactory(complete=True)
    first = version_create(procedure=procedure, valid_from=JAN)

    version_create(procedure=procedure, valid_from=MAR)

    first.refresh_from_db()
    assert first.valid_until == MAR


def test_second_version_is_number_two():
    procedure = ProcedureFactory(complete=True)
    version_create(procedure=procedure, valid_from=JAN)

    assert version_create(procedure=procedure, valid_from=MAR).number == 2


def test_two_versions_from_the_same_day_are_refused_naming_valid_from():
    procedure = ProcedureFactory(complete=True)
    version_create(procedure=procedure, valid_from=JAN)

    with pytest.raises(ValidationError) as caught:
        version_create(procedure=procedure, valid_from=JAN)

    assert "valid_from" in caught.value.message_dict


def test_version_before_an_existing_one_is_refused():
    procedure = ProcedureFactory(complete=True)
    version_create(procedure=procedure, valid_from=MAR)

    with pytest.raises(ValidationError):
        version_create(procedure=procedure, valid_from=JAN)


def test_refused_version_leaves_the_open_version_open():
    procedure = ProcedureFactory(complete=True)
    first = version_create(procedure=procedure, valid_from=MAR)

    with pytest.raises(ValidationError):
        version_create(procedure=procedure, valid_from=JAN)

    first.refresh_from_db()
    assert first.valid_until is None


def test_version_inside_an_ended_period_is_refused():
    procedure = ProcedureFactory(complete=True)
    version_create(procedure=procedure, valid_from=JAN)
    version_end(procedure=procedure, on=MAR)

    with pytest.raises(ValidationError) as caught:
        version_create(procedure=procedure, valid_from=dt.date(2024, 2, 1))

    assert "valid_from" in caught.value.message_dict


def test_version_end_closes_the_version_in_force():
    procedure = ProcedureFactory(complete=True)
    version = version_create(procedure=procedure, valid_from=JAN)

    version_end(procedure=procedure, on=MAR)

    version.refresh_from_db()
    assert version.valid_until == MAR


def test_version_end_marks_procedure_abolished():
    procedure = ProcedureFactory(complete=True)
    version_create(procedure=procedure, valid_from=JAN)

    version_end(procedure=procedure, on=MAR)

    procedure.refresh_from_db()
    assert procedure.status == ProcedureStatus.ABOLISHED


def test_ending_a_procedure_never_in_force_is_refused_naming_procedure():
    procedure = ProcedureFactory(complete=True)

    with pytest.raises(ValidationError) as caught:
        version_end(procedure=procedure, on=MAR)

    assert "procedure" in caught.value.message_dict


def test_ending_an_already_abolished_procedure_is_refused():
    procedure = ProcedureFactory(complete=True)
    version_create(procedure=procedure, valid_from=JAN)
    version_end(procedure=procedure, on=MAR)

    with pytest.raises(ValidationError):
        version_end(procedure=procedure, on=dt.date(2024, 4, 1))


def test_ending_on_the_first_day_of_a_version_is_refused_naming_valid_until():
    procedure = ProcedureFactory(complete=True)
    version_create(procedure=procedure, valid_from=JAN)

    with pytest.raises(ValidationError) as caught:
        version_end(procedure=procedure, on=JAN)

    assert "valid_until" in caught.value.message_dict


def test_signal_sent_after_commit_with_procedure_id(django_capture_on_commit_callbacks):
    procedure = ProcedureFactory(complete=True)
    received = []

    def receiver(sender, procedure_ids, **kwargs):
        received.append(procedure_ids)

    procedures_changed.connect(receiver)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            version_create(procedure=procedure, valid_from=JAN)
    finally:
        procedures_changed.disconnect(receiver)

    assert received == [[procedure.pk]]


def test_baseline_creates_version_one_for_unversioned_procedures():
    procedures = ProcedureFactory.create_batch(3, complete=True)

    created = versions_create_baseline(procedures=procedures, valid_from=JAN)

    assert created == 3


def test_baseline_skips_procedures_that_already_have_a_version():
    versioned, fresh = ProcedureFactory.create_batch(2, complete=True)
    version_create(procedure=versioned, valid_from=JAN)

    versions_create_baseline(procedures=[versioned, fresh], valid_from=MAR)

    assert ProcedureVersion.objects.filter(procedure=versioned).count() == 1


def test_baseline_version_holds_the_procedure_snapshot():
    procedure = ProcedureFactory(complete=True)

    versions_create_baseline(procedures=[procedure], valid_from=JAN)

    assert ProcedureVersion.objects.get(procedure=procedure).content == procedure_snapshot(procedure)


def test_baseline_copies_levels():
    procedure = ProcedureFactory(complete=True)
    procedure.levels.set(Level.objects.filter(code__in=["huyen"]))
    procedure.save()

    versions_create_baseline(procedures=[procedure], valid_from=JAN)

    assert list(ProcedureVersion.objects.get(procedure=procedure).levels.values_list("code", flat=True)) == ["huyen"]


def test_baseline_bulk_inserts_versions_and_levels(django_assert_max_num_queries):
    procedures = ProcedureFactory.create_batch(10, complete=True)

    with django_assert_max_num_queries(30):
        versions_create_baseline(procedures=procedures, valid_from=JAN)
