"""python manage.py load_demo_data — site structure, Sóc Trăng agencies and the sample procedures.

Idempotent: a second run only checks that everything is there.
"""

import datetime as dt
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from catalog.services.agencies import agencies_load_csv
from catalog.services.agency_links import procedures_link_agencies
from catalog.services.calendar import calendar_adjustments_load
from catalog.services.fields import field_topics_load, fields_merge_variants
from catalog.services.staff import staff_setup
from cms.cache import cache_bump
from cms.services import catalog_counts_refresh, listing_entries_ensure
from cms.site_setup import site_ensure_structure
from exchange.services.importing import import_sample_if_empty

DATA_DIR = Path(settings.BASE_DIR) / "data"


class Command(BaseCommand):
    help = "Nạp dữ liệu mẫu: cây trang, cơ quan tỉnh Sóc Trăng 2018–2019, thủ tục mẫu."

    def handle(self, *args, **options):
        home = site_ensure_structure()
        self.stdout.write(f"Trang chủ: {home.title}")
        result = agencies_load_csv(path=DATA_DIR / "agencies-soc-trang-2019.csv")
        self.stdout.write(f"Cơ quan: {result.created} tạo mới, {result.updated} đã có")
        created, updated = calendar_adjustments_load()
        self.stdout.write(f"Điều chỉnh ngày làm việc: {created} tạo mới, {updated} cập nhật")
        self.stdout.write(f"Quy trình duyệt: {staff_setup().workflow.name}")
        # The sample procedures are treated as announced and in force since the start of 2019.
        imported = import_sample_if_empty(path=DATA_DIR / "procedures.json.xz", in_force_from=dt.date(2019, 1, 1))
        if imported is None:
            self.stdout.write("Thủ tục mẫu: đã có, không nhập lại")
        else:
            self.stdout.write(
                f"Thủ tục mẫu: {len(imported.created)} tạo mới, {imported.versions_created} phiên bản có hiệu lực"
            )
        self.browse_set_up()

    def browse_set_up(self) -> None:
        """What the public browse pages need from the demo data: procedures linked to the Sóc Trăng
        agencies by the names they carry, field-name variants merged, fields grouped into topics.
        Rules, not lists; each step leaves alone what is already set (staff edits included)."""
        links = procedures_link_agencies()
        self.stdout.write(
            f"Liên kết cơ quan: {links.names_linked} tên cơ quan, {links.owners_set} thủ tục được gắn cơ quan"
        )
        merged = fields_merge_variants()
        self.stdout.write(f"Lĩnh vực trùng cách viết: {merged.aliased} tên gộp vào {merged.groups} lĩnh vực")
        topics = field_topics_load()
        self.stdout.write(f"Chủ đề: {topics.topics_created} tạo mới, {topics.fields_assigned} lĩnh vực được xếp")
        rows = listing_entries_ensure()
        if rows:
            self.stdout.write(f"Danh mục công khai: {rows} dòng được dựng lại")
        if rows or links.procedure_ids or merged.aliased or topics.fields_assigned:
            catalog_counts_refresh(day=timezone.localdate())
            cache_bump()
