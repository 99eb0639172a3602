"""Dossier sources are bound to agencies.

Existing sources keep what they did: one with an API token may go on writing for the agencies it has
already sent dossiers for; a token-less (file) source, written only by an operator's import command,
stays open to every agency. Staff narrow or widen either in the admin.
"""

from django.db import migrations, models


def bind_existing_sources(apps, schema_editor):
    SourceSystem = apps.get_model("timeliness", "SourceSystem")
    Dossier = apps.get_model("timeliness", "Dossier")
    for source in SourceSystem.objects.all():
        if source.token_hash:
            agency_ids = Dossier.objects.filter(source=source).values_list("agency_id", flat=True).distinct()
            source.agencies.set(list(agency_ids))
        else:
            source.all_agencies = True
            source.save(update_fields=["all_agencies"])


class Migration(migrations.Migration):

    dependencies = [
        ('catalog', '0001_initial'),
        ('timeliness', '0003_dossier_imported_at_last_change'),
    ]

    operations = [
        migrations.AddField(
            model_name='sourcesystem',
            name='agencies',
            field=models.ManyToManyField(blank=True, help_text='Hồ sơ của cơ quan khác gửi từ hệ thống này bị từ chối, từng hồ sơ kèm lý do.', related_name='dossier_sources', to='catalog.agency', verbose_name='cơ quan được gửi hồ sơ'),
        ),
        migrations.AddField(
            model_name='sourcesystem',
            name='all_agencies',
            field=models.BooleanField(default=False, help_text='Chỉ chọn cho hệ thống một cửa dùng chung của cả tỉnh. Nếu không, hệ thống chỉ được gửi hồ sơ của các cơ quan chọn bên dưới.', verbose_name='gửi hồ sơ của mọi cơ quan'),
        ),
        migrations.AlterField(
            model_name='sourcesystem',
            name='created_at',
            field=models.DateTimeField(auto_now_add=True, help_text='Lúc đăng ký hệ thống.', verbose_name='tạo lúc'),
        ),
        migrations.RunPython(bind_existing_sources, migrations.RunPython.noop),
    ]
