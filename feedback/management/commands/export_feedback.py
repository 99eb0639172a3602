"""Export feedback records (CSV or JSON) for transfer to the national feedback system."""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from feedback.exports import TRANSFER_WRITERS, feedback_transfer_write


class Command(BaseCommand):
    help = "Xuất phản ánh, kiến nghị (CSV hoặc JSON) để chuyển lên hệ thống phản ánh, kiến nghị quốc gia."

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=list(TRANSFER_WRITERS), default="csv", help="Định dạng tệp xuất.")
        parser.add_argument("-o", "--output", required=True, help="Đường dẫn tệp xuất.")
        parser.add_argument("--since", type=dt.date.fromisoformat, help="Chỉ phản ánh tiếp nhận từ ngày (YYYY-MM-DD).")
        parser.add_argument("--until", type=dt.date.fromisoformat, help="Đến ngày (YYYY-MM-DD), bao gồm.")

    def handle(self, *args, **options):
        output = options["output"]
        try:
            with open(output, "w", encoding="utf-8", newline="") as stream:
                count = feedback_transfer_write(
                    stream,
                    format=options["format"],
                    since=options["since"],
                    until=options["until"],
                    user=None,
                    destination=output,
                )
        except OSError as error:
            raise CommandError(f"Không ghi được tệp {output}: {error}")
        self.stdout.write(f"Đã xuất {count} phản ánh, kiến nghị vào {output}.")
