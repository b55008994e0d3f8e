"""Writing validated records: upserts by ``source_url`` in batches, with their names and links.

A batch is written in a few steps, each a constant number of queries however long the batch:
what exists already (articles, their authors, topics and similar links), the plan (what to create,
what changed), the articles (``bulk_create``/``bulk_update``), the many-to-many rows straight into
the through tables, the curated similar links, the report and the search index. Think tanks,
authors and topics are matched by normalised name (``NameIndex``), so «مؤسسهٔ بروکینگز» and
«موسسه بروکینگز» are one think tank.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import models, reset_queries
from django.utils import timezone

from rasad.articles.models import Article, Author, SimilarLink, ThinkTank, Topic, persian_slug
from rasad.core.html import html_to_text
from rasad.core.normalise import normalise
from rasad.imports.records import ArticleRecord
from rasad.imports.report import ImportReport
from rasad.search.indexing import index_articles

BATCH_SIZE = 1000
SUMMARY_FROM_BODY_CHARS = 400
SCALAR_FIELDS = (
    "title", "summary", "body", "published_on", "think_tank_id", "observer_name", "open_access",
    "editors_choice_rank", "status",
)  # fmt: skip
_SPACE = re.compile(r"\s+")


class NameIndex:
    """Think tanks, authors and topics by normalised name; creates the missing ones once."""

    def __init__(self) -> None:
        self._maps: dict[type[models.Model], dict[str, int]] = {}

    def _map(self, model: type[models.Model]) -> dict[str, int]:
        if model not in self._maps:
            rows = model._default_manager.values_list("pk", "name")
            self._maps[model] = {normalise(name): pk for pk, name in rows}
        return self._maps[model]

    def resolve(self, model: type[models.Model], name: str) -> int:
        names = self._map(model)
        key = normalise(name)
        if key not in names:
            names[key] = model._default_manager.create(name=name).pk
        return names[key]

    def resolve_all(self, model: type[models.Model], names: list[str]) -> list[int]:
        return list(dict.fromkeys(self.resolve(model, name) for name in names))


@dataclass
class _Pending:
    record: ArticleRecord
    source: str
    line: int


@dataclass
class _Batch:
    """One batch on its way to the database: what was there, and what it becomes."""

    items: list[_Pending]
    existing: dict[str, Article] = field(default_factory=dict)
    old_authors: dict[int, set[int]] = field(default_factory=lambda: defaultdict(set))
    old_topics: dict[int, set[int]] = field(default_factory=lambda: defaultdict(set))
    old_similar: dict[int, set[int]] = field(default_factory=lambda: defaultdict(set))
    to_create: list[Article] = field(default_factory=list)
    to_update: list[Article] = field(default_factory=list)
    update_fields: set[str] = field(default_factory=set)
    wanted_authors: dict[str, list[int]] = field(default_factory=dict)
    wanted_topics: dict[str, list[int]] = field(default_factory=dict)
    outcome: dict[str, str] = field(default_factory=dict)  # source_url: created | updated | unchanged


def _excerpt(body_html: str) -> str:
    text = _SPACE.sub(" ", html_to_text(body_html)).strip()
    if len(text) <= SUMMARY_FROM_BODY_CHARS:
        return text
    return text[:SUMMARY_FROM_BODY_CHARS].rsplit(" ", 1)[0] + "…"


class ArticleWriter:
    """Upserts validated records by ``source_url`` in batches."""

    def __init__(self, report: ImportReport, *, batch_size: int = BATCH_SIZE, touched_cap: int = 0) -> None:
        self.report = report
        self.batch: list[_Pending] = []
        self.batch_urls: set[str] = set()
        self.batch_size = batch_size
        self.names = NameIndex()
        self.forward_similar: list[tuple[int, list[str]]] = []
        self.touched_cap = touched_cap
        self.write = True

    def add(self, record: ArticleRecord, source: str, line: int) -> None:
        if record.source_url in self.batch_urls:
            # The same article twice in one file: the later row wins, in order.
            self.flush()
        self.batch.append(_Pending(record, source, line))
        self.batch_urls.add(record.source_url)
        if len(self.batch) >= self.batch_size:
            self.flush()

    def flush(self) -> None:
        items, self.batch, self.batch_urls = self.batch, [], set()
        if not items or not self.write:
            return
        batch = _Batch(items)
        self._load_existing(batch)
        for item in items:
            self._plan(batch, item.record)
        self._save_articles(batch)
        self._save_names(batch)
        self._save_similar(batch)
        if settings.DEBUG:
            # With DEBUG on, Django keeps the last 9,000 queries' SQL; bulk inserts make that hundreds
            # of megabytes. Memory must stay flat however long the file is.
            reset_queries()
        self._report(batch)

    # --- the steps of a batch -------------------------------------------------------------------

    def _load_existing(self, batch: _Batch) -> None:
        urls = [item.record.source_url for item in batch.items]
        articles = Article.objects.filter(source_url__in=urls).only("pk", "source_url", "revision", *SCALAR_FIELDS)
        batch.existing = {article.source_url: article for article in articles}
        ids = [article.pk for article in batch.existing.values()]
        if not ids:
            return
        pairs = [
            (batch.old_authors, Article.authors.through.objects.filter(article_id__in=ids), "author_id"),
            (batch.old_topics, Article.topics.through.objects.filter(article_id__in=ids), "topic_id"),
        ]
        for old, rows, column in pairs:
            for article_id, other_id in rows.values_list("article_id", column):
                old[article_id].add(other_id)
        for from_id, to_id in SimilarLink.objects.filter(from_article_id__in=ids).values_list(
            "from_article_id", "to_article_id"
        ):
            batch.old_similar[from_id].add(to_id)

    def _values(self, record: ArticleRecord) -> dict[str, Any]:
        """The article's field values that the record gives."""
        present = record.present
        values: dict[str, Any] = {"title": record.title}
        plain = [
            ("summary", "summary", record.summary),
            ("body", "body", record.body),
            ("published", "published_on", record.published_on),
            ("observer", "observer_name", record.observer),
            ("open_access", "open_access", record.open_access),
            ("editors_choice", "editors_choice_rank", record.editors_choice),
            ("status", "status", record.status),
        ]
        values.update({name: value for column, name, value in plain if column in present})
        if record.pdf is not None:
            values.update(
                pdf_pages=record.pdf.facts.pages, pdf_size=record.pdf.facts.size, pdf_text=record.pdf.facts.text
            )
        if "think_tank" in present:
            values["think_tank_id"] = self.names.resolve(ThinkTank, record.think_tank) if record.think_tank else None
        return values

    def _plan(self, batch: _Batch, record: ArticleRecord) -> None:
        """Decide what becomes of one record: a new article, changes to one, or nothing."""
        url = record.source_url
        values = self._values(record)
        if "authors" in record.present:
            batch.wanted_authors[url] = self.names.resolve_all(Author, record.authors)
        if "topics" in record.present:
            batch.wanted_topics[url] = self.names.resolve_all(Topic, record.topics)
        article = batch.existing.get(url)
        if article is None:
            batch.to_create.append(self._new_article(record, values))
            batch.outcome[url] = "created"
        elif record.create_only:
            batch.outcome[url] = "unchanged"
            batch.wanted_authors.pop(url, None)
            batch.wanted_topics.pop(url, None)
        else:
            changed = self._apply_changes(batch, article, values)
            m2m_changed = self._names_change(batch.wanted_authors, batch.old_authors, url, article) or (
                self._names_change(batch.wanted_topics, batch.old_topics, url, article)
            )
            batch.outcome[url] = "updated" if changed or m2m_changed else "unchanged"

    @staticmethod
    def _names_change(wanted: dict[str, list[int]], old: dict[int, set[int]], url: str, article: Article) -> bool:
        return url in wanted and set(wanted[url]) != old[article.pk]

    def _new_article(self, record: ArticleRecord, values: dict[str, Any]) -> Article:
        values.setdefault("summary", "")
        values.setdefault("body", "")
        if not values["summary"] and values["body"]:
            values["summary"] = _excerpt(values["body"])
        values.setdefault("published_on", timezone.localdate())
        values.setdefault("status", record.status)
        now = timezone.now()
        slug = persian_slug(record.title, 200)
        return Article(source_url=record.source_url, slug=slug, created_at=now, updated_at=now, **values)

    @staticmethod
    def _apply_changes(batch: _Batch, article: Article, values: dict[str, Any]) -> bool:
        """Set the changed values on ``article`` (bumping its revision for new text); whether any did."""
        changed = [name for name, value in values.items() if getattr(article, name) != value]
        if not changed:
            return False
        for name in changed:
            setattr(article, name, values[name])
        if "summary" in changed or "body" in changed:
            # As an edit in the admin does: annotations know which text they were made on.
            article.revision += 1
            changed.append("revision")
        article.updated_at = timezone.now()
        batch.update_fields.update(changed, {"updated_at"})
        batch.to_update.append(article)
        return True

    def _save_articles(self, batch: _Batch) -> None:
        if batch.to_create:
            Article.objects.bulk_create(batch.to_create, batch_size=self.batch_size)
            for article in batch.to_create:
                batch.existing[article.source_url] = article
        if batch.to_update:
            Article.objects.bulk_update(batch.to_update, sorted(batch.update_fields), batch_size=self.batch_size)

        self._save_pdfs(batch)

    def _save_pdfs(self, batch: _Batch) -> None:
        """Original PDFs go to private storage one by one (they are few and large)."""
        for item in batch.items:
            pdf = item.record.pdf
            article = batch.existing.get(item.record.source_url)
            if pdf is None or article is None or batch.outcome.get(item.record.source_url) == "unchanged":
                continue
            stored = article.pdf.storage.save(f"pdf/import/{pdf.filename}", ContentFile(pdf.data))
            Article.objects.filter(pk=article.pk).update(pdf=stored)

    def _save_names(self, batch: _Batch) -> None:
        """Authors and topics straight into the through tables: one delete and one insert each."""
        through_tables = [
            (Article.authors.through, "author_id", batch.wanted_authors, batch.old_authors),
            (Article.topics.through, "topic_id", batch.wanted_topics, batch.old_topics),
        ]
        for through, column, wanted, old in through_tables:
            cleared, rows = [], []
            for url, ids in wanted.items():
                article_id = batch.existing[url].pk
                if set(ids) != old.get(article_id, set()):
                    cleared.append(article_id)
                    rows += [through(article_id=article_id, **{column: other}) for other in ids]
            if cleared:
                through._default_manager.filter(article_id__in=cleared).delete()
                through._default_manager.bulk_create(rows, batch_size=self.batch_size)

    def _save_similar(self, batch: _Batch) -> None:
        """Curated similar links, by source URL; links to articles later in the file wait for the end."""
        records = [item.record for item in batch.items if "similar" in item.record.present]
        records = [record for record in records if not record.create_only]
        if not records:
            return
        wanted_urls = {url for record in records for url in record.similar}
        url_ids = dict(Article.objects.filter(source_url__in=wanted_urls).values_list("source_url", "pk"))
        for record in records:
            article_id = batch.existing[record.source_url].pk
            target_ids = [url_ids[url] for url in record.similar if url in url_ids]
            changed = self._set_similar(article_id, target_ids, batch.old_similar.get(article_id, set()))
            if changed and batch.outcome[record.source_url] == "unchanged":
                batch.outcome[record.source_url] = "updated"
            missing = [url for url in record.similar if url not in url_ids]
            if missing:
                self.forward_similar.append((article_id, missing))

    def _report(self, batch: _Batch) -> None:
        report = self.report
        changed_ids = []
        for url, result in batch.outcome.items():
            setattr(report, result, getattr(report, result) + 1)
            if result != "unchanged":
                changed_ids.append(batch.existing[url].pk)
        room = max(0, self.touched_cap - len(report.touched_ids))
        report.touched_ids.extend(changed_ids[:room])
        if changed_ids and not report.dry_run:
            # Bulk writes send no save signals, so the search index is refreshed here, batch by batch
            # (memory stays flat), inside the import's transaction (a failed file leaves no trace).
            index_articles(article_ids=changed_ids)

    def _set_similar(self, article_id: int, target_ids: list[int], old: set[int]) -> bool:
        if set(target_ids) <= old and len(target_ids) == len(old):
            return False
        SimilarLink.objects.filter(from_article_id=article_id).exclude(to_article_id__in=target_ids).delete()
        SimilarLink.objects.bulk_create(
            [
                SimilarLink(from_article_id=article_id, to_article_id=target, position=position)
                for position, target in enumerate(target_ids)
                if target not in old and target != article_id
            ]
        )
        return True

    def finish(self) -> None:
        """Write the last batch, then the similar links that pointed at rows later in the file."""
        self.flush()
        if not self.forward_similar or not self.write:
            return
        wanted = {url for _, urls in self.forward_similar for url in urls}
        url_ids = dict(Article.objects.filter(source_url__in=wanted).values_list("source_url", "pk"))
        links = []
        for article_id, urls in self.forward_similar:
            existing = set(
                SimilarLink.objects.filter(from_article_id=article_id).values_list("to_article_id", flat=True)
            )
            start = len(existing)
            for offset, url in enumerate(urls):
                target = url_ids.get(url)
                if target and target not in existing and target != article_id:
                    links.append(SimilarLink(from_article_id=article_id, to_article_id=target, position=start + offset))
        SimilarLink.objects.bulk_create(links, batch_size=self.batch_size, ignore_conflicts=True)
