"""A reader's private Atom feed: what their saved searches and follows matched, summaries only."""

from __future__ import annotations

import datetime as dt

from django.contrib.syndication.views import Feed
from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from rasad.alerts.models import Match, ReaderSettings
from rasad.articles.models import Article

ITEMS = 50


class PrivateFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request: HttpRequest, token: str) -> ReaderSettings:
        found = ReaderSettings.objects.select_related("user").filter(feed_token=token, user__is_active=True).first()
        if found is None:
            raise Http404(_("این نشانی خوراک معتبر نیست یا عوض شده است."))
        return found

    def title(self, obj: ReaderSettings) -> str:
        return _("رصد: هشدارهای من")

    def link(self, obj: ReaderSettings) -> str:
        return "/alerts/"

    def subtitle(self, obj: ReaderSettings) -> str:
        return _("مطالب تازه‌ای که جست‌وجوهای ذخیره‌شده و دنبال‌شده‌های شما یافته‌اند")

    def items(self, obj: ReaderSettings) -> list[Article]:
        ids = (
            Match.objects.filter(alert__user=obj.user)
            .order_by("-created_at")
            .values_list("article_id", flat=True)[: ITEMS * 3]
        )
        # Only what the reader may see now (an article unpublished since is gone from the feed).
        by_id = Article.objects.visible_to(obj.user).select_related("think_tank").in_bulk(list(ids))
        return [by_id[i] for i in dict.fromkeys(ids) if i in by_id][:ITEMS]

    def item_title(self, item: Article) -> str:
        return item.title

    def item_description(self, item: Article) -> str:
        return item.summary  # never the body: a feed reader is outside the gate

    def item_link(self, item: Article) -> str:
        return item.get_absolute_url()

    def item_pubdate(self, item: Article) -> dt.datetime:
        return dt.datetime.combine(item.published_on, dt.time(), tzinfo=timezone.get_current_timezone())
