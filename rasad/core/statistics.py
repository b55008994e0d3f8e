"""Planner statistics after a bulk write.

Right after thousands of rows arrive in one go, PostgreSQL's planner still believes the tables
are as small as before (autovacuum's ANALYZE comes later, or not at all inside a long import), and
picks nested loops over what are now huge tables: pages that take 20 ms took 0.6–1.6 s. So a
bulk load ends by analysing the tables it filled. https://www.postgresql.org/docs/current/sql-analyze.html
"""

from __future__ import annotations

from django.db import connection, models

# Fewer new rows than this leave the statistics close enough; autovacuum catches up.
BULK_ROWS = 1000


def analyze_after_bulk(table_models: list[type[models.Model]], *, rows: int) -> bool:
    """ANALYZE the tables of ``table_models`` (and their many-to-many tables) after ``rows`` new
    rows on PostgreSQL; returns whether it did. Outside a transaction it also runs after commit."""
    if connection.vendor != "postgresql" or rows < BULK_ROWS:
        return False
    tables: list[str] = []
    for model in table_models:
        tables.append(model._meta.db_table)
        tables += [
            through._meta.db_table
            for f in model._meta.local_many_to_many
            if (through := f.remote_field.through) is not None
        ]
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE " + ", ".join(connection.ops.quote_name(t) for t in dict.fromkeys(tables)))
    return True
