"""RSS and Atom feeds of article summaries (Rasad syndicated; think tanks' feeds are read by
``rasad.imports.think_tank_feeds``).

A feed is read by programs on nobody's behalf, so it carries only what everyone may read: title,
summary, authors, think tank, topics. Full text never enters it, whatever the requester's access.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import cache_control

from rasad.articles.models import Article, ArticleQuerySet

FEED_SIZE = 30


class ArticleSummariesFeed(Feed):
    title = _("رصد: تازه‌ترین رصدها")
    link = "/"
    description = _("خلاصهٔ فارسی تازه‌ترین گزارش‌های اندیشکده‌های جهان")
    language = "fa"

    def items(self) -> ArticleQuerySet:
        return Article.objects.for_feed()[:FEED_SIZE]

    def item_title(self, item: Article) -> str:
        return item.title

    def item_description(self, item: Article) -> str:
        # The public summary only: the gate decides who reads the body, and a feed is everyone.
        return item.summary

    def item_link(self, item: Article) -> str:
        return item.get_absolute_url()

    def item_pubdate(self, item: Article) -> dt.datetime:
        return timezone.make_aware(dt.datetime.combine(item.published_on, dt.time(8, 0)))

    def item_updateddate(self, item: Article) -> dt.datetime:
        return item.updated_at

    def item_author_name(self, item: Article) -> str | None:
        names = [author.name for author in item.authors.all()]
        return "، ".join(names) or (item.think_tank.name if item.think_tank else None)

    def item_categories(self, item: Article) -> list[str]:
        return [topic.name for topic in item.topics.all()]


class ArticleSummariesAtomFeed(ArticleSummariesFeed):
    feed_type = Atom1Feed
    subtitle = ArticleSummariesFeed.description


# Same bytes for every requester: shared caches may keep them for a few minutes.
rss_feed = cache_control(public=True, max_age=300)(ArticleSummariesFeed())
atom_feed = cache_control(public=True, max_age=300)(ArticleSummariesAtomFeed())
