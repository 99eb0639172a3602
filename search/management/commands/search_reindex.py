"""Rebuild the search indexes from the procedures in force, with zero downtime and a progress bar."""

from django.conf import settings
from django.core.management.base import BaseCommand
from tqdm import tqdm

from search.services.indexing import (
    search_index_count,
    search_index_drain,
    search_index_rebuild,
    search_lexicon_rebuild,
)


class Command(BaseCommand):
    help = "Xây dựng lại chỉ mục tra cứu (cơ sở dữ liệu và Elasticsearch nếu có) không gián đoạn tra cứu."

    def add_arguments(self, parser):
        parser.add_argument("--pending", action="store_true", help="Chỉ ghi lại các cập nhật Elasticsearch đang chờ.")
        parser.add_argument(
            "--lexicon", action="store_true", help="Chỉ học lại từ vựng tra cứu từ chỉ mục (nên chạy hằng đêm)."
        )

    def handle(self, *args, pending: bool = False, lexicon: bool = False, **options):
        if lexicon:
            documents = search_lexicon_rebuild()
            self.stdout.write(f"Đã học lại từ vựng từ {documents} thủ tục.")
            return
        if pending:
            left = search_index_drain()
            self.stdout.write(f"Còn {left} cập nhật đang chờ.")
            return
        total = search_index_count()
        passes = 2 if settings.ELASTICSEARCH_URL else 1
        with tqdm(total=total * passes, unit="thủ tục", file=self.stderr, disable=options["verbosity"] == 0) as bar:
            result = search_index_rebuild(progress=bar.update)
        self.stdout.write(
            self.style.SUCCESS(
                f"Đã đưa {result['database']} thủ tục vào chỉ mục cơ sở dữ liệu"
                + (f", {result['elasticsearch']} vào Elasticsearch" if "elasticsearch" in result else "")
                + "."
            )
        )
