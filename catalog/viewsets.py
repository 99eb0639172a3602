"""Wagtail admin of the catalog: snippet viewsets grouped under the menu "Thủ tục hành chính".

Procedures and decisions carry draft, revisions, lock, workflow and preview (model mixins). The views
here add what the catalog needs on top: agency scoping (catalog.permissions), the Decree 63 completeness
check before a record is submitted or published, and the edit panels in the national portal's order.
"""

import functools
from functools import cached_property

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef
from django.http import Http404
from django.urls import URLPattern, path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_filters import BooleanFilter, ChoiceFilter, ModelChoiceFilter
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    MultipleChooserPanel,
    ObjectList,
    Panel,
    TabbedInterface,
)
from wagtail.admin.ui.tables import Column, LiveStatusTagColumn, UpdatedAtColumn
from wagtail.snippets.views.snippets import CreateView, EditView, SnippetViewSet, SnippetViewSetGroup

from catalog import admin_agency_views, admin_views
from catalog.admin_forms import (
    DecisionAdminForm,
    DossierItemAdminForm,
    ProcedureAdminForm,
    ProcedureChoicesFormSet,
    ReceptionPlaceAdminForm,
)
from catalog.admin_links import posting_urls
from catalog.admin_prefetch import ChooserPreloadMixin, EditStatusPrefetchMixin
from catalog.admin_search import VietnameseIndexView, VietnameseSnippetViewSetMixin
from catalog.choices import ProcedureStatus, TimeLimitStatus
from catalog.collation import order_by_vietnamese
from catalog.completeness import procedure_missing_elements
from catalog.compliance import decision_signing_check
from catalog.models import (
    Agency,
    AgencyMembership,
    AgencyName,
    AnnouncementDecision,
    CalendarAdjustment,
    Field,
    FieldTopic,
    LegalDocument,
    Level,
    Procedure,
    ProcedureChannel,
    ProcedureVersion,
    ReceptionPlace,
)
from catalog.permissions import instance_in_scope, queryset_for_user
from catalog.selectors import reception_place_procedures
from catalog.services.decisions import decision_errors
from catalog.services.procedures import procedure_submit_check

# --- Panels -------------------------------------------------------------------------------------


class FormInlinePanel(InlinePanel):
    """An InlinePanel whose child forms use a given form class (e.g. list fields one per line)."""

    def __init__(self, *args, form_class=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.form_class = form_class

    def clone_kwargs(self):
        return {**super().clone_kwargs(), "form_class": self.form_class}

    def get_form_options(self):
        options = super().get_form_options()
        if self.form_class is not None:
            options["formsets"][self.relation_name]["form"] = self.form_class
        return options


class ProcedureChoicesPanel(MultipleChooserPanel):
    """Rows that each choose one procedure through a searchable, multiple-selection chooser."""

    def get_form_options(self):
        options = super().get_form_options()
        options["formsets"][self.relation_name]["formset"] = ProcedureChoicesFormSet
        return options


class TimeLimitFlagPanel(Panel):
    """Shows, on a channel, why its time limit still needs a person to structure it."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "catalog/admin/panels/time_limit_flag.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            channel = self.instance
            context["needs_review"] = bool(channel and channel.time_limit_status == TimeLimitStatus.NEEDS_REVIEW)
            context["flag"] = channel.time_limit_flag if channel else ""
            return context


class PostingSummaryPanel(Panel):
    """What the place posts now (saved rules and choices): counts, the first names, public links."""

    shown = 12

    class BoundPanel(Panel.BoundPanel):
        template_name = "catalog/admin/panels/posting_summary.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            place = self.instance
            context["is_new"] = not (place and place.pk)
            if context["is_new"]:
                return context
            posted = reception_place_procedures(place=place)
            in_force = ProcedureVersion.objects.in_force_on(timezone.localdate()).filter(procedure__in=posted)
            context.update(
                total=posted.count(),
                in_force=in_force.count(),
                names=list(order_by_vietnamese(in_force, "name").values_list("name", flat=True)[: self.panel.shown]),
                posting_urls=posting_urls(place),
            )
            return context


class CompletenessPanel(Panel):
    """Lists the elements Decree 63 Art. 8(2) still requires before the procedure can be submitted."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "catalog/admin/panels/completeness.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["missing"] = procedure_missing_elements(self.instance) if self.instance else []
            context["is_new"] = not (self.instance and self.instance.pk)
            return context


class DecisionSigningPanel(Panel):
    """Whether the decision is (or would be) signed late for its legal basis, and the reason recorded."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "catalog/admin/panels/decision_signing.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["signing"] = decision_signing_check(decision=self.instance) if self.instance else None
            return context


PROCEDURE_PANELS = TabbedInterface(
    [
        ObjectList(
            [
                CompletenessPanel(heading=_("Kiểm tra tính đầy đủ")),
                FieldRowPanel([FieldPanel("code"), FieldPanel("slug")]),
                FieldPanel("name"),
                FieldPanel("levels", widget=forms.CheckboxSelectMultiple),
                FieldPanel("procedure_type"),
                FieldPanel("field"),
                FieldPanel("central_decision_number"),
                FieldPanel("owner_agency"),
            ],
            heading=_("Thông tin chung"),
        ),
        ObjectList(
            [
                InlinePanel("steps", heading=_("Trình tự thực hiện"), label=_("bước")),
                InlinePanel(
                    "channels",
                    heading=_("Cách thức thực hiện"),
                    label=_("cách thức"),
                    panels=[
                        FieldRowPanel([FieldPanel("channel"), FieldPanel("channel_label")]),
                        FieldPanel("time_limit_text"),
                        TimeLimitFlagPanel(),
                        FieldPanel(
                            "time_limit_status",
                            help_text=_(
                                "Sau khi nhập thời hạn có cấu trúc cho cách thức này, chọn “Cán bộ đã cấu trúc”."
                            ),
                        ),
                        FieldRowPanel([FieldPanel("fee_text"), FieldPanel("no_fee")]),
                        FieldPanel("description"),
                    ],
                ),
                InlinePanel(
                    "time_limits",
                    heading=_("Thời hạn giải quyết có cấu trúc"),
                    label=_("thời hạn"),
                    panels=[
                        FieldRowPanel([FieldPanel("channel"), FieldPanel("case")]),
                        FieldRowPanel([FieldPanel("amount"), FieldPanel("unit"), FieldPanel("start_event")]),
                        FieldPanel("max_only"),
                    ],
                ),
            ],
            heading=_("Trình tự, cách thức"),
        ),
        ObjectList(
            [
                FormInlinePanel(
                    "dossier_items",
                    heading=_("Thành phần hồ sơ"),
                    label=_("giấy tờ"),
                    form_class=DossierItemAdminForm,
                    panels=[
                        FieldPanel("case"),
                        FieldPanel("name"),
                        FieldPanel("forms"),
                        FieldPanel("form_document"),
                        FieldRowPanel([FieldPanel("originals"), FieldPanel("copies"), FieldPanel("required")]),
                    ],
                ),
            ],
            heading=_("Thành phần hồ sơ"),
        ),
        ObjectList(
            [
                FieldPanel("applicants"),
                InlinePanel(
                    "agencies",
                    heading=_("Cơ quan thực hiện, có thẩm quyền, được ủy quyền, phối hợp"),
                    label=_("cơ quan"),
                    panels=[FieldPanel("role"), FieldPanel("name"), FieldPanel("agency")],
                ),
                FieldPanel("receiving_address"),
                FieldPanel("results"),
            ],
            heading=_("Đối tượng, cơ quan, kết quả"),
        ),
        ObjectList(
            [
                InlinePanel(
                    "legal_bases",
                    heading=_("Căn cứ pháp lý"),
                    label=_("văn bản"),
                    panels=[
                        FieldRowPanel([FieldPanel("number"), FieldPanel("issued_on")]),
                        FieldPanel("summary"),
                        FieldPanel("issuer"),
                        FieldPanel("document"),
                    ],
                ),
                FieldPanel("requirements"),
                FieldPanel("no_requirements"),
            ],
            heading=_("Căn cứ pháp lý, yêu cầu"),
        ),
        ObjectList(
            [
                FieldPanel("keywords"),
                FieldPanel("description"),
                FieldPanel("related_procedures"),
                FieldPanel("online_service_level"),
                FieldRowPanel([FieldPanel("one_stop"), FieldPanel("inter_agency_group")]),
                FieldPanel("commonly_used"),
            ],
            heading=_("Thông tin khác"),
        ),
    ],
    base_form_class=ProcedureAdminForm,
)

DECISION_PANELS = TabbedInterface(
    [
        ObjectList(
            [
                FieldRowPanel([FieldPanel("number"), FieldPanel("signed_on")]),
                FieldPanel("title"),
                FieldPanel("signer"),
                FieldRowPanel([FieldPanel("effective_on"), FieldPanel("basis_effective_on")]),
                DecisionSigningPanel(heading=_("Hạn ký quyết định (Nghị định 63/2010, Điều 15)")),
                FieldPanel("late_signing_reason"),
                FieldRowPanel([FieldPanel("proposing_agency"), FieldPanel("proposal_reference")]),
                FieldPanel("document"),
            ],
            heading=_("Quyết định"),
        ),
        ObjectList(
            [
                InlinePanel(
                    "items",
                    heading=_("Danh mục thủ tục hành chính"),
                    label=_("thủ tục"),
                    panels=[
                        FieldPanel("procedure"),
                        FieldPanel("category"),
                        FieldPanel("legal_document"),
                        FieldPanel("successor"),
                        FieldPanel("change_note"),
                    ],
                ),
            ],
            heading=_("Danh mục thủ tục"),
        ),
    ],
    base_form_class=DecisionAdminForm,
)


RECEPTION_PLACE_PANELS = TabbedInterface(
    [
        ObjectList(
            [
                FieldRowPanel([FieldPanel("name"), FieldPanel("slug")]),
                FieldPanel("agency"),
                FieldPanel("address"),
                MultiFieldPanel(
                    [
                        FieldPanel("notice_receiver"),
                        FieldPanel("notice_address"),
                        FieldPanel("notice_mailing_address"),
                        FieldRowPanel([FieldPanel("notice_phone"), FieldPanel("notice_email")]),
                        FieldPanel("notice_website"),
                    ],
                    heading=_("Thông báo tiếp nhận phản ánh, kiến nghị (Nghị định 20/2008/NĐ-CP, Điều 13)"),
                ),
                FieldPanel("posted_at"),
            ],
            heading=_("Thông tin chung"),
        ),
        ObjectList(
            [
                PostingSummaryPanel(heading=_("Đang niêm yết")),
                InlinePanel(
                    "posting_rules",
                    heading=_("Niêm yết theo quy tắc"),
                    label=_("quy tắc"),
                    help_text=_(
                        "Mỗi quy tắc niêm yết mọi thủ tục thỏa các điều kiện đã chọn (cơ quan, lĩnh vực, cấp thực "
                        "hiện), kể cả thủ tục được công bố về sau."
                    ),
                    panels=[FieldRowPanel([FieldPanel("agency"), FieldPanel("field"), FieldPanel("level")])],
                ),
                ProcedureChoicesPanel(
                    "posting_additions",
                    chooser_field_name="procedure",
                    heading=_("Niêm yết thêm từng thủ tục"),
                    label=_("thủ tục niêm yết thêm"),
                ),
                ProcedureChoicesPanel(
                    "posting_exclusions",
                    chooser_field_name="procedure",
                    heading=_("Không niêm yết tại đây"),
                    label=_("thủ tục không niêm yết"),
                    help_text=_("Thủ tục thuộc quy tắc ở trên nhưng không tiếp nhận tại nơi này."),
                ),
            ],
            heading=_("Thủ tục niêm yết"),
        ),
    ],
    base_form_class=ReceptionPlaceAdminForm,
)


# --- Submission check -----------------------------------------------------------------------------

# Actions that send a record towards the public: each requires a complete record.
CHECKED_ACTIONS = ("submit", "publish", "restart-workflow")


class SubmissionCheckMixin:
    """Refuse to submit (or publish) a record the completeness rules reject, listing what is missing."""

    refusal_message = _("Chưa thể gửi duyệt: hồ sơ thủ tục còn thiếu thành phần bắt buộc.")

    def submission_problems(self, candidate) -> list[str]:
        raise NotImplementedError

    def is_valid(self, form):
        if not super().is_valid(form):
            return False
        if getattr(self, "action", None) not in CHECKED_ACTIONS:
            return True
        # Build the submitted record in memory (children included) without writing anything.
        candidate = form.save(commit=False)
        problems = self.submission_problems(candidate)
        if not problems:
            return True
        for problem in problems:
            form.add_error(None, problem)
        self.produced_error_code = "incomplete"
        self.produced_error_message = self.refusal_message
        return False


class ProcedureSubmissionCheckMixin(SubmissionCheckMixin):
    refusal_message = _(
        "Chưa thể gửi duyệt: thủ tục còn thiếu thành phần bắt buộc (Nghị định 63/2010/NĐ-CP, Điều 8 khoản 2)."
    )

    def submission_problems(self, candidate) -> list[str]:
        try:
            procedure_submit_check(procedure=candidate)
        except ValidationError as error:
            return [message for messages in error.message_dict.values() for message in messages]
        return []


class DecisionSubmissionCheckMixin(SubmissionCheckMixin):
    refusal_message = _("Chưa thể gửi duyệt: quyết định có thủ tục chưa đầy đủ hoặc danh mục chưa hợp lệ.")

    def submission_problems(self, candidate) -> list[str]:
        errors = decision_errors(decision=candidate, items=list(candidate.items.all()), for_submission=True)
        return [message for messages in errors.values() for message in messages]


class ProcedureCreateView(ProcedureSubmissionCheckMixin, CreateView):
    pass


class ProcedureEditView(ChooserPreloadMixin, EditStatusPrefetchMixin, ProcedureSubmissionCheckMixin, EditView):
    pass


# Apps add buttons to the decisions' listing and to a decision's page through this hook: a function of
# (decision, user) returning Wagtail buttons (the decision is None for the listing's header).
DECISION_BUTTONS_HOOK = "register_decision_header_buttons"


def decision_header_buttons(decision, user) -> list:
    return [button for hook in hooks.get_hooks(DECISION_BUTTONS_HOOK) for button in hook(decision, user)]


class DecisionIndexView(VietnameseIndexView):
    @cached_property
    def header_buttons(self):
        return [*super().header_buttons, *decision_header_buttons(None, self.request.user)]


class DecisionCreateView(ChooserPreloadMixin, DecisionSubmissionCheckMixin, CreateView):
    pass


class DecisionEditView(ChooserPreloadMixin, EditStatusPrefetchMixin, DecisionSubmissionCheckMixin, EditView):
    """The decision's page: its process step by step, with the actions (sign, apply now, national-database
    entry) as buttons in the order of the process (catalog.admin_views.decision_process)."""

    @cached_property
    def header_buttons(self):
        return [*super().header_buttons, *decision_header_buttons(self.object, self.request.user)]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # self.object is the latest revision (its status may be stale): read the lifecycle from the row.
        decision = AnnouncementDecision.objects.get(pk=self.object.pk)
        context["process"] = admin_views.decision_process(
            decision=decision, user=self.request.user, today=timezone.localdate()
        )
        return context


class ReceptionPlaceEditView(ChooserPreloadMixin, EditView):
    """A place's chosen procedures (possibly hundreds of rows) are read in one query."""


# --- Agency scoping -------------------------------------------------------------------------------


class AgencyScopedViewSetMixin:
    """Department staff reach only their agency's records: listing narrowed, other objects answer 404."""

    agency_field: str = ""

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if queryset is None:
            queryset = self.model._default_manager.all()
        return queryset_for_user(queryset, user=request.user, agency_field=self.agency_field)

    def _scoped(self, view):
        @functools.wraps(view)
        def scoped_view(request, *args, **kwargs):
            pk = kwargs.get("pk")
            if pk is not None:
                instance = self.model._default_manager.filter(pk=pk).first()
                if instance is None or not instance_in_scope(
                    instance, user=request.user, agency_field=self.agency_field
                ):
                    raise Http404
            return view(request, *args, **kwargs)

        return scoped_view

    def get_urlpatterns(self):
        patterns = []
        for pattern in super().get_urlpatterns():
            if isinstance(pattern, URLPattern) and "pk" in pattern.pattern.converters:
                pattern = URLPattern(
                    pattern.pattern, self._scoped(pattern.callback), pattern.default_args, pattern.name
                )
            patterns.append(pattern)
        return patterns


# --- Listing filters and columns ------------------------------------------------------------------


def _needs_review_subquery():
    return Exists(
        ProcedureChannel.objects.filter(procedure=OuterRef("pk"), time_limit_status=TimeLimitStatus.NEEDS_REVIEW)
    )


class ProcedureFilterSet(WagtailFilterSet):
    field = ModelChoiceFilter(label=_("Lĩnh vực"), queryset=Field.objects.all())
    status = ChoiceFilter(label=_("Trạng thái"), choices=ProcedureStatus.choices)
    owner_agency = ModelChoiceFilter(label=_("Cơ quan chủ trì"), queryset=Agency.objects.all())
    levels = ModelChoiceFilter(label=_("Cấp thực hiện"), queryset=Level.objects.all(), field_name="levels")
    needs_time_limit_review = BooleanFilter(
        label=_("Thời hạn cần cán bộ cấu trúc"), method="filter_needs_time_limit_review"
    )

    class Meta:
        model = Procedure
        fields = ["field", "status", "owner_agency", "levels"]

    def filter_needs_time_limit_review(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.filter(_needs_review_subquery()) if value else queryset.exclude(_needs_review_subquery())


class TimeLimitReviewColumn(Column):
    """A warning tag on procedures with a channel whose time limit still needs structuring."""

    cell_template_name = "catalog/admin/cells/time_limit_review.html"

    def get_value(self, instance):
        return getattr(instance, "needs_time_limit_review", False)


# --- Viewsets -------------------------------------------------------------------------------------


class ProcedureViewSet(VietnameseSnippetViewSetMixin, AgencyScopedViewSetMixin, SnippetViewSet):
    model = Procedure
    agency_field = "owner_agency"
    icon = "doc-full"
    menu_label = _("Thủ tục hành chính")
    menu_name = "procedures"
    menu_order = 100
    add_view_class = ProcedureCreateView
    edit_view_class = ProcedureEditView
    edit_handler = PROCEDURE_PANELS
    filterset_class = ProcedureFilterSet
    search_fields = ["name", "code"]
    search_backend_name = None
    list_per_page = 50
    copy_view_enabled = False
    list_display = [
        "name",
        "code",
        "field",
        Column("status", label=_("Trạng thái"), accessor="get_status_display", sort_key="status"),
        "owner_agency",
        TimeLimitReviewColumn("needs_time_limit_review", label=_("Thời hạn")),
        LiveStatusTagColumn(label=_("Duyệt")),
        UpdatedAtColumn(),
    ]
    list_export = ["code", "name", "field", "status", "owner_agency"]
    export_filename = "thu-tuc-hanh-chinh"

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        return queryset.select_related("field", "owner_agency").annotate(
            needs_time_limit_review=_needs_review_subquery()
        )


class DecisionViewSet(VietnameseSnippetViewSetMixin, AgencyScopedViewSetMixin, SnippetViewSet):
    model = AnnouncementDecision
    agency_field = "proposing_agency"
    icon = "doc-full-inverse"
    menu_label = _("Quyết định công bố")
    menu_name = "decisions"
    vietnamese_sort_keys = ()
    menu_order = 110
    index_view_class = DecisionIndexView
    add_view_class = DecisionCreateView
    edit_view_class = DecisionEditView
    edit_template_name = "catalog/admin/decision_edit.html"
    edit_handler = DECISION_PANELS
    search_fields = ["number", "title"]
    search_backend_name = None
    list_filter = ["status", "proposing_agency"]
    copy_view_enabled = False
    list_display = [
        "number",
        "title",
        "signed_on",
        "effective_on",
        Column("status", label=_("Trạng thái"), accessor="get_status_display", sort_key="status"),
        LiveStatusTagColumn(label=_("Duyệt")),
        UpdatedAtColumn(),
    ]

    def get_urlpatterns(self):
        actions = [
            path("approve/<str:pk>/", admin_views.DecisionApproveView.as_view(), name="approve"),
            path("apply/<str:pk>/", admin_views.DecisionApplyView.as_view(), name="apply"),
            path("national-entry/<str:pk>/", admin_views.DecisionNationalEntryView.as_view(), name="national_entry"),
        ]
        # Agency scoping (AgencyScopedViewSetMixin) wraps these too: they carry the decision's pk.
        # The menu links to the first pattern (the listing): keep Wagtail's patterns first.
        return super().get_urlpatterns() + [
            URLPattern(pattern.pattern, self._scoped(pattern.callback), pattern.default_args, pattern.name)
            for pattern in actions
        ]


class AgencyViewSet(VietnameseSnippetViewSetMixin, SnippetViewSet):
    model = Agency
    icon = "group"
    menu_label = _("Cơ quan")
    menu_name = "agencies"
    menu_order = 120
    search_fields = ["name", "short_name", "code"]
    search_backend_name = None
    list_filter = ["level", "group"]
    list_display = ["name", "short_name", "level", "group", "valid_until", "successor"]
    index_view_class = admin_agency_views.AgencyIndexView
    edit_view_class = admin_agency_views.AgencyEditView
    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("short_name")]),
        FieldRowPanel([FieldPanel("code"), FieldPanel("sort_order")]),
        FieldRowPanel([FieldPanel("level"), FieldPanel("group")]),
        FieldPanel("parent"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("valid_from"), FieldPanel("valid_until")]), FieldPanel("successor")],
            heading=_("Hiệu lực, sáp nhập"),
        ),
    ]

    def get_urlpatterns(self):
        # Rename and merge ("Đổi tên", "Sáp nhập vào…"); the menu links to the first pattern: keep Wagtail's first.
        return [
            *super().get_urlpatterns(),
            path("rename/<str:pk>/", admin_agency_views.AgencyRenameView.as_view(), name="rename"),
            path("merge/<str:pk>/", admin_agency_views.AgencyMergeView.as_view(), name="merge"),
        ]


class AgencyNameViewSet(VietnameseSnippetViewSetMixin, SnippetViewSet):
    """Earlier names of agencies (renames of 2025); written by the rename service, corrected here."""

    model = AgencyName
    icon = "history"
    menu_label = _("Tên cũ của cơ quan")
    menu_name = "agency-names"
    menu_order = 121
    search_fields = ["name", "short_name"]
    search_backend_name = None
    list_filter = ["agency"]
    list_display = ["name", "agency", "valid_from", "valid_until"]


class AgencyMembershipViewSet(SnippetViewSet):
    """Which agency each department account belongs to (drives agency-scoped editing)."""

    model = AgencyMembership
    icon = "user"
    menu_label = _("Cán bộ thuộc cơ quan")
    menu_name = "agency-memberships"
    menu_order = 122
    list_filter = ["agency"]
    list_display = ["user", "agency"]


class FieldViewSet(VietnameseSnippetViewSetMixin, SnippetViewSet):
    model = Field
    icon = "tag"
    menu_label = _("Lĩnh vực")
    menu_name = "fields"
    menu_order = 130
    search_fields = ["name"]
    search_backend_name = None
    list_display = ["name", "slug", "topic", "alias_of"]
    list_filter = ["topic"]
    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("slug")]),
        # Plain selects: a browser's type-ahead finds a name among ~230 faster than a paged chooser.
        FieldPanel("topic", widget=forms.Select),
        FieldPanel("alias_of", widget=forms.Select),
    ]


class FieldTopicViewSet(SnippetViewSet):
    """Topics (chủ đề) that group fields on the public home page."""

    model = FieldTopic
    icon = "folder-open-inverse"
    menu_label = _("Chủ đề")
    menu_name = "field-topics"
    menu_order = 131
    search_fields = ["name"]
    search_backend_name = None
    list_display = ["name", "slug", "sort_order"]
    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("slug")]),
        FieldPanel("description"),
        FieldPanel("keywords"),
        FieldPanel("sort_order"),
    ]


class ReceptionPlaceViewSet(VietnameseSnippetViewSetMixin, SnippetViewSet):
    model = ReceptionPlace
    icon = "site"
    menu_label = _("Nơi tiếp nhận hồ sơ")
    menu_name = "reception-places"
    menu_order = 140
    search_fields = ["name", "address"]
    list_display = ["name", "agency", "address", "posted_at"]
    edit_handler = RECEPTION_PLACE_PANELS
    edit_view_class = ReceptionPlaceEditView


class LegalDocumentViewSet(VietnameseSnippetViewSetMixin, SnippetViewSet):
    model = LegalDocument
    icon = "doc-empty"
    menu_label = _("Văn bản pháp luật")
    menu_name = "legal-documents"
    vietnamese_sort_keys = ("number",)
    menu_order = 150
    search_fields = ["number", "summary"]
    search_backend_name = None
    list_display = ["number", "summary", "issued_on", "effective_on", "issuer"]


class CalendarAdjustmentViewSet(SnippetViewSet):
    model = CalendarAdjustment
    icon = "date"
    menu_label = _("Điều chỉnh ngày làm việc")
    menu_name = "calendar-adjustments"
    menu_order = 160
    list_filter = ["kind"]
    list_display = ["date", "kind", "note", "reference"]
    ordering = ["-date"]


class CatalogViewSetGroup(SnippetViewSetGroup):
    items = (
        ProcedureViewSet,
        DecisionViewSet,
        AgencyViewSet,
        AgencyNameViewSet,
        AgencyMembershipViewSet,
        FieldViewSet,
        FieldTopicViewSet,
        ReceptionPlaceViewSet,
        LegalDocumentViewSet,
        CalendarAdjustmentViewSet,
    )
    menu_icon = "list-ul"
    menu_label = _("Thủ tục hành chính")
    menu_name = "catalog"
    menu_order = 200
