"""python manage.py ensure_local_admin — a superuser for local development only (refused unless DEBUG)."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

USERNAME = "admin"
PASSWORD = "admin"


class Command(BaseCommand):
    help = "Tạo tài khoản quản trị cục bộ (chỉ khi DEBUG)."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("Chỉ dùng khi chạy cục bộ (DEBUG=True).")
        user_model = get_user_model()
        if not user_model.objects.filter(username=USERNAME).exists():
            user_model.objects.create_superuser(USERNAME, "admin@localhost", PASSWORD)
        self.stdout.write(
            f"Quản trị: http://127.0.0.1:8000/admin/  tài khoản: {USERNAME}  mật khẩu: {PASSWORD} (chỉ dùng cục bộ)"
        )
