"""factory_boy factories for the feedback app, plus valid submission payloads and procedures in force."""

import datetime as dt

import factory
from django.utils import timezone

from catalog.services.versions import version_create
from feedback.choices import AnswerState, FeedbackKind, FeedbackStatus, SenderType
from feedback.models import Feedback
from feedback.tracking import tracking_code_new
from tests.factories.catalog import AgencyFactory, ProcedureFactory


class FeedbackFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Feedback

    register_number = factory.Sequence(lambda n: f"PAKN-2020-{n + 1:06d}")
    tracking_code = factory.LazyFunction(tracking_code_new)
    received_at = factory.LazyFunction(timezone.now)
    sender_type = SenderType.INDIVIDUAL
    sender_name = "Nguyễn Văn Thử"
    sender_address = "12 Lê Lợi, Phường 6, TP. Sóc Trăng"
    sender_phone = "0912345678"
    sender_email = "nguoi.gui@example.org"
    consent_at = factory.LazyFunction(timezone.now)
    allow_publication = True
    kind = FeedbackKind.CONCRETE_OBSTACLE
    title = "Vướng mắc khi nộp hồ sơ"
    content = "Thủ tục yêu cầu bản sao có chứng thực dù đã có dữ liệu dân cư."
    content_fingerprint = factory.Sequence(lambda n: f"{n:064d}")
    status = FeedbackStatus.RECEIVED
    due_on = factory.LazyAttribute(lambda o: timezone.localdate(o.received_at) + dt.timedelta(days=14))
    forward_due_on = factory.LazyAttribute(lambda o: timezone.localdate(o.received_at) + dt.timedelta(days=7))

    class Params:
        assigned = factory.Trait(status=FeedbackStatus.PROCESSING, agency=factory.SubFactory(AgencyFactory))
        answered = factory.Trait(
            status=FeedbackStatus.ANSWERED,
            agency=factory.SubFactory(AgencyFactory),
            answer_state=AnswerState.PUBLISHED,
            public_title="Về yêu cầu bản sao có chứng thực",
            public_question="Có phải nộp bản sao có chứng thực khi đã có dữ liệu dân cư không?",
            answer="Không phải nộp; cơ quan khai thác Cơ sở dữ liệu quốc gia về dân cư.",
            answered_at=factory.LazyFunction(timezone.now),
            handled_on=factory.LazyFunction(timezone.localdate),
        )


def procedure_in_force(*, code: str = "1.001193", name: str = "Thủ tục đăng ký khai sinh", since=None):
    """A complete procedure with one version in force since `since` (default 1/1/2020), announced through the
    catalog's service so that downstream apps (search index, page caches) hear of it."""
    procedure = ProcedureFactory(complete=True, code=code, name=name)
    return version_create(procedure=procedure, valid_from=since or dt.date(2020, 1, 1))


def submission_payload(**overrides) -> dict:
    """A valid API/form payload (field names of the API)."""
    payload = {
        "loai_nguoi_gui": "ca_nhan",
        "ho_ten": "Trần Thị Minh Khai",
        "dia_chi": "45 Hùng Vương, Phường 1, TP. Sóc Trăng",
        "dien_thoai": "0987654321",
        "dia_chi_thu_tin": "",
        "email": "minh.khai@example.org",
        "loai": "khong_phu_hop_thuc_te",
        "ma_thu_tuc": "",
        "tieu_de": "Thời hạn giải quyết quá dài",
        "noi_dung": "Thời hạn 15 ngày để cấp giấy này là quá dài so với thực tế công việc.",
        "dong_y_xu_ly_du_lieu": True,
        "cho_phep_cong_khai": True,
    }
    payload.update(overrides)
    return payload
