"""Reviewing contributions: publishing one as an article and crediting its contributor, exactly once."""

from __future__ import annotations

import re

from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.html import linebreaks
from django.utils.translation import gettext as _

from rasad.access.models import Subscription
from rasad.access.services import subscription_grant
from rasad.articles.models import Article
from rasad.contributions.forms import ContributionForm
from rasad.contributions.models import Contribution


def contribution_body_html(text: str) -> str:
    """Contributors type plain text (paragraphs split by blank lines) or simple HTML.

    Plain text becomes escaped paragraphs; HTML is kept and ``Article.save`` sanitises it.
    """
    if re.search(r"<(p|div|br|ul|ol|blockquote|h[2-6])\b", text or "", re.I):
        return text
    return linebreaks(text or "", autoescape=True)


@transaction.atomic
def contribution_submit(*, form: ContributionForm, user: User) -> Contribution:
    """Store a validated contribution form as ``user``'s observation, pending review."""
    contribution = form.save(commit=False)
    contribution.user = user
    contribution.save()
    form.save_m2m()
    return contribution


def _publish(contribution: Contribution) -> Article:
    article = Article.objects.create(
        title=contribution.title,
        summary=contribution.summary,
        body=contribution_body_html(contribution.body),
        source_url=contribution.source_url,
        think_tank=contribution.think_tank,
        observer_user=contribution.user,
        status=Article.Status.PUBLISHED,
        published_on=timezone.localdate(),
    )
    article.topics.set(contribution.topics.all())
    return article


@transaction.atomic
def contribution_approve(*, contribution_id: int, reviewer: User) -> Contribution:
    """Publish a contribution as an article and credit its contributor, exactly once.

    The row lock makes a second (or concurrent) approval wait for the first and then see its
    result, so it returns without a second article or a second credit; the contribution's one
    ``credit`` column (unique) backs that up in the database.
    """
    contribution = Contribution.objects.select_for_update().get(pk=contribution_id)
    if contribution.status == Contribution.Status.APPROVED:
        return contribution
    if Article.objects.filter(source_url=contribution.source_url).exists():
        raise ValidationError(_("مقاله‌ای با همین لینک منبع پیش‌تر منتشر شده است."))
    try:
        with transaction.atomic():  # a savepoint: a racing duplicate source must not poison the outer block
            article = _publish(contribution)
    except IntegrityError as exc:
        raise ValidationError(_("مقاله‌ای با همین لینک منبع پیش‌تر منتشر شده است.")) from exc
    contribution.status = Contribution.Status.APPROVED
    contribution.rejection_reason = ""
    contribution.reviewed_by = reviewer
    contribution.reviewed_at = timezone.now()
    contribution.article = article
    if contribution.credit_id is None:
        contribution.credit = subscription_grant(
            user=contribution.user,
            days=settings.RASAD_CONTRIBUTION_CREDIT_DAYS,
            source=Subscription.Source.CONTRIBUTION,
            note=_("اعتبار رصد «%(title)s»") % {"title": contribution.title[:200]},
        )
    contribution.save(update_fields=["status", "rejection_reason", "reviewed_by", "reviewed_at", "article", "credit"])
    return contribution


@transaction.atomic
def contribution_reject(*, contribution_id: int, reviewer: User, reason: str) -> Contribution:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("دلیل رد را بنویسید؛ رصدگر آن را می‌بیند."))
    # Locked like an approval, so a rejection never overwrites an approval running at the same time.
    contribution = Contribution.objects.select_for_update().get(pk=contribution_id)
    if contribution.status == Contribution.Status.APPROVED:
        raise ValidationError(_("این رصد پیش‌تر پذیرفته و منتشر شده است."))
    contribution.status = Contribution.Status.REJECTED
    contribution.rejection_reason = reason
    contribution.reviewed_by = reviewer
    contribution.reviewed_at = timezone.now()
    contribution.save(update_fields=["status", "rejection_reason", "reviewed_by", "reviewed_at"])
    return contribution
