"""Publishing and conversation start background work once the database has committed them.

Publication (one article saved in the admin) is matched at once, an import when it has landed;
scheduled dates arriving are picked up by the ``match_new_articles`` beat task within a minute.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from rasad.alerts import services, tasks
from rasad.annotations.models import Annotation, Reply
from rasad.articles.models import Article
from rasad.imports.signals import articles_imported


@receiver(post_save, sender=Article, dispatch_uid="alerts_article_saved")
def article_saved(sender: type[Article], instance: Article, raw: bool = False, **kwargs: Any) -> None:
    if not raw and instance.is_public:
        pk = instance.pk
        transaction.on_commit(lambda: tasks.match_articles.delay([pk]))


@receiver(articles_imported, dispatch_uid="alerts_articles_imported")
def articles_were_imported(sender: object, **kwargs: Any) -> None:
    tasks.match_new_articles.delay()


@receiver(post_save, sender=Annotation, dispatch_uid="alerts_note_saved")
def note_saved(sender: type[Annotation], instance: Annotation, created: bool, raw: bool = False, **kwargs: Any) -> None:
    if created and not raw:
        tasks.queue_emails(services.conversation_notify(annotation=instance))


@receiver(post_save, sender=Reply, dispatch_uid="alerts_reply_saved")
def reply_saved(sender: type[Reply], instance: Reply, created: bool, raw: bool = False, **kwargs: Any) -> None:
    if created and not raw:
        tasks.queue_emails(services.conversation_notify(annotation=instance.annotation, reply=instance))
