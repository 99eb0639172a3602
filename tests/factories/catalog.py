"""factory_boy factories for the catalog domain. `ProcedureFactory(complete=True)` gives a record that
passes the Decree 63 completeness check."""

import datetime as dt
from decimal import Decimal

import factory

from catalog import models
from catalog.choices import AgencyGroup, AgencyLevel, AgencyRole, Channel, TimeLimitStatus, TimeUnit


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Agency
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"co-quan-{n}")
    name = factory.Sequence(lambda n: f"Sở thử nghiệm số {n}")
    short_name = factory.Sequence(lambda n: f"Sở TN{n}")
    level = AgencyLevel.PROVINCE
    group = AgencyGroup.DEPARTMENT


class FieldTopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.FieldTopic
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Chủ đề {n}")
    slug = factory.Sequence(lambda n: f"chu-de-{n}")
    sort_order = factory.Sequence(lambda n: n)


class FieldFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Field
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Lĩnh vực {n}")
    slug = factory.Sequence(lambda n: f"linh-vuc-{n}")


class ProcedureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Procedure
        skip_postgeneration_save = True

    code = factory.Sequence(lambda n: f"1.{n + 100000:06d}")
    slug = factory.Sequence(lambda n: f"thu-tuc-{n}")
    name = factory.Sequence(lambda n: f"Thủ tục đăng ký thử nghiệm {n}")
    field = factory.SubFactory(FieldFactory)
    owner_agency = factory.SubFactory(AgencyFactory)
    live = True

    class Params:
        complete = factory.Trait(
            applicants=["Công dân Việt Nam"],
            results=["Giấy chứng nhận"],
            no_requirements=True,
            steps=factory.RelatedFactoryList(
                "tests.factories.catalog.ProcedureStepFactory", factory_related_name="procedure", size=2
            ),
            channels=factory.RelatedFactory(
                "tests.factories.catalog.ProcedureChannelFactory", factory_related_name="procedure"
            ),
            time_limits=factory.RelatedFactory(
                "tests.factories.catalog.ProcedureTimeLimitFactory", factory_related_name="procedure"
            ),
            dossier=factory.RelatedFactory(
                "tests.factories.catalog.DossierItemFactory", factory_related_name="procedure"
            ),
            implementing=factory.RelatedFactory(
                "tests.factories.catalog.ProcedureAgencyFactory", factory_related_name="procedure"
            ),
        )


class ProcedureStepFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.ProcedureStep

    procedure = factory.SubFactory(ProcedureFactory)
    text = factory.Sequence(lambda n: f"Bước {n + 1}: Nộp hồ sơ tại Bộ phận Một cửa")


class ProcedureChannelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.ProcedureChannel

    procedure = factory.SubFactory(ProcedureFactory)
    channel = Channel.IN_PERSON
    time_limit_text = "05 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ"
    fee_text = "Không thu phí"
    time_limit_status = TimeLimitStatus.PARSED


class ProcedureTimeLimitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.ProcedureTimeLimit

    procedure = factory.SubFactory(ProcedureFactory)
    channel = Channel.IN_PERSON
    amount = Decimal(5)
    unit = TimeUnit.WORKING_DAYS


class DossierItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.DossierItem

    procedure = factory.SubFactory(ProcedureFactory)
    name = "Tờ khai theo mẫu"
    forms = ["Mẫu 01"]
    originals = 1
    copies = 0


class ProcedureAgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.ProcedureAgency

    procedure = factory.SubFactory(ProcedureFactory)
    role = AgencyRole.IMPLEMENTING
    name = "Ủy ban nhân dân cấp xã"


class DecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.AnnouncementDecision

    number = factory.Sequence(lambda n: f"{n + 100}/QĐ-UBND")
    title = "Về việc công bố danh mục thủ tục hành chính"
    signed_on = dt.date(2019, 3, 1)
    effective_on = dt.date(2019, 3, 15)
    signer = "Chủ tịch UBND tỉnh"
    live = True


class LegalDocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.LegalDocument
        django_get_or_create = ("number",)

    number = factory.Sequence(lambda n: f"{n + 1:02d}/2019/TT-BTP")
    summary = "Sửa đổi, bổ sung một số thủ tục hành chính lĩnh vực hộ tịch"
    issued_on = dt.date(2019, 1, 10)
    effective_on = dt.date(2019, 3, 1)
    issuer = "Bộ Tư pháp"


class DecisionItemFactory(factory.django.DjangoModelFactory):
    """An item; amended, replaced and abolished items cite the legal document that changes the procedure."""

    class Meta:
        model = models.DecisionItem

    decision = factory.SubFactory(DecisionFactory)
    procedure = factory.SubFactory(ProcedureFactory, complete=True)
    category = "new"
    legal_document = factory.Maybe(
        factory.LazyAttribute(lambda item: item.category != "new"),
        yes_declaration=factory.SubFactory(LegalDocumentFactory),
        no_declaration=None,
    )


class ReceptionPlaceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.ReceptionPlace

    name = factory.Sequence(lambda n: f"Bộ phận Một cửa số {n}")
    slug = factory.Sequence(lambda n: f"mot-cua-{n}")
    address = "Số 1 Trần Hưng Đạo, Phường 1, TP. Sóc Trăng"
    notice_receiver = "Văn phòng UBND tỉnh Sóc Trăng"
    notice_address = "Số 01 Châu Văn Tiếp, Phường 2, TP. Sóc Trăng"
    notice_phone = "0299.3822049"
    notice_email = "kstthc@soctrang.gov.vn"


class PostingRuleFactory(factory.django.DjangoModelFactory):
    """A posting rule; give at least one of agency, field, level."""

    class Meta:
        model = models.PostingRule

    place = factory.SubFactory(ReceptionPlaceFactory)


class PostingExclusionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.PostingExclusion

    place = factory.SubFactory(ReceptionPlaceFactory)
    procedure = factory.SubFactory(ProcedureFactory)
