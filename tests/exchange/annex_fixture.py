"""One decision announcing a new, an amended, a replaced and an abolished procedure (two new ones, at the
province and commune levels), built through the factories; the annex tests compare its renderings with
hand-written expectations."""

import datetime as dt

from catalog.choices import AgencyRole, Channel, TimeLimitStatus
from catalog.models import Level, ProcedureLegalBasis
from tests.factories.catalog import (
    AgencyFactory,
    DecisionFactory,
    DecisionItemFactory,
    DossierItemFactory,
    FieldFactory,
    LegalDocumentFactory,
    ProcedureAgencyFactory,
    ProcedureChannelFactory,
    ProcedureFactory,
    ProcedureStepFactory,
)


def _procedure(*, name, code, levels, field, channels, agency="Ủy ban nhân dân cấp xã", **values):
    procedure = ProcedureFactory(
        name=name,
        code=code,
        field=field,
        applicants=["Công dân Việt Nam"],
        results=["Giấy khai sinh"],
        no_requirements=True,
        **values,
    )
    procedure.levels.set(Level.objects.filter(code__in=levels))
    procedure.save()  # a ParentalManyToManyField is written on save
    ProcedureStepFactory(procedure=procedure, text="Bước 1: Nộp hồ sơ tại Bộ phận Một cửa")
    ProcedureStepFactory(procedure=procedure, text="Bước 2: Nhận kết quả")
    for index, (channel, label, time_limit, fee) in enumerate(channels):
        ProcedureChannelFactory(
            procedure=procedure,
            channel=channel,
            channel_label=label,
            time_limit_text=time_limit,
            fee_text=fee,
            description=None,
            time_limit_status=TimeLimitStatus.PARSED,
            sort_order=index,
        )
    DossierItemFactory(
        procedure=procedure, name="Tờ khai theo mẫu", forms=["Mẫu TP/HT-2020-KS.1"], originals=1, copies=0
    )
    ProcedureAgencyFactory(procedure=procedure, role=AgencyRole.IMPLEMENTING, name=agency)
    ProcedureLegalBasis.objects.create(
        procedure=procedure,
        number="60/2014/QH13",
        summary="Luật Hộ tịch",
        issued_on=dt.date(2014, 11, 20),
        issuer="Quốc hội",
    )
    return procedure


def annex_decision():
    civil = FieldFactory(name="Hộ tịch", slug="ho-tich")
    notary = FieldFactory(name="Chứng thực", slug="chung-thuc")
    birth = _procedure(
        name="Thủ tục đăng ký khai sinh",
        code=None,
        levels=("xa",),
        field=civil,
        channels=[(Channel.IN_PERSON, "Trực tiếp", "Ngay trong ngày làm việc", "Miễn lệ phí")],
        receiving_address="Bộ phận Một cửa Ủy ban nhân dân cấp xã",
    )
    extract = _procedure(
        name="Thủ tục cấp bản sao trích lục hộ tịch",
        code=None,
        levels=("bo", "tinh"),
        field=civil,
        channels=[
            (Channel.IN_PERSON, "Trực tiếp", "01 ngày làm việc", "8.000 đồng/bản sao"),
            (Channel.ONLINE, "Trực tuyến", "1", None),
        ],
        agency="Sở Tư pháp",
    )
    marriage = _procedure(
        name="Thủ tục đăng ký kết hôn",
        code="1.000894",
        levels=("bo", "xa"),
        field=civil,
        channels=[(Channel.IN_PERSON, "Trực tiếp", "Ngay trong ngày làm việc", "Miễn lệ phí")],
    )
    rebirth = _procedure(
        name="Thủ tục đăng ký lại khai sinh",
        code="1.004884",
        levels=("xa",),
        field=civil,
        channels=[(Channel.IN_PERSON, "Trực tiếp", "05 ngày làm việc", "Miễn lệ phí")],
    )
    copy = _procedure(
        name="Thủ tục chứng thực bản sao từ bản chính",
        code="1.012753.H19",
        levels=("tinh",),
        field=notary,
        channels=[(Channel.IN_PERSON, "Trực tiếp", "Trong ngày", "2.000 đồng/trang")],
        agency="Phòng Tư pháp",
    )
    amending = LegalDocumentFactory(
        number="04/2020/TT-BTP",
        summary="Quy định chi tiết thi hành Luật Hộ tịch",
        issued_on=dt.date(2020, 5, 28),
        issuer="Bộ Tư pháp",
    )
    abolishing = LegalDocumentFactory(
        number="23/2015/NĐ-CP",
        summary="Về cấp bản sao từ sổ gốc, chứng thực",
        issued_on=dt.date(2015, 2, 16),
        issuer="Chính phủ",
    )
    decision = DecisionFactory(
        number="345/QĐ-UBND",
        signed_on=dt.date(2020, 7, 3),
        effective_on=dt.date(2020, 7, 15),
        proposing_agency=AgencyFactory(code="so-tu-phap", name="Sở Tư pháp"),
    )
    for order, (procedure, category, document, successor) in enumerate(
        [
            (birth, "new", None, None),
            (marriage, "amended", amending, None),
            (rebirth, "replaced", amending, birth),
            (copy, "abolished", abolishing, None),
            (extract, "new", None, None),
        ]
    ):
        DecisionItemFactory(
            decision=decision,
            procedure=procedure,
            category=category,
            legal_document=document,
            successor=successor,
            sort_order=order,
        )
    return decision
