"""What an import of `tthc-exchange/1` reports: each problem with its record, field path and reason, and
the counts of what was (or, for a dry run, would be) created, updated and left unchanged."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Problem:
    """One problem of one record: its index in the file (None for the whole file), field path, reason."""

    index: int | None
    path: str
    reason: str
    code: str | None = None

    def __str__(self) -> str:
        where = _("bản ghi %(index)s") % {"index": self.index} if self.index is not None else _("tệp")
        code = f" ({self.code})" if self.code else ""
        path = f" {self.path}" if self.path else ""
        return f"{where}{code}{path}: {self.reason}"


@dataclass
class ImportResult:
    """What an import did (or, for a dry run, would do)."""

    total: int = 0
    created: list[str] = field(default_factory=list)
    updated: list[tuple[str, list[str]]] = field(default_factory=list)
    unchanged: int = 0
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    skipped: list[int] = field(default_factory=list)
    versions_created: int = 0
    written: bool = False
    dry_run: bool = False
    procedure_ids: list[int] = field(default_factory=list)


class ImportRefused(Exception):
    """The import wrote nothing; `result.problems` says why."""

    def __init__(self, result: ImportResult) -> None:
        super().__init__(_("Nhập dữ liệu bị từ chối: %(count)s lỗi.") % {"count": len(result.problems)})
        self.result = result


def file_refused(reason: str) -> ImportRefused:
    """A refusal of the whole file (not of one record) for `reason`."""
    result = ImportResult()
    result.problems.append(Problem(None, "", reason))
    return ImportRefused(result)
