"""Importing `ho-so/1` CSV files: due dates from the catalog, classification, idempotence, all-or-nothing.

Calendar facts used below (2019):
- Tết: Saturday 2/2 to Sunday 10/2 off (statutory Mon 4/2–Fri 8/2 plus the weekends);
- the 30/4 swap: Monday 29/4 off, Saturday 4/5 worked; Tuesday 30/4 and Wednesday 1/5 are holidays.
Office closing is 17:00 (CATALOG_OFFICE_HOURS default).
"""

import csv
import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from freezegun import freeze_time

from catalog.choices import Channel, TimeUnit
from catalog.models import Agency
from tests.factories.catalog import AgencyFactory
from tests.factories.timeliness import ProcedureVersionFactory, SourceSystemFactory, adjustments_2019, local
from timeliness.choices import Outcome
from timeliness.dossier_format import CSV_COLUMNS
from timeliness.models import Dossier
from timeliness.services import dossier_writers
from timeliness.services.dossiers import DossierImportError, dossiers_import_csv

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]

HEADER = [
    "ma_ho_so",
    "ma_co_quan",
    "ten_co_quan",
    "ma_thu_tuc",
    "kenh_nop",
    "ngay_tiep_nhan",
    "han_xu_ly",
    "ngay_tra_ket_qua",
    "trang_thai",
]


@pytest.fixture
def frozen():
    with freeze_time("2019-06-01 10:00:00+07:00"):
        yield


@pytest.fixture
def agency():
    return AgencyFactory(code="so-tp", name="Sở Tư pháp")


def write_csv(path, rows, header=HEADER):
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def row(code="HS1", *, received, due="", resolved="", procedure="", status="", agency="so-tp", channel=""):
    return [code, agency, "Sở Tư pháp", procedure, channel, received, due, resolved, status]


def import_one(tmp_path, *values, **options):
    dossiers_import_csv(path=write_csv(tmp_path / "ho-so.csv", [row(**v) for v in values]), **options)
    return Dossier.objects.order_by("code")


# --- catalog due dates across Tết 2019 and the 2019 swap ---------------------------------------------------------


def test_working_days_over_tet_skip_the_holiday_week(tmp_path, agency):
    # 5 working days from Thu 31/1/2019 (receipt day not counted): Fri 1/2 (1), Tết 2–10/2 off,
    # Mon 11/2 (2), Tue 12/2 (3), Wed 13/2 (4), Thu 14/2 (5) → due Thu 14/2/2019 17:00.
    version = ProcedureVersionFactory(amount="5", unit=TimeUnit.WORKING_DAYS)
    dossier = import_one(tmp_path, {"received": "2019-01-31T10:00:00+07:00", "procedure": version.code}).get()
    assert dossier.due_at == local(2019, 2, 14, 17)


def test_resolution_on_the_day_before_the_post_tet_due_date_is_early(tmp_path, agency):
    # Due Thu 14/2/2019 17:00 (see above); resolved Wed 13/2 → early (it would be late without Tết).
    version = ProcedureVersionFactory(amount="5", unit=TimeUnit.WORKING_DAYS)
    dossier = import_one(
        tmp_path,
        {"received": "2019-01-31T10:00:00+07:00", "procedure": version.code, "resolved": "2019-02-13T15:00:00+07:00"},
    ).get()
    assert dossier.outcome == Outcome.EARLY


def test_calendar_days_ending_in_tet_move_to_the_next_working_day(tmp_path, agency):
    # 15 days from Fri 18/1/2019 → Sat 2/2 (Tết break) → next working day Mon 11/2/2019, 17:00.
    version = ProcedureVersionFactory(amount="15", unit=TimeUnit.CALENDAR_DAYS)
    dossier = import_one(tmp_path, {"received": "2019-01-18T08:00:00+07:00", "procedure": version.code}).get()
    assert dossier.due_at == local(2019, 2, 11, 17)


def test_make_up_saturday_counts_as_a_working_day(tmp_path, agency):
    # 4 working days from Thu 25/4/2019: Fri 26/4 (1), Sat 27, Sun 28, Mon 29/4 (swapped off), Tue 30/4,
    # Wed 1/5 (holidays), Thu 2/5 (2), Fri 3/5 (3), Sat 4/5 (4, make-up day) → due Sat 4/5/2019 17:00.
    adjustments_2019()
    version = ProcedureVersionFactory(amount="4", unit=TimeUnit.WORKING_DAYS)
    dossier = import_one(tmp_path, {"received": "2019-04-25T09:00:00+07:00", "procedure": version.code}).get()
    assert dossier.due_at == local(2019, 5, 4, 17)


def test_resolution_on_the_monday_after_the_make_up_saturday_is_late(tmp_path, agency):
    # Due Sat 4/5/2019 17:00 (see above); resolved Mon 6/5 08:00 → late (on time without the make-up day).
    adjustments_2019()
    version = ProcedureVersionFactory(amount="4", unit=TimeUnit.WORKING_DAYS)
    dossier = import_one(
        tmp_path,
        {"received": "2019-04-25T09:00:00+07:00", "procedure": version.code, "resolved": "2019-05-06T08:00:00+07:00"},
    ).get()
    assert dossier.outcome == Outcome.LATE


def test_completion_after_return_restarts_the_clock(tmp_path, agency):
    # Received Mon 22/4/2019, returned for completion, completed Fri 26/4 14:00; 3 working days from there:
    # Mon 29/4 off (swap), 30/4 and 1/5 holidays, Thu 2/5 (1), Fri 3/5 (2), Sat 4/5 (3) → due Sat 4/5 17:00.
    # Without the restart it would be Thu 25/4 17:00.
    adjustments_2019()
    version = ProcedureVersionFactory(amount="3", unit=TimeUnit.WORKING_DAYS)
    path = write_csv(
        tmp_path / "ho-so.csv",
        [["HS1", "so-tp", "Sở Tư pháp", version.code, "2019-04-22T08:00:00+07:00", "2019-04-26T14:00:00+07:00"]],
        header=["ma_ho_so", "ma_co_quan", "ten_co_quan", "ma_thu_tuc", "ngay_tiep_nhan", "ngay_bo_sung"],
    )
    dossiers_import_csv(path=path)
    assert Dossier.objects.get().due_at == local(2019, 5, 4, 17)


def test_reschedule_does_not_make_a_late_dossier_on_time(tmp_path, agency):
    # One-stop due date Thu 14/2/2019 (bare date → 17:00); apology letter sets 20/2; resolved Mon 18/2 → late.
    path = write_csv(
        tmp_path / "ho-so.csv",
        [["HS1", "so-tp", "Sở Tư pháp", "2019-01-31", "2019-02-14", "2019-02-20", "2019-02-18T09:00:00+07:00"]],
        header=[
            "ma_ho_so",
            "ma_co_quan",
            "ten_co_quan",
            "ngay_tiep_nhan",
            "han_xu_ly",
            "han_hen_lai",
            "ngay_tra_ket_qua",
        ],
    )
    dossiers_import_csv(path=path)
    assert Dossier.objects.get().outcome == Outcome.LATE


def test_one_stop_due_date_wins_and_the_catalog_one_is_kept(tmp_path, agency):
    # Catalog: 5 working days from Thu 31/1/2019 → Thu 14/2 17:00; one-stop says Fri 22/2 → both kept.
    version = ProcedureVersionFactory(amount="5", unit=TimeUnit.WORKING_DAYS)
    dossier = import_one(
        tmp_path, {"received": "2019-01-31T10:00:00+07:00", "procedure": version.code, "due": "2019-02-22"}
    ).get()
    assert (dossier.due_at, dossier.due_at_catalog) == (local(2019, 2, 22, 17), local(2019, 2, 14, 17))


def test_one_stop_due_date_later_than_the_statutory_limit_is_flagged(tmp_path, agency):
    version = ProcedureVersionFactory(amount="5", unit=TimeUnit.WORKING_DAYS)
    dossier = import_one(
        tmp_path, {"received": "2019-01-31T10:00:00+07:00", "procedure": version.code, "due": "2019-02-22"}
    ).get()
    assert dossier.deadline_mismatch is True


def test_one_stop_due_date_on_the_statutory_day_is_not_flagged(tmp_path, agency):
    version = ProcedureVersionFactory(amount="5", unit=TimeUnit.WORKING_DAYS)
    dossier = import_one(
        tmp_path, {"received": "2019-01-31T10:00:00+07:00", "procedure": version.code, "due": "2019-02-14"}
    ).get()
    assert dossier.deadline_mismatch is False


def test_one_stop_due_date_earlier_than_the_statutory_limit_is_flagged(tmp_path, agency):
    # Statutory: Thu 14/2/2019 (see above); the one-stop system set Tue 12/2.
    version = ProcedureVersionFactory(amount="5", unit=TimeUnit.WORKING_DAYS)
    dossier = import_one(
        tmp_path, {"received": "2019-01-31T10:00:00+07:00", "procedure": version.code, "due": "2019-02-12"}
    ).get()
    assert dossier.deadline_mismatch is True


def test_finished_after_the_statutory_limit_is_never_early(tmp_path, agency):
    # Statutory due Thu 14/2/2019; one-stop due Fri 22/2; resolved Mon 18/2: early for the one-stop date,
    # late for the law → counted on time (not "trước hạn") and late against the statutory deadline.
    version = ProcedureVersionFactory(amount="5", unit=TimeUnit.WORKING_DAYS)
    dossier = import_one(
        tmp_path,
        {
            "received": "2019-01-31T10:00:00+07:00",
            "procedure": version.code,
            "due": "2019-02-22",
            "resolved": "2019-02-18T10:00:00+07:00",
        },
    ).get()
    assert (dossier.outcome, dossier.statutory_outcome) == (Outcome.ON_TIME, Outcome.LATE)


def test_statutory_outcome_of_a_dossier_finished_in_time(tmp_path, agency):
    version = ProcedureVersionFactory(amount="5", unit=TimeUnit.WORKING_DAYS)
    dossier = import_one(
        tmp_path,
        {"received": "2019-01-31T10:00:00+07:00", "procedure": version.code, "resolved": "2019-02-13T15:00:00+07:00"},
    ).get()
    assert (dossier.outcome, dossier.statutory_outcome) == (Outcome.EARLY, Outcome.EARLY)


def _two_cases():
    version = ProcedureVersionFactory()
    version.content = {
        "time_limits": [
            {"channel": "truc_tiep", "case": "Không phải xác minh", "amount": "2", "unit": "working_days"},
            {"channel": "truc_tiep", "case": "Cần xác minh", "amount": "3", "unit": "working_days"},
        ]
    }
    version.save()
    return version


def test_several_statutory_cases_use_the_dossiers_own_due_date_and_flag_it(tmp_path, agency):
    version = _two_cases()
    dossier = import_one(
        tmp_path, {"received": "2019-03-13T10:00:00+07:00", "procedure": version.code, "due": "2019-03-18"}
    ).get()
    assert (dossier.due_at, dossier.due_at_catalog, dossier.deadline_ambiguous, dossier.statutory_outcome) == (
        local(2019, 3, 18, 17),
        None,
        True,
        "",
    )


def test_several_statutory_cases_without_a_due_date_refuse_the_row_naming_why(tmp_path, agency):
    version = _two_cases()
    with pytest.raises(DossierImportError) as caught:
        import_one(tmp_path, {"received": "2019-03-13T10:00:00+07:00", "procedure": version.code})
    [error] = caught.value.result.errors
    assert error.column == "han_xu_ly" and "nhiều thời hạn theo trường hợp" in error.message


def test_unknown_agency_error_names_no_command_line_option(tmp_path):
    with pytest.raises(DossierImportError) as caught:
        import_one(tmp_path, {"received": "2019-03-13T10:00:00+07:00", "due": "2019-03-18"})
    assert all("--" not in error.message for error in caught.value.result.errors)


def test_channel_selects_the_channel_time_limit(tmp_path, agency):
    # Online limit 2 working days from Fri 1/3/2019: Mon 4/3 (1), Tue 5/3 (2) → due Tue 5/3 17:00.
    version = ProcedureVersionFactory(amount="2", unit=TimeUnit.WORKING_DAYS, channel=Channel.ONLINE)
    dossier = import_one(
        tmp_path, {"received": "2019-03-01T09:00:00+07:00", "procedure": version.code, "channel": "truc_tuyen"}
    ).get()
    assert dossier.due_at == local(2019, 3, 5, 17)


# --- idempotence and all-or-nothing -------------------------------------------------------------------------------


def test_reimporting_the_same_file_stores_each_dossier_once(tmp_path, agency):
    path = write_csv(
        tmp_path / "ho-so.csv",
        [row("HS1", received="2019-03-01", due="2019-03-08"), row("HS2", received="2019-03-01", due="2019-03-08")],
    )
    dossiers_import_csv(path=path)
    dossiers_import_csv(path=path)
    assert Dossier.objects.count() == 2


def test_reimport_updates_the_stored_dossier(tmp_path, agency):
    dossiers_import_csv(path=write_csv(tmp_path / "a.csv", [row(received="2019-03-01", due="2019-03-08")]))
    dossiers_import_csv(
        path=write_csv(tmp_path / "b.csv", [row(received="2019-03-01", due="2019-03-08", resolved="2019-03-07")])
    )
    assert Dossier.objects.get().outcome == Outcome.EARLY


def test_same_code_from_another_source_is_another_dossier(tmp_path, agency):
    path = write_csv(tmp_path / "ho-so.csv", [row(received="2019-03-01", due="2019-03-08")])
    dossiers_import_csv(path=path, source_name="mot-cua-a")
    dossiers_import_csv(path=path, source_name="mot-cua-b")
    assert Dossier.objects.count() == 2


def test_a_failing_row_leaves_nothing_written(tmp_path, agency):
    path = write_csv(
        tmp_path / "ho-so.csv",
        [row("HS1", received="2019-03-01", due="2019-03-08"), row("HS2", received="ngày 1/3", due="2019-03-08")],
    )
    with pytest.raises(DossierImportError):
        dossiers_import_csv(path=path)
    assert Dossier.objects.count() == 0


def test_a_failing_row_is_reported_with_line_and_column(tmp_path, agency):
    path = write_csv(
        tmp_path / "ho-so.csv",
        [row("HS1", received="2019-03-01", due="2019-03-08"), row("HS2", received="ngày 1/3", due="2019-03-08")],
    )
    with pytest.raises(DossierImportError) as caught:
        dossiers_import_csv(path=path)
    assert [(error.line, error.column) for error in caught.value.result.errors] == [(3, "ngay_tiep_nhan")]


def test_every_bad_row_is_reported(tmp_path, agency):
    path = write_csv(
        tmp_path / "ho-so.csv",
        [
            row("HS1", received="2019-03-01", due="2019-02-01"),
            row("HS2", received="2019-03-01", due="2019-03-08", status="xong"),
            row("", received="2019-03-01", due="2019-03-08"),
        ],
    )
    with pytest.raises(DossierImportError) as caught:
        dossiers_import_csv(path=path)
    assert [(error.line, error.column) for error in caught.value.result.errors] == [
        (2, "han_xu_ly"),
        (3, "trang_thai"),
        (4, "ma_ho_so"),
    ]


def test_skip_invalid_stores_the_good_rows(tmp_path, agency):
    path = write_csv(
        tmp_path / "ho-so.csv",
        [row("HS1", received="2019-03-01", due="2019-03-08"), row("HS2", received="2019-13-01", due="2019-03-08")],
    )
    result = dossiers_import_csv(path=path, skip_invalid=True)
    assert (list(Dossier.objects.values_list("code", flat=True)), result.invalid_rows) == (["HS1"], 1)


def test_unknown_agency_is_an_error(tmp_path, agency):
    path = write_csv(tmp_path / "ho-so.csv", [row(received="2019-03-01", due="2019-03-08", agency="so-moi")])
    with pytest.raises(DossierImportError) as caught:
        dossiers_import_csv(path=path)
    assert caught.value.result.errors[0].column == "ma_co_quan"


def test_create_agencies_creates_the_unknown_agency_from_its_name(tmp_path, agency):
    path = write_csv(tmp_path / "ho-so.csv", [row(received="2019-03-01", due="2019-03-08", agency="so-moi")])
    dossiers_import_csv(path=path, create_agencies=True)
    assert Agency.objects.get(code="so-moi").name == "Sở Tư pháp"


def test_no_due_date_and_no_procedure_is_an_error(tmp_path, agency):
    path = write_csv(tmp_path / "ho-so.csv", [row(received="2019-03-01")])
    with pytest.raises(DossierImportError) as caught:
        dossiers_import_csv(path=path)
    assert caught.value.result.errors[0].column == "ma_thu_tuc"


def test_resolved_status_without_a_resolution_date_is_an_error(tmp_path, agency):
    path = write_csv(tmp_path / "ho-so.csv", [row(received="2019-03-01", due="2019-03-08", status="da_giai_quyet")])
    with pytest.raises(DossierImportError) as caught:
        dossiers_import_csv(path=path)
    assert caught.value.result.errors[0].column == "ngay_tra_ket_qua"


def test_missing_required_header_column_is_an_error(tmp_path, agency):
    path = write_csv(
        tmp_path / "ho-so.csv", [["HS1", "so-tp", "2019-03-01"]], header=["ma_ho_so", "ma_co_quan", "ngay_tiep_nhan"]
    )
    with pytest.raises(DossierImportError) as caught:
        dossiers_import_csv(path=path)
    assert [(error.line, error.column) for error in caught.value.result.errors] == [(1, "ten_co_quan")]


# --- the command -------------------------------------------------------------------------------------------------


def test_command_imports_the_file(tmp_path, agency):
    path = write_csv(tmp_path / "ho-so.csv", [row(received="2019-03-01", due="2019-03-08")])
    call_command("import_dossiers", str(path), "--source", "mot-cua", "--no-progress", stdout=io.StringIO())
    assert Dossier.objects.filter(source__name="mot-cua").count() == 1


def test_command_fails_on_a_bad_row_naming_line_and_column(tmp_path, agency, capsys):
    path = write_csv(tmp_path / "ho-so.csv", [row(received="2019-03-01", due="hôm qua")])
    with pytest.raises(CommandError):
        call_command("import_dossiers", str(path), "--no-progress")
    assert "Dòng 2, cột han_xu_ly" in capsys.readouterr().err


def test_received_date_only_is_midnight_local(tmp_path, agency):
    dossier = import_one(tmp_path, {"received": "2019-03-01", "due": "2019-03-08"}).get()
    assert dossier.received_at == dt.datetime(2019, 2, 28, 17, 0, tzinfo=dt.UTC)


# --- the streaming reader and writer ------------------------------------------------------------------------------


def test_a_code_repeated_in_one_file_is_stored_once_from_its_last_row(tmp_path, agency):
    path = write_csv(
        tmp_path / "ho-so.csv",
        [row("HS1", received="2019-03-01", due="2019-03-08"), row("HS1", received="2019-03-01", due="2019-03-15")],
    )
    dossiers_import_csv(path=path)
    assert list(Dossier.objects.values_list("due_at", flat=True)) == [local(2019, 3, 15, 17)]


def test_a_code_repeated_across_chunks_is_stored_from_its_last_row(tmp_path, agency, monkeypatch):
    monkeypatch.setattr(dossier_writers, "CHUNK_SIZE", 2)
    rows = [row(f"HS{n}", received="2019-03-01", due="2019-03-08") for n in range(3)]
    rows.append(row("HS0", received="2019-03-01", due="2019-03-15"))
    dossiers_import_csv(path=write_csv(tmp_path / "ho-so.csv", rows))
    assert Dossier.objects.get(code="HS0").due_at == local(2019, 3, 15, 17)


def test_every_chunk_of_a_file_is_written(tmp_path, agency, monkeypatch):
    monkeypatch.setattr(dossier_writers, "CHUNK_SIZE", 2)
    rows = [row(f"HS{n}", received="2019-03-01", due="2019-03-08") for n in range(5)]
    result = dossiers_import_csv(path=write_csv(tmp_path / "ho-so.csv", rows))
    assert (result.created, Dossier.objects.count()) == (5, 5)


def test_a_failing_row_after_a_written_chunk_leaves_nothing_written(tmp_path, agency, monkeypatch):
    monkeypatch.setattr(dossier_writers, "CHUNK_SIZE", 2)
    rows = [row(f"HS{n}", received="2019-03-01", due="2019-03-08") for n in range(4)]
    rows.append(row("HS9", received="hôm nay", due="2019-03-08"))
    with pytest.raises(DossierImportError):
        dossiers_import_csv(path=write_csv(tmp_path / "ho-so.csv", rows))
    assert Dossier.objects.count() == 0


def test_codes_with_tabs_and_backslashes_are_stored_verbatim(tmp_path, agency):
    dossiers_import_csv(
        path=write_csv(tmp_path / "ho-so.csv", [row("HS\\1\tB", received="2019-03-01", due="2019-03-08")])
    )
    assert Dossier.objects.get().code == "HS\\1\tB"


def test_blank_lines_are_skipped(tmp_path, agency):
    path = tmp_path / "ho-so.csv"
    path.write_text(
        ",".join(HEADER) + "\n\nHS1,so-tp,Sở Tư pháp,,,2019-03-01,2019-03-08,,\n\n", encoding="utf-8", newline=""
    )
    result = dossiers_import_csv(path=path)
    assert (result.rows, Dossier.objects.count()) == (1, 1)


def test_a_short_record_reads_its_missing_cells_as_empty(tmp_path, agency):
    path = write_csv(tmp_path / "ho-so.csv", [["HS1", "so-tp", "Sở Tư pháp", "", "", "2019-03-01", "2019-03-08"]])
    dossiers_import_csv(path=path)
    assert Dossier.objects.get().status == "dang_giai_quyet"


def test_a_record_longer_than_the_header_is_reported_with_its_line(tmp_path, agency):
    path = write_csv(tmp_path / "ho-so.csv", [[*row(received="2019-03-01", due="2019-03-08"), "thừa"]])
    with pytest.raises(DossierImportError) as caught:
        dossiers_import_csv(path=path)
    assert [(error.line, error.column) for error in caught.value.result.errors] == [(2, "*")]


def test_columns_are_read_by_name_in_any_order(tmp_path, agency):
    header = ["ngay_tiep_nhan", "han_xu_ly", "ten_co_quan", "ma_co_quan", "ma_ho_so"]
    path = write_csv(
        tmp_path / "ho-so.csv", [["2019-03-01", "2019-03-08", "Sở Tư pháp", "so-tp", "HS1"]], header=header
    )
    dossiers_import_csv(path=path)
    assert Dossier.objects.get().due_at == local(2019, 3, 8, 17)


def test_a_resolution_in_the_tolerated_hour_ahead_stores_the_final_outcome(tmp_path, agency):
    # Now is 1/6/2019 10:00 (+07); a resolution at 10:30 is accepted (clock skew) and is already final: early.
    dossier = import_one(
        tmp_path, {"received": "2019-05-30", "due": "2019-06-05", "resolved": "2019-06-01T10:30:00+07:00"}
    )
    assert dossier.get().outcome == Outcome.EARLY


def test_a_moment_in_another_offset_is_stored_as_the_same_instant(tmp_path, agency):
    dossier = import_one(tmp_path, {"received": "2019-03-01T02:00:00+00:00", "due": "2019-03-08"}).get()
    assert dossier.received_at == local(2019, 3, 1, 9)


def test_catalog_lookups_between_chunks_see_the_same_transaction(tmp_path, agency, monkeypatch):
    # One row per chunk: each new procedure code is looked up in the catalog while the previous chunk is being
    # merged (in the background on PostgreSQL); both rows get their catalog due dates.
    monkeypatch.setattr(dossier_writers, "CHUNK_SIZE", 1)
    first = ProcedureVersionFactory(amount="5", unit=TimeUnit.WORKING_DAYS)
    second = ProcedureVersionFactory(amount="2", unit=TimeUnit.WORKING_DAYS)
    rows = [
        row("HS1", received="2019-03-01T09:00:00+07:00", procedure=first.code),
        row("HS2", received="2019-03-01T09:00:00+07:00", procedure=second.code),
    ]
    dossiers_import_csv(path=write_csv(tmp_path / "ho-so.csv", rows))
    assert list(Dossier.objects.order_by("code").values_list("due_at", flat=True)) == [
        local(2019, 3, 8, 17),
        local(2019, 3, 5, 17),
    ]


def test_agencies_created_between_chunks_are_used(tmp_path, agency, monkeypatch):
    monkeypatch.setattr(dossier_writers, "CHUNK_SIZE", 1)
    rows = [
        row("HS1", received="2019-03-01", due="2019-03-08"),
        row("HS2", received="2019-03-01", due="2019-03-08", agency="so-moi"),
    ]
    dossiers_import_csv(path=write_csv(tmp_path / "ho-so.csv", rows), create_agencies=True)
    assert Dossier.objects.get(code="HS2").agency.code == "so-moi"


def test_reimporting_an_unchanged_dossier_leaves_it_as_stored(tmp_path, agency):
    path = write_csv(tmp_path / "ho-so.csv", [row(received="2019-03-01", due="2019-03-08", resolved="2019-03-05")])
    dossiers_import_csv(path=path)
    with freeze_time("2019-06-02 10:00:00+07:00"):
        dossiers_import_csv(path=path)
    assert Dossier.objects.get().imported_at == local(2019, 6, 1, 10)


def test_reimporting_a_changed_dossier_records_the_new_import_time(tmp_path, agency):
    dossiers_import_csv(path=write_csv(tmp_path / "a.csv", [row(received="2019-03-01", due="2019-03-08")]))
    with freeze_time("2019-06-02 10:00:00+07:00"):
        dossiers_import_csv(
            path=write_csv(tmp_path / "b.csv", [row(received="2019-03-01", due="2019-03-08", resolved="2019-03-05")])
        )
    assert Dossier.objects.get().imported_at == local(2019, 6, 2, 10)


def test_reimporting_an_unchanged_file_counts_its_dossiers_as_updated(tmp_path, agency):
    path = write_csv(tmp_path / "ho-so.csv", [row(received="2019-03-01", due="2019-03-08", resolved="2019-03-05")])
    dossiers_import_csv(path=path)
    result = dossiers_import_csv(path=path)
    assert (result.created, result.updated) == (0, 1)


# --- source systems bound to agencies ---------------------------------------------------------------------------


def test_a_file_under_a_bound_sources_name_is_held_to_its_agencies(tmp_path, agency):
    AgencyFactory(code="so-yt", name="Sở Y tế")
    SourceSystemFactory(name="mot-cua-tp", agencies=[agency])
    path = write_csv(tmp_path / "ho-so.csv", [row(received="2019-03-01", due="2019-03-08", agency="so-yt")])

    with pytest.raises(DossierImportError) as raised:
        dossiers_import_csv(path=path, source_name="mot-cua-tp")

    assert [(error.line, error.column) for error in raised.value.result.errors] == [(2, "ma_co_quan")]


def test_skip_invalid_stores_the_registered_agencys_rows_only(tmp_path, agency):
    AgencyFactory(code="so-yt", name="Sở Y tế")
    SourceSystemFactory(name="mot-cua-tp", agencies=[agency])
    rows = [
        row("HS1", received="2019-03-01", due="2019-03-08"),
        row("HS2", received="2019-03-01", due="2019-03-08", agency="so-yt"),
    ]

    dossiers_import_csv(path=write_csv(tmp_path / "ho-so.csv", rows), source_name="mot-cua-tp", skip_invalid=True)

    assert list(Dossier.objects.values_list("code", flat=True)) == ["HS1"]


def test_a_bound_source_does_not_create_agencies(tmp_path, agency):
    SourceSystemFactory(name="mot-cua-tp", agencies=[agency])
    path = write_csv(tmp_path / "ho-so.csv", [row(received="2019-03-01", due="2019-03-08", agency="so-moi")])

    with pytest.raises(DossierImportError):
        dossiers_import_csv(path=path, source_name="mot-cua-tp", create_agencies=True)

    assert not Agency.objects.filter(code="so-moi").exists()


def test_a_new_file_source_is_open_to_every_agency(tmp_path, agency):
    dossiers_import_csv(path=write_csv(tmp_path / "ho-so.csv", [row(received="2019-03-01", due="2019-03-08")]))

    assert Dossier.objects.get().source.all_agencies


def test_the_sample_file_documented_in_the_readme_imports(settings):
    # README "Dossiers for on-time statistics: ho-so/1" points to this file.
    path = settings.BASE_DIR / "data" / "ho-so-1-sample.csv"
    result = dossiers_import_csv(path=path, create_agencies=True)
    outcomes = dict(Dossier.objects.values_list("code", "outcome"))
    assert (result.rows, result.errors, outcomes["000.00.15.H55-190306-0003"]) == (5, [], Outcome.LATE)


def test_a_file_with_the_documented_header_is_read_by_column_name(tmp_path, agency):
    record = dict.fromkeys(CSV_COLUMNS, "") | {
        "ma_ho_so": "HS1",
        "ma_co_quan": "so-tp",
        "ten_co_quan": "Sở Tư pháp",
        "ngay_tiep_nhan": "2019-03-01",
        "han_xu_ly": "2019-03-08",
        "ngay_tra_ket_qua": "2019-03-05",
    }
    dossiers_import_csv(path=write_csv(tmp_path / "ho-so.csv", [list(record.values())], header=list(CSV_COLUMNS)))
    assert Dossier.objects.values_list("due_at", "resolved_at").get() == (local(2019, 3, 8, 17), local(2019, 3, 5))
