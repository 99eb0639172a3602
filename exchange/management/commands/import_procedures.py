"""python manage.py import_procedures PATH [--dry-run] [--skip-invalid] [--in-force-from YYYY-MM-DD | --as-published]"""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from exchange.services.importing import ImportRefused, document_load, procedures_import


def _day(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"--in-force-from: ngày không hợp lệ “{value}” (cần YYYY-MM-DD)") from exc


class Command(BaseCommand):
    help = "Nhập thủ tục hành chính từ tệp tthc-exchange/1 (.json, .json.gz, .json.xz)."

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--dry-run", action="store_true", help="Chỉ liệt kê thay đổi, không ghi.")
        parser.add_argument("--skip-invalid", action="store_true", help="Ghi các bản ghi hợp lệ, liệt kê bản ghi lỗi.")
        published = parser.add_mutually_exclusive_group()
        published.add_argument("--in-force-from", type=_day, help="Tạo phiên bản có hiệu lực từ ngày này.")
        published.add_argument(
            "--as-published",
            action="store_true",
            help=(
                "Tạo lại phiên bản đang có hiệu lực như trong tệp (quyết định, ngày hiệu lực, số phiên bản): "
                "chuyển danh mục giữa các hệ thống. Không có cờ này, thủ tục nhập vào chưa công bố."
            ),
        )

    def handle(self, *args, path, dry_run, skip_invalid, in_force_from, as_published, **options):
        progress = options.get("verbosity", 1) >= 1
        try:
            result = procedures_import(
                document=document_load(path),
                dry_run=dry_run,
                skip_invalid=skip_invalid,
                in_force_from=in_force_from,
                as_published=as_published,
                progress=progress,
            )
        except ImportRefused as refused:
            for problem in refused.result.problems:
                self.stderr.write(str(problem))
            raise CommandError(
                f"Không ghi gì: {len(refused.result.problems)} lỗi trong {refused.result.total} bản ghi "
                "(dùng --skip-invalid để chỉ ghi các bản ghi hợp lệ)."
            )
        for warning in result.warnings:
            self.stderr.write(f"Lưu ý: {warning}")
        if result.problems:
            self.stderr.write(f"Bỏ qua {len(result.skipped)} bản ghi lỗi:")
            for problem in result.problems:
                self.stderr.write(f"  {problem}")
        if dry_run:
            for label in result.created:
                self.stdout.write(f"+ {label}")
            for label, changed in result.updated:
                self.stdout.write(f"~ {label}: {', '.join(changed)}")
        verb = "Sẽ" if dry_run else "Đã"
        self.stdout.write(
            f"{verb} tạo mới {len(result.created)}, cập nhật {len(result.updated)}, "
            f"không đổi {result.unchanged}, bỏ qua {len(result.skipped)} / {result.total} bản ghi"
            + (f"; {result.versions_created} phiên bản có hiệu lực." if result.versions_created else ".")
            + (" (chạy thử, chưa ghi gì)" if dry_run else "")
        )
