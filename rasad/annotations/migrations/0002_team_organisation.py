# A team note belongs to one organisation. Until now it was shown to everyone who shared *any*
# organisation with its author, so existing notes are given the organisation their author was a
# member of when the note was written (the earliest such membership), else the author's oldest
# membership; a team note whose author belongs to no organisation becomes private.

import django.db.models.deletion
from django.db import migrations, models


def assign_organisations(apps, schema_editor):
    Annotation = apps.get_model("annotations", "Annotation")
    Membership = apps.get_model("access", "Membership")
    memberships: dict[int, list[tuple]] = {}
    for user_id, organisation_id, joined_at, pk in Membership.objects.order_by("joined_at", "pk").values_list(
        "user_id", "organisation_id", "joined_at", "pk"
    ):
        memberships.setdefault(user_id, []).append((joined_at, organisation_id))
    notes = Annotation.objects.filter(visibility="team").values_list("pk", "author_id", "created_at")
    for pk, author_id, created_at in notes.iterator():
        held = memberships.get(author_id, [])
        then = [organisation_id for joined_at, organisation_id in held if joined_at <= created_at]
        if then:
            Annotation.objects.filter(pk=pk).update(organisation_id=then[0])
        elif held:
            Annotation.objects.filter(pk=pk).update(organisation_id=held[0][1])
        else:
            Annotation.objects.filter(pk=pk).update(visibility="private", organisation_id=None)


class Migration(migrations.Migration):
    dependencies = [
        ("access", "0003_contribution_moved"),
        ("annotations", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="annotation",
            name="organisation",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="annotations",
                to="access.organisation",
                verbose_name="تیم",
            ),
        ),
        migrations.RunPython(assign_organisations, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="annotation",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("organisation__isnull", False), ("visibility", "team")),
                    models.Q(("organisation__isnull", True), ("visibility", "private")),
                    _connector="OR",
                ),
                name="annotation_team_has_organisation",
            ),
        ),
    ]
