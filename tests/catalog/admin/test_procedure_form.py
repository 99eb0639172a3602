import pytest
from django.urls import reverse
from wagtail.models import WorkflowState

from catalog.choices import TimeLimitStatus
from catalog.models import Procedure
from tests.catalog.admin.forms_data import procedure_post_data
from tests.factories.catalog import ProcedureChannelFactory, ProcedureFactory

pytestmark = pytest.mark.django_db

ADD_URL = reverse("wagtailsnippets_catalog_procedure:add")


def _edit_url(procedure):
    return reverse("wagtailsnippets_catalog_procedure:edit", args=[procedure.pk])


def test_saving_a_draft_creates_the_procedure(logged_in, department_agency):
    logged_in.post(ADD_URL, procedure_post_data(owner_agency=department_agency.pk))

    assert Procedure.objects.filter(code="1.009999", live=False).exists()


def test_list_fields_are_stored_one_item_per_line(logged_in, department_agency):
    logged_in.post(ADD_URL, procedure_post_data(owner_agency=department_agency.pk))

    assert Procedure.objects.get(code="1.009999").applicants == ["Công dân Việt Nam", "Người nước ngoài"]


def test_dossier_forms_are_stored_one_item_per_line(logged_in, department_agency):
    logged_in.post(ADD_URL, procedure_post_data(owner_agency=department_agency.pk))

    assert Procedure.objects.get(code="1.009999").dossier_items.get().forms == ["Mẫu 01", "Mẫu 02"]


def test_blank_slug_is_derived_from_the_name(logged_in, department_agency):
    logged_in.post(ADD_URL, procedure_post_data(owner_agency=department_agency.pk))

    assert Procedure.objects.get(code="1.009999").slug == "thu-tuc-dang-ky-khai-sinh-thu-nghiem"


def test_edit_form_shows_list_fields_one_per_line(logged_in):
    procedure = ProcedureFactory(complete=True, applicants=["Công dân", "Tổ chức"])

    response = logged_in.get(_edit_url(procedure))

    assert "Công dân\nTổ chức</textarea>" in response.content.decode()


def test_submitting_a_complete_procedure_starts_the_workflow(logged_in, department_agency, review_workflow):
    logged_in.post(ADD_URL, procedure_post_data(owner_agency=department_agency.pk, **{"action-submit": "1"}))

    procedure = Procedure.objects.get(code="1.009999")
    assert WorkflowState.objects.for_instance(procedure).filter(status=WorkflowState.STATUS_IN_PROGRESS).exists()


def test_submitting_an_incomplete_new_procedure_creates_nothing(logged_in, department_agency, review_workflow):
    logged_in.post(
        ADD_URL, procedure_post_data(complete=False, owner_agency=department_agency.pk, **{"action-submit": "1"})
    )

    assert not Procedure.objects.exists()


def test_submitting_an_incomplete_procedure_lists_the_missing_elements(logged_in, department_agency, review_workflow):
    response = logged_in.post(
        ADD_URL, procedure_post_data(complete=False, owner_agency=department_agency.pk, **{"action-submit": "1"})
    )

    errors = response.context["form"].non_field_errors()
    assert [error.split(" (")[0] for error in errors] == [
        "Còn thiếu: Trình tự thực hiện",
        "Còn thiếu: Cách thức thực hiện",
        "Còn thiếu: Thành phần hồ sơ",
        "Còn thiếu: Thời hạn giải quyết",
        "Còn thiếu: Cơ quan thực hiện",
        "Còn thiếu: Yêu cầu, điều kiện",
    ]


def test_submitting_an_existing_incomplete_procedure_starts_no_workflow(logged_in, review_workflow):
    procedure = ProcedureFactory()
    data = procedure_post_data(complete=False, code=procedure.code, name=procedure.name, slug=procedure.slug)
    data["action-submit"] = "1"

    logged_in.post(_edit_url(procedure), data)

    assert not WorkflowState.objects.for_instance(procedure).exists()


def test_incomplete_procedure_can_still_be_saved_as_draft(logged_in, department_agency):
    logged_in.post(ADD_URL, procedure_post_data(complete=False, owner_agency=department_agency.pk))

    assert Procedure.objects.filter(code="1.009999").exists()


def test_edit_page_flags_a_channel_whose_time_limit_needs_review(logged_in):
    procedure = ProcedureFactory(complete=True)
    ProcedureChannelFactory(
        procedure=procedure,
        time_limit_text="1",
        time_limit_status=TimeLimitStatus.NEEDS_REVIEW,
        time_limit_flag="Chỉ có con số, không rõ đơn vị",
    )

    response = logged_in.get(_edit_url(procedure))

    assert "Chỉ có con số, không rõ đơn vị" in response.content.decode()


def test_edit_page_lists_missing_elements_of_a_saved_procedure(logged_in):
    procedure = ProcedureFactory()

    response = logged_in.get(_edit_url(procedure))

    assert "Chưa đủ để gửi duyệt. Còn thiếu:" in response.content.decode()


def test_related_procedures_are_entered_by_code(logged_in, department_agency):
    ProcedureFactory(code="1.000111")
    ProcedureFactory(code="1.000222")

    logged_in.post(
        ADD_URL, procedure_post_data(owner_agency=department_agency.pk, related_procedures="1.000111\n1.000222")
    )

    related = Procedure.objects.get(code="1.009999").related_procedures.values_list("code", flat=True)
    assert sorted(related) == ["1.000111", "1.000222"]


def test_unknown_related_procedure_code_is_refused_by_name(logged_in, department_agency):
    response = logged_in.post(
        ADD_URL, procedure_post_data(owner_agency=department_agency.pk, related_procedures="1.000333")
    )

    assert "Không có thủ tục nào mang mã 1.000333." in response.content.decode()


def test_edit_form_shows_related_procedures_one_code_per_line(logged_in):
    procedure = ProcedureFactory()
    procedure.related_procedures.set([ProcedureFactory(code="1.000111"), ProcedureFactory(code="1.000222")])
    procedure.save()

    textarea = str(logged_in.get(_edit_url(procedure)).context["form"]["related_procedures"])

    assert sorted(textarea.split(">", 1)[1].rsplit("<", 1)[0].split()) == ["1.000111", "1.000222"]
