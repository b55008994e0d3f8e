"""Team annotations through HTTP: highlighting, the margin, re-attachment after edits, the gate,
the team's week, exports, and the permission matrix including a user from another team."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from urllib.parse import unquote

import pytest
from django.urls import reverse
from django.utils import timezone

from rasad.access.models import Membership, Organisation
from rasad.annotations.models import Annotation
from rasad.core.jalali import jalali_numeric
from tests.acceptance.matrix import ACTIONS, KINDS, USERS, expected
from tests.factories import make_article, make_think_tank, make_topic, make_user
from tests.world import SECRET, login

pytestmark = pytest.mark.django_db
HX = {"HTTP_HX_REQUEST": "true"}
QUOTE = "دولت باید راه‌های تازه‌ای"


def annotate(client, article, **fields):
    data = {"field": "summary", "exact": QUOTE, "note": "نکتهٔ مهم", "visibility": "team", **fields}
    return client.post(reverse("annotations:article", args=[article.pk]), data)


def margin_item(html: str, pk: int) -> str:
    start = html.index(f'id="annotation-{pk}"')
    return html[start : html.index("</li>", start)]


# --- Journey --------------------------------------------------------------------------------------


def test_owner_highlights_and_teammate_sees_it_in_the_margin(client, world):
    login(client, world.owner)
    response = annotate(client, world.article)
    assert response.status_code == 302
    annotation = Annotation.objects.get()
    assert response.url == f"{world.article.get_absolute_url()}#annotation-{annotation.pk}"
    text_start = world.article.summary.index(QUOTE)
    # Selectors computed by the server when the quote was typed by hand (no JavaScript).
    assert (annotation.start, annotation.end) == (text_start, text_start + len(QUOTE))
    assert annotation.prefix.endswith("کارشناسان می‌گویند ") and annotation.suffix.startswith(" برای فروش")
    assert annotation.revision == world.article.revision

    login(client, world.teammate)
    html = client.get(world.article.get_absolute_url()).content.decode()
    item = margin_item(html, annotation.pk)
    assert QUOTE in item and "نکتهٔ مهم" in item and "علی نویسنده" in item
    assert f'data-start="{annotation.start}"' in item
    # Not theirs: no edit link, no delete button.
    assert "/edit/" not in item and "/delete/" not in item


def test_htmx_create_returns_the_margin_partial(client, world):
    login(client, world.owner)
    start = world.article.summary.index(QUOTE)
    response = client.post(
        f"/annotations/articles/{world.article.pk}/",
        {
            "field": "summary",
            "exact": QUOTE,
            "prefix": "می‌گویند ",
            "suffix": " برای",
            "start": str(start),
            "end": str(start + len(QUOTE)),
            "note": "",
            "visibility": "private",
        },
        **HX,
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith('<aside id="annotation-margin"') and "<html" not in html
    assert QUOTE in html and "خصوصی" in html


def test_quote_not_in_the_text_is_a_persian_400(client, world):
    login(client, world.owner)
    response = annotate(client, world.article, exact="جمله‌ای که در متن نیست")
    assert response.status_code == 400
    assert "این عبارت در متن کنونی این بخش نیست" in response.content.decode()
    # What the reader typed is kept.
    assert "جمله‌ای که در متن نیست" in response.content.decode()
    assert not Annotation.objects.exists()
    response = annotate(client, world.article, visibility="public", **HX)
    assert response.status_code == 400 and "دیدپذیری نامعتبر است" in response.content.decode()


def test_hand_typed_quote_with_other_spacing_is_found(client, world):
    login(client, world.owner)
    assert annotate(client, world.article, exact="  دولت   باید\nراه‌های  ").status_code == 302
    assert Annotation.objects.get().exact == "دولت باید راه‌های"


def test_editing_and_deleting_your_own(client, world):
    login(client, world.owner)
    annotate(client, world.article)
    annotation = Annotation.objects.get()
    response = client.post(
        reverse("annotations:edit", args=[annotation.pk]), {"note": "نکتهٔ ویرایش‌شده", "visibility": "private"}
    )
    assert response.status_code == 302
    annotation.refresh_from_db()
    assert (annotation.note, annotation.visibility) == ("نکتهٔ ویرایش‌شده", "private")
    login(client, world.teammate)
    assert "نکتهٔ ویرایش‌شده" not in client.get(world.article.get_absolute_url()).content.decode()
    login(client, world.owner)
    response = client.post(reverse("annotations:delete", args=[annotation.pk]), **HX)
    assert response.status_code == 200 and response.content == b""
    assert not Annotation.objects.exists()


def test_team_manager_removes_a_teammates_team_annotation_but_not_a_private_one(client, world):
    login(client, world.owner)
    annotate(client, world.article, visibility="team")
    annotate(client, world.article, visibility="private", note="خصوصی من")
    team, private = Annotation.objects.order_by("id")
    login(client, world.manager)
    html = client.get(world.article.get_absolute_url()).content.decode()
    assert f"/annotations/{team.pk}/delete/" in html and "خصوصی من" not in html
    assert (
        client.post(reverse("annotations:edit", args=[team.pk]), {"note": "x", "visibility": "team"}).status_code == 403
    )
    assert client.post(reverse("annotations:delete", args=[private.pk])).status_code == 404
    assert client.post(reverse("annotations:delete", args=[team.pk])).status_code == 302
    assert list(Annotation.objects.all()) == [private]
    # A manager of another team cannot.
    login(client, world.owner)
    annotate(client, world.article, visibility="team")
    login(client, world.outsider)  # manager of the other organisation
    assert client.post(reverse("annotations:delete", args=[Annotation.objects.latest("id").pk])).status_code == 404


# --- Re-attachment --------------------------------------------------------------------------------


def test_annotation_reattaches_after_an_editor_fixes_the_text(client, world):
    login(client, world.owner)
    annotate(client, world.article)
    annotation = Annotation.objects.get()
    article = world.article
    article.summary = "پیش‌درآمد سردبیر.\n\n" + article.summary.replace("کاهش داد", "کاهش دادند")
    article.save()
    assert article.revision == annotation.revision + 1
    login(client, world.teammate)
    item = margin_item(client.get(article.get_absolute_url()).content.decode(), annotation.pk)
    from rasad.annotations.anchoring import field_text

    text = field_text(article, "summary")
    assert f'data-start="{text.index(QUOTE)}"' in item
    assert "متن تغییر کرده است" not in item


def test_annotation_on_a_deleted_passage_is_orphaned_not_moved(client, world):
    login(client, world.owner)
    annotate(client, world.article)
    annotation = Annotation.objects.get()
    article = world.article
    # The sentence is gone; a look-alike appears elsewhere with other surroundings.
    article.summary = (
        "گزارشی یکسره بازنویسی‌شده دربارهٔ بازار گاز اروپا و زمستان سخت پیش رو.\n\n"
        "به گفتهٔ نویسنده، شرکت‌ها باید راه‌های تازه‌تری بجویند تا زنجیرهٔ تأمین پایدار بماند."
    )
    article.save()
    item = margin_item(client.get(article.get_absolute_url()).content.decode(), annotation.pk)
    assert "متن تغییر کرده است" in item
    assert "data-start" not in item
    # The quote is still shown in the margin, marked as detached.
    assert QUOTE in item


# --- The gate -------------------------------------------------------------------------------------


@pytest.fixture
def newsroom(world):
    """A team without a subscription; its editor (staff) reads full text, its reporter does not."""
    org = Organisation.objects.create(name="تحریریه", slug="newsroom")
    editor = make_user("editor", is_staff=True)
    reporter = make_user("reporter")
    Membership.objects.create(organisation=org, user=editor, role=Membership.Role.MANAGER)
    Membership.objects.create(organisation=org, user=reporter)
    return editor, reporter


def test_body_quote_never_reaches_a_teammate_without_full_text(client, world, newsroom):
    editor, reporter = newsroom
    article = world.article
    login(client, editor)
    response = annotate(client, article, field="body", exact=SECRET, note="ببینید چه رقمی")
    assert response.status_code == 302, response.content.decode()
    annotation = Annotation.objects.get()
    collection_id = client.post(
        "/library/collections/", {"name": "تحریریه", "organisation": Organisation.objects.get(slug="newsroom").pk}
    )
    from rasad.library.models import Collection, CollectionItem

    collection = Collection.objects.get(name="تحریریه")
    CollectionItem.objects.create(collection=collection, article=article, added_by=editor)
    assert collection_id.status_code == 302

    login(client, reporter)
    pages = {
        "article": client.get(article.get_absolute_url()),
        "margin partial": client.get(reverse("annotations:article", args=[article.pk]), **HX),
        "list": client.get(reverse("annotations:article", args=[article.pk])),
        "detail": client.get(reverse("annotations:detail", args=[annotation.pk])),
        "detail partial": client.get(reverse("annotations:detail", args=[annotation.pk]), **HX),
        "team week": client.get(reverse("annotations:team")),
        "export md": client.get(reverse("annotations:export_article", args=[article.pk, "md"]) + "?scope=team"),
        "export csv": client.get(reverse("annotations:export_article", args=[article.pk, "csv"]) + "?scope=team"),
        "collection md": client.get(
            reverse("annotations:export_collection", args=[collection.pk, "md"]) + "?scope=team"
        ),
        "collection csv": client.get(
            reverse("annotations:export_collection", args=[collection.pk, "csv"]) + "?scope=team"
        ),
    }
    for name, response in pages.items():
        body = response.content.decode()
        assert response.status_code == 200, name
        assert "تخفیف" not in body and "بیست درصد" not in body, name
        assert "ببینید چه رقمی" in body, name  # the note itself is the teammate's own words
    assert "عبارت پنهان است" in pages["article"].content.decode()

    # And the reporter cannot annotate the body at all, even knowing the words.
    assert annotate(client, article, field="body", exact=SECRET).status_code == 404
    assert Annotation.objects.count() == 1


def test_open_access_body_quotes_are_visible_to_everyone_in_the_team(client, world, newsroom):
    editor, reporter = newsroom
    world.article.open_access = True
    world.article.save()
    login(client, reporter)
    assert annotate(client, world.article, field="body", exact=SECRET).status_code == 302
    login(client, editor)
    assert SECRET in client.get(world.article.get_absolute_url()).content.decode()


# --- Team week ------------------------------------------------------------------------------------


def test_team_week_lists_teammates_annotations_with_filters_and_previous_weeks(client, world):
    login(client, world.owner)
    annotate(client, world.article)
    other_tank = make_think_tank("بروکینگز")
    other = make_article(
        "گزارش بروکینگز", summary="اقتصاد جهانی کند شد.", think_tank=other_tank, topics=[make_topic("اقتصاد")]
    )
    annotate(client, other, exact="اقتصاد جهانی")
    annotate(client, world.article, exact="صادرات نفت", visibility="private", note="فقط برای من")
    old = Annotation.objects.create(
        article=world.article, author=world.teammate, field="summary", exact="نفت", start=0, end=3,
        revision=world.article.revision, note="یادداشت کهنه", visibility="team", organisation=world.org,
    )  # fmt: skip
    Annotation.objects.filter(pk=old.pk).update(created_at=timezone.now() - dt.timedelta(days=8))

    login(client, world.teammate)
    page = client.get(reverse("annotations:team")).content.decode()
    assert "نکتهٔ مهم" in page and "گزارش بروکینگز" in page
    assert "فقط برای من" not in page and "یادداشت کهنه" not in page
    today = timezone.localdate()
    saturday = today - dt.timedelta(days=(today.weekday() - 5) % 7)
    assert jalali_numeric(saturday) in page

    filtered = client.get(reverse("annotations:team"), {"think_tank": other_tank.slug}).content.decode()
    assert "گزارش بروکینگز" in filtered and "نفت و تحریم</a>" not in filtered
    by_topic = client.get(reverse("annotations:team"), {"topic": world.topic.slug}).content.decode()
    assert "نفت و تحریم" in by_topic and "گزارش بروکینگز</a>" not in by_topic

    last_week = client.get(reverse("annotations:team"), {"week": jalali_numeric(saturday - dt.timedelta(days=7))})
    assert "یادداشت کهنه" in last_week.content.decode() and "نکتهٔ مهم" not in last_week.content.decode()

    login(client, world.outsider)
    assert "نکتهٔ مهم" not in client.get(reverse("annotations:team")).content.decode()


def test_previous_week_link_stops_at_the_teams_first_annotation(client, world):
    login(client, world.owner)
    # No annotations yet: no endless chain of empty weeks to page back through.
    assert 'rel="prev"' not in client.get(reverse("annotations:team")).content.decode()
    annotate(client, world.article)
    Annotation.objects.update(created_at=timezone.now() - dt.timedelta(days=8))
    page = client.get(reverse("annotations:team")).content.decode()
    assert 'rel="prev"' in page
    previous = re.search(r'href="\?week=([^"&]+)[^"]*" rel="prev"', page).group(1)
    older = client.get(reverse("annotations:team"), {"week": unquote(previous)}).content.decode()
    assert "نکتهٔ مهم" in older and 'rel="prev"' not in older


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"week": "1403/13/40"}, "تاریخ شمسی معتبری نیست"),
        ({"week": "دیروز"}, "تاریخ شمسی معتبری نیست"),
        ({"topic": "نیست"}, "موضوع «نیست» را نمی‌شناسیم"),
        ({"think_tank": "nowhere"}, "اندیشکدهٔ «nowhere» را نمی‌شناسیم"),
    ],
)
def test_team_week_bad_parameters_are_persian_400s(client, world, params, message):
    login(client, world.owner)
    response = client.get(reverse("annotations:team"), params)
    assert response.status_code == 400
    assert message in response.content.decode()


def test_team_week_and_article_page_queries_are_constant(client, world, django_assert_max_num_queries):
    login(client, world.owner)

    def add(n):
        for i in range(n):
            article = make_article(
                summary=f"متن شمارهٔ {i} دربارهٔ نفت و گاز.", think_tank=world.think_tank, topics=[world.topic]
            )
            annotate(client, article, exact="نفت و گاز")
            annotate(client, world.article, exact="صادرات نفت")

    add(2)
    login(client, world.teammate)
    client.get(reverse("annotations:team"))
    with django_assert_max_num_queries(20) as small_week:
        client.get(reverse("annotations:team"))
    with django_assert_max_num_queries(20) as small_page:
        client.get(world.article.get_absolute_url())
    login(client, world.owner)
    add(6)
    login(client, world.teammate)
    with django_assert_max_num_queries(20) as large_week:
        assert client.get(reverse("annotations:team")).content.decode().count('class="annotation"') >= 16
    with django_assert_max_num_queries(20) as large_page:
        client.get(world.article.get_absolute_url())
    assert len(large_week.captured_queries) == len(small_week.captured_queries)
    assert len(large_page.captured_queries) == len(small_page.captured_queries)


# --- Exports --------------------------------------------------------------------------------------


def test_exports_mine_and_my_team_in_markdown_and_csv(client, world):
    login(client, world.owner)
    annotate(client, world.article, note='=HYPERLINK("http://evil","x")')
    login(client, world.teammate)
    annotate(client, world.article, exact="صادرات نفت", note="یادداشت سارا")
    annotate(client, world.article, exact="کارشناسان", note="خصوصی سارا", visibility="private")

    mine = client.get(reverse("annotations:export_article", args=[world.article.pk, "md"]) + "?scope=mine")
    assert mine.status_code == 200 and mine["Content-Type"].startswith("text/markdown")
    assert "attachment" in mine["Content-Disposition"]
    text = mine.content.decode()
    assert "یادداشت سارا" in text and "خصوصی سارا" in text and "HYPERLINK" not in text

    team = client.get(reverse("annotations:export_article", args=[world.article.pk, "csv"]) + "?scope=team")
    rows = list(csv.reader(io.StringIO(team.content.decode().lstrip("\ufeff"))))
    notes = [row[4] for row in rows[1:]]
    assert "یادداشت سارا" in notes and "خصوصی سارا" not in notes
    assert '\'=HYPERLINK("http://evil","x")' in notes  # formula neutralised
    assert rows[0][3] == "عبارت" and QUOTE in [row[3] for row in rows[1:]]

    bad = client.get(reverse("annotations:export_article", args=[world.article.pk, "csv"]) + "?scope=everyone")
    assert bad.status_code == 400 and "دامنهٔ خروجی" in bad.content.decode()


# --- Permission matrix ----------------------------------------------------------------------------


@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("who", USERS)
def test_annotation_permission_matrix(client, world, who, kind, action):
    login(client, world.owner)
    annotate(client, world.article, visibility=kind, note=f"یادداشت {kind}")
    annotation = Annotation.objects.get()
    login(client, None if who == "anonymous" else getattr(world, who))
    outcome = expected(who, kind, action)
    pk, article_pk = annotation.pk, world.article.pk
    marker = f"یادداشت {kind}"

    if action in {"list", "export"}:
        # Lists and exports are of the article: they answer, and include the note only when allowed.
        url = {
            "list": f"/annotations/articles/{article_pk}/",
            "export": f"/annotations/articles/{article_pk}/export.csv?scope=team",
        }[action]
        response = client.get(url)
        if outcome == "login":
            assert response.status_code == 302 and response.url.startswith("/accounts/login/")
            return
        assert response.status_code == 200
        shows = marker in response.content.decode()
        if action == "export" and who == "owner" and kind == "private":
            # «my team's» export is of team annotations only; «mine» has the private one.
            assert not shows
            mine = client.get(reverse("annotations:export_article", args=[article_pk, "csv"]) + "?scope=mine")
            assert marker in mine.content.decode()
            return
        assert shows == (outcome == "ok")
        # The article page margin agrees with the list.
        assert (marker in client.get(world.article.get_absolute_url()).content.decode()) == (outcome == "ok")
        return

    requests = {
        "detail": lambda: client.get(reverse("annotations:detail", args=[pk])),
        "partial": lambda: client.get(reverse("annotations:detail", args=[pk]), **HX),
        "edit": lambda: client.post(reverse("annotations:edit", args=[pk]), {"note": "تغییر", "visibility": kind}),
        "delete": lambda: client.post(reverse("annotations:delete", args=[pk])),
    }
    response = requests[action]()
    body = response.content.decode()
    if outcome == "login":
        assert response.status_code in (200, 302) and marker not in body
        assert response.get("Location", response.get("HX-Redirect", "")).startswith("/accounts/login/")
    elif outcome == "hidden":
        assert response.status_code == 404 and marker not in body and QUOTE not in body
    elif outcome == "forbidden":
        assert response.status_code == 403 and marker not in body
    else:
        assert response.status_code in (200, 302)
        if action in {"detail", "partial"}:
            assert marker in body and QUOTE in body
        if action == "partial":
            assert body.lstrip().startswith("<li") and "<html" not in body
    remaining = Annotation.objects.filter(pk=pk).first()
    if action == "delete":
        assert (remaining is None) == (outcome == "ok")
    if action == "edit":
        assert (remaining.note == "تغییر") == (outcome == "ok")
