"""Reception places in the admin: posting rules and hand-picked procedures, generated slugs."""

import pytest
from django.urls import reverse
from django.utils import timezone

from catalog.models import Level, ReceptionPlace
from catalog.selectors import reception_place_procedures
from tests.catalog.admin.forms_data import reception_place_post_data
from tests.factories.catalog import FieldFactory, PostingRuleFactory, ProcedureFactory, ReceptionPlaceFactory

pytestmark = pytest.mark.django_db

ADD_URL = reverse("wagtailsnippets_catalog_receptionplace:add")


def edit_url(place):
    return reverse("wagtailsnippets_catalog_receptionplace:edit", args=[place.pk])


def edit_data(place, **fields):
    """What the edit form posts back for `place` unchanged (its saved name and slug), with `fields` changed."""
    return reception_place_post_data(**{"name": place.name, "slug": place.slug, **fields})


@pytest.fixture
def logged_in(client, admin_user_vi):
    client.force_login(admin_user_vi)
    return client


def test_a_new_place_gets_its_slug_from_its_name(logged_in):
    logged_in.post(ADD_URL, reception_place_post_data(name="Bộ phận Một cửa UBND xã An Hiệp"))

    assert ReceptionPlace.objects.get().slug == "bo-phan-mot-cua-ubnd-xa-an-hiep"


def test_a_generated_slug_never_clashes_with_another_place(logged_in):
    ReceptionPlaceFactory(slug="bo-phan-mot-cua-ubnd-xa-an-hiep")

    logged_in.post(ADD_URL, reception_place_post_data(name="Bộ phận Một cửa UBND xã An Hiệp"))

    assert ReceptionPlace.objects.latest("pk").slug == "bo-phan-mot-cua-ubnd-xa-an-hiep-2"


def test_the_slug_follows_a_renamed_place_never_posted(logged_in):
    place = ReceptionPlaceFactory(name="Một cửa xã An Hiệp", slug="mot-cua-xa-an-hiep", posted_at=None)

    logged_in.post(edit_url(place), edit_data(place, name="Một cửa xã An Hiệp mới"))

    assert ReceptionPlace.objects.get(pk=place.pk).slug == "mot-cua-xa-an-hiep-moi"


def test_the_slug_stays_once_the_place_has_been_posted(logged_in):
    place = ReceptionPlaceFactory(name="Một cửa xã An Hiệp", slug="mot-cua-xa-an-hiep", posted_at=timezone.now())

    logged_in.post(edit_url(place), edit_data(place, name="Một cửa xã An Hiệp mới"))

    assert ReceptionPlace.objects.get(pk=place.pk).slug == "mot-cua-xa-an-hiep"


def test_a_slug_typed_by_staff_is_kept_when_the_name_changes(logged_in):
    place = ReceptionPlaceFactory(name="Một cửa xã An Hiệp", slug="an-hiep", posted_at=None)

    logged_in.post(edit_url(place), edit_data(place, name="Một cửa xã An Hiệp mới"))

    assert ReceptionPlace.objects.get(pk=place.pk).slug == "an-hiep"


def test_a_field_rule_saved_in_the_admin_posts_the_field(logged_in):
    civil_status = FieldFactory(name="Hộ tịch")
    ProcedureFactory(name="Đăng ký khai sinh", field=civil_status)
    commune = Level.objects.get(code="xa")

    logged_in.post(ADD_URL, reception_place_post_data(rules=[{"field": civil_status.pk, "level": commune.pk}]))

    rule = ReceptionPlace.objects.get().posting_rules.get()
    assert (rule.field, rule.level) == (civil_status, commune)


def test_procedures_added_and_removed_by_hand_are_saved(logged_in):
    civil_status = FieldFactory(name="Hộ tịch")
    birth = ProcedureFactory(name="Đăng ký khai sinh", field=civil_status)
    death = ProcedureFactory(name="Đăng ký khai tử", field=civil_status)
    signature = ProcedureFactory(name="Chứng thực chữ ký")

    logged_in.post(
        ADD_URL,
        reception_place_post_data(rules=[{"field": civil_status.pk}], additions=[signature.pk], exclusions=[death.pk]),
    )

    place = ReceptionPlace.objects.get()
    assert set(reception_place_procedures(place=place)) == {birth, signature}


def test_a_rule_without_any_criterion_is_refused(logged_in):
    response = logged_in.post(ADD_URL, reception_place_post_data(rules=[{}]))

    assert "Chọn ít nhất một trong: cơ quan, lĩnh vực, cấp thực hiện." in response.content.decode()


def test_a_procedure_chosen_twice_is_refused(logged_in):
    procedure = ProcedureFactory(name="Chứng thực chữ ký")

    response = logged_in.post(ADD_URL, reception_place_post_data(additions=[procedure.pk, procedure.pk]))

    assert not ReceptionPlace.objects.exists()
    assert "Mỗi thủ tục chỉ được chọn một lần" in response.content.decode()


def test_a_procedure_both_added_and_removed_is_refused(logged_in):
    procedure = ProcedureFactory(name="Chứng thực chữ ký")

    response = logged_in.post(ADD_URL, reception_place_post_data(additions=[procedure.pk], exclusions=[procedure.pk]))

    assert "vừa được chọn niêm yết thêm vừa được chọn không niêm yết" in response.content.decode()


def test_the_posting_tab_counts_the_procedures_posted(logged_in):
    place = ReceptionPlaceFactory()
    civil_status = FieldFactory(name="Hộ tịch")
    PostingRuleFactory(place=place, field=civil_status)
    ProcedureFactory(field=civil_status)

    html = logged_in.get(edit_url(place)).content.decode()

    assert "Đang niêm yết <strong>0</strong> thủ tục có hiệu lực (trên 1 thủ tục" in html
