# Contributions live in the ``contributions`` app now (its 0001 and 0002): the subscription no longer
# names the contribution it credits (the contribution holds its credit), and access forgets the
# model without touching its table.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("access", "0002_plan_contribution_invitation_subscription"),
        ("contributions", "0002_contribution_credit"),
    ]

    operations = [
        migrations.RemoveField(model_name="subscription", name="contribution"),
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="Contribution")],
            database_operations=[],
        ),
    ]
