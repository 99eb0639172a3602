"""A small catalog with every field staff can enter set, announced through the decision services: the
national-database export tests read each value back and move the catalog between installations."""

import datetime as dt
from decimal import Decimal

from freezegun import freeze_time

from catalog.choices import AgencyRole, Channel, StartEvent, TimeLimitStatus, TimeUnit
from catalog.models import Agency, DossierItem, Field, Level, ProcedureLegalBasis, ProcedureTimeLimit
from catalog.services.decisions import decision_apply, decision_approve
from tests.factories.catalog import (
    AgencyFactory,
    DecisionFactory,
    DecisionItemFactory,
    LegalDocumentFactory,
    ProcedureAgencyFactory,
    ProcedureChannelFactory,
    ProcedureFactory,
    ProcedureStepFactory,
)


def every_field_procedure(**values):
    """A procedure with every element staff can enter, the optional national codes included."""
    field = Field.objects.create(name="Hộ tịch", slug="ho-tich", national_code="G09-TP03")
    Level.objects.filter(code="xa").update(national_code="3")
    owner = AgencyFactory(code="so-tu-phap", name="Sở Tư pháp", national_code="000.00.15.H55")
    commune = AgencyFactory(code="ubnd-xa", name="Ủy ban nhân dân cấp xã", national_code="000.00.00.X01")
    related = ProcedureFactory(complete=True, code="1.001193", name="Thủ tục đăng ký khai sinh")
    related.agencies.filter(name=commune.name).update(agency=commune)  # linked by name, as an import links
    procedure = ProcedureFactory(
        code="1.012753.H19",
        slug="dang-ky-ket-hon-1-012753-h19",
        name="Thủ tục đăng ký kết hôn",
        field=field,
        procedure_type="TTHC được luật giao quy định chi tiết",
        central_decision_number="1872/QĐ-BTP",
        owner_agency=owner,
        applicants=["Công dân Việt Nam"],
        results=["Giấy chứng nhận kết hôn"],
        receiving_address="Bộ phận Một cửa Ủy ban nhân dân cấp xã",
        requirements="",
        no_requirements=True,
        keywords=["kết hôn"],
        description="Đăng ký kết hôn giữa công dân Việt Nam cư trú trong nước.",
        online_service_level="toan_trinh",
        one_stop=True,
        inter_agency_group="Liên thông hộ tịch",
        **values,
    )
    procedure.levels.set(Level.objects.filter(code="xa"))
    procedure.related_procedures.set([related])
    procedure.save()
    ProcedureStepFactory(procedure=procedure, text="Bước 1: Nộp hồ sơ", sort_order=0)
    ProcedureStepFactory(procedure=procedure, text="Bước 2: Nhận kết quả", sort_order=1)
    ProcedureChannelFactory(
        procedure=procedure,
        channel=Channel.IN_PERSON,
        channel_label="Trực tiếp",
        time_limit_text="Ngay trong ngày làm việc",
        fee_text=None,
        no_fee=True,
        description="Tại Bộ phận Một cửa",
        time_limit_status=TimeLimitStatus.MANUAL,
        time_limit_flag="Cán bộ xác nhận",
        sort_order=0,
    )
    ProcedureChannelFactory(
        procedure=procedure,
        channel=Channel.ONLINE,
        channel_label="Trực tuyến",
        time_limit_text="01 ngày làm việc",
        fee_text="Miễn lệ phí",
        description=None,
        time_limit_status=TimeLimitStatus.MANUAL,
        sort_order=1,
    )
    ProcedureTimeLimit.objects.create(
        procedure=procedure,
        channel=Channel.IN_PERSON,
        amount=Decimal(0),
        unit=TimeUnit.SAME_DAY,
        start_event=StartEvent.RECEIPT,
        sort_order=0,
    )
    ProcedureTimeLimit.objects.create(
        procedure=procedure,
        channel=Channel.ONLINE,
        case="Hồ sơ đầy đủ",
        amount=Decimal(1),
        unit=TimeUnit.WORKING_DAYS,
        max_only=True,
        sort_order=1,
    )
    DossierItem.objects.create(
        procedure=procedure,
        case="",
        name="Tờ khai đăng ký kết hôn",
        forms=["Mẫu TP/HT-2020-KH"],
        originals=1,
        copies=0,
        sort_order=0,
    )
    DossierItem.objects.create(
        procedure=procedure,
        case="Người nước ngoài",
        name="Giấy xác nhận tình trạng hôn nhân",
        forms=[],
        originals=None,
        copies=1,
        required=False,
        sort_order=1,
    )
    ProcedureAgencyFactory(
        procedure=procedure, role=AgencyRole.IMPLEMENTING, name=commune.name, agency=commune, sort_order=0
    )
    ProcedureAgencyFactory(procedure=procedure, role=AgencyRole.COMPETENT, name="Ủy ban nhân dân cấp xã", sort_order=1)
    ProcedureAgencyFactory(procedure=procedure, role=AgencyRole.COORDINATING, name="Công an xã", sort_order=2)
    ProcedureLegalBasis.objects.create(
        procedure=procedure,
        number="60/2014/QH13",
        summary="Luật Hộ tịch",
        issued_on=dt.date(2014, 11, 20),
        issuer="Quốc hội",
    )
    return procedure


def announced_catalog():
    """The every-field procedure announced new by 100/QĐ-UBND (2019), amended by 345/QĐ-UBND (2020, with its
    legal document and change note) and now in force as version 2; its related procedure in force; a third
    procedure abolished by 345/QĐ-UBND; a fourth still a draft."""
    procedure = every_field_procedure()
    related = procedure.related_procedures.get()
    abolished = ProcedureFactory(complete=True, code="1.000001", name="Thủ tục cấp bản sao giấy tờ hộ tịch cũ")
    draft = ProcedureFactory(complete=True, code=None, slug="thu-tuc-du-thao", name="Thủ tục đang dự thảo")
    first = DecisionFactory(number="100/QĐ-UBND", signed_on=dt.date(2019, 1, 2), effective_on=dt.date(2019, 1, 15))
    for order, item in enumerate((procedure, related, abolished)):
        DecisionItemFactory(decision=first, procedure=item, category="new", sort_order=order)
    second = DecisionFactory(number="345/QĐ-UBND", signed_on=dt.date(2020, 7, 3), effective_on=dt.date(2020, 7, 15))
    amending = LegalDocumentFactory(
        number="04/2020/TT-BTP",
        summary="Quy định chi tiết thi hành Luật Hộ tịch",
        issued_on=dt.date(2020, 5, 28),
        issuer="Bộ Tư pháp",
    )
    DecisionItemFactory(
        decision=second,
        procedure=procedure,
        category="amended",
        legal_document=amending,
        change_note="Sửa đổi thành phần hồ sơ",
        sort_order=0,
    )
    DecisionItemFactory(
        decision=second, procedure=abolished, category="abolished", legal_document=amending, sort_order=1
    )
    with freeze_time("2020-08-01 09:00:00+07:00"):
        for decision in (first, second):
            decision_approve(decision=decision)
            decision_apply(decision=decision)
    return {"procedure": procedure, "related": related, "abolished": abolished, "draft": draft}


__all__ = ["Agency", "announced_catalog", "every_field_procedure"]
