"""A signed-in team member's pages cost the same number of SQL queries however many cards, notes,
saved articles and teammates they show (no N+1): the pages subscribers use most are never cached."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from rasad.annotations.models import Annotation
from rasad.library.models import SavedArticle
from rasad.search.indexing import rebuild_index
from tests.factories import make_article, make_author, make_topic, make_user
from tests.world import World, login

pytestmark = pytest.mark.django_db


def add_content(world: World, n: int) -> None:
    """``n`` more articles (each with its own author and topic), team notes by ``n`` more
    teammates on the annotated article, and ``n`` more saved articles."""
    for i in range(n):
        article = make_article(
            f"نفت و تحریم {len(world.others) + i}",
            think_tank=world.think_tank,
            authors=[make_author()],
            topics=[make_topic()],
        )
        mate = make_user()
        world.org.memberships.create(user=mate)
        text = world.article.summary
        Annotation.objects.create(
            article=world.article,
            author=mate,
            exact=text[:5],
            start=0,
            end=5,
            revision=world.article.revision,
            note=f"یادداشت {i}",
            visibility=Annotation.Visibility.TEAM,
            organisation=world.org,
        )
        SavedArticle.objects.create(user=world.owner, article=article)
    rebuild_index(stdout=None)


def queries(client, path: str) -> int:
    response = client.get(path)  # sessions, compiled templates, caches as a warm server has them
    assert response.status_code == 200
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(path)
    assert response.status_code == 200
    return len(ctx.captured_queries)


PAGES = ["/", "/?page=1", "/search/?q=نفت", "/library/", "/annotations/team/"]


@pytest.mark.parametrize("path", PAGES)
def test_signed_in_page_costs_the_same_queries_with_more_content(client, world, settings, path):
    settings.RASAD_PAGE_SIZE = 30
    login(client, world.owner)
    add_content(world, 2)
    few = queries(client, path)
    add_content(world, 12)
    assert queries(client, path) == few


def test_annotated_article_page_costs_the_same_queries_with_more_notes(client, world):
    login(client, world.owner)
    add_content(world, 2)
    path = world.article.get_absolute_url()
    few = queries(client, path)
    add_content(world, 12)
    html = client.get(path).content.decode()
    assert html.count("یادداشت ") >= 14  # the margin shows every teammate's note
    assert queries(client, path) == few
