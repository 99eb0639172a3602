"""Erase senders' personal data once the retention period (FEEDBACK_RETENTION_DAYS) has passed."""

from django.core.management.base import BaseCommand

from feedback.services import feedback_personal_data_purge


class Command(BaseCommand):
    help = "Xóa dữ liệu cá nhân của phản ánh đã xử lý xong quá thời hạn lưu trữ (FEEDBACK_RETENTION_DAYS)."

    def handle(self, *args, **options):
        count = feedback_personal_data_purge()
        self.stdout.write(f"Đã xóa dữ liệu cá nhân của {count} phản ánh, kiến nghị.")
