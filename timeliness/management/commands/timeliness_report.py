"""python manage.py timeliness_report --from DATE --to DATE [--as-of DATE] --format json|csv|xlsx|pdf [-o PATH]"""

import datetime as dt
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from catalog.models import Agency
from timeliness.exports import FORMATS, report_render
from timeliness.selectors import timeliness_report, timeliness_report_by_procedure


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"“{text}” không phải ngày dạng YYYY-MM-DD.")


class Command(BaseCommand):
    help = "Báo cáo tình hình giải quyết hồ sơ theo cơ quan (hoặc theo thủ tục của một cơ quan)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--from", dest="date_from", required=True, help="Ngày đầu kỳ (YYYY-MM-DD), tính theo ngày tiếp nhận."
        )
        parser.add_argument("--to", dest="date_to", required=True, help="Ngày cuối kỳ (YYYY-MM-DD), tính cả ngày này.")
        parser.add_argument(
            "--as-of", dest="as_of", help="Số liệu tính đến hết ngày này (mặc định: cuối kỳ hoặc hiện tại)."
        )
        parser.add_argument("--format", dest="fmt", choices=FORMATS, default="json")
        parser.add_argument("--agency", help="Mã cơ quan: báo cáo chi tiết theo thủ tục của cơ quan này.")
        parser.add_argument("-o", "--output", type=Path, help="Tệp kết quả (mặc định: in ra màn hình).")

    def handle(self, *args, date_from, date_to, as_of, fmt, agency, output, **options):
        start, end = _date(date_from), _date(date_to)
        if end < start:
            raise CommandError("--to phải không trước --from.")
        as_of_day = _date(as_of) if as_of else None
        if agency:
            found = Agency.objects.filter(code=agency).first()
            if found is None:
                raise CommandError(f"Không có cơ quan mã “{agency}”.")
            report = timeliness_report_by_procedure(agency=found, date_from=start, date_to=end, as_of=as_of_day)
        else:
            report = timeliness_report(date_from=start, date_to=end, as_of=as_of_day)
        content = report_render(report, fmt=fmt)
        if output:
            output.write_bytes(content)
            self.stdout.write(self.style.SUCCESS(f"Đã ghi {output} ({len(content):,} byte)."))
        elif fmt in ("json", "csv"):
            self.stdout.write(content.decode("utf-8-sig"))
        else:
            if sys.stdout.isatty():
                raise CommandError(f"Định dạng {fmt} là tệp nhị phân: dùng -o PATH.")
            sys.stdout.buffer.write(content)
