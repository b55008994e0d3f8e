"""A published article dated tomorrow does not exist for readers until its day (Tehran calendar):
404 on its page and on every endpoint that names it, absent from every listing, feed, sitemap,
search and similar list; editors see it. On its day it appears everywhere."""

from __future__ import annotations

import datetime as dt
from urllib.parse import unquote

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from rasad.annotations.models import Annotation
from rasad.articles.models import Article, SimilarLink, SimilarSuggestion
from rasad.library.models import Collection, CollectionItem, SavedArticle
from tests.access.readers import make_reader
from tests.factories import make_article, make_topic, make_user
from tests.world import days, login

pytestmark = pytest.mark.django_db

TITLE = "گزارش فردای تحریم‌های نفتی"
WORD = "فردای"
READERS = ["anonymous", "no_access", "subscriber", "team_member"]
HX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def tomorrow(world) -> Article:
    """Published, dated tomorrow, linked from and to published articles, and suggested for one."""
    article = make_article(
        TITLE,
        summary=f"خلاصهٔ {WORD} که هنوز نباید دیده شود.",
        think_tank=world.think_tank,
        authors=[world.author],
        topics=[world.topic],
        editors_choice_rank=2,
        published_on=days(1),
    )
    SimilarLink.objects.create(from_article=world.gated, to_article=article, position=1)
    SimilarLink.objects.create(from_article=article, to_article=world.others[1])
    SimilarSuggestion.objects.create(article=world.others[2], suggested=article, score=9, reasons=["topic"])
    return article


def reader(kind: str, world):
    return world.owner if kind == "team_member" else make_reader(kind)


def endpoints(article: Article, collection: Collection) -> dict[str, tuple[str, str, dict]]:
    """Every endpoint that names an article: (method, url, data)."""
    quote = {"field": "summary", "exact": WORD, "visibility": "private"}
    return {
        "page": ("get", article.get_absolute_url(), {}),
        "page without slug": ("get", reverse("articles:detail_short", args=[article.pk]), {}),
        "save": ("post", reverse("library:save", args=[article.pk]), {"saved": "1"}),
        "mark read": ("post", reverse("library:read", args=[article.pk]), {"read": "1"}),
        "note": ("post", reverse("library:note", args=[article.pk]), {"note": "یادداشت"}),
        "add to collection": (
            "post",
            reverse("library:collection_add_any"),
            {"collection": collection.pk, "article": article.pk},
        ),
        "add to this collection": (
            "post",
            reverse("library:collection_add", args=[collection.pk]),
            {"article": article.pk},
        ),
        "annotations": ("get", reverse("annotations:article", args=[article.pk]), {}),
        "annotate": ("post", reverse("annotations:article", args=[article.pk]), quote),
        "export md": ("get", reverse("annotations:export_article", args=[article.pk, "md"]), {}),
        "export csv": ("get", reverse("annotations:export_article", args=[article.pk, "csv"]), {}),
    }


@pytest.mark.parametrize("htmx", [False, True], ids=["page", "htmx"])
@pytest.mark.parametrize("kind", READERS)
def test_every_endpoint_that_names_it_is_404(client, world, tomorrow, kind, htmx):
    user = reader(kind, world)
    collection = Collection.objects.create(name="پرونده", owner=world.owner, organisation=world.org)
    login(client, user)
    for name, (method, url, data) in endpoints(tomorrow, collection).items():
        response = getattr(client, method)(url, data, **(HX if htmx else {}))
        assert response.status_code == 404, name
        assert TITLE not in response.content.decode(), name
    assert not SavedArticle.objects.exists()
    assert not CollectionItem.objects.exists()
    assert not Annotation.objects.exists()


def listings(world) -> dict[str, str]:
    return {
        "feed": reverse("articles:feed"),
        "think tank": world.think_tank.get_absolute_url(),
        "author": world.author.get_absolute_url(),
        "topic": world.topic.get_absolute_url(),
        "search": reverse("search:results") + f"?q={WORD}",
        "search by topic": reverse("search:results") + f"?topic={world.topic.pk}",
        "curated similar list": world.gated.get_absolute_url(),
        "linked from it": world.others[1].get_absolute_url(),
        "suggested similar list": world.others[2].get_absolute_url(),
        "rss": reverse("feed_rss"),
        "atom": reverse("feed_atom"),
        "sitemap": reverse("sitemap_section", args=["articles"]),
        "my list": reverse("library:my_list"),
    }


def seen(client, url: str, article: Article) -> bool:
    body = unquote(client.get(url).content.decode())
    return TITLE in body or unquote(article.get_absolute_url()) in body


@pytest.mark.parametrize("kind", READERS)
def test_it_is_in_no_listing_feed_sitemap_search_or_similar_list(client, world, tomorrow, kind):
    user = reader(kind, world)
    if user is not None:
        # Saved before its date was moved: still not shown until its day.
        SavedArticle.objects.create(user=user, article=tomorrow)
    login(client, user)
    for name, url in listings(world).items():
        assert not seen(client, url, tomorrow), name


def test_a_topic_only_it_has_is_not_in_the_sitemap_until_its_day(client, world, tomorrow):
    lone = make_topic("آینده‌پژوهی")
    tomorrow.topics.add(lone)
    listings_sitemap = reverse("sitemap_section", args=["listings"])
    assert lone.slug not in unquote(client.get(listings_sitemap).content.decode())
    noon_tomorrow = dt.datetime.combine(days(1), dt.time(12, 0), tzinfo=timezone.get_current_timezone())
    with time_machine.travel(noon_tomorrow, tick=False):
        assert lone.slug in unquote(client.get(listings_sitemap).content.decode())


def test_editors_see_it(client, world, tomorrow):
    login(client, make_user("editor", is_staff=True, is_superuser=True))
    response = client.get(tomorrow.get_absolute_url())
    assert response.status_code == 200 and TITLE in response.content.decode()
    assert client.get(reverse("admin:articles_article_change", args=[tomorrow.pk])).status_code == 200


@pytest.mark.parametrize("kind", ["anonymous", "team_member"])
def test_on_its_day_it_appears_everywhere(client, world, tomorrow, kind):
    user = reader(kind, world)
    login(client, user)
    noon_tomorrow = dt.datetime.combine(days(1), dt.time(12, 0), tzinfo=timezone.get_current_timezone())
    with time_machine.travel(noon_tomorrow, tick=False):
        assert timezone.localdate() == tomorrow.published_on
        assert client.get(tomorrow.get_absolute_url()).status_code == 200
        wanted = listings(world)
        wanted.pop("my list")
        for name, url in wanted.items():
            assert seen(client, url, tomorrow), name
        if user is not None:
            assert client.post(reverse("library:save", args=[tomorrow.pk]), {"saved": "1"}).status_code == 302
            assert SavedArticle.objects.filter(user=user, article=tomorrow).exists()


def test_the_rule_is_the_same_for_one_article_and_for_a_queryset(world, tomorrow):
    editor = make_user("editor2", is_staff=True)
    reader_ = world.owner
    for user in (None, reader_, editor):
        visible = set(Article.objects.visible_to(user).values_list("pk", flat=True))
        assert visible == {a.pk for a in Article.objects.all() if a.is_visible_to(user)}
    assert tomorrow.pk not in set(Article.objects.published().values_list("pk", flat=True))
    assert tomorrow.is_visible_to(editor) and not tomorrow.is_visible_to(reader_)
