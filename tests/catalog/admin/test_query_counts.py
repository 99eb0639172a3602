"""Admin screens run a fixed number of queries, whatever the number of rows, items or children shown."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from catalog.models import AnnouncementDecision
from tests.factories.catalog import (
    DecisionFactory,
    DecisionItemFactory,
    DossierItemFactory,
    ProcedureFactory,
    ReceptionPlaceFactory,
)

pytestmark = pytest.mark.django_db

LISTING = reverse("wagtailsnippets_catalog_procedure:list")


@pytest.fixture
def logged_in(client, admin_user_vi, review_workflow):
    client.force_login(admin_user_vi)
    return client


def queries(client, url: str, params=None) -> int:
    client.get(url, params or {})  # warm-up: sessions, content types, caches
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return len(captured.captured_queries)


def drafts_in_review(count: int, *, user, workflow) -> None:
    for procedure in ProcedureFactory.create_batch(count, live=False):
        procedure.save_revision(user=user)
        workflow.start(procedure, user)


def test_the_procedure_listing_runs_no_query_per_row(logged_in, admin_user_vi, review_workflow):
    drafts_in_review(2, user=admin_user_vi, workflow=review_workflow)
    few = queries(logged_in, LISTING)
    drafts_in_review(20, user=admin_user_vi, workflow=review_workflow)

    assert queries(logged_in, LISTING) == few


def test_the_procedure_listing_stays_under_fifteen_queries(logged_in, admin_user_vi, review_workflow):
    drafts_in_review(10, user=admin_user_vi, workflow=review_workflow)

    assert queries(logged_in, LISTING) <= 15


def test_the_procedure_chooser_runs_no_query_per_row(logged_in, admin_user_vi, review_workflow):
    url = reverse("wagtailsnippetchoosers_catalog_procedure:choose_results")
    drafts_in_review(2, user=admin_user_vi, workflow=review_workflow)
    few = queries(logged_in, url)
    drafts_in_review(15, user=admin_user_vi, workflow=review_workflow)

    assert queries(logged_in, url) == few


def test_the_procedure_edit_view_runs_no_query_per_child(logged_in, admin_user_vi):
    small, large = ProcedureFactory(complete=True), ProcedureFactory(complete=True)
    DossierItemFactory.create_batch(15, procedure=large)
    for procedure in (small, large):
        procedure.save_revision(user=admin_user_vi)

    counts = [
        queries(logged_in, reverse("wagtailsnippets_catalog_procedure:edit", args=[p.pk])) for p in (small, large)
    ]

    assert counts[0] == counts[1]


def test_the_procedure_edit_view_stays_under_forty_queries(logged_in, admin_user_vi, review_workflow):
    procedure = ProcedureFactory(complete=True)
    procedure.save_revision(user=admin_user_vi)
    review_workflow.start(procedure, admin_user_vi)

    assert queries(logged_in, reverse("wagtailsnippets_catalog_procedure:edit", args=[procedure.pk])) <= 40


def decision_with(items: int, user) -> AnnouncementDecision:
    decision = DecisionFactory()
    DecisionItemFactory.create_batch(items, decision=decision)
    decision.save_revision(user=user)
    return decision


def test_the_decision_page_runs_no_query_per_item(logged_in, admin_user_vi):
    small, large = decision_with(2, admin_user_vi), decision_with(20, admin_user_vi)

    counts = [
        queries(logged_in, reverse("wagtailsnippets_catalog_announcementdecision:edit", args=[d.pk]))
        for d in (small, large)
    ]

    assert counts[0] == counts[1]


def test_the_reception_place_form_runs_no_query_per_chosen_procedure(logged_in):
    small, large = ReceptionPlaceFactory(), ReceptionPlaceFactory()
    small.procedures.add(*ProcedureFactory.create_batch(2))
    large.procedures.add(*ProcedureFactory.create_batch(25))

    counts = [
        queries(logged_in, reverse("wagtailsnippets_catalog_receptionplace:edit", args=[p.pk])) for p in (small, large)
    ]

    assert counts[0] == counts[1]


def test_listing_queries_do_not_depend_on_the_page_shown(logged_in):
    ProcedureFactory.create_batch(60)

    assert queries(logged_in, LISTING, {"p": 2}) == queries(logged_in, LISTING, {"p": 1})
