# The credit a contribution earned is now held by the contribution (a one-to-one to the
# subscription it earned), so ``access`` no longer points up at contributions. Existing credits
# are copied over before access drops its column (access 0003).

import django.db.models.deletion
from django.db import migrations, models


def copy_credit(apps, schema_editor):
    Subscription = apps.get_model("access", "Subscription")
    Contribution = apps.get_model("contributions", "Contribution")
    for subscription_id, contribution_id in Subscription.objects.filter(contribution__isnull=False).values_list(
        "pk", "contribution_id"
    ):
        Contribution.objects.filter(pk=contribution_id).update(credit_id=subscription_id)


def copy_credit_back(apps, schema_editor):
    Subscription = apps.get_model("access", "Subscription")
    Contribution = apps.get_model("contributions", "Contribution")
    for contribution_id, subscription_id in Contribution.objects.filter(credit__isnull=False).values_list(
        "pk", "credit_id"
    ):
        Subscription.objects.filter(pk=subscription_id).update(contribution_id=contribution_id)


class Migration(migrations.Migration):
    dependencies = [
        ("access", "0002_plan_contribution_invitation_subscription"),
        ("contributions", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="contribution",
            name="credit",
            field=models.OneToOneField(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="contribution",
                to="access.subscription",
                verbose_name="اعتبار دسترسی",
            ),
        ),
        migrations.RunPython(copy_credit, copy_credit_back),
    ]
