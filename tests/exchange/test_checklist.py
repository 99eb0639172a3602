"""Changes package: the national-database entry checklist (selector, admin view, forms, downloads)."""

import datetime as dt
import json

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.urls import reverse
from freezegun import freeze_time

from catalog.choices import DecisionStatus
from exchange.selectors import change_package_items, national_entry_checklist
from tests.factories.catalog import DecisionFactory, DecisionItemFactory, ProcedureFactory

pytestmark = pytest.mark.django_db
CHECKLIST = reverse("exchange_national_entry")


@pytest.fixture
def staff(db):
    return get_user_model().objects.create_superuser("kiemsoat.tthc", "ks@example.vn", "x")


def _item(number="10/QĐ-UBND", signed_on=dt.date(2019, 3, 1), **kwargs):
    decision = DecisionFactory(number=number, signed_on=signed_on, status=DecisionStatus.APPROVED)
    return DecisionItemFactory(decision=decision, **kwargs)


def _mark(client, item, day: str):
    return client.post(
        reverse("exchange_national_entry_mark", args=[item.pk]),
        {f"item-{item.pk}-entered_on": day, "next": CHECKLIST},
        follow=True,
    )


@freeze_time("2019-03-05")
def test_due_date_is_five_working_days_after_signing():
    _item()
    assert national_entry_checklist()[0].due_on == dt.date(2019, 3, 8)


@freeze_time("2019-03-11")
def test_row_not_entered_after_due_date_is_overdue():
    _item()
    assert national_entry_checklist()[0].overdue is True


def test_draft_decisions_are_left_out():
    DecisionItemFactory(decision=DecisionFactory(status=DecisionStatus.DRAFT))
    assert national_entry_checklist() == []


def test_selection_by_decision_number():
    _item(number="1/QĐ-UBND")
    _item(number="2/QĐ-UBND")
    assert [row.item.decision.number for row in national_entry_checklist(decision_number="2/QĐ-UBND")] == ["2/QĐ-UBND"]


def test_selection_by_signing_date():
    _item(number="1/QĐ-UBND", signed_on=dt.date(2019, 1, 10))
    _item(number="2/QĐ-UBND", signed_on=dt.date(2019, 3, 1))
    rows = national_entry_checklist(changed_since=dt.date(2019, 2, 1))
    assert [row.item.decision.number for row in rows] == ["2/QĐ-UBND"]


@freeze_time("2019-03-05")
def test_pending_only_leaves_out_entered_items():
    _item(national_entered_on=dt.date(2019, 3, 4))
    assert national_entry_checklist(pending_only=True) == []


@freeze_time("2019-03-05")
def test_view_lists_procedure_with_entry_form(client, staff):
    item = _item()
    client.force_login(staff)
    html = client.get(CHECKLIST).content.decode()
    assert reverse("exchange_national_entry_mark", args=[item.pk]) in html


@freeze_time("2019-03-05")
def test_marking_records_date_and_user(client, staff):
    item = _item()
    client.force_login(staff)
    _mark(client, item, "2019-03-04")
    item.refresh_from_db()
    assert (item.national_entered_on, item.national_entered_by) == (dt.date(2019, 3, 4), staff)


@freeze_time("2019-03-05")
def test_marking_before_signing_is_refused_with_reason(client, staff):
    item = _item()
    client.force_login(staff)
    html = _mark(client, item, "2019-02-20").content.decode()
    assert "không được trước ngày ký" in html


@freeze_time("2019-03-05")
def test_marking_refused_leaves_item_unentered(client, staff):
    item = _item()
    client.force_login(staff)
    _mark(client, item, "2019-03-20")
    item.refresh_from_db()
    assert item.national_entered_on is None


def test_marking_needs_post(client, staff):
    item = _item()
    client.force_login(staff)
    assert client.get(reverse("exchange_national_entry_mark", args=[item.pk])).status_code == 405


def test_user_without_permission_is_sent_back_to_the_dashboard(client):
    # Wagtail turns PermissionDenied inside the admin into a redirect to its home page.
    user = get_user_model().objects.create_user("khach", "k@example.vn", "x")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    assert client.get(CHECKLIST)["Location"] == reverse("wagtailadmin_home")


@freeze_time("2019-03-05")
def test_csv_download_lists_items(client, staff):
    _item(procedure__code="1.001193")
    client.force_login(staff)
    text = client.get(CHECKLIST, {"dinh_dang": "csv"}).content.decode("utf-8-sig")
    assert text.splitlines()[1].split(",")[:6] == [
        "1",
        "10/QĐ-UBND",
        "01/03/2019",
        "08/03/2019",
        "Thủ tục hành chính mới ban hành",
        "1.001193",
    ]


@freeze_time("2019-03-05")
def test_print_page_has_a_box_per_pending_item(client, staff):
    _item()
    _item(number="11/QĐ-UBND")
    client.force_login(staff)
    assert client.get(CHECKLIST, {"dinh_dang": "in"}).content.decode().count('class="box"') == 2


@freeze_time("2019-03-05")
def test_json_package_of_a_decision(client, staff):
    _item(number="10/QĐ-UBND", procedure__code="1.001193")
    _item(number="11/QĐ-UBND", procedure__code="1.001194")
    client.force_login(staff)
    document = json.loads(client.get(CHECKLIST, {"dinh_dang": "json", "quyet_dinh": "10/QĐ-UBND"}).content)
    assert [p["ma_thu_tuc"] for p in document["procedures"]] == ["1.001193"]


@freeze_time("2019-03-05")
def test_package_holds_only_procedures_changed_since_their_last_national_entry(client, staff):
    entered = _item(number="10/QĐ-UBND", procedure__code="1.001193")
    entered.national_entered_on = dt.date(2019, 3, 4)
    entered.save()
    _item(number="11/QĐ-UBND", procedure__code="1.001194")
    ProcedureFactory(complete=True, code="1.001195")  # in the catalog, never announced since: not in the package
    client.force_login(staff)

    document = json.loads(client.get(CHECKLIST, {"dinh_dang": "json"}).content)

    assert [p["ma_thu_tuc"] for p in document["procedures"]] == ["1.001194"]


@freeze_time("2019-03-05")
def test_package_takes_a_procedure_again_when_a_later_decision_changed_it(client, staff):
    first = _item(number="10/QĐ-UBND", procedure__code="1.001193")
    first.national_entered_on = dt.date(2019, 3, 4)
    first.save()
    _item(number="12/QĐ-UBND", signed_on=dt.date(2019, 3, 5), procedure=first.procedure, category="amended")

    assert [item.decision.number for item in change_package_items()] == ["12/QĐ-UBND"]


@freeze_time("2019-03-05")
def test_checklist_says_how_many_procedures_the_package_holds(client, staff):
    _item(number="10/QĐ-UBND", procedure__code="1.001193")
    _item(number="11/QĐ-UBND", procedure__code="1.001194")
    client.force_login(staff)

    html = client.get(CHECKLIST).content.decode()

    assert "Gói thay đổi: 2 thủ tục thay đổi từ lần nhập CSDL quốc gia gần nhất" in html
