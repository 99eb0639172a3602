import pytest
from django.urls import reverse

from catalog.choices import TimeLimitStatus
from tests.factories.catalog import ProcedureChannelFactory, ProcedureFactory

pytestmark = pytest.mark.django_db

LIST_URL = reverse("wagtailsnippets_catalog_procedure:list")


def _names(response) -> set[str]:
    return {procedure.name for procedure in response.context["object_list"]}


def test_listing_shows_code_and_field(logged_in):
    procedure = ProcedureFactory(code="1.001193", field__name="Hộ tịch")

    html = logged_in.get(LIST_URL).content.decode()

    assert ("1.001193" in html, "Hộ tịch" in html, procedure.name in html) == (True, True, True)


def test_listing_flags_procedures_needing_time_limit_review(logged_in):
    procedure = ProcedureFactory(name="Thủ tục có thời hạn mơ hồ")
    ProcedureChannelFactory(procedure=procedure, time_limit_status=TimeLimitStatus.NEEDS_REVIEW)

    html = logged_in.get(LIST_URL).content.decode()

    assert "catalog-needs-review" in html


def test_filter_needs_time_limit_review(logged_in):
    flagged = ProcedureFactory(name="Cần xem thời hạn")
    ProcedureChannelFactory(procedure=flagged, time_limit_status=TimeLimitStatus.NEEDS_REVIEW)
    ProcedureFactory(name="Đã cấu trúc", complete=True)

    response = logged_in.get(LIST_URL, {"needs_time_limit_review": "true"})

    assert _names(response) == {"Cần xem thời hạn"}


def test_filter_by_field(logged_in):
    ProcedureFactory(name="Khai sinh", field__name="Hộ tịch", field__slug="ho-tich")
    ProcedureFactory(name="Cấp phép xây dựng", field__name="Xây dựng", field__slug="xay-dung")
    from catalog.models import Field

    response = logged_in.get(LIST_URL, {"field": Field.objects.get(slug="ho-tich").pk})

    assert _names(response) == {"Khai sinh"}


def test_search_by_code(logged_in):
    ProcedureFactory(name="Khai sinh", code="1.001193")
    ProcedureFactory(name="Khai tử", code="1.000656")

    response = logged_in.get(LIST_URL, {"q": "1.001193"})

    assert _names(response) == {"Khai sinh"}


def test_search_by_name(logged_in):
    ProcedureFactory(name="Đăng ký khai sinh")
    ProcedureFactory(name="Đăng ký kết hôn")

    response = logged_in.get(LIST_URL, {"q": "kết hôn"})

    assert _names(response) == {"Đăng ký kết hôn"}


def test_menu_has_the_catalog_group(logged_in):
    html = logged_in.get(reverse("wagtailadmin_home")).content.decode()

    assert '"name": "catalog"' in html
