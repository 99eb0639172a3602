"""Export feedback records (CSV or JSON) for transfer to the national feedback system."""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from feedback.choices import AccessAction
from feedback.exports import feedback_export_row, write_csv, write_json
from feedback.selectors import feedback_for_transfer
from feedback.services import personal_data_access_log


class Command(BaseCommand):
    help = "Xuất phản ánh, kiến nghị (CSV hoặc JSON) để chuyển lên hệ thống phản ánh, kiến nghị quốc gia."

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=["csv", "json"], default="csv", help="Định dạng tệp xuất.")
        parser.add_argument("-o", "--output", required=True, help="Đường dẫn tệp xuất.")
        parser.add_argument("--since", type=dt.date.fromisoformat, help="Chỉ phản ánh tiếp nhận từ ngày (YYYY-MM-DD).")
        parser.add_argument("--until", type=dt.date.fromisoformat, help="Đến ngày (YYYY-MM-DD), bao gồm.")

    def handle(self, *args, **options):
        items = feedback_for_transfer(since=options["since"], until=options["until"])
        rows = (feedback_export_row(item) for item in items.iterator())
        writer = write_csv if options["format"] == "csv" else write_json
        try:
            with open(options["output"], "w", encoding="utf-8", newline="") as stream:
                count = writer(rows, stream)
        except OSError as error:
            raise CommandError(f"Không ghi được tệp {options['output']}: {error}")
        personal_data_access_log(
            feedback=None, user=None, action=AccessAction.EXPORT, detail=f"{count} bản ghi → {options['output']}"
        )
        self.stdout.write(f"Đã xuất {count} phản ánh, kiến nghị vào {options['output']}.")
