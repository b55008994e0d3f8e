"""PostgreSQL: each vector also holds every pair of adjacent tokens of a field as one lexeme,
without positions: the two tokens joined by Arabic kaf «ك», a letter no token contains (the
tokeniser turns it into «ک»), so text never produces such a lexeme and the parser keeps it whole.

A two-word phrase is then one lexeme the GIN index answers exactly; before, a phrase of two common
words rechecked the position lists of every document holding both (``rasad.search.text.to_tsquery``).
Pairs never cross a field, as in SQLite's FTS5, so a phrase cannot match the end of a title and the
start of a summary. Existing documents get their pairs from
``python manage.py rebuild_search_index``.
"""

from django.db import migrations

import rasad.search.db_operations

PAIRS = """
CREATE OR REPLACE FUNCTION search_pairs(doc text) RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT coalesce(array_agg(t[i] || 'ك' || t[i + 1]), '{}')
    FROM (SELECT string_to_array(doc, ' ') AS t) AS s, generate_series(1, cardinality(t) - 1) AS i
$$
"""
VECTORS = """
CREATE OR REPLACE FUNCTION search_document_vectors() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.public_vector :=
        setweight(to_tsvector('simple', NEW.title) || array_to_tsvector(search_pairs(NEW.title)), 'A')
        || setweight(to_tsvector('simple', NEW.meta) || array_to_tsvector(search_pairs(NEW.meta)), 'B')
        || setweight(to_tsvector('simple', NEW.summary) || array_to_tsvector(search_pairs(NEW.summary)), 'C')
        || setweight(to_tsvector('simple', NEW.body) || array_to_tsvector(search_pairs(NEW.body)), 'D');
    NEW.full_vector := NEW.public_vector
        || setweight(to_tsvector('simple', NEW.gated_body) || array_to_tsvector(search_pairs(NEW.gated_body)), 'D');
    RETURN NEW;
END $$
"""
VECTORS_BEFORE = """
CREATE OR REPLACE FUNCTION search_document_vectors() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.public_vector :=
        setweight(to_tsvector('simple', NEW.title), 'A')
        || setweight(to_tsvector('simple', NEW.meta), 'B')
        || setweight(to_tsvector('simple', NEW.summary), 'C')
        || setweight(to_tsvector('simple', NEW.body), 'D');
    NEW.full_vector := NEW.public_vector || setweight(to_tsvector('simple', NEW.gated_body), 'D');
    RETURN NEW;
END $$
"""


class Migration(migrations.Migration):
    dependencies = [("search", "0004_default_equivalents")]

    operations = [
        rasad.search.db_operations.VendorSQL(
            "postgresql",
            sql=[PAIRS, VECTORS],
            reverse_sql=[VECTORS_BEFORE, "DROP FUNCTION IF EXISTS search_pairs(text)"],
        ),
    ]
