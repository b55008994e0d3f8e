"""The default table of equivalent spellings («هم‌ارزها»): international organisations, the most
cited leaders and institutions, in Latin letters, as acronyms and in the Persian spellings sources
use. Editors change it in the admin; entries they already have are left as they are."""

import json
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data" / "equivalents.json"


def load(apps, schema_editor):
    Equivalent = apps.get_model("search", "Equivalent")
    for entry in json.loads(DATA.read_text(encoding="utf-8")):
        Equivalent.objects.get_or_create(name=entry["name"], defaults={"spellings": "\n".join(entry["spellings"])})


def unload(apps, schema_editor):
    Equivalent = apps.get_model("search", "Equivalent")
    names = [entry["name"] for entry in json.loads(DATA.read_text(encoding="utf-8"))]
    Equivalent.objects.filter(name__in=names).delete()


class Migration(migrations.Migration):
    dependencies = [("search", "0003_open_bodies_terms_equivalents")]

    operations = [migrations.RunPython(load, unload)]
