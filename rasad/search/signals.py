"""Signals that keep search documents in step with what editors change one object at a time.

Bulk imports (``bulk_create``) send no signals, nor does deleting an author or topic (its through
rows go by cascade): run ``python manage.py rebuild_search_index`` afterwards.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Model
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from rasad.articles.models import Article, Author, ThinkTank, Topic
from rasad.search.equivalents import forget_equivalents
from rasad.search.indexing import index_articles
from rasad.search.models import Equivalent


@receiver(post_save, sender=Article, dispatch_uid="search_article_saved")
def article_saved(sender: type[Article], instance: Article, raw: bool = False, **kwargs: Any) -> None:
    if not raw:
        index_articles(article_ids=[instance.pk])


@receiver(m2m_changed, sender=Article.authors.through, dispatch_uid="search_article_authors")
@receiver(m2m_changed, sender=Article.topics.through, dispatch_uid="search_article_topics")
def article_people_changed(
    sender: type[Model], instance: Model, action: str, reverse: bool, pk_set: set[int] | None, **kwargs: Any
) -> None:
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    if not reverse:
        index_articles(article_ids=[instance.pk])
    elif action == "post_clear":
        # pk_set is None here; the cleared author/topic no longer says which articles it had.
        return
    else:
        index_articles(article_ids=pk_set or [])


@receiver(post_save, sender=ThinkTank, dispatch_uid="search_think_tank_saved")
@receiver(post_save, sender=Author, dispatch_uid="search_author_saved")
@receiver(post_save, sender=Topic, dispatch_uid="search_topic_saved")
def name_saved(
    sender: type[Model], instance: ThinkTank | Author | Topic, created: bool, raw: bool = False, **kwargs: Any
) -> None:
    # A renamed think tank, author or topic changes every document that names it.
    if created or raw:
        return
    if isinstance(instance, ThinkTank):
        ids = Article.objects.filter(think_tank=instance).values_list("pk", flat=True)
    else:
        ids = instance.articles.values_list("pk", flat=True)
    index_articles(article_ids=list(ids))


@receiver(post_save, sender=Equivalent, dispatch_uid="search_equivalent_saved")
@receiver(post_delete, sender=Equivalent, dispatch_uid="search_equivalent_deleted")
def equivalent_changed(sender: type[Model], **kwargs: Any) -> None:
    forget_equivalents()
