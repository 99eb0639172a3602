"""python manage.py import_dossiers PATH [--source NAME] [--skip-invalid] [--create-agencies]"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from timeliness.services.dossiers import DEFAULT_CSV_SOURCE, DossierImportError, dossiers_import_csv


class Command(BaseCommand):
    help = "Nhập hồ sơ từ tệp CSV định dạng ho-so/1 (cập nhật nếu đã có, theo nguồn + mã hồ sơ)."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="Tệp CSV ho-so/1 (UTF-8).")
        parser.add_argument("--source", default=DEFAULT_CSV_SOURCE, help="Mã hệ thống nguồn (mặc định: %(default)s).")
        parser.add_argument("--skip-invalid", action="store_true", help="Vẫn lưu các dòng hợp lệ khi có dòng lỗi.")
        parser.add_argument(
            "--create-agencies", action="store_true", help="Tạo cơ quan chưa có (theo ma_co_quan, ten_co_quan)."
        )
        parser.add_argument("--no-progress", action="store_true", help="Không hiện thanh tiến trình.")

    def handle(self, *args, path: Path, source: str, skip_invalid: bool, create_agencies: bool, **options):
        if not path.is_file():
            raise CommandError(f"Không tìm thấy tệp {path}.")
        disable = options["no_progress"] or options["verbosity"] == 0
        with tqdm(unit=" hồ sơ", desc="Nhập hồ sơ", disable=disable, mininterval=0.5) as bar:
            try:
                result = dossiers_import_csv(
                    path=path,
                    source_name=source,
                    skip_invalid=skip_invalid,
                    create_agencies=create_agencies,
                    progress=bar.update,
                )
            except DossierImportError as exc:
                for error in exc.result.errors:
                    self.stderr.write(str(error))
                if any(error.column == "ma_co_quan" for error in exc.result.errors) and not create_agencies:
                    self.stderr.write("Cơ quan chưa có trong danh mục: dùng --create-agencies để tạo theo tệp.")
                raise CommandError(
                    f"{exc.result.invalid_rows} dòng lỗi trong {exc.result.rows} dòng; không ghi dữ liệu nào "
                    "(dùng --skip-invalid để lưu các dòng hợp lệ)."
                )
        for warning in result.warnings:
            self.stderr.write(warning)
        for error in result.errors:
            self.stderr.write(str(error))
        if result.agencies_created:
            self.stdout.write(f"Đã tạo {len(result.agencies_created)} cơ quan: {', '.join(result.agencies_created)}.")
        self.stdout.write(
            self.style.SUCCESS(
                f"Nguồn {result.source}: đọc {result.rows} dòng, ghi {result.written} "
                f"({result.created} mới, {result.updated} cập nhật), bỏ qua {result.invalid_rows} dòng lỗi."
            )
        )
