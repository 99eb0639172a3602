"""POST data for the admin forms, formset management data included, as the browser would send it."""

from catalog.choices import AgencyRole, Channel, StartEvent, TimeLimitStatus, TimeUnit

FORMSETS = ("steps", "channels", "time_limits", "dossier_items", "agencies", "legal_bases")


def _formset(prefix: str, rows: list[dict]) -> dict:
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        data[f"{prefix}-{index}-ORDER"] = str(index + 1)
        data[f"{prefix}-{index}-DELETE"] = ""
        data[f"{prefix}-{index}-id"] = ""
        data.update({f"{prefix}-{index}-{key}": value for key, value in row.items()})
    return data


def procedure_post_data(*, complete: bool = True, **fields) -> dict:
    """A new procedure as the add form posts it; `complete=False` leaves every child list empty."""
    data = {
        "code": "1.009999",
        "slug": "",
        "name": "Thủ tục đăng ký khai sinh thử nghiệm",
        "procedure_type": "TTHC được luật giao quy định chi tiết",
        "central_decision_number": "1872/QĐ-BTP",
        "applicants": "Công dân Việt Nam\nNgười nước ngoài",
        "results": "Giấy khai sinh",
        "keywords": "khai sinh\nhộ tịch",
        "receiving_address": "Bộ phận Một cửa UBND cấp xã",
        "requirements": "",
        "description": "",
        "online_service_level": "",
        "one_stop": "on",
        "inter_agency_group": "",
    }
    rows: dict[str, list[dict]] = {prefix: [] for prefix in FORMSETS}
    if complete:
        data["no_requirements"] = "on"  # staff state that there is none: "Không"
        rows["steps"] = [{"text": "Bước 1: Nộp hồ sơ"}, {"text": "Bước 2: Nhận kết quả"}]
        rows["channels"] = [
            {
                "channel": Channel.IN_PERSON,
                "channel_label": "",
                "time_limit_text": "Ngay trong ngày làm việc",
                "time_limit_status": TimeLimitStatus.PARSED,
                "fee_text": "Không thu phí",
                "description": "",
            }
        ]
        rows["time_limits"] = [
            {
                "channel": Channel.IN_PERSON,
                "case": "",
                "amount": "0",
                "unit": TimeUnit.SAME_DAY,
                "start_event": StartEvent.RECEIPT,
            }
        ]
        rows["dossier_items"] = [
            {
                "case": "",
                "name": "Tờ khai đăng ký khai sinh",
                "forms": "Mẫu 01\nMẫu 02",
                "originals": "1",
                "copies": "0",
                "required": "on",
            }
        ]
        rows["agencies"] = [{"role": AgencyRole.IMPLEMENTING, "name": "UBND cấp xã", "agency": ""}]
    for prefix in FORMSETS:
        data.update(_formset(prefix, rows[prefix]))
    data.update(fields)
    return data


def reception_place_post_data(
    *,
    rules: list[dict] | None = None,
    additions: list[int] | None = None,
    exclusions: list[int] | None = None,
    **fields,
) -> dict:
    """A reception place as its admin form posts it: rules (agency/field/level ids) and chosen procedures."""
    data = {
        "name": "Bộ phận Một cửa UBND xã An Hiệp",
        "slug": "",
        "agency": "",
        "address": "Ấp An Hòa, xã An Hiệp",
        "notice_receiver": "Văn phòng UBND tỉnh Sóc Trăng",
        "notice_address": "",
        "notice_mailing_address": "",
        "notice_phone": "0299.3822049",
        "notice_email": "",
        "notice_website": "",
        "posted_at": "",
    }
    rule_rows = [{"agency": "", "field": "", "level": "", **rule} for rule in rules or []]
    data.update(_formset("posting_rules", rule_rows))
    data.update(_formset("posting_additions", [{"procedure": pk} for pk in additions or []]))
    data.update(_formset("posting_exclusions", [{"procedure": pk} for pk in exclusions or []]))
    data.update(fields)
    return data


def decision_post_data(agency, *items) -> dict:
    """POST data of the decision add form: a draft for `agency` announcing each procedure as new."""
    data = {
        "number": "12/QĐ-UBND",
        "title": "Công bố thủ tục",
        "signed_on": "",
        "signer": "",
        "effective_on": "",
        "basis_effective_on": "",
        "proposing_agency": agency.pk,
        "proposal_reference": "",
        "document": "",
        "items-TOTAL_FORMS": str(len(items)),
        "items-INITIAL_FORMS": "0",
        "items-MIN_NUM_FORMS": "0",
        "items-MAX_NUM_FORMS": "1000",
    }
    for index, procedure in enumerate(items):
        data |= {
            f"items-{index}-procedure": procedure.pk,
            f"items-{index}-category": "new",
            f"items-{index}-successor": "",
            f"items-{index}-change_note": "",
            f"items-{index}-ORDER": str(index + 1),
            f"items-{index}-DELETE": "",
            f"items-{index}-id": "",
        }
    return data
