"""The django-import-export resource behind the article admin's import and export.

Import goes through the same code as ``manage.py import_articles``: every row is validated by
``records.clean_record`` and written by ``writer.ArticleWriter`` (upsert by ``source_url``,
think tanks/authors/topics matched by normalised name), so the admin preview's new / updated /
unchanged / error per row is what the import would really do.

Export writes the file schema of the README, so an exported file can be imported again, and every
text cell that a spreadsheet would run as a formula is prefixed with ``'``.
https://owasp.org/www-community/attacks/CSV_Injection
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from import_export import fields, resources
from import_export.results import RowResult

from rasad.articles.models import Article, ArticleQuerySet
from rasad.articles.similarity import refresh_suggestions
from rasad.core.digits import to_latin_digits, to_persian_digits
from rasad.core.jalali import jalali_numeric
from rasad.core.spreadsheet import neutralise_formula
from rasad.imports.readers import FIELDS
from rasad.imports.records import RecordError, clean_record
from rasad.imports.report import ImportReport
from rasad.imports.writer import ArticleWriter


class ArticleResource(resources.ModelResource):
    title = fields.Field(attribute="title", column_name="title")
    summary = fields.Field(attribute="summary", column_name="summary")
    body = fields.Field(attribute="body", column_name="body")
    source_url = fields.Field(attribute="source_url", column_name="source_url")
    published = fields.Field(column_name="published")
    authors = fields.Field(column_name="authors")
    think_tank = fields.Field(column_name="think_tank")
    topics = fields.Field(column_name="topics")
    observer = fields.Field(column_name="observer")
    similar = fields.Field(column_name="similar")
    open_access = fields.Field(column_name="open_access")
    editors_choice = fields.Field(column_name="editors_choice")
    status = fields.Field(attribute="status", column_name="status")

    class Meta:
        model = Article
        # The admin reads and writes the same columns as import_articles (one schema, README).
        fields = FIELDS
        import_id_fields = ("source_url",)
        skip_unchanged = True
        report_skipped = True  # the preview lists unchanged rows too

    # --- export ---------------------------------------------------------------------------------

    def get_queryset(self) -> ArticleQuerySet:
        return Article.objects.select_related("think_tank", "observer_user").prefetch_related(
            "authors", "topics", "similar_links__to_article"
        )

    def dehydrate_published(self, article: Article) -> str:
        return to_latin_digits(jalali_numeric(article.published_on))

    def dehydrate_authors(self, article: Article) -> str:
        return "؛ ".join(author.name for author in article.authors.all())

    def dehydrate_think_tank(self, article: Article) -> str:
        return article.think_tank.name if article.think_tank else ""

    def dehydrate_topics(self, article: Article) -> str:
        return "؛ ".join(topic.name for topic in article.topics.all())

    def dehydrate_observer(self, article: Article) -> str:
        return article.observer_display

    def dehydrate_similar(self, article: Article) -> str:
        return "; ".join(link.to_article.source_url for link in article.similar_links.all())

    def dehydrate_open_access(self, article: Article) -> str:
        return "true" if article.open_access else "false"

    def dehydrate_editors_choice(self, article: Article) -> str:
        return "" if article.editors_choice_rank is None else str(article.editors_choice_rank)

    def export_field(self, field: fields.Field, instance: Article, **kwargs: Any) -> object:
        return neutralise_formula(super().export_field(field, instance, **kwargs))

    # --- import ---------------------------------------------------------------------------------

    def before_import(self, dataset: Any, **kwargs: Any) -> None:
        self.report = ImportReport(dry_run=kwargs.get("dry_run", False))
        self.writer = ArticleWriter(self.report, batch_size=1, touched_cap=10_000)

    def import_row(self, row: Any, instance_loader: Any, **kwargs: Any) -> RowResult:
        row_result = self.get_row_result_class()()
        number = kwargs.get("row_number", 0)
        line = number + 1  # the header is the first line of a spreadsheet
        try:
            record = clean_record(dict(row))
        except RecordError as exc:
            row_result.import_type = RowResult.IMPORT_TYPE_INVALID
            message = _("سطر %(line)s: %(message)s") % {"line": to_persian_digits(line), "message": exc}
            row_result.validation_error = ValidationError({NON_FIELD_ERRORS: [message]})
            return row_result
        before = (self.report.created, self.report.updated)
        self.writer.add(record, "admin", line)
        self.writer.flush()
        if self.report.created > before[0]:
            row_result.import_type = RowResult.IMPORT_TYPE_NEW
        elif self.report.updated > before[1]:
            row_result.import_type = RowResult.IMPORT_TYPE_UPDATE
        else:
            row_result.import_type = RowResult.IMPORT_TYPE_SKIP
        article = Article.objects.filter(source_url=record.source_url).first()
        if article is not None:
            row_result.add_instance_info(article)
            row_result.instance = article  # the admin's log entries name it
        row_result.diff = [
            record.title,
            record.summary[:120],
            "",
            record.source_url,
            str(record.published_on or ""),
            "؛ ".join(record.authors),
            record.think_tank,
            "؛ ".join(record.topics),
            record.observer,
            "؛ ".join(record.similar),
            str(record.open_access).lower() if "open_access" in record.present else "",
            "" if record.editors_choice is None else str(record.editors_choice),
            record.status,
        ]
        return row_result

    def after_import(self, dataset: Any, result: Any, **kwargs: Any) -> None:
        self.writer.finish()
        if not kwargs.get("dry_run") and not result.has_errors() and not result.has_validation_errors():
            ids = list(self.report.touched_ids)
            transaction.on_commit(lambda: refresh_suggestions(article_ids=ids))
