"""E-mails to readers: composing each kind, and sending one at most once.

Every e-mail is right-to-left HTML with a plain-text alternative, a Persian subject, Jalali dates,
and RFC 8058 one-click unsubscribe headers (``List-Unsubscribe`` with a signed link,
``List-Unsubscribe-Post``). They carry titles, summaries and links — never an article's full text,
and a quote from full text only for a reader the gate lets read it on the day it is sent.
https://www.rfc-editor.org/rfc/rfc8058
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from rasad.access.policy import can_read_full_text
from rasad.alerts.models import Alert, Delivery, Email, Match, Notification
from rasad.alerts.services import period_bounds
from rasad.annotations.models import Annotation, Reply
from rasad.articles.models import Article
from rasad.core.jalali import jalali_numeric, jalali_with_weekday

# A digest lists the newest few per alert and says how many more there are (on /alerts/ and the feed).
DIGEST_ARTICLES_PER_ALERT = 10
UNSUBSCRIBE_SALT = "rasad.alerts.unsubscribe"
UNSUBSCRIBE_MAX_AGE = 60 * 60 * 24 * 365  # a year-old e-mail still unsubscribes


def unsubscribe_token(*, user_id: int, what: str) -> str:
    """A signed token saying which e-mails ``user_id`` stops: ``alert:<id>``, ``daily``, ``weekly``,
    ``team`` or ``conversation``."""
    return signing.dumps({"u": user_id, "w": what}, salt=UNSUBSCRIBE_SALT, compress=True)


def read_unsubscribe_token(token: str) -> tuple[int, str]:
    """Raises ``signing.BadSignature`` (or ``SignatureExpired``) for a token we did not sign."""
    data = signing.loads(token, salt=UNSUBSCRIBE_SALT, max_age=UNSUBSCRIBE_MAX_AGE)
    return int(data["u"]), str(data["w"])


def absolute(path: str) -> str:
    return settings.RASAD_SITE_URL + path


@dataclass
class Composed:
    subject: str
    template: str
    context: dict = field(default_factory=dict)
    unsubscribe: str = ""


def _article_email(email: Email) -> Composed | None:
    article = Article.objects.published().select_related("think_tank").filter(pk=email.article_id or 0).first()
    if article is None or not article.is_visible_to(email.user):
        return None
    alerts = list(Alert.objects.filter(user=email.user, matches__article=article).distinct())
    alert = email.alert or (alerts[0] if alerts else None)
    name = alert.name if alert else ""
    return Composed(
        subject=_("رصد | «%(alert)s»: %(title)s") % {"alert": name, "title": article.title},
        template="alerts/email/article",
        context={"article": article, "alerts": alerts},
        unsubscribe=f"alert:{alert.pk}" if alert else "conversation",
    )


def _digest_email(email: Email) -> Composed | None:
    daily = email.kind == Email.Kind.DAILY
    start = email.period_start or timezone.localdate()
    begin, end = period_bounds(start, days=1 if daily else 7)
    delivery = Delivery.DAILY if daily else Delivery.WEEKLY
    matches = (
        Match.objects.filter(
            alert__user=email.user, alert__delivery=delivery, created_at__gte=begin, created_at__lt=end
        )
        .select_related("alert", "article", "article__think_tank")
        .order_by("alert_id", "-article__published_on")
    )
    groups: dict[Alert, list[Article]] = defaultdict(list)
    more: dict[Alert, int] = defaultdict(int)
    for m in matches:
        if not m.article.is_visible_to(email.user):
            continue
        if len(groups[m.alert]) < DIGEST_ARTICLES_PER_ALERT:
            groups[m.alert].append(m.article)
        else:
            more[m.alert] += 1
    if not groups:
        return None
    day = (
        jalali_with_weekday(start)
        if daily
        else f"{jalali_numeric(start)} – {jalali_numeric(start + dt.timedelta(days=6))}"
    )
    subject = (_("رصد | خلاصهٔ روزانه، %(day)s") if daily else _("رصد | خلاصهٔ هفتگی، %(day)s")) % {"day": day}
    groups_list = [
        {
            "alert": a,
            "articles": arts,
            "more": more[a],
            "unsubscribe_url": unsubscribe_url(email.user_id, f"alert:{a.pk}"),
        }
        for a, arts in groups.items()
    ]
    return Composed(
        subject=subject,
        template="alerts/email/digest",
        context={"groups": groups_list, "period": day},
        unsubscribe=email.kind,
    )


def _team_email(email: Email) -> Composed | None:
    start = email.period_start or timezone.localdate()
    begin, end = period_bounds(start, days=7)
    notes = (
        Annotation.objects.by_team_of(email.user)
        .filter(organisation__pk=email.organisation_id or 0)
        .filter(
            Q(created_at__gte=begin, created_at__lt=end)
            | Q(replies__created_at__gte=begin, replies__created_at__lt=end)
        )
        .distinct()
        .select_related("author", "article", "organisation")
        .prefetch_related("replies__author")
        .order_by("article_id", "created_at")
    )
    by_article: dict[Article, list[dict]] = defaultdict(list)
    readable: dict[int, bool] = {}
    for note in notes:
        article = note.article
        if article.pk not in readable:
            readable[article.pk] = can_read_full_text(email.user, article)
        show_quote = note.field != Annotation.Field.BODY or readable[article.pk]
        replies = [r for r in note.replies.all() if begin <= r.created_at < end]
        by_article[article].append({"note": note, "quote": note.exact if show_quote else "", "replies": replies})
    if not by_article:
        return None
    week = f"{jalali_numeric(start)} – {jalali_numeric(start + dt.timedelta(days=6))}"
    team = next(iter(by_article.values()))[0]["note"].organisation
    return Composed(
        subject=_("رصد | یادداشت‌های تیم «%(team)s»، %(week)s") % {"team": team.name, "week": week},
        template="alerts/email/team",
        context={"articles": list(by_article.items()), "team": team, "period": week},
        unsubscribe="team",
    )


def _conversation_email(email: Email) -> Composed | None:
    note = (
        Notification.objects.select_related("annotation", "reply", "actor", "article")
        .filter(pk=email.notification_id or 0)
        .first()
    )
    if note is None or note.annotation is None:
        return None
    if not Annotation.objects.by_team_of(email.user).filter(pk=note.annotation.pk).exists():
        return None  # they left the team since: the thread is not theirs to read any more
    who = note.actor.get_full_name() or note.actor.username if note.actor else ""
    if note.kind == Notification.Kind.MENTION:
        subject = _("رصد | %(who)s از شما نام برد: %(title)s")
    else:
        subject = _("رصد | %(who)s پاسخ داد: %(title)s")
    text = note.reply.text if isinstance(note.reply, Reply) else note.annotation.note
    return Composed(
        subject=subject % {"who": who, "title": note.article.title},
        template="alerts/email/conversation",
        context={
            "notification": note,
            "who": who,
            "text": text,
            "thread_url": absolute(reverse("annotations:detail", args=[note.annotation_id])),
        },
        unsubscribe="conversation",
    )


COMPOSERS = {
    Email.Kind.ARTICLE: _article_email,
    Email.Kind.DAILY: _digest_email,
    Email.Kind.WEEKLY: _digest_email,
    Email.Kind.TEAM: _team_email,
    Email.Kind.CONVERSATION: _conversation_email,
}


def unsubscribe_url(user_id: int, what: str) -> str:
    return absolute(reverse("alerts:unsubscribe", args=[unsubscribe_token(user_id=user_id, what=what)]))


def build_message(email: Email) -> EmailMultiAlternatives | None:
    composed = COMPOSERS[Email.Kind(email.kind)](email)
    if composed is None:
        return None
    link = unsubscribe_url(email.user_id, composed.unsubscribe)
    context = {
        **composed.context,
        "user": email.user,
        "site_url": settings.RASAD_SITE_URL,
        "unsubscribe_url": link,
        "alerts_url": absolute(reverse("alerts:index")),
        "today": timezone.localdate(),
    }
    text = render_to_string(f"{composed.template}.txt", context)
    html = render_to_string(f"{composed.template}.html", context)
    digest = hashlib.sha256(email.key.encode()).hexdigest()[:32]
    domain = settings.DEFAULT_FROM_EMAIL.rsplit("@", 1)[-1].strip(">") or "rasad.local"
    message = EmailMultiAlternatives(
        subject=composed.subject,
        body=text,
        to=[email.user.email],
        headers={
            "List-Unsubscribe": f"<{link}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            # The same e-mail always has the same id, so a mailbox can tell a duplicate.
            "Message-ID": f"<{digest}@{domain}>",
            "Auto-Submitted": "auto-generated",
        },
    )
    message.attach_alternative(html, "text/html")
    email.subject = composed.subject[:300]
    return message


def email_send(*, email_id: int) -> str:
    """Send one e-mail if nobody has: claim it (pending or failed → sending) in one UPDATE, send,
    record the outcome. A worker that dies mid-send leaves it "sending": never sent twice; the
    admin shows it and can queue it again. A failure is retried with backoff until it is given up.
    """
    claimed = Email.objects.filter(pk=email_id, status__in=[Email.Status.PENDING, Email.Status.FAILED]).update(
        status=Email.Status.SENDING, attempts=F("attempts") + 1
    )
    if not claimed:
        return "skipped"
    email = Email.objects.select_related("user", "alert").get(pk=email_id)
    try:
        message = build_message(email) if email.user.email and email.user.is_active else None
        if message is None:
            email.status, email.last_error = Email.Status.ABANDONED, _("چیزی برای فرستادن نمانده بود.")
        else:
            message.send()
            email.status, email.sent_at, email.last_error = Email.Status.SENT, timezone.now(), ""
    except Exception as exc:  # SMTP, network, templates: recorded for the admin, retried later
        email.last_error = f"{type(exc).__name__}: {exc}"[:2000]
        if email.attempts >= settings.RASAD_EMAIL_MAX_ATTEMPTS:
            email.status = Email.Status.ABANDONED
        else:
            email.status = Email.Status.FAILED
            email.next_attempt_at = timezone.now() + dt.timedelta(minutes=2 ** (email.attempts - 1))
    email.save(update_fields=["status", "sent_at", "last_error", "next_attempt_at", "subject"])
    return str(email.status)
