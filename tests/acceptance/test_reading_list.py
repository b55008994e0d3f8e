"""Reading lists through HTTP: saving from the feed and the article page, my list, collections,
and a permission matrix of {owner, teammate, other team, anonymous} × {private, team} × actions."""

from __future__ import annotations

import pytest
from django.urls import reverse

from rasad.articles.models import Article
from rasad.library.models import Collection, CollectionItem, SavedArticle
from tests.acceptance.matrix import ACTIONS, KINDS, USERS, expected
from tests.factories import make_article
from tests.world import login

pytestmark = pytest.mark.django_db
HX = {"HTTP_HX_REQUEST": "true"}


def save_url(article) -> str:
    return f"/library/save/{article.pk}/"


# --- Saving ---------------------------------------------------------------------------------------


def test_reader_saves_from_the_feed_with_htmx_and_sees_it_in_my_list(client, world):
    login(client, world.owner)
    feed = client.get(reverse("articles:feed")).content.decode()
    assert f'action="{save_url(world.article)}"' in feed
    assert "ذخیره برای بعد" in feed

    response = client.post(save_url(world.article), **HX)
    assert response.status_code == 200
    html = response.content.decode()
    assert "ذخیره‌شده" in html and '<form class="save-toggle"' in html
    assert "<html" not in html  # only the button partial

    assert "ذخیره‌شده" in client.get(reverse("articles:feed")).content.decode()
    my_list = client.get(reverse("library:my_list")).content.decode()
    assert world.article.title in my_list

    # Toggling again unsaves.
    client.post(save_url(world.article), **HX)
    assert not SavedArticle.objects.filter(user=world.owner).exists()
    assert world.article.title not in client.get(reverse("library:my_list")).content.decode()


def test_saved_field_makes_saving_idempotent(client, world):
    login(client, world.owner)
    for _ in range(2):
        client.post(save_url(world.article), {"saved": "1"})
    assert SavedArticle.objects.filter(user=world.owner, article=world.article).count() == 1
    for _ in range(2):
        client.post(save_url(world.article), {"saved": "0"})
    assert not SavedArticle.objects.filter(user=world.owner).exists()
    # Persian digits work too.
    client.post(save_url(world.article), {"saved": "۱"})
    assert SavedArticle.objects.filter(user=world.owner).count() == 1


def test_bad_saved_value_is_a_persian_400(client, world):
    login(client, world.owner)
    response = client.post(save_url(world.article), {"saved": "maybe"})
    assert response.status_code == 400
    assert "باید ۰ یا ۱ باشد" in response.content.decode()


def test_saving_without_js_redirects_back_only_within_the_site(client, world):
    login(client, world.owner)
    response = client.post(save_url(world.article), {"saved": "1", "next": "/topics/x/?page=2"})
    assert response.status_code == 302 and response.url == "/topics/x/?page=2"
    response = client.post(save_url(world.article), {"saved": "1", "next": "https://evil.example/"})
    assert response.status_code == 302 and response.url == world.article.get_absolute_url()


def test_article_page_has_the_save_button_near_the_byline(client, world):
    login(client, world.owner)
    client.post(save_url(world.article), {"saved": "1"})
    html = client.get(world.article.get_absolute_url()).content.decode()
    byline_end = html.index("</dl>")
    button = html.index(f'action="{save_url(world.article)}"')
    assert button > byline_end and "ذخیره‌شده" in html[button : button + 600]


def test_anonymous_save_goes_to_login(client, world):
    response = client.post(save_url(world.article), {"saved": "1", "next": world.article.get_absolute_url()})
    assert response.status_code == 302 and response.url.startswith("/accounts/login/")
    response = client.post(save_url(world.article), **HX)
    # htmx follows HX-Redirect with the whole page (django-htmx's HttpResponseClientRedirect).
    assert response.status_code == 200 and response["HX-Redirect"].startswith("/accounts/login/")
    assert not SavedArticle.objects.exists()


def test_unpublished_or_missing_article_cannot_be_saved(client, world):
    login(client, world.owner)
    draft = make_article(status=Article.Status.DRAFT)
    assert client.post(save_url(draft), {"saved": "1"}).status_code == 404
    assert client.post(reverse("library:save", args=[999999]), {"saved": "1"}).status_code == 404


def test_feed_queries_stay_constant_with_saved_state(client, world, django_assert_max_num_queries):
    login(client, world.owner)
    for _ in range(3):
        SavedArticle.objects.create(user=world.owner, article=make_article())
    client.get(reverse("articles:feed"))  # warm up the session
    with django_assert_max_num_queries(12) as small:
        client.get(reverse("articles:feed"))
    for _ in range(8):
        SavedArticle.objects.create(user=world.owner, article=make_article())
    with django_assert_max_num_queries(12) as large:
        client.get(reverse("articles:feed"))
    assert len(large.captured_queries) == len(small.captured_queries)


# --- My list --------------------------------------------------------------------------------------


def test_my_list_filters_marks_read_and_keeps_a_private_note(client, world):
    other = make_article("گزارش دوم")
    login(client, world.owner)
    client.post(save_url(world.article), {"saved": "1"})
    client.post(save_url(other), {"saved": "1"})

    response = client.post(reverse("library:read", args=[world.article.pk]), {"read": "1"}, **HX)
    assert response.status_code == 200 and "خوانده‌شده" in response.content.decode()

    read = client.get(reverse("library:my_list") + "?status=read").content.decode()
    unread = client.get(reverse("library:my_list") + "?status=unread").content.decode()
    assert world.article.title in read and other.title not in read
    assert other.title in unread and world.article.title not in unread

    client.post(reverse("library:note", args=[world.article.pk]), {"note": "برای جلسهٔ دوشنبه"})
    assert "برای جلسهٔ دوشنبه" in client.get(reverse("library:my_list")).content.decode()
    # The note is private: a teammate's list has neither the article nor the note.
    login(client, world.teammate)
    assert "برای جلسهٔ دوشنبه" not in client.get(reverse("library:my_list")).content.decode()

    login(client, world.owner)
    client.post(reverse("library:read", args=[world.article.pk]), {"read": "0"})
    assert world.article.title in client.get(reverse("library:my_list") + "?status=unread").content.decode()


def test_my_list_rejects_an_unknown_filter_in_persian(client, world):
    login(client, world.owner)
    response = client.get(reverse("library:my_list") + "?status=archived")
    assert response.status_code == 400 and "شناخته نیست" in response.content.decode()


# --- Collections ----------------------------------------------------------------------------------


def test_team_collection_journey(client, world):
    login(client, world.owner)
    response = client.post(reverse("library:collections"), {"name": "پروندهٔ نفت", "organisation": world.org.pk})
    collection = Collection.objects.get(name="پروندهٔ نفت")
    assert response.status_code == 302 and collection.organisation == world.org

    # A teammate adds an article to it from their list; everyone in the team sees it.
    login(client, world.teammate)
    client.post(save_url(world.article), {"saved": "1"})
    assert "پروندهٔ نفت" in client.get(reverse("library:my_list")).content.decode()
    client.post(reverse("library:collection_add_any"), {"collection": collection.pk, "article": world.article.pk})
    login(client, world.manager)
    page = client.get(collection.get_absolute_url()).content.decode()
    assert world.article.title in page and "سارا همکار" in page

    # Someone from another team cannot add to it or see it.
    login(client, world.outsider)
    assert (
        client.post(reverse("library:collection_add", args=[collection.pk]), {"article": world.article.pk}).status_code
        == 404
    )
    assert "پروندهٔ نفت" not in client.get(reverse("library:collections")).content.decode()


def test_collection_for_a_team_you_are_not_in_is_refused(client, world):
    login(client, world.outsider)
    response = client.post(reverse("library:collections"), {"name": "نفوذ", "organisation": world.org.pk})
    assert response.status_code == 400 and "عضو آن نیستید" in response.content.decode()
    assert not Collection.objects.exists()


def test_empty_collection_name_is_a_persian_error(client, world):
    login(client, world.owner)
    response = client.post(reverse("library:collections"), {"name": "  "})
    assert response.status_code == 400 and "نام مجموعه را بنویسید" in response.content.decode()


# --- Permission matrix ----------------------------------------------------------------------------


@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("who", USERS)
def test_collection_permission_matrix(client, world, who, kind, action):
    collection = Collection.objects.create(
        name=f"مجموعهٔ {kind}", owner=world.owner, organisation=world.org if kind == "team" else None
    )
    CollectionItem.objects.create(collection=collection, article=world.article, added_by=world.owner)
    login(client, None if who == "anonymous" else getattr(world, who))
    pk = collection.pk
    outcome = expected(who, kind, action)

    if action == "list":
        response = client.get(reverse("library:collections"))
        if outcome == "login":
            assert response.status_code == 302 and response.url.startswith("/accounts/login/")
        else:
            assert (collection.name in response.content.decode()) == (outcome != "hidden")
        return

    requests = {
        "detail": lambda: client.get(reverse("library:collection", args=[pk])),
        "partial": lambda: client.get(reverse("library:collection", args=[pk]), **HX),
        "edit": lambda: client.post(reverse("library:collection_edit", args=[pk]), {"name": "نام تازه"}),
        "delete": lambda: client.post(reverse("library:collection_delete", args=[pk])),
        "export": lambda: client.get(reverse("library:collection_export", args=[pk, "csv"])),
    }
    response = requests[action]()
    if outcome == "login":
        assert response.status_code in (200, 302)
        assert response.get("Location", response.get("HX-Redirect", "")).startswith("/accounts/login/")
        assert world.article.title not in response.content.decode()
    elif outcome == "hidden":
        assert response.status_code == 404
        assert world.article.title not in response.content.decode()
    elif outcome == "forbidden":
        assert response.status_code == 403
    else:
        assert response.status_code in (200, 302)
        if action in {"detail", "partial", "export"}:
            assert world.article.title in response.content.decode()
        if action == "partial":
            assert "<html" not in response.content.decode()
    still_there = Collection.objects.filter(pk=pk).first()
    if action == "delete":
        assert (still_there is None) == (outcome == "ok")
    if action == "edit":
        assert (still_there.name == "نام تازه") == (outcome == "ok")


def test_team_manager_may_delete_a_team_collection_but_not_a_personal_one(client, world):
    team = Collection.objects.create(name="تیمی", owner=world.owner, organisation=world.org)
    personal = Collection.objects.create(name="شخصی", owner=world.owner)
    login(client, world.manager)
    assert client.post(reverse("library:collection_delete", args=[team.pk])).status_code == 302
    assert client.post(reverse("library:collection_delete", args=[personal.pk])).status_code == 404
    assert not Collection.objects.filter(pk=team.pk).exists()
    assert Collection.objects.filter(pk=personal.pk).exists()


def test_collection_csv_export_is_formula_safe(client, world):
    world.article.title = '=HYPERLINK("http://evil")'
    world.article.save()
    collection = Collection.objects.create(name="+SUM(A1)", owner=world.owner)
    CollectionItem.objects.create(collection=collection, article=world.article, added_by=world.owner)
    login(client, world.owner)
    body = client.get(reverse("library:collection_export", args=[collection.pk, "csv"])).content.decode()
    assert "'=HYPERLINK" in body and "\n=HYPERLINK" not in body
    md = client.get(reverse("library:collection_export", args=[collection.pk, "md"])).content.decode()
    assert md.startswith("# \\+SUM") or md.startswith("# +SUM")
    assert client.get(reverse("library:collection_export", args=[collection.pk, "exe"])).status_code == 404
