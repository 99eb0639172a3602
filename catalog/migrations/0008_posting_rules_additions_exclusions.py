"""Posting (niêm yết) by rule and by hand: PostingRule, PostingAddition (the through table of
ReceptionPlace.procedures, its rows copied from the former automatic table) and PostingExclusion."""

import django.db.models.deletion
import modelcluster.fields
from django.db import migrations, models


def copy_links_to_additions(apps, schema_editor):
    """Each place–procedure link of the automatic M2M table becomes a PostingAddition (kept in order)."""
    place_model = apps.get_model("catalog", "ReceptionPlace")
    addition_model = apps.get_model("catalog", "PostingAddition")
    links = place_model.procedures.through.objects.order_by("receptionplace_id", "id")
    addition_model.objects.bulk_create(
        addition_model(place_id=link.receptionplace_id, procedure_id=link.procedure_id, sort_order=index)
        for index, link in enumerate(links)
    )


def copy_additions_to_links(apps, schema_editor):
    place_model = apps.get_model("catalog", "ReceptionPlace")
    addition_model = apps.get_model("catalog", "PostingAddition")
    through = place_model.procedures.through
    through.objects.bulk_create(
        through(receptionplace_id=row.place_id, procedure_id=row.procedure_id)
        for row in addition_model.objects.order_by("place_id", "sort_order", "id")
    )


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0007_fold_function_for_admin_search"),
    ]

    operations = [
        migrations.AlterField(
            model_name="receptionplace",
            name="address",
            field=models.CharField(
                blank=True,
                help_text="Địa chỉ in trên bản niêm yết khi thủ tục không ghi.",
                max_length=500,
                verbose_name="địa chỉ",
            ),
        ),
        migrations.AlterField(
            model_name="receptionplace",
            name="agency",
            field=models.ForeignKey(
                blank=True,
                help_text="Cơ quan quản lý nơi tiếp nhận (ví dụ Văn phòng UBND tỉnh, UBND xã).",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="reception_places",
                to="catalog.agency",
                verbose_name="cơ quan quản lý",
            ),
        ),
        migrations.AlterField(
            model_name="receptionplace",
            name="notice_address",
            field=models.CharField(
                blank=True,
                help_text="Địa chỉ nhận phản ánh trực tiếp.",
                max_length=500,
                verbose_name="địa chỉ tiếp nhận phản ánh",
            ),
        ),
        migrations.AlterField(
            model_name="receptionplace",
            name="notice_email",
            field=models.EmailField(
                blank=True, help_text="Hộp thư nhận phản ánh, kiến nghị.", max_length=254, verbose_name="thư điện tử"
            ),
        ),
        migrations.AlterField(
            model_name="receptionplace",
            name="notice_mailing_address",
            field=models.CharField(
                blank=True,
                help_text="Địa chỉ nhận thư phản ánh qua bưu điện.",
                max_length=500,
                verbose_name="địa chỉ thư tín",
            ),
        ),
        migrations.AlterField(
            model_name="receptionplace",
            name="notice_phone",
            field=models.CharField(
                blank=True, help_text="Ví dụ: 0299.3822049.", max_length=50, verbose_name="số điện thoại chuyên dùng"
            ),
        ),
        migrations.AlterField(
            model_name="receptionplace",
            name="notice_receiver",
            field=models.CharField(
                blank=True,
                help_text="Tên cơ quan tiếp nhận phản ánh, kiến nghị về quy định hành chính.",
                max_length=255,
                verbose_name="cơ quan tiếp nhận phản ánh, kiến nghị",
            ),
        ),
        migrations.AlterField(
            model_name="receptionplace",
            name="notice_website",
            field=models.URLField(
                blank=True,
                help_text="Địa chỉ trang web nhận phản ánh, bắt đầu bằng https://.",
                verbose_name="trang thông tin điện tử",
            ),
        ),
        migrations.AlterField(
            model_name="receptionplace",
            name="slug",
            field=models.SlugField(
                blank=True,
                help_text="Phần đường dẫn của trang niêm yết, không dấu. Để trống để tự tạo từ tên; đường dẫn theo tên cho tới lần niêm yết đầu tiên.",
                max_length=255,
                unique=True,
                verbose_name="đường dẫn",
            ),
        ),
        migrations.CreateModel(
            name="PostingAddition",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("sort_order", models.IntegerField(blank=True, editable=False, null=True)),
                (
                    "place",
                    modelcluster.fields.ParentalKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="posting_additions",
                        to="catalog.receptionplace",
                    ),
                ),
                (
                    "procedure",
                    models.ForeignKey(
                        help_text="Gõ tên hoặc mã để tìm thủ tục.",
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="catalog.procedure",
                        verbose_name="thủ tục",
                    ),
                ),
            ],
            options={
                "verbose_name": "thủ tục niêm yết thêm",
                "verbose_name_plural": "thủ tục niêm yết thêm",
                "ordering": ["sort_order"],
                "abstract": False,
            },
        ),
        migrations.RunPython(copy_links_to_additions, copy_additions_to_links),
        migrations.RemoveField(model_name="receptionplace", name="procedures"),
        migrations.AddField(
            model_name="receptionplace",
            name="procedures",
            field=models.ManyToManyField(
                blank=True,
                help_text="Thủ tục được chọn niêm yết thêm tại đây, ngoài các thủ tục theo quy tắc.",
                related_name="added_at_reception_places",
                through="catalog.PostingAddition",
                to="catalog.procedure",
                verbose_name="thủ tục niêm yết thêm",
            ),
        ),
        migrations.CreateModel(
            name="PostingExclusion",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("sort_order", models.IntegerField(blank=True, editable=False, null=True)),
                (
                    "place",
                    modelcluster.fields.ParentalKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="posting_exclusions",
                        to="catalog.receptionplace",
                    ),
                ),
                (
                    "procedure",
                    models.ForeignKey(
                        help_text="Gõ tên hoặc mã để tìm thủ tục.",
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="catalog.procedure",
                        verbose_name="thủ tục",
                    ),
                ),
            ],
            options={
                "verbose_name": "thủ tục không niêm yết",
                "verbose_name_plural": "thủ tục không niêm yết",
                "ordering": ["sort_order"],
                "abstract": False,
            },
        ),
        migrations.CreateModel(
            name="PostingRule",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("sort_order", models.IntegerField(blank=True, editable=False, null=True)),
                (
                    "agency",
                    models.ForeignKey(
                        blank=True,
                        help_text="Mọi thủ tục do cơ quan này chủ trì hoặc thực hiện.",
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="catalog.agency",
                        verbose_name="cơ quan",
                    ),
                ),
                (
                    "field",
                    models.ForeignKey(
                        blank=True,
                        help_text="Mọi thủ tục thuộc lĩnh vực này.",
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="catalog.field",
                        verbose_name="lĩnh vực",
                    ),
                ),
                (
                    "level",
                    models.ForeignKey(
                        blank=True,
                        help_text="Mọi thủ tục thực hiện ở cấp này.",
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="catalog.level",
                        verbose_name="cấp thực hiện",
                    ),
                ),
                (
                    "place",
                    modelcluster.fields.ParentalKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="posting_rules",
                        to="catalog.receptionplace",
                    ),
                ),
            ],
            options={
                "verbose_name": "quy tắc niêm yết",
                "verbose_name_plural": "quy tắc niêm yết",
                "ordering": ["sort_order"],
                "abstract": False,
            },
        ),
        migrations.AddConstraint(
            model_name="postingaddition",
            constraint=models.UniqueConstraint(fields=("place", "procedure"), name="catalog_posting_addition_unique"),
        ),
        migrations.AddConstraint(
            model_name="postingexclusion",
            constraint=models.UniqueConstraint(fields=("place", "procedure"), name="catalog_posting_exclusion_unique"),
        ),
    ]
