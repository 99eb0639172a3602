"""python manage.py import_decision_annex PATH [--number NUMBER]: start a draft decision from an annex workbook."""

from django.core.management.base import BaseCommand, CommandError

from exchange.services.annexes import AnnexImportError, decision_create_from_annex


class Command(BaseCommand):
    help = "Tạo dự thảo quyết định công bố từ phụ lục danh mục thủ tục (xlsx, theo mẫu Thông tư 02/2017/TT-VPCP)."

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument(
            "--number", help="Số quyết định, ví dụ 345/QĐ-UBND (mặc định: số ghi trong tiêu đề phụ lục)."
        )

    def handle(self, *args, path, number, **options):
        try:
            decision = decision_create_from_annex(path=path, number=number)
        except AnnexImportError as exc:
            raise CommandError(str(exc))
        self.stdout.write(f"Đã tạo dự thảo quyết định {decision.number} với {decision.items.count()} thủ tục.")
