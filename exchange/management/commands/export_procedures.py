"""python manage.py export_procedures --format json|xml|xlsx|docx|jsonld [--decision N] [--changed-since D]
[--include-drafts] -o PATH [--workers N]"""

import datetime as dt
import os
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from exchange.selectors import export_scope, procedures_for_export
from exchange.services import exporting
from exchange.services.export_chunks import default_workers

FORMATS = ("json", "xml", "xlsx", "docx", "jsonld")


def _day(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"--changed-since: ngày không hợp lệ “{value}” (cần YYYY-MM-DD)") from exc


class Command(BaseCommand):
    help = "Xuất thủ tục hành chính: JSON/XML tthc-exchange/1, phụ lục quyết định (xlsx, docx), CPSV-AP JSON-LD."

    def add_arguments(self, parser):
        parser.add_argument("--format", required=True, choices=FORMATS)
        parser.add_argument("--decision", help="Số quyết định công bố của tỉnh, ví dụ 345/QĐ-UBND.")
        parser.add_argument("--changed-since", type=_day, help="Chỉ thủ tục thay đổi từ ngày này (YYYY-MM-DD).")
        parser.add_argument(
            "--include-drafts",
            action="store_true",
            help="json/xml: thêm bản làm việc của thủ tục chưa có hiệu lực (đánh dấu ban_lam_viec).",
        )
        parser.add_argument("-o", "--output", required=True, help="Đường dẫn tệp kết quả.")
        parser.add_argument(
            "--workers",
            type=int,
            default=default_workers(),
            help="Số tiến trình đọc và chuyển đổi song song cho json/xml (mặc định: số CPU).",
        )

    def handle(self, *args, format, decision, changed_since, include_drafts, output, workers, **options):
        if workers < 1:
            raise CommandError(f"--workers: cần ít nhất 1 (nhận {workers}).")
        if include_drafts and format not in ("json", "xml"):
            raise CommandError("--include-drafts chỉ dùng với định dạng json và xml.")
        if decision and format in ("json", "xml"):
            from catalog.models import AnnouncementDecision

            if not AnnouncementDecision.objects.filter(number=decision).exists():
                raise CommandError(f"--decision: không có quyết định số “{decision}”.")
        progress = options.get("verbosity", 1) >= 1
        queryset = procedures_for_export(decision_number=decision, changed_since=changed_since)
        # Written beside the target and moved into place when complete: a failed or interrupted export
        # never leaves a truncated file under the requested name.
        partial = Path(f"{output}.part")
        try:
            if format in ("json", "xml"):
                export = exporting.procedures_export_json if format == "json" else exporting.procedures_export_xml
                # The versions in force (with decision and valid-from), or a decision's announced procedures.
                scope = export_scope(
                    decision_number=decision, changed_since=changed_since, include_drafts=include_drafts
                )
                with partial.open("wb") as stream:
                    count = export(scope=scope, stream=stream, progress=progress, workers=workers)
            else:
                count = self._other(format, decision, queryset, str(partial))
            os.replace(partial, output)
        except exporting.ExportInvalid as exc:
            raise CommandError(str(exc)) from exc
        finally:
            partial.unlink(missing_ok=True)
        self.stdout.write(f"Đã xuất {count} thủ tục vào {output}.")

    def _other(self, format, decision, queryset, output) -> int:
        if format in ("xlsx", "docx"):
            from catalog.models import AnnouncementDecision
            from exchange.services import annexes

            if not decision:
                raise CommandError("--decision là bắt buộc với định dạng xlsx và docx (phụ lục của một quyết định).")
            found = AnnouncementDecision.objects.filter(number=decision).first()
            if found is None:
                raise CommandError(f"--decision: không có quyết định số “{decision}”.")
            if format == "xlsx":
                return annexes.decision_annex_xlsx(decision=found, path=output)
            return annexes.decision_annex_docx(decision=found, path=output)
        from exchange.services import cpsv

        with open(output, "w", encoding="utf-8") as stream:
            return cpsv.procedures_export_jsonld(queryset=queryset, stream=stream)
