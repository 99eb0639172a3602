"""Catalog domain models, one module per aggregate."""

from .agencies import (
    Agency,
    AgencyMembership,
    AgencyName,
    Field,
    FieldTopic,
    Level,
    PostingAddition,
    PostingExclusion,
    PostingRule,
    ReceptionPlace,
)
from .calendar import CalendarAdjustment
from .decisions import AnnouncementDecision, DecisionItem
from .legal import LegalDocument
from .procedures import (
    DossierItem,
    Procedure,
    ProcedureAgency,
    ProcedureChannel,
    ProcedureLegalBasis,
    ProcedureStep,
    ProcedureTimeLimit,
)
from .versions import ProcedureVersion

__all__ = [
    "Agency",
    "AgencyMembership",
    "AgencyName",
    "AnnouncementDecision",
    "CalendarAdjustment",
    "DecisionItem",
    "DossierItem",
    "Field",
    "FieldTopic",
    "LegalDocument",
    "Level",
    "PostingAddition",
    "PostingExclusion",
    "PostingRule",
    "Procedure",
    "ProcedureAgency",
    "ProcedureChannel",
    "ProcedureLegalBasis",
    "ProcedureStep",
    "ProcedureTimeLimit",
    "ProcedureVersion",
    "ReceptionPlace",
]
