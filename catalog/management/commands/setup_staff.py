"""python manage.py setup_staff — staff groups, permissions and the review workflow (idempotent)."""

from django.core.management.base import BaseCommand

from catalog.services.staff import staff_setup


class Command(BaseCommand):
    help = "Tạo (hoặc cập nhật) các nhóm cán bộ, quyền và quy trình thẩm định, phê duyệt thủ tục hành chính."

    def handle(self, *args, **options):
        result = staff_setup()
        for name, group in result.groups.items():
            self.stdout.write(f"Nhóm “{name}”: {group.permissions.count()} quyền")
        tasks = " → ".join(task.name for task in result.workflow.tasks)
        self.stdout.write(f"Quy trình “{result.workflow.name}”: {tasks}")
