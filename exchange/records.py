"""Format-neutral records of a procedure as exchanged with other systems.

Mappers turn each external format into these dataclasses and back; services map them onto catalog
models. Field names of external formats never appear here. Text is NFC-normalised by the mappers.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, replace
from typing import Any


@dataclass(frozen=True)
class StructuredCaseRecord:
    """One structured time limit of a channel (amount as a decimal string, unit/start as choice values)."""

    amount: str
    unit: str
    start_event: str
    case: str = ""
    max_only: bool = False


@dataclass(frozen=True)
class ChannelRecord:
    """A submission channel as published: its label, time-limit text, fee text and description."""

    label: str
    time_limit_text: str | None
    fee_text: str | None
    description: str | None
    # What the catalog knows beyond the published text (export only; import re-parses unless manual).
    time_limit_status: str | None = None
    time_limit_flag: str = ""
    structured: tuple[StructuredCaseRecord, ...] = ()

    def content(self) -> ChannelRecord:
        """The channel as stored by an import: parsed structure is derived, staff's manual one is content."""
        if self.time_limit_status == "manual":
            return self
        return ChannelRecord(self.label, self.time_limit_text, self.fee_text, self.description)


@dataclass(frozen=True)
class PaperRecord:
    """One paper of a dossier: name, form names, number of originals and copies (None = not stated),
    whether it is required in every case, and the URL of its form file (export only)."""

    name: str
    forms: tuple[str, ...] = ()
    originals: int | None = None
    copies: int | None = None
    required: bool = True
    form_url: str | None = None

    def content(self) -> PaperRecord:
        return replace(self, form_url=None)


@dataclass(frozen=True)
class DossierGroupRecord:
    """Papers required in one case (`case` None = for every case)."""

    case: str | None
    papers: tuple[PaperRecord, ...] = ()


@dataclass(frozen=True)
class LegalBasisRecord:
    number: str
    summary: str | None
    issued_on: str | None  # ISO date
    issuer: str | None


@dataclass(frozen=True)
class AgenciesRecord:
    """Agencies named on a procedure, by role, as published."""

    implementing: tuple[str, ...] = ()
    competent: tuple[str, ...] = ()
    authorised: tuple[str, ...] = ()
    coordinating: tuple[str, ...] = ()


@dataclass(frozen=True)
class RelatedRecord:
    """Another procedure named by a procedure (related, or its successor): national code and name."""

    code: str | None
    name: str


@dataclass(frozen=True)
class NamedCodeRecord:
    """A name with a code for it: the national database's (agency, level), or the catalog's agency code with
    the national one when staff entered it (`national_code`, the owner agency)."""

    name: str
    code: str
    national_code: str = ""


@dataclass(frozen=True)
class NationalCodesRecord:
    """The national database's codes of the procedure's field, levels and agencies, where staff entered them."""

    field: str | None = None
    levels: tuple[NamedCodeRecord, ...] = ()
    agencies: tuple[NamedCodeRecord, ...] = ()


@dataclass(frozen=True)
class ProvincialDecisionRecord:
    """A provincial announcement decision that listed the procedure, with what the item says (export; the
    import recreates it with `--as-published`)."""

    number: str
    signed_on: str | None
    effective_on: str | None
    category: str
    legal_document: LegalBasisRecord | None = None
    change_note: str | None = None
    successor: RelatedRecord | None = None


@dataclass(frozen=True)
class StatusRecord:
    """Lifecycle state and the validity of the exported version, with the decision that brought it."""

    status: str
    valid_from: str | None = None
    valid_until: str | None = None
    decision: str | None = None


@dataclass(frozen=True)
class ProcedureRecord:
    """One procedure in the exchange content model."""

    code: str | None
    name: str
    central_decision_number: str | None = None
    levels: tuple[str, ...] = ()
    procedure_type: str | None = None
    field: str | None = None
    steps: tuple[str, ...] = ()
    channels: tuple[ChannelRecord, ...] = ()
    dossier: tuple[DossierGroupRecord, ...] = ()
    applicants: tuple[str, ...] = ()
    agencies: AgenciesRecord = dataclasses.field(default_factory=AgenciesRecord)
    receiving_address: str | None = None
    results: tuple[str, ...] = ()
    legal_bases: tuple[LegalBasisRecord, ...] = ()
    requirements: str | None = None
    keywords: tuple[str, ...] = ()
    description: str | None = None
    source: dict[str, Any] | None = None
    # Keys outside the format, kept as-is so they survive a round trip.
    extra: dict[str, Any] = dataclasses.field(default_factory=dict)
    # What staff enter beyond the portal's labels. None = the file does not say (an import keeps what is
    # stored); online level "" = unknown.
    slug: str | None = None
    online_service_level: str | None = None
    one_stop: bool | None = None
    inter_agency_group: str | None = None
    related: tuple[RelatedRecord, ...] | None = None
    owner_agency: NamedCodeRecord | None = None
    national_codes: NationalCodesRecord | None = None
    # Lifecycle knowledge of the catalog (an import ignores it unless `--as-published`).
    successor: RelatedRecord | None = None
    provincial_decisions: tuple[ProvincialDecisionRecord, ...] = ()
    status: StatusRecord | None = None
    version: int | None = None
    draft: bool = False  # a working copy, not what is in force

    def content(self) -> ProcedureRecord:
        """The record without export-only knowledge: what an import compares and stores."""
        return ProcedureRecord(
            code=self.code,
            name=self.name,
            central_decision_number=self.central_decision_number,
            levels=self.levels,
            procedure_type=self.procedure_type,
            field=self.field,
            steps=self.steps,
            channels=tuple(channel.content() for channel in self.channels),
            dossier=tuple(
                DossierGroupRecord(group.case, tuple(paper.content() for paper in group.papers))
                for group in self.dossier
            ),
            applicants=self.applicants,
            agencies=self.agencies,
            receiving_address=self.receiving_address,
            results=self.results,
            legal_bases=self.legal_bases,
            requirements=self.requirements,
            keywords=self.keywords,
            description=self.description,
            source=self.source,
            extra=self.extra,
            slug=self.slug,
            online_service_level=self.online_service_level,
            one_stop=self.one_stop,
            inter_agency_group=self.inter_agency_group,
            related=self.related,
            owner_agency=self.owner_agency,
            national_codes=self.national_codes,
        )


@dataclass(frozen=True)
class DocumentHeader:
    format: str
    generated_at: str | None = None
    source_note: str | None = None
