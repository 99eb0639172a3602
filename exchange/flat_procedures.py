"""Procedures shaped like model instances (what `exchange.mappers.catalog_procedure.procedure_to_record`
reads) without the ORM: from flat SQL rows, one statement per table (the export's hot path, see
`exchange.flat_rows`), and from a published version's frozen content.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict, namedtuple
from collections.abc import Iterator
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

from catalog.models import (
    Agency,
    DecisionItem,
    DossierItem,
    Field,
    Level,
    Procedure,
    ProcedureAgency,
    ProcedureChannel,
    ProcedureLegalBasis,
    ProcedureStep,
    ProcedureTimeLimit,
    ProcedureVersion,
)
from exchange import flat_rows
from exchange.mappers.catalog_procedure import SIGNED_DECISIONS


class _Children(list):
    """A list that answers `.all()` like a prefetched related manager (see `procedures_loaded`)."""

    def all(self) -> _Children:
        return self


_SCALARS = (
    "id",
    "code",
    "slug",
    "name",
    "central_decision_number",
    "procedure_type",
    "field_id",
    "applicants",
    "results",
    "receiving_address",
    "requirements",
    "no_requirements",
    "keywords",
    "description",
    "source",
    "extra",
    "status",
    "online_service_level",
    "one_stop",
    "inter_agency_group",
    "owner_agency_id",
    "replaced_by_id",
)
_CHILDREN = (
    ("steps", ProcedureStep, ("text",)),
    (
        "channels",
        ProcedureChannel,
        (
            "channel",
            "channel_label",
            "time_limit_text",
            "fee_text",
            "no_fee",
            "description",
            "time_limit_status",
            "time_limit_flag",
        ),
    ),
    ("time_limits", ProcedureTimeLimit, ("channel", "amount", "unit", "start_event", "case", "max_only")),
    ("dossier_items", DossierItem, ("case", "name", "forms", "originals", "copies", "required", "form_document")),
    ("agencies", ProcedureAgency, ("role", "name", "agency")),
    ("legal_bases", ProcedureLegalBasis, ("number", "summary", "issued_on", "issuer")),
)


# Light rows with the model's attribute names, so `procedure_to_record` reads them like model instances.
# The procedure id comes last (and defaults to None), so a row is made from a fetched tuple as is.
# Attribute names of flat rows where they differ from the column read: a paper's form file id becomes its URL,
# an agency link its national code (both filled in after the read).
_ROW_NAMES = {"form_document": "form_url", "agency": "agency_national_code"}
_ROW_TYPES = {
    attr: namedtuple(
        f"_{model.__name__}Row", (*(_ROW_NAMES.get(c, c) for c in columns), "procedure_id"), defaults=(None,)
    )
    for attr, model, columns in _CHILDREN
}
_JSON_SCALARS = frozenset({"applicants", "results", "keywords", "extra", "source"})
# Columns whose raw value needs a conversion (JSON text; SQLite decimals), by child attribute.
_CHILD_CONVERTERS = {
    "dossier_items": {"forms": flat_rows.json_value},
    "time_limits": {"amount": flat_rows.decimal_value},
}


def _add_children(loaded: dict[int, SimpleNamespace], attr: str, model, columns: tuple[str, ...], ids: list[int]):
    """Rows of one child table appended to their procedures' lists, in display order."""
    where, params = flat_rows.id_filter(flat_rows.column(model, "procedure"), ids)
    select = flat_rows.columns(model, *columns, "procedure")
    order = flat_rows.columns(model, "procedure", "sort_order", "id")
    rows = flat_rows.rows(f"SELECT {select} FROM {flat_rows.table(model)} WHERE {where} ORDER BY {order}", params)
    converters = _CHILD_CONVERTERS.get(attr, {})
    if converters:
        positions = [(columns.index(name), convert) for name, convert in converters.items()]
        converted = []
        for row in rows:
            values = list(row)
            for position, convert in positions:
                values[position] = convert(values[position])
            converted.append(values)
        rows = converted
    lists = {pk: getattr(procedure, attr) for pk, procedure in loaded.items()}
    made = list(map(_ROW_TYPES[attr]._make, rows))
    if attr == "dossier_items":
        made = _form_urls(made)
    elif attr == "agencies":
        made = _agency_codes(made)
    for row in made:
        lists[row.procedure_id].append(row)


def _form_urls(rows: list) -> list:
    """Papers' form file ids → the files' URLs (few papers have one: one query for those)."""
    ids = {row.form_url for row in rows if row.form_url}
    if not ids:
        return rows
    from wagtail.documents import get_document_model

    urls = {document.pk: document.url for document in get_document_model().objects.filter(pk__in=ids)}
    return [row._replace(form_url=urls.get(row.form_url)) if row.form_url else row for row in rows]


def _agency_codes(rows: list) -> list:
    """Agency links → the agencies' national codes ("" when none)."""
    ids = {row.agency_national_code for row in rows if row.agency_national_code}
    codes = dict(Agency.objects.filter(pk__in=ids).exclude(national_code="").values_list("pk", "national_code"))
    return [row._replace(agency_national_code=codes.get(row.agency_national_code, "")) for row in rows]


def _procedure_rows(ids: list[int]) -> Iterator[SimpleNamespace]:
    """Procedures with their scalar columns and field name, shaped like model instances."""
    where, params = flat_rows.id_filter(flat_rows.column(Procedure, "id"), ids)
    select = f"{flat_rows.columns(Procedure, *_SCALARS)}, {flat_rows.columns(Field, 'name', 'national_code')}"
    joined = (
        f"{flat_rows.table(Procedure)} LEFT JOIN {flat_rows.table(Field)} "
        f"ON {flat_rows.column(Field, 'id')} = {flat_rows.column(Procedure, 'field')}"
    )
    for row in flat_rows.rows(f"SELECT {select} FROM {joined} WHERE {where}", params):
        values = dict(zip(_SCALARS, row, strict=False))
        for name in _JSON_SCALARS:
            values[name] = flat_rows.json_value(values[name])
        procedure = SimpleNamespace(pk=values["id"], **values)
        procedure.field = SimpleNamespace(name=row[-2], national_code=row[-1]) if values["field_id"] else None
        yield procedure


def _many_to_many_rows(through, source: str, target: str, model, columns: tuple[str, ...], ids, *, order=None):
    """(source id, *columns of the target) of a many-to-many table for these source ids, in `order` of the
    target (its name and id by default)."""
    col = flat_rows.column
    where, params = flat_rows.id_filter(col(through, source), ids)
    sql = (
        f"SELECT {col(through, source)}, {flat_rows.columns(model, *columns)} "
        f"FROM {flat_rows.table(through)} JOIN {flat_rows.table(model)} ON {col(model, 'id')} = {col(through, target)} "
        f"WHERE {where} ORDER BY {flat_rows.columns(model, *(order or ('name', 'id')))}"
    )
    return flat_rows.rows(sql, params)


def _add_references(loaded: dict[int, SimpleNamespace], ids: list[int]) -> None:
    """Related procedures, the owner agency and the successor, as `procedure_to_record` reads them."""
    related = _many_to_many_rows(
        Procedure.related_procedures.through, "from_procedure", "to_procedure", Procedure, ("code", "name"), ids
    )
    for pid, code, name in related:
        loaded[pid].related_procedures.append(SimpleNamespace(code=code, name=name))
    owners = {procedure.owner_agency_id for procedure in loaded.values() if procedure.owner_agency_id}
    agencies = {
        pk: SimpleNamespace(code=code, name=name, national_code=national_code)
        for pk, code, name, national_code in Agency.objects.filter(pk__in=owners).values_list(
            "pk", "code", "name", "national_code"
        )
    }
    successors = {procedure.replaced_by_id for procedure in loaded.values() if procedure.replaced_by_id}
    found = {
        pk: SimpleNamespace(code=code, name=name)
        for pk, code, name in Procedure.objects.filter(pk__in=successors).values_list("pk", "code", "name")
    }
    for procedure in loaded.values():
        procedure.owner_agency = agencies.get(procedure.owner_agency_id)
        procedure.replaced_by = found.get(procedure.replaced_by_id)


def decision_items_for(procedure_ids: list[int]) -> dict[int, list[SimpleNamespace]]:
    """Items of signed decisions listing these procedures, shaped like model instances (decision, legal
    document and successor attached), per procedure."""
    items = (
        DecisionItem.objects.filter(procedure_id__in=procedure_ids, decision__status__in=SIGNED_DECISIONS)
        .values_list(
            "procedure_id",
            "pk",
            "category",
            "change_note",
            "decision__number",
            "decision__signed_on",
            "decision__effective_on",
            "decision__status",
            "legal_document__number",
            "legal_document__summary",
            "legal_document__issued_on",
            "legal_document__issuer",
            "successor__code",
            "successor__name",
        )
        .order_by("pk")
    )
    found: dict[int, list[SimpleNamespace]] = defaultdict(list)
    for pid, pk, category, note, number, signed, effective, status, doc, summary, issued, issuer, scode, sname in items:
        found[pid].append(
            SimpleNamespace(
                pk=pk,
                category=category,
                change_note=note,
                decision=SimpleNamespace(number=number, signed_on=signed, effective_on=effective, status=status),
                legal_document=(
                    SimpleNamespace(number=doc, summary=summary, issued_on=issued, issuer=issuer) if doc else None
                ),
                successor=SimpleNamespace(code=scode, name=sname) if sname else None,
            )
        )
    return found


def _add_catalog_keys(loaded: dict[int, SimpleNamespace], ids: list[int]) -> None:
    """Signed decision items and versions, as `procedure_to_record` reads them."""
    for pid, items in decision_items_for(ids).items():
        loaded[pid].decision_items.extend(items)
    versions = (
        ProcedureVersion.objects.filter(procedure_id__in=ids)
        .values_list("procedure_id", "number", "valid_from", "valid_until", "decision__number")
        .order_by("procedure_id", "number")
    )
    for pid, number, valid_from, valid_until, decision_number in versions:
        loaded[pid].versions.append(
            SimpleNamespace(
                number=number, valid_from=valid_from, valid_until=valid_until, decision_number=decision_number
            )
        )


def procedures_loaded(ids: list[int], *, catalog_keys: bool = True) -> dict[int, SimpleNamespace]:
    """These procedures by id, with their children, levels and references (and with `catalog_keys`, their
    signed decision items and versions), each table read with one flat SQL statement."""
    loaded: dict[int, SimpleNamespace] = {}
    for procedure in _procedure_rows(ids):
        for name in ("levels", "decision_items", "versions", "related_procedures", *(child[0] for child in _CHILDREN)):
            setattr(procedure, name, _Children())
        loaded[procedure.pk] = procedure
    levels = _many_to_many_rows(
        Procedure.levels.through,
        "procedure",
        "level",
        Level,
        ("name", "national_code"),
        ids,
        order=("sort_order", "id"),
    )
    for pid, name, national_code in levels:
        loaded[pid].levels.append(SimpleNamespace(name=name, national_code=national_code))
    for attr, model, columns in _CHILDREN:
        _add_children(loaded, attr, model, columns, ids)
    _add_references(loaded, ids)
    if catalog_keys:
        _add_catalog_keys(loaded, ids)
    return loaded


# --- a version's frozen content (`catalog.snapshots.procedure_snapshot`) ----------------------------------


def procedure_from_snapshot(content: dict[str, Any]) -> SimpleNamespace:
    """A version's content shaped like a stored procedure, for `procedure_to_record`."""
    return SimpleNamespace(
        pk=None,
        code=content.get("code") or None,
        slug=content.get("slug"),
        name=content["name"],
        central_decision_number=content.get("central_decision_number"),
        procedure_type=content.get("procedure_type"),
        applicants=content.get("applicants") or [],
        results=content.get("results") or [],
        receiving_address=content.get("receiving_address"),
        requirements=content.get("requirements"),
        no_requirements=content.get("no_requirements", False),
        keywords=content.get("keywords") or [],
        description=content.get("description"),
        source=None,
        extra={},
        status=None,
        online_service_level=content.get("online_service_level") or "",
        one_stop=content.get("one_stop", True),
        inter_agency_group=content.get("inter_agency_group") or "",
        replaced_by_id=None,
        replaced_by=None,
        decision_items=_Children(),
        versions=_Children(),
        **_snapshot_references(content),
        **_snapshot_children(content),
    )


def _snapshot_references(content: dict[str, Any]) -> dict[str, Any]:
    """Field, owner agency, related procedures and levels as the snapshot names them."""
    field = content.get("field")
    owner = content.get("owner_agency")
    return {
        "field_id": 1 if field else None,
        "field": SimpleNamespace(name=field["name"], national_code=field.get("national_code") or "") if field else None,
        "owner_agency_id": 1 if owner else None,
        "owner_agency": (
            SimpleNamespace(code=owner["code"], name=owner["name"], national_code=owner.get("national_code") or "")
            if owner
            else None
        ),
        "related_procedures": _Children(
            SimpleNamespace(code=entry.get("code") or None, name=entry["name"]) for entry in content.get("related", [])
        ),
        "levels": _Children(
            SimpleNamespace(name=level["name"], national_code=level.get("national_code") or "")
            for level in content.get("levels", [])
        ),
    }


def _snapshot_children(content: dict[str, Any]) -> dict[str, _Children]:
    """The child rows (steps, channels, time limits, papers, agencies, legal bases) of a snapshot."""
    channel_row = _ROW_TYPES["channels"]
    return {
        "steps": _Children(_ROW_TYPES["steps"](text) for text in content.get("steps", [])),
        "channels": _Children(
            channel_row(*(channel.get(name) for name in channel_row._fields)) for channel in content.get("channels", [])
        ),
        "time_limits": _Children(_snapshot_time_limit(limit) for limit in content.get("time_limits", [])),
        "dossier_items": _Children(
            _snapshot_paper(group, item) for group in content.get("dossier", []) for item in group.get("items", [])
        ),
        "agencies": _Children(
            _ROW_TYPES["agencies"](entry["role"], entry["name"], entry.get("national_code") or "")
            for entry in content.get("agencies", [])
        ),
        "legal_bases": _Children(_snapshot_legal_basis(basis) for basis in content.get("legal_bases", [])),
    }


def _snapshot_time_limit(limit: dict[str, Any]):
    return _ROW_TYPES["time_limits"](
        limit["channel"],
        Decimal(limit["amount"]) if limit.get("amount") is not None else Decimal(0),
        limit["unit"],
        limit["start_event"],
        limit.get("case") or "",
        bool(limit.get("max_only")),
    )


def _snapshot_paper(group: dict[str, Any], item: dict[str, Any]):
    return _ROW_TYPES["dossier_items"](
        group.get("case") or "",
        item["name"],
        item.get("forms") or [],
        item.get("originals"),
        item.get("copies"),
        item.get("required", True),
        item.get("form_document_url"),
    )


def _snapshot_legal_basis(basis: dict[str, Any]):
    return _ROW_TYPES["legal_bases"](
        basis["number"],
        basis.get("summary") or "",
        dt.date.fromisoformat(basis["issued_on"]) if basis.get("issued_on") else None,
        basis.get("issuer") or "",
    )
