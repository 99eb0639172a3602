"""How much each procedure is used: the dossier count that search reads as a popularity prior.

The catalog keeps the figure so that apps built on it can read it without depending on each other:
`timeliness` counts dossiers and calls `procedures_demand_set`; `search` reads `Procedure.demand` when it
indexes (the `procedures_changed` signal sent here makes it re-index the procedures whose figure moved).
"""

import re
from collections.abc import Mapping

from django.db import transaction

from catalog.models import Procedure
from catalog.services.versions import procedures_changed_send

_NATIONAL_CODE_RE = re.compile(r"^\d\.\d{6}")


def procedures_demand_set(*, counts: Mapping[str, int]) -> list[int]:
    """Set every procedure's demand from dossier counts keyed by the procedure code the dossiers reported.

    A code matches a procedure with exactly that code, else the procedure with its national part
    ("1.001193.000.00.00.H55" counts for 1.001193). Procedures no dossier names get 0. Returns the ids whose
    figure changed (and sends `procedures_changed` for them once the transaction commits).
    """
    by_code: dict[str, int] = {}
    for code, count in counts.items():
        code = (code or "").strip()
        if code and count > 0:
            by_code[code] = by_code.get(code, 0) + count
    procedures = {code: pk for pk, code in Procedure.objects.exclude(code=None).values_list("pk", "code")}
    wanted: dict[int, int] = {}
    for code, count in by_code.items():
        pk = procedures.get(code)
        if pk is None:
            match = _NATIONAL_CODE_RE.match(code)
            pk = procedures.get(match.group(0)) if match else None
        if pk is not None:
            wanted[pk] = wanted.get(pk, 0) + count
    with transaction.atomic():
        current = dict(Procedure.objects.filter(demand__gt=0).values_list("pk", "demand"))
        changed = [pk for pk in set(current) | set(wanted) if current.get(pk, 0) != wanted.get(pk, 0)]
        rows = [Procedure(pk=pk, demand=wanted.get(pk, 0)) for pk in changed]
        Procedure.objects.bulk_update(rows, ["demand"], batch_size=1000)
        if changed:
            procedures_changed_send(procedure_ids=sorted(changed))
    return sorted(changed)
