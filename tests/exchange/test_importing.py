"""Import of tthc-exchange/1 documents: validation, idempotency, dry run, skip-invalid, atomicity."""

import datetime as dt
import json
import lzma

import pytest
from django.core.management import CommandError, call_command

from catalog.choices import Channel, ProcedureStatus, TimeLimitStatus
from catalog.models import DossierItem, Field, Procedure, ProcedureChannel, ProcedureTimeLimit, ProcedureVersion
from exchange.records import DossierGroupRecord, PaperRecord, ProcedureRecord
from exchange.services.importing import (
    ImportRefused,
    document_load,
    import_sample_if_empty,
    procedures_import,
    records_write,
)
from tests.factories.catalog import AgencyFactory, ProcedureFactory
from tests.factories.exchange import ExchangeProcedureFactory, exchange_document

pytestmark = pytest.mark.django_db


def _refused(document, **kwargs):
    with pytest.raises(ImportRefused) as caught:
        procedures_import(document=document, **kwargs)
    return caught.value.result.problems


def test_import_creates_procedure():
    procedures_import(document=exchange_document(ExchangeProcedureFactory(ma_thu_tuc="2.000001")))
    assert Procedure.objects.filter(code="2.000001", live=True, has_unpublished_changes=False).exists()


def test_import_maps_channels_with_original_label():
    raw = ExchangeProcedureFactory()
    raw["cach_thuc_thuc_hien"][0]["hinh_thuc_nop"] = "Bưu chính công ích"
    procedures_import(document=exchange_document(raw))
    channel = ProcedureChannel.objects.order_by("sort_order").first()
    assert (channel.channel, channel.channel_label) == (Channel.POSTAL, "Bưu chính công ích")


def test_import_structures_parsed_time_limit():
    procedures_import(document=exchange_document(ExchangeProcedureFactory()))
    limit = ProcedureTimeLimit.objects.get()
    assert (limit.channel, limit.amount, limit.unit) == (Channel.IN_PERSON, 5, "working_days")


def test_import_flags_bare_number_without_structure():
    procedures_import(document=exchange_document(ExchangeProcedureFactory()))
    online = ProcedureChannel.objects.get(channel=Channel.ONLINE)
    assert (online.time_limit_status, bool(online.time_limit_flag)) == (TimeLimitStatus.NEEDS_REVIEW, True)


def test_import_marks_data_pipeline_units_uncertain():
    raw = ExchangeProcedureFactory(nguon={"repo": "suzynotsusie/data-pipeline"})
    procedures_import(document=exchange_document(raw))
    assert ProcedureChannel.objects.get(channel=Channel.IN_PERSON).time_limit_status == TimeLimitStatus.NEEDS_REVIEW


def test_import_missing_time_limit_text_is_missing():
    raw = ExchangeProcedureFactory()
    raw["cach_thuc_thuc_hien"][0]["thoi_han_giai_quyet"] = None
    procedures_import(document=exchange_document(raw))
    assert ProcedureChannel.objects.get(channel=Channel.IN_PERSON).time_limit_status == TimeLimitStatus.MISSING


def test_import_keeps_unknown_fee_as_null():
    procedures_import(document=exchange_document(ExchangeProcedureFactory()))
    assert ProcedureChannel.objects.get(channel=Channel.ONLINE).fee_text is None


def test_import_links_agency_by_normalised_name():
    agency = AgencyFactory(name="Sở Tư pháp")
    raw = ExchangeProcedureFactory(co_quan_thuc_hien=["  sở   TƯ pháp "])
    procedures_import(document=exchange_document(raw))
    assert Procedure.objects.get().agencies.get(role="implementing").agency == agency


def test_import_creates_field_with_ascii_slug():
    procedures_import(document=exchange_document(ExchangeProcedureFactory(linh_vuc="Đất đai")))
    assert Field.objects.get(name="Đất đai").slug == "dat-dai"


def test_import_maps_levels_case_insensitively():
    procedures_import(document=exchange_document(ExchangeProcedureFactory(cap_thuc_hien=["cấp xã"])))
    assert list(Procedure.objects.get().levels.values_list("code", flat=True)) == ["xa"]


def test_import_keeps_unknown_keys_in_extra():
    raw = ExchangeProcedureFactory(ma_nguon_rieng={"id": 7})
    procedures_import(document=exchange_document(raw))
    assert Procedure.objects.get().extra == {"ma_nguon_rieng": {"id": 7}}


def test_import_keeps_source_in_source():
    procedures_import(document=exchange_document(ExchangeProcedureFactory(nguon={"repo": "a/b", "path": "p"})))
    assert Procedure.objects.get().source == {"repo": "a/b", "path": "p"}


def test_import_normalises_text_to_nfc():
    procedures_import(document=exchange_document(ExchangeProcedureFactory(ten_thu_tuc="Thu\u0309 tu\u0323c NFD")))
    assert Procedure.objects.get().name == "Thủ tục NFD"


@pytest.mark.parametrize("name", [". Thủ tục cấp phép", "1.\tThủ tục cấp phép", "- Thủ tục cấp phép"])
def test_import_drops_the_list_marker_a_source_left_before_a_name(name):
    procedures_import(document=exchange_document(ExchangeProcedureFactory(ten_thu_tuc=name)))
    assert Procedure.objects.get().name == "Thủ tục cấp phép"


def test_importing_a_name_with_a_list_marker_twice_changes_nothing():
    document = exchange_document(ExchangeProcedureFactory(ma_thu_tuc="2.000001", ten_thu_tuc=". Thủ tục cấp phép"))
    procedures_import(document=document)
    result = procedures_import(document=document)
    assert (len(result.updated), result.unchanged) == (0, 1)


def test_import_reports_counts():
    result = procedures_import(document=exchange_document(ExchangeProcedureFactory(), ExchangeProcedureFactory()))
    assert (len(result.created), len(result.updated), result.unchanged) == (2, 0, 0)


# --- bad input -----------------------------------------------------------------------------------------


def test_malformed_file_is_refused(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text('{"format": "tthc-exchange/1", "procedures": [', encoding="utf-8")
    with pytest.raises(ImportRefused) as caught:
        document_load(path)
    assert caught.value.result.problems[0].index is None


def test_wrong_format_is_refused():
    problems = _refused({"format": "other/2", "procedures": []})
    assert problems[0].path == "format"


def test_unknown_top_level_key_is_refused():
    problems = _refused(exchange_document(ExchangeProcedureFactory(), phien_ban_tep=2))
    assert "phien_ban_tep" in problems[0].reason


def test_schema_failure_names_index_and_path():
    bad = ExchangeProcedureFactory()
    bad["thanh_phan_ho_so"][0]["giay_to"][0]["so_ban_chinh"] = "một"
    problem = _refused(exchange_document(ExchangeProcedureFactory(), bad))[0]
    assert (problem.index, problem.path) == (1, "thanh_phan_ho_so[0].giay_to[0].so_ban_chinh")


def test_missing_name_is_refused_with_path():
    bad = ExchangeProcedureFactory()
    del bad["ten_thu_tuc"]
    assert _refused(exchange_document(bad))[0].path == "ten_thu_tuc"


def test_unknown_nested_key_is_refused():
    bad = ExchangeProcedureFactory()
    bad["cach_thuc_thuc_hien"][0]["ghi_chu"] = "x"
    assert _refused(exchange_document(bad))[0].path == "cach_thuc_thuc_hien[0]"


def test_invalid_code_is_refused():
    problem = _refused(exchange_document(ExchangeProcedureFactory(ma_thu_tuc="1.0011")))[0]
    assert (problem.index, problem.path) == (0, "ma_thu_tuc")


@pytest.mark.parametrize("code", ("1.001193", "1.012753.H19", "1.001234.000.00.00.H55"))
def test_import_keeps_every_national_code_form(code):
    procedures_import(document=exchange_document(ExchangeProcedureFactory(ma_thu_tuc=code)))
    assert Procedure.objects.get().code == code


def test_duplicate_code_in_file_is_refused():
    problems = _refused(
        exchange_document(
            ExchangeProcedureFactory(ma_thu_tuc="2.000009"), ExchangeProcedureFactory(ma_thu_tuc="2.000009")
        )
    )
    assert (problems[0].index, problems[0].path) == (1, "ma_thu_tuc")


def test_negative_time_limit_is_refused():
    bad = ExchangeProcedureFactory()
    bad["cach_thuc_thuc_hien"][0]["thoi_han_giai_quyet"] = "-5 ngày làm việc"
    assert _refused(exchange_document(bad))[0].path == "cach_thuc_thuc_hien[0].thoi_han_giai_quyet"


def test_zero_structured_time_limit_is_refused():
    bad = ExchangeProcedureFactory()
    bad["thoi_han_cau_truc"] = [
        {
            "hinh_thuc_nop": "Trực tiếp",
            "trang_thai": "manual",
            "cac_truong_hop": [{"so_luong": "0", "don_vi": "working_days"}],
        },
        {"hinh_thuc_nop": "Trực tuyến", "trang_thai": "needs_review", "cac_truong_hop": []},
    ]
    assert _refused(exchange_document(bad))[0].path == "thoi_han_cau_truc[0].cac_truong_hop[0].so_luong"


def test_zero_published_time_limit_is_kept_flagged():
    raw = ExchangeProcedureFactory()
    raw["cach_thuc_thuc_hien"][0]["thoi_han_giai_quyet"] = "0 ngày"
    result = procedures_import(document=exchange_document(raw))
    assert result.warnings[0].path == "cach_thuc_thuc_hien[0].thoi_han_giai_quyet"


def test_unknown_channel_label_is_refused():
    bad = ExchangeProcedureFactory()
    bad["cach_thuc_thuc_hien"][0]["hinh_thuc_nop"] = "Qua điện thoại"
    assert _refused(exchange_document(bad))[0].path == "cach_thuc_thuc_hien[0].hinh_thuc_nop"


def test_unknown_level_is_refused():
    assert (
        _refused(exchange_document(ExchangeProcedureFactory(cap_thuc_hien=["Cấp thôn"])))[0].path == "cap_thuc_hien[0]"
    )


def test_reserved_key_is_refused():
    raw = ExchangeProcedureFactory()
    raw["__exchange__"] = {}
    assert _refused(exchange_document(raw))[0].index == 0


def test_code_of_abolished_procedure_is_a_conflict():
    ProcedureFactory(code="2.000010", status=ProcedureStatus.ABOLISHED)
    problem = _refused(exchange_document(ExchangeProcedureFactory(ma_thu_tuc="2.000010")))[0]
    assert (problem.index, problem.path) == (0, "ma_thu_tuc")


def test_nothing_written_when_one_record_is_invalid():
    _refused(exchange_document(ExchangeProcedureFactory(), ExchangeProcedureFactory(ma_thu_tuc="x")))
    assert not Procedure.objects.exists()


def test_skip_invalid_writes_valid_records():
    document = exchange_document(
        ExchangeProcedureFactory(ma_thu_tuc="2.000011"), ExchangeProcedureFactory(ma_thu_tuc="x")
    )
    procedures_import(document=document, skip_invalid=True)
    assert list(Procedure.objects.values_list("code", flat=True)) == ["2.000011"]


def test_skip_invalid_lists_skipped_records():
    document = exchange_document(ExchangeProcedureFactory(), ExchangeProcedureFactory(ma_thu_tuc="x"))
    assert procedures_import(document=document, skip_invalid=True).skipped == [1]


# --- idempotency, dry run, updates ---------------------------------------------------------------------


def test_second_import_changes_nothing():
    document = exchange_document(ExchangeProcedureFactory(), ExchangeProcedureFactory())
    procedures_import(document=document)
    result = procedures_import(document=document)
    assert (result.created, result.updated, result.unchanged) == ([], [], 2)


def test_second_import_keeps_rows():
    document = exchange_document(ExchangeProcedureFactory())
    procedures_import(document=document)
    before = list(ProcedureChannel.objects.values_list("pk", flat=True))
    procedures_import(document=document)
    assert list(ProcedureChannel.objects.values_list("pk", flat=True)) == before


def test_same_code_updates_the_procedure():
    procedures_import(document=exchange_document(ExchangeProcedureFactory(ma_thu_tuc="2.000012")))
    result = procedures_import(
        document=exchange_document(ExchangeProcedureFactory(ma_thu_tuc="2.000012", ten_thu_tuc="Tên mới"))
    )
    assert result.updated == [("2.000012", ["name"])]


def test_dry_run_writes_nothing():
    procedures_import(document=exchange_document(ExchangeProcedureFactory()), dry_run=True)
    assert not Procedure.objects.exists()


def test_dry_run_reports_what_would_change():
    result = procedures_import(
        document=exchange_document(ExchangeProcedureFactory(ma_thu_tuc="2.000013")), dry_run=True
    )
    assert result.created == ["2.000013"]


def test_in_force_from_creates_baseline_versions():
    procedures_import(document=exchange_document(ExchangeProcedureFactory()), in_force_from=dt.date(2019, 1, 1))
    assert ProcedureVersion.objects.in_force_on(dt.date(2019, 1, 1)).count() == 1


def test_changed_record_in_force_gets_new_version():
    procedures_import(
        document=exchange_document(ExchangeProcedureFactory(ma_thu_tuc="2.000014")), in_force_from=dt.date(2019, 1, 1)
    )
    procedures_import(
        document=exchange_document(ExchangeProcedureFactory(ma_thu_tuc="2.000014", ten_thu_tuc="Đổi tên")),
        in_force_from=dt.date(2020, 1, 1),
    )
    assert ProcedureVersion.objects.in_force_on(dt.date(2020, 1, 1)).get().number == 2


def test_manual_structuring_survives_reimport_of_same_text():
    document = exchange_document(ExchangeProcedureFactory(ma_thu_tuc="2.000015"))
    procedures_import(document=document)
    online = ProcedureChannel.objects.get(channel=Channel.ONLINE)
    online.time_limit_status = TimeLimitStatus.MANUAL
    online.save()
    ProcedureTimeLimit.objects.create(procedure=online.procedure, channel=Channel.ONLINE, amount=1, unit="working_days")
    assert procedures_import(document=document).unchanged == 1


def test_import_sample_if_empty_is_noop_when_procedures_exist(tmp_path):
    ProcedureFactory()
    assert import_sample_if_empty(path=tmp_path / "absent.json", in_force_from=None) is None


# --- atomicity -----------------------------------------------------------------------------------------


def test_write_failure_leaves_database_unchanged():
    ProcedureFactory(code="2.000016")
    good = [ProcedureRecord(code=f"2.1000{i:02d}", name=f"Thủ tục {i}", levels=("Cấp Tỉnh",)) for i in range(600)]
    # A negative number of originals passes no validation here and violates the column's CHECK constraint.
    bad = ProcedureRecord(
        code="2.200000", name="Hỏng", dossier=(DossierGroupRecord(None, (PaperRecord("x", originals=-1),)),)
    )
    with pytest.raises(Exception):  # noqa: B017 - the database's own integrity error, vendor-specific class
        records_write(records=[*good, bad])
    assert (Procedure.objects.count(), DossierItem.objects.count()) == (1, 0)


# --- command -------------------------------------------------------------------------------------------


def test_command_refuses_invalid_file(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(exchange_document(ExchangeProcedureFactory(ma_thu_tuc="x"))), encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("import_procedures", str(path), verbosity=0)


def test_command_reads_xz(tmp_path):
    path = tmp_path / "doc.json.xz"
    with lzma.open(path, "wt", encoding="utf-8") as handle:
        json.dump(exchange_document(ExchangeProcedureFactory(ma_thu_tuc="2.000017")), handle)
    call_command("import_procedures", str(path), verbosity=0)
    assert Procedure.objects.filter(code="2.000017").exists()


# --- a channel repeated once per case (the portal's layout): every case kept with its label ---------------


def _rows(*rows):
    return [
        {"hinh_thuc_nop": label, "thoi_han_giai_quyet": text, "phi_le_phi": "Miễn phí", "mo_ta": description}
        for label, text, description in rows
    ]


def _limits(channel=Channel.IN_PERSON):
    return [
        (limit.case, limit.amount, limit.unit)
        for limit in ProcedureTimeLimit.objects.filter(channel=channel).order_by("sort_order")
    ]


def test_channel_repeated_per_case_keeps_every_case_with_its_label():
    raw = ExchangeProcedureFactory(
        cach_thuc_thuc_hien=_rows(
            ("Trực tiếp", "2 Ngày làm việc", "Trường hợp không phải xác minh: trong thời hạn 02 ngày làm việc."),
            ("Trực tiếp", "3 Ngày làm việc", "- Trường hợp cần xác minh nguồn gốc lâm sản: trong thời hạn 03 ngày."),
            ("Trực tiếp", "4 Ngày làm việc", "- Trường hợp cần xác minh mà có nhiều nội dung phức \ntạp: 04 ngày."),
        )
    )
    procedures_import(document=exchange_document(raw))

    assert _limits() == [
        ("Trường hợp không phải xác minh", 2, "working_days"),
        ("Trường hợp cần xác minh nguồn gốc lâm sản", 3, "working_days"),
        ("Trường hợp cần xác minh mà có nhiều nội dung phức tạp", 4, "working_days"),
    ]


def test_stages_with_the_same_amount_are_two_cases_not_one():
    raw = ExchangeProcedureFactory(
        cach_thuc_thuc_hien=_rows(
            ("Trực tiếp", "1 Ngày làm việc", "Tiếp nhận và kiểm tra thành phần hồ sơ ngay trong ngày làm việc."),
            ("Trực tiếp", "1 Ngày làm việc", "Thẩm định hồ sơ và trả kết quả: 01 ngày làm việc."),
        )
    )
    procedures_import(document=exchange_document(raw))

    assert [case for case, _amount, _unit in _limits()] == [
        "Tiếp nhận và kiểm tra thành phần hồ sơ ngay trong ngày làm việc",
        "Thẩm định hồ sơ và trả kết quả",
    ]


def test_rows_saying_the_same_thing_give_one_limit():
    raw = ExchangeProcedureFactory(
        cach_thuc_thuc_hien=_rows(("Trực tiếp", "5 Ngày làm việc", None), ("Trực tiếp", "5 Ngày làm việc", None))
    )
    procedures_import(document=exchange_document(raw))

    assert _limits() == [("", 5, "working_days")]


def test_channel_with_a_row_that_cannot_be_read_gets_no_limit_from_the_others():
    raw = ExchangeProcedureFactory(
        cach_thuc_thuc_hien=_rows(("Trực tiếp", "5 Ngày làm việc", "A: 5 ngày"), ("Trực tiếp", "1", "B"))
    )
    procedures_import(document=exchange_document(raw))

    assert _limits() == []


def test_text_listing_labelled_cases_keeps_every_case():
    text = "a) Không quá 10 ngày làm việc đối với cấp mới; b) Không quá 05 ngày làm việc đối với cấp lại"
    raw = ExchangeProcedureFactory(cach_thuc_thuc_hien=_rows(("Trực tiếp", text, None)))
    procedures_import(document=exchange_document(raw))

    channel = ProcedureChannel.objects.get(channel=Channel.IN_PERSON)
    assert (channel.time_limit_status, _limits()) == (
        TimeLimitStatus.PARSED,
        [("cấp mới", 10, "working_days"), ("cấp lại", 5, "working_days")],
    )


def test_deadline_of_a_channel_with_several_cases_is_never_guessed(client):
    raw = ExchangeProcedureFactory(
        ma_thu_tuc="1.000045",
        cach_thuc_thuc_hien=_rows(
            ("Trực tiếp", "2 Ngày làm việc", "Trường hợp không phải xác minh: 02 ngày làm việc."),
            ("Trực tiếp", "3 Ngày làm việc", "Trường hợp cần xác minh: 03 ngày làm việc."),
        ),
    )
    procedures_import(document=exchange_document(raw), in_force_from=dt.date(2019, 1, 1))
    query = {"received_at": "2019-03-13T09:00", "procedure": "1.000045", "channel": "truc_tiep"}

    ambiguous = client.get("/api/v1/deadline", query).json()
    chosen = client.get("/api/v1/deadline", {**query, "case": "Trường hợp cần xác minh"}).json()

    assert [case["amount"] for case in ambiguous["cases"]] == [2, 3] and chosen["due_date"] == "2019-03-18"
