"""Apply the announcement decisions whose effective date has come (run daily by cron)."""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from catalog.services.decisions import decisions_apply_due_report


class Command(BaseCommand):
    help = (
        "Áp dụng các quyết định công bố đã ký có ngày hiệu lực đến hôm nay: thủ tục mới có hiệu lực, thủ tục "
        "sửa đổi có phiên bản mới, thủ tục bị thay thế/bãi bỏ hết hiệu lực. Lập lịch: chạy lệnh này mỗi ngày "
        "bằng cron ngay sau nửa đêm, ví dụ `5 0 * * * cd /srv/tthc && .venv/bin/python manage.py "
        "apply_due_decisions`; `make run` chạy lệnh một lần khi khởi động. Mỗi quyết định được áp dụng trọn vẹn "
        "hoặc không áp dụng gì; quyết định lỗi không chặn các quyết định khác."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--today",
            type=dt.date.fromisoformat,
            default=None,
            help="Ngày coi là hôm nay (YYYY-MM-DD); mặc định là ngày hiện tại theo giờ Việt Nam.",
        )

    def handle(self, *args, today: dt.date | None = None, **options):
        today = today or timezone.localdate()
        report = decisions_apply_due_report(today=today)
        for decision in report.applied:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Đã áp dụng quyết định {decision.number} (hiệu lực từ {decision.effective_on:%d/%m/%Y})."
                )
            )
        for decision, error in report.failed:
            self.stderr.write(self.style.ERROR(f"Không áp dụng được quyết định {decision.number}:"))
            for message in error.messages:
                self.stderr.write(f"  - {message}")
        if not report.applied and not report.failed:
            self.stdout.write(f"Không có quyết định nào đến hạn áp dụng vào ngày {today:%d/%m/%Y}.")
        if report.failed:
            raise CommandError(f"{len(report.failed)} quyết định chưa áp dụng được; xem lỗi ở trên.")
