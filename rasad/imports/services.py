"""Importing articles: ``import_articles``, the one importer behind the command, the admin's feed
fetcher and the demo.

It streams each file record by record (``readers``), validates every record (``records``) and
writes valid ones in batches (``writer``), all inside one transaction. When any record is bad
(and ``skip_bad`` is off), or on a dry run, the transaction is rolled back, so a bad file lands
nothing while memory stays flat however long the file is. Afterwards cached anonymous pages are
dropped and similar-article suggestions computed for (at most ``RASAD_IMPORT_SUGGEST_LIMIT``)
changed articles.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from rasad.access import audit
from rasad.access.models import AuditEvent
from rasad.articles.models import Article, ThinkTank
from rasad.articles.similarity import refresh_suggestions
from rasad.core.digits import to_persian_digits
from rasad.core.pagecache import bump_generation
from rasad.core.statistics import analyze_after_bulk
from rasad.imports.limits import LimitExceeded, check_fields, check_row_count
from rasad.imports.readers import BadRow, Source, SourceError, as_source, iter_records
from rasad.imports.records import RecordError, clean_record
from rasad.imports.report import ImportReport, RowError
from rasad.imports.signals import articles_imported
from rasad.imports.writer import BATCH_SIZE, ArticleWriter
from rasad.search.models import SearchDocument, SearchToken

PROGRESS_EVERY = 500


class _Rollback(Exception):
    pass


def import_articles(
    *,
    paths_or_files: Iterable[Any],
    dry_run: bool = False,
    skip_bad: bool = False,
    default_status: str = Article.Status.PUBLISHED,
    progress: Callable[[int], object] | None = None,
    think_tank: ThinkTank | None = None,
    suggest: bool = True,
    batch_size: int = BATCH_SIZE,
    actor: Any = None,
    actor_label: str = "",
) -> ImportReport:
    """Import every file/URL in ``paths_or_files``; see the module docstring and the README.

    ``think_tank`` sets the think tank of records that name none (feeds of one think tank).
    ``progress`` is called with the number of records read since its last call.
    Every run but a dry run goes on the audit log, landed or refused, as ``actor`` (a user) or
    ``actor_label`` (who, when there is no user: the command line, the feed fetcher).
    """
    suggest_cap = settings.RASAD_IMPORT_SUGGEST_LIMIT if suggest else 0
    report = ImportReport(dry_run=dry_run, skip_bad=skip_bad)
    importer = _Importer(report, default_status=default_status, progress=progress, think_tank=think_tank)
    try:
        with transaction.atomic():
            writer = ArticleWriter(report, batch_size=batch_size, touched_cap=suggest_cap)
            for item in paths_or_files:
                importer.read(item, writer)
            writer.finish()
            if dry_run or report.file_errors or (report.bad_rows and not skip_bad):
                raise _Rollback
            report.landed = True
    except _Rollback:
        report.landed = False
    if report.landed:
        # bulk_create/bulk_update send no save signals: drop cached anonymous pages ourselves.
        transaction.on_commit(bump_generation)
        transaction.on_commit(lambda: articles_imported.send(sender=import_articles))
        analyze_after_bulk([Article, SearchDocument, SearchToken], rows=report.created + report.updated)
    if report.landed and report.touched_ids:
        refresh_suggestions(article_ids=report.touched_ids)
        report.suggestions_for = len(report.touched_ids)
    if not dry_run:
        audit_import(report, importer.labels, actor=actor, actor_label=actor_label)
    return report


def audit_import(report: ImportReport, files: list[str], *, actor: Any = None, actor_label: str = "") -> None:
    """One audit-log entry for an import run: its files, counts, whether it landed, and who."""
    counts = {
        "created": report.created,
        "updated": report.updated,
        "unchanged": report.unchanged,
        "bad": report.bad_rows,
    }
    values = {"files": "، ".join(files) or "—", **{k: to_persian_digits(v) for k, v in counts.items()}}
    if report.landed:
        summary = _("ورود %(files)s: %(created)s تازه، %(updated)s به‌روز، %(bad)s خراب") % values
    else:
        summary = _("ورود %(files)s رد شد؛ هیچ چیز وارد نشد (%(bad)s سطر خراب)") % values
    audit.record(
        kind=AuditEvent.Kind.IMPORT,
        summary=summary,
        actor=actor,
        actor_label=actor_label,
        details={"files": files, **counts, "landed": report.landed, "file_errors": len(report.file_errors)},
    )


class _Importer:
    """Reads sources into a writer, counting bad rows in the report."""

    def __init__(
        self,
        report: ImportReport,
        *,
        default_status: str,
        progress: Callable[[int], object] | None,
        think_tank: ThinkTank | None,
    ) -> None:
        self.report = report
        self.default_status = default_status
        self.progress = progress
        self.think_tank = think_tank
        self.labels: list[str] = []  # the files and URLs read, for the audit log

    def read(self, item: Any, writer: ArticleWriter) -> None:
        """Import one path, upload or URL; a file that cannot be read is reported and stops writing."""
        label = str(getattr(item, "name", item))
        try:
            source = as_source(item)
            label = source.label
            self._read_source(source, writer)
        except SourceError as exc:
            self.report.file_errors.append(RowError(label, 0, str(exc)))
            writer.write = False
        except LimitExceeded as exc:
            # Over a limit the whole file is refused, whatever rows came before (exit code 2).
            self.report.file_errors.append(RowError(label, exc.line, str(exc)))
            writer.write = False
        finally:
            self.labels.append(label)

    def _read_source(self, source: Source, writer: ArticleWriter) -> None:
        pending = 0
        for rows, (line, raw) in enumerate(iter_records(source), start=1):
            check_row_count(rows, line)
            if isinstance(raw, dict):
                check_fields(raw, line)
            pending += 1
            if self.progress and pending >= PROGRESS_EVERY:
                self.progress(pending)
                pending = 0
            self._take(source, line, raw, writer)
            if self.report.bad_rows and not self.report.skip_bad:
                # Nothing will land: keep validating to report every bad row, but stop writing.
                writer.write = False
        if self.progress and pending:
            self.progress(pending)
        writer.flush()

    def _take(self, source: Source, line: int, raw: dict | BadRow, writer: ArticleWriter) -> None:
        if isinstance(raw, BadRow):
            self.report.add_error(source.label, line, raw.message)
            return
        # Feed items are drafts for editors to summarise, and never overwrite an article.
        default_status = Article.Status.DRAFT if source.from_feed else self.default_status
        try:
            record = clean_record(raw, default_status=default_status)
        except RecordError as exc:
            self.report.add_error(source.label, line, str(exc))
            return
        record.create_only = source.from_feed
        if self.think_tank is not None and not record.think_tank:
            record.think_tank = self.think_tank.name
            record.present.add("think_tank")
        writer.add(record, source.label, line)
