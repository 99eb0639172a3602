"""python manage.py export_procedures --format json|xml|xlsx|docx|jsonld [--decision N] [--changed-since D] -o PATH"""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from exchange.selectors import procedures_for_export
from exchange.services import exporting

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
        parser.add_argument("-o", "--output", required=True, help="Đường dẫn tệp kết quả.")

    def handle(self, *args, format, decision, changed_since, output, **options):
        progress = options.get("verbosity", 1) >= 1
        queryset = procedures_for_export(decision_number=decision, changed_since=changed_since)
        if format == "json":
            with open(output, "wb") as stream:
                count = exporting.procedures_export_json(queryset=queryset, stream=stream, progress=progress)
        elif format == "xml":
            with open(output, "wb") as stream:
                count = exporting.procedures_export_xml(queryset=queryset, stream=stream, progress=progress)
        else:
            count = self._other(format, decision, queryset, output)
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
