"""The 169 UN SDG targets as rows, so a goal can name the targets it serves."""

import django.db.models.deletion
from django.db import migrations, models

from medborger.domain.sdg_targets import all_target_codes


def seed_targets(apps, schema_editor):
    Sdg = apps.get_model("proposals", "Sdg")
    SdgTarget = apps.get_model("goals", "SdgTarget")
    sdgs = {sdg.number: sdg for sdg in Sdg.objects.all()}
    for position, code in enumerate(all_target_codes(), start=1):
        SdgTarget.objects.update_or_create(
            code=code, defaults={"sdg": sdgs[int(code.split(".")[0])], "position": position}
        )


def unseed_targets(apps, schema_editor):
    apps.get_model("goals", "SdgTarget").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("goals", "0001_initial"),
        ("proposals", "0002_sdgs_and_search_indexes"),
    ]

    operations = [
        migrations.CreateModel(
            name="SdgTarget",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("code", models.CharField(max_length=8, unique=True, verbose_name="code")),
                ("position", models.PositiveSmallIntegerField(default=0, verbose_name="order")),
                (
                    "sdg",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="targets",
                        to="proposals.sdg",
                        verbose_name="sustainable development goal",
                    ),
                ),
            ],
            options={
                "verbose_name": "SDG target",
                "verbose_name_plural": "SDG targets",
                "ordering": ["position"],
            },
        ),
        migrations.AddField(
            model_name="goal",
            name="sdg_targets",
            field=models.ManyToManyField(
                blank=True,
                help_text="The targets under the goals, for example 4.1 or 11.6.",
                related_name="goals",
                to="goals.sdgtarget",
                verbose_name="UN SDG targets",
            ),
        ),
        migrations.RunPython(seed_targets, unseed_targets),
    ]
