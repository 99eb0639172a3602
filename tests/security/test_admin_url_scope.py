"""Every admin URL is agency-scoped: walked from the URL resolver, so a view added later is covered too.

The world: agency B's draft procedure, decision (with an item, a file, revisions, a running workflow, a lock,
an editing session) and assigned feedback (with an attachment) all carry the marker SECRET in their texts;
agency A's editor holds every model permission directly (no province-level group), so only the agency
scope stands between them and B's records. For every admin URL pattern:

- a pattern that names an object must be placed by catalog.admin_scope (model and object ids);
- filled with B's object (in the path or as `?id=`), it answers 403 or 404 to A's editor, GET and POST;
- filled with A's own object but B's revisions, workflow states or attachments, it shows none of them;
- a listing, report or export (CSV, XLSX), or a page of an unscoped object (field, agency, document...),
  never shows SECRET to A's editor — while B's own drafter does see it (the control).
"""

import io
import re
import zipfile

import pytest
from django.contrib.admin.utils import quote
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.files.base import ContentFile
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse
from django.utils import timezone
from wagtail.admin.models import EditingSession
from wagtail.documents.models import Document
from wagtail.log_actions import log
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page, TaskState, WorkflowState

from catalog.admin_scope import MODEL_KWARGS, admin_url_target
from catalog.models import AgencyMembership, AnnouncementDecision, DecisionItem, Procedure
from catalog.permissions import DRAFTERS_GROUP, agency_scope_for
from catalog.services.staff import staff_setup
from feedback.models import Feedback, FeedbackAttachment
from feedback.permissions import AGENCY_HANDLERS_GROUP
from tests.factories.catalog import AgencyFactory, DecisionFactory, DecisionItemFactory, ProcedureFactory
from tests.factories.feedback import FeedbackFactory
from tests.feedback.uploads import PDF_BYTES, upload

pytestmark = pytest.mark.django_db

SECRET = "BIMATB"
ADMIN = "admin/"
# Path arguments that do not name an object (an action, a format, a model, a revision alias...).
NOT_OBJECTS = {
    "action_name",
    "action",
    "filter_spec",
    "uidb64",
    "token",
    "app_label",
    "model_name",
    "app_name",
    "content_type_app_name",
    "content_type_model_name",
    "fmt",
}
# Views that must not be requested in a loop: logging out ends the session, the error view raises on purpose.
SKIPPED = {"wagtailadmin_logout", "wagtailadmin_error_test"}
# A search matching both agencies' drafts (the marker itself would be echoed back in the search box).
LISTING_VARIANTS = ("", "?export=csv", "?export=xlsx", "?q=d%E1%BB%B1+th%E1%BA%A3o", "?ordering=-updated_at")


# --- The URL patterns of the admin ----------------------------------------------------------------


def _walk(patterns, prefix="", namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = ":".join(part for part in (namespace, pattern.namespace) if part)
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern), namespace, pattern


def _parameters(route: str) -> list[str]:
    return re.findall(r"<(?:\w+:)?(\w+)>", route) + re.findall(r"\(\?P<(\w+)>", route)


def admin_patterns() -> list[tuple[str, str, list[str]]]:
    """(view name, route, parameters) of every named admin URL pattern."""
    found = []
    for route, namespace, pattern in _walk(get_resolver().url_patterns):
        if not route.startswith(ADMIN) or not pattern.name:
            continue
        name = f"{namespace}:{pattern.name}" if namespace else pattern.name
        if name not in SKIPPED:
            found.append((name, route, _parameters(route)))
    return found


def _object_parameters(parameters) -> list[str]:
    return [name for name in parameters if name not in NOT_OBJECTS and not name.startswith("revision_id_")]


def _url(name: str, kwargs: dict) -> str | None:
    try:
        return reverse(name, kwargs=kwargs)
    except Exception:  # the pattern does not accept these values (another variant of the same name does)
        return None


def _placeholder_kwargs(parameters) -> dict:
    values = {"revision_id_a": "earliest", "revision_id_b": "latest", "action_name": "approve", "action": "delete"}
    values.update({"app_label": "catalog", "model_name": "procedure", "app_name": "catalog"})
    return {name: values.get(name, "1") for name in parameters}


def _unwrapped_module(func) -> str:
    while hasattr(func, "__wrapped__"):
        func = func.__wrapped__
    view_class = getattr(func, "view_class", None) or getattr(func, "cls", None)
    return (view_class or func).__module__


# --- The world --------------------------------------------------------------------------------------


def _user(username, *, agency=None, groups=(), all_permissions=False):
    user = get_user_model().objects.create_user(username=username, password="x")
    for group in groups:
        user.groups.add(group)
    if all_permissions:
        user.user_permissions.set(Permission.objects.all())
    if agency is not None:
        AgencyMembership.objects.create(user=user, agency=agency)
    return get_user_model().objects.get(pk=user.pk)


def _records_of(agency, *, marker: str, drafter, workflow, document):
    procedure = ProcedureFactory(complete=True, owner_agency=agency, name=f"{marker} thủ tục dự thảo", live=False)
    procedure.save_revision(user=drafter, log_action=True)
    procedure.name = f"{marker} thủ tục dự thảo, bản sửa"
    procedure.save_revision(user=drafter, log_action=True)
    workflow.start(procedure, drafter)
    Procedure.objects.filter(pk=procedure.pk).update(locked=True, locked_by=drafter, locked_at=timezone.now())
    log(instance=procedure, action="wagtail.lock", user=drafter)
    decision = DecisionFactory(
        number=f"77/QĐ-{marker}", title=f"{marker} quyết định", proposing_agency=agency, document=document, live=False
    )
    item = DecisionItemFactory(decision=decision, procedure=procedure)
    decision.save_revision(user=drafter, log_action=True)
    decision.title = f"{marker} quyết định, bản sửa"
    decision.save_revision(user=drafter, log_action=True)
    workflow.start(decision, drafter)
    feedback = FeedbackFactory(
        assigned=True,
        agency=agency,
        title=f"{marker} phản ánh",
        content=f"{marker} nội dung",
        sender_phone="0999888777",
    )
    attachment = FeedbackAttachment(feedback=feedback, original_name=f"{marker}.pdf", content_type="application/pdf")
    attachment.size = len(PDF_BYTES)
    attachment.file.save("cccd.pdf", upload("cccd.pdf", PDF_BYTES), save=True)
    EditingSession.objects.create(user=drafter, content_object=procedure, last_seen_at=timezone.now(), is_editing=True)
    return {
        Procedure: procedure,
        AnnouncementDecision: decision,
        DecisionItem: item,
        Feedback: feedback,
        FeedbackAttachment: attachment,
    }


def _site_editors() -> Group:
    """Page and document permissions (granted per page tree and collection, not by model permissions), so that
    the workflow reports and document views open for the accounts below."""
    group = Group.objects.create(name="Biên tập trang và tài liệu")
    root = Page.get_first_root_node()
    for codename in ("add_page", "change_page", "publish_page", "lock_page", "unlock_page"):
        GroupPagePermission.objects.create(group=group, page=root, permission=Permission.objects.get(codename=codename))
    for codename in ("add_document", "change_document", "choose_document", "add_image", "change_image", "choose_image"):
        GroupCollectionPermission.objects.create(
            group=group,
            collection=Collection.get_first_root_node(),
            permission=Permission.objects.get(codename=codename),
        )
    return group


@pytest.fixture
def world(settings, tmp_path):
    settings.FEEDBACK_PRIVATE_ROOT = tmp_path / "private"
    setup = staff_setup()
    agency_a, agency_b = AgencyFactory(name="Sở Tư pháp"), AgencyFactory(name="Sở Y tế")
    site_editors = _site_editors()
    drafter_groups = (setup.groups[DRAFTERS_GROUP], setup.groups[AGENCY_HANDLERS_GROUP])
    editor_a = _user("bientap.a", agency=agency_a, groups=(site_editors,), all_permissions=True)
    drafter_a = _user("canbo.a", agency=agency_a, groups=drafter_groups)
    drafter_b = _user("canbo.b", agency=agency_b, groups=(*drafter_groups, site_editors), all_permissions=True)
    document = Document.objects.create(title="Tệp quyết định", file=ContentFile(PDF_BYTES, name="qd.pdf"))
    ours = _records_of(agency_a, marker="CUAA", drafter=drafter_a, workflow=setup.workflow, document=document)
    theirs = _records_of(agency_b, marker=SECRET, drafter=drafter_b, workflow=setup.workflow, document=document)
    return {"editor_a": editor_a, "drafter_b": drafter_b, "ours": ours, "theirs": theirs}


def _related_ids(instance) -> dict:
    """Ids of the objects that hang off `instance`: its revisions, workflow and task states, its editing session."""
    ids = {}
    if hasattr(instance, "revisions"):
        ids["revision_id"] = instance.revisions.order_by("-pk").values_list("pk", flat=True).first()
        state = WorkflowState.objects.for_instance(instance).first()
        if state is not None:
            ids["workflow_state_id"] = state.pk
            task_state = TaskState.objects.filter(workflow_state=state).first()
            ids["task_state_id"] = task_state.pk
            ids["task_id"] = task_state.task_id
        session = EditingSession.objects.filter(object_id=str(instance.pk)).first()
        if session is not None:
            ids["session_id"] = session.pk
    return ids


def _fill(parameters, model, records, *, sub_records=None) -> dict:
    """Values for the pattern's parameters: the object of `model` from `records`, and the related ids (its
    revisions, states, attachment) from `sub_records` (by default the same records)."""
    instance = records[model]
    sub_records = sub_records or records
    related = _related_ids(sub_records[model])
    values = {
        "pk": quote(instance.pk),
        "object_id": quote(instance.pk),
        "attachment_pk": sub_records[FeedbackAttachment].pk,
        "revision_id_a": "earliest",
        "revision_id_b": "latest",
        "action_name": "approve",
        "action": "delete",
        "app_label": model._meta.app_label,
        "app_name": model._meta.app_label,
        "model_name": model._meta.model_name,
        **related,
    }
    return {name: values.get(name, instance.pk) for name in parameters}


def _body(response) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if content[:2] == b"PK":
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            content = b"".join(archive.read(name) for name in archive.namelist() if name.endswith(".xml"))
    return content.decode("utf-8", errors="replace")


def _placed_target(name, parameters):
    """How catalog.admin_scope places the pattern (model), from a URL built with placeholder values."""
    url = _url(name, _placeholder_kwargs(parameters))
    return None if url is None else admin_url_target(resolve(url))


def _scoped_patterns(models):
    """(name, parameters, model) of every admin pattern whose object is of an agency-scoped model; patterns
    that take a model as argument (bulk actions, editing sessions) once per model of `models`."""
    found = []
    for name, _route, parameters in admin_patterns():
        if any(app in parameters and model in parameters for app, model in MODEL_KWARGS):
            found.extend((name, parameters, model) for model in models if agency_scope_for(model) is not None)
            continue
        target = _placed_target(name, parameters)
        if target is not None and agency_scope_for(target.model) is not None:
            found.append((name, parameters, target.model))
    return found


# --- The tests --------------------------------------------------------------------------------------


def test_every_admin_url_that_names_an_object_is_placed_by_the_scope_resolver(world):
    unplaced = []
    for name, route, parameters in admin_patterns():
        if not _object_parameters(parameters):
            continue
        url = _url(name, _placeholder_kwargs(parameters))
        if url is None:
            unplaced.append(f"{name} ({route}): cannot be built")
            continue
        match = resolve(url)
        if admin_url_target(match).model is None and not _unwrapped_module(match.func).startswith("wagtail."):
            unplaced.append(f"{name} ({route})")
    assert unplaced == []


def test_there_are_scoped_admin_urls_to_check(world):
    names = {name for name, _parameters, _model in _scoped_patterns(world["theirs"])}
    assert {
        "wagtailsnippets_catalog_procedure:revisions_compare",
        "wagtailsnippets_catalog_procedure:usage",
        "wagtailsnippets_catalog_procedure:preview_on_edit",
        "wagtailsnippets_catalog_procedure:workflow_history",
        "wagtailsnippetchoosers_catalog_procedure:chosen",
        "wagtailsnippets_catalog_announcementdecision:approve",
        "exchange_national_entry_mark",
        "feedback_admin:detail",
        "wagtail_bulk_action",
    } <= names


def test_admin_urls_naming_an_out_of_scope_object_answer_not_found(client, world):
    client.force_login(world["editor_a"])
    opened = []
    for name, parameters, model in _scoped_patterns(world["theirs"]):
        path = _url(name, _fill(parameters, model, world["theirs"]))
        if path is None:
            continue
        urls = [f"{path}?id={quote(world['theirs'][model].pk)}"]
        if _object_parameters(parameters):
            urls.append(path)
        for url in urls:
            for method in (client.get, client.post):
                status = method(url).status_code
                if status not in (403, 404):
                    opened.append(f"{method.__name__.upper()} {url} → {status}")
    assert opened == []


def test_admin_urls_of_an_own_object_show_nothing_of_another_agencys_revisions_or_states(client, world):
    client.force_login(world["editor_a"])
    shown = []
    for name, parameters, model in _scoped_patterns(world["theirs"]):
        related = set(parameters) - {"pk", "object_id"} - NOT_OBJECTS
        if not related or not _object_parameters(parameters):
            continue
        path = _url(name, _fill(parameters, model, world["ours"], sub_records=world["theirs"]))
        if path is None:
            continue
        response = client.get(path)
        if response.status_code < 400 and SECRET in _body(response):
            shown.append(path)
    assert shown == []


def _visible_pages(client):
    """Every admin page without an object argument, and every page of an unscoped object (for each of its
    objects), with the listing variants (search, ordering, CSV and XLSX export)."""
    for name, _route, parameters in admin_patterns():
        objects = _object_parameters(parameters)
        if not parameters:
            for variant in LISTING_VARIANTS:
                yield f"{reverse(name)}{variant}"
            continue
        if not objects or set(parameters) & {key for pair in MODEL_KWARGS for key in pair}:
            continue
        target = _placed_target(name, parameters)
        if target is None or target.model is None or agency_scope_for(target.model) is not None:
            continue
        for pk in target.model._default_manager.values_list("pk", flat=True)[:20]:
            kwargs = _placeholder_kwargs(parameters) | dict.fromkeys(objects, quote(pk))
            url = _url(name, kwargs)
            if url is not None:
                yield url


def test_no_admin_page_lists_an_out_of_scope_object(client, world):
    client.force_login(world["editor_a"])
    shown = [url for url in _visible_pages(client) if SECRET in _body(client.get(url))]
    assert shown == []


def test_the_owning_agency_sees_its_records_on_the_same_pages(client, world):
    """Control: the pages above do carry the marker when they may (so the checks above can fail)."""
    client.force_login(world["drafter_b"])
    theirs = world["theirs"]
    procedure, decision = theirs[Procedure], theirs[AnnouncementDecision]
    urls = [
        reverse("wagtailsnippets_catalog_procedure:revisions_compare", args=[procedure.pk, "earliest", "latest"]),
        reverse("wagtailsnippetchoosers_catalog_procedure:choose"),
        reverse("wagtailsnippets_catalog_procedure:list") + "?export=csv",
        reverse("wagtailsnippets_catalog_announcementdecision:list"),
        reverse("wagtailsnippets_catalog_field:usage", args=[procedure.field_id]),
        reverse("wagtailadmin_reports:site_history"),
        reverse("wagtailadmin_reports:workflow"),
        reverse("wagtailadmin_reports:workflow_tasks") + "?export=xlsx",
        reverse("wagtaildocs:document_usage", args=[decision.document_id]),
        reverse("feedback_admin:queue"),
    ]
    assert [url for url in urls if SECRET not in _body(client.get(url))] == []
