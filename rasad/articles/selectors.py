"""Reads for reading pages: one article as a reader may see it, its similar articles, editor's choice."""

from __future__ import annotations

from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext as _

from rasad.articles.models import Article, ArticleQuerySet, SimilarLink
from rasad.core.users import Reader

SUGGESTIONS_SHOWN = 5


def article_for(user: Reader, pk: int, queryset: ArticleQuerySet | None = None) -> Article:
    """The article ``pk`` if ``user`` may see it; a Persian 404 otherwise (drafts, scheduled ones)."""
    article = (queryset if queryset is not None else Article.objects.all()).visible_to(user).filter(pk=pk).first()
    if article is None:
        raise Http404(_("این مطلب منتشر نشده است."))
    return article


def editors_choice(limit: int = 6) -> list[Article]:
    return list(Article.objects.editors_choice().select_related("think_tank")[:limit])


def similar_articles(article: Article) -> list[Article]:
    """Editors' links first (in their order, either direction), then the machine's suggestions
    (marked ``is_suggestion``); only articles everyone may see, so the list is the same for all."""
    public = Article.objects.published()
    links = (
        SimilarLink.objects.filter(
            Q(from_article=article, to_article__in=public) | Q(to_article=article, from_article__in=public)
        )
        .select_related("from_article__think_tank", "to_article__think_tank")
        .order_by("position", "id")
    )
    similar: list[Article] = []
    for link in links:
        other = link.to_article if link.from_article_id == article.pk else link.from_article
        if other not in similar:
            similar.append(other)
    linked = SimilarLink.objects.filter(Q(from_article=article) | Q(to_article=article))
    suggested = (
        public.filter(suggested_for__article=article)
        .exclude(pk=article.pk)
        .exclude(pk__in=linked.values("to_article_id"))
        .exclude(pk__in=linked.values("from_article_id"))
        .select_related("think_tank")
        .order_by("-suggested_for__score", "-id")[:SUGGESTIONS_SHOWN]
    )
    for item in suggested:
        item.is_suggestion = True
        similar.append(item)
    return similar
