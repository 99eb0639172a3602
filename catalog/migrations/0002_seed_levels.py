from django.db import migrations

LEVELS = [("bo", "Cấp Bộ", 1), ("tinh", "Cấp Tỉnh", 2), ("huyen", "Cấp Huyện", 3), ("xa", "Cấp Xã", 4), ("khac", "Cơ quan khác", 5)]


def seed_levels(apps, schema_editor):
    Level = apps.get_model("catalog", "Level")
    for code, name, order in LEVELS:
        Level.objects.update_or_create(code=code, defaults={"name": name, "sort_order": order})


def unseed_levels(apps, schema_editor):
    apps.get_model("catalog", "Level").objects.filter(code__in=[code for code, _, _ in LEVELS]).delete()


class Migration(migrations.Migration):
    dependencies = [("catalog", "0001_initial")]
    operations = [migrations.RunPython(seed_levels, unseed_levels)]
