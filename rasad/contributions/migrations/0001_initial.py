# Contributions moved out of ``access`` into their own app. The table (and its data) stays where it
# was: this migration only tells Django's state that the model now lives here.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def move_content_type(apps, schema_editor):
    # Permissions and admin log entries follow the content type, so they keep working.
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="access", model="contribution").update(app_label="contributions")


def move_content_type_back(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="contributions", model="contribution").update(app_label="access")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("access", "0002_plan_contribution_invitation_subscription"),
        ("articles", "0003_think_tank_feed_index"),
        ("contenttypes", "0002_remove_content_type_name"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Contribution",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("title", models.CharField(max_length=300, verbose_name="عنوان")),
                        ("source_url", models.URLField(max_length=1000, verbose_name="لینک منبع اصلی")),
                        ("summary", models.TextField(verbose_name="خلاصه")),
                        ("body", models.TextField(verbose_name="متن کامل یا ترجمه")),
                        (
                            "status",
                            models.CharField(
                                choices=[("pending", "در انتظار بررسی"), ("approved", "پذیرفته\u200cشده"), ("rejected", "ردشده")],
                                default="pending",
                                max_length=10,
                                verbose_name="وضعیت",
                            ),
                        ),
                        ("rejection_reason", models.TextField(blank=True, verbose_name="دلیل رد")),
                        ("reviewed_at", models.DateTimeField(blank=True, null=True, verbose_name="زمان بررسی")),
                        ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="ارسال")),
                        (
                            "article",
                            models.OneToOneField(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="contribution",
                                to="articles.article",
                                verbose_name="مقالهٔ منتشرشده",
                            ),
                        ),
                        (
                            "reviewed_by",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="بررسی\u200cکننده",
                            ),
                        ),
                        (
                            "think_tank",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                to="articles.thinktank",
                                verbose_name="اندیشکده",
                            ),
                        ),
                        (
                            "topics",
                            models.ManyToManyField(
                                blank=True, db_table="access_contribution_topics", to="articles.topic", verbose_name="موضوع\u200cها"
                            ),
                        ),
                        (
                            "user",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="contributions",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="رصدگر",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "رصد ارسالی",
                        "verbose_name_plural": "رصدهای ارسالی",
                        "db_table": "access_contribution",
                        "ordering": ["-created_at", "-id"],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_type, move_content_type_back),
    ]
