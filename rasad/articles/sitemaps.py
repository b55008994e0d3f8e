"""``/sitemap.xml``: the addresses of published pages. Addresses and dates only, never text."""

from __future__ import annotations

import datetime as dt

from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.views.decorators.cache import cache_control

from rasad.articles.models import Article, ArticleQuerySet, Author, ThinkTank, Topic


class ArticleSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.8
    limit = 5000

    def items(self) -> ArticleQuerySet:
        return Article.objects.published().only("pk", "slug", "updated_at").order_by("-published_on", "-id")

    def lastmod(self, item: Article) -> dt.datetime:
        return item.updated_at


class ListingSitemap(Sitemap):
    """Think tanks, authors and topics that have at least one published article."""

    changefreq = "daily"
    priority = 0.5

    def items(self) -> list[ThinkTank | Author | Topic]:
        published = Article.objects.published()
        return [
            *ThinkTank.objects.filter(articles__in=published).distinct().order_by("name"),
            *Author.objects.filter(articles__in=published).distinct().order_by("name"),
            *Topic.objects.filter(articles__in=published).distinct().order_by("name"),
        ]


class StaticSitemap(Sitemap):
    changefreq = "daily"
    priority = 1.0

    def items(self) -> list[str]:
        return ["articles:feed", "access:guide"]

    def location(self, item: str) -> str:
        return reverse(item)


SITEMAPS: dict[str, type[Sitemap] | Sitemap] = {
    "pages": StaticSitemap,
    "articles": ArticleSitemap,
    "listings": ListingSitemap,
}


_public = cache_control(public=True, max_age=3600)


@_public
def sitemap_index(request: HttpRequest) -> HttpResponse:
    """``/sitemap.xml``: an index of the sections, each paginated (``?p=``) past 5,000 addresses."""
    return sitemap_views.index(request, sitemaps=SITEMAPS, sitemap_url_name="sitemap_section")


@_public
def sitemap_section(request: HttpRequest, section: str) -> HttpResponse:
    return sitemap_views.sitemap(request, sitemaps=SITEMAPS, section=section)
