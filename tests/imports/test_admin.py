"""The article admin: import with preview and confirm, formula-safe export, suggestions accepted in one click."""

from __future__ import annotations

import csv
import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from rasad.articles.models import Article, SimilarLink, SimilarSuggestion, ThinkTank
from tests.factories import make_article, make_think_tank, make_topic, make_user

pytestmark = pytest.mark.django_db

IMPORT_URL = "/admin/articles/article/import/"
CSV_TEXT = (
    "title,source_url,summary,think_tank,topics,published\n"
    "گزارش تازه,https://example.org/new,خلاصهٔ تازه,مؤسسهٔ بروکینگز,ایران,1403/03/04\n"
    "عنوان بازنویسی‌شده,https://example.org/old,خلاصهٔ قدیمی,,,1403/03/04\n"
    "بی‌تغییر,https://example.org/same,همان خلاصه,,,2024-05-24\n"
)


@pytest.fixture
def editor(client):
    user = make_user("editor", is_staff=True, is_superuser=True)
    client.force_login(user)
    return user


def upload(client, text: str, name: str = "articles.csv", fmt: str = "0"):
    return client.post(
        IMPORT_URL,
        {"format": fmt, "resource": "0", "import_file": SimpleUploadedFile(name, text.encode("utf-8-sig"))},
    )


def test_import_preview_shows_each_row_then_confirm_lands(client, editor):
    ThinkTank.objects.create(name="موسسه بروکینگز")
    make_article("عنوان قدیمی", source_url="https://example.org/old", summary="خلاصهٔ قدیمی")
    same = make_article("بی‌تغییر", source_url="https://example.org/same", summary="همان خلاصه")

    response = upload(client, CSV_TEXT)
    assert response.status_code == 200
    html = response.content.decode()
    assert "گزارش تازه" in html
    assert "۱ تازه، ۱ به‌روز، ۱ بی‌تغییر" in html
    result = response.context["result"]
    assert [row.import_type for row in result.rows] == ["new", "update", "skip"]
    assert not result.has_validation_errors()
    assert Article.objects.filter(source_url="https://example.org/new").count() == 0  # only a preview
    confirm = response.context["confirm_form"]
    assert confirm is not None

    response = client.post(
        reverse("admin:articles_article_process_import"), {**confirm.initial, "resource": "0"}, follow=True
    )
    assert response.status_code == 200
    new = Article.objects.get(source_url="https://example.org/new")
    assert new.think_tank.name == "موسسه بروکینگز"  # matched by normalised name
    assert ThinkTank.objects.count() == 1
    assert Article.objects.get(source_url="https://example.org/old").title == "عنوان بازنویسی‌شده"
    same.refresh_from_db()
    assert same.title == "بی‌تغییر"


def test_import_preview_with_a_bad_row_shows_the_error_and_no_confirm(client, editor):
    text = "title,source_url\nخوب,https://example.org/a\n,https://example.org/b\nبد,not-a-url\n"
    response = upload(client, text)
    assert response.status_code == 200
    html = response.content.decode()
    assert "۲ سطر خطا دارد" in html
    assert "سطر ۳" in html and "title" in html
    assert "سطر ۴" in html and "source_url" in html
    assert response.context["result"].has_validation_errors()
    assert not response.context.get("confirm_form")
    assert Article.objects.count() == 0


def test_import_without_source_url_column_is_a_clear_error(client, editor):
    response = upload(client, "title\nتنها عنوان\n")
    assert response.status_code == 200
    assert "source_url" in response.content.decode()
    assert Article.objects.count() == 0


def test_export_escapes_spreadsheet_formulae(client, editor):
    article = make_article('=HYPERLINK("http://evil")', summary="+1+1", observer_name="@cmd")
    make_article("عادی", summary="-منفی")
    response = client.post(
        "/admin/articles/article/export/",
        {
            "format": "0",
            "resource": "0",
            "export_items": [str(article.pk)],
            **{f"articleresource_{name}": "on" for name in ("title", "summary", "observer", "source_url")},
        },
    )
    assert response.status_code == 200, response.content[:500]
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == 1
    assert rows[0]["title"] == '\'=HYPERLINK("http://evil")'
    assert rows[0]["summary"] == "'+1+1"
    assert rows[0]["observer"] == "'@cmd"
    assert rows[0]["source_url"].startswith("https://")


def test_export_xlsx_escapes_and_round_trips(client, editor, tmp_path):
    make_article("=1+2", summary="خلاصه")
    response = client.post(
        "/admin/articles/article/export/",
        {"format": "1", "resource": "0", **{f"articleresource_{n}": "on" for n in ("title", "source_url")}},
    )
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [cell.value for cell in next(sheet.iter_rows(min_row=2, max_row=2))]
    assert "'=1+2" in values

    # Imported again, the escaping is read back: the title is unchanged.
    path = tmp_path / "export.xlsx"
    path.write_bytes(response.content)
    from django.core.management import call_command

    call_command("import_articles", str(path), stdout=io.StringIO(), stderr=io.StringIO())
    assert Article.objects.get().title == "=1+2"


def test_export_selection_action_offers_the_form(client, editor):
    article = make_article()
    response = client.post(
        "/admin/articles/article/",
        {"action": "export_admin_action", "_selected_action": [str(article.pk)]},
    )
    assert response.status_code == 200
    assert "export_items" in response.content.decode()


def test_suggestions_are_shown_and_accepted_in_one_click(client, editor):
    think_tank = make_think_tank()
    iran = make_topic("ایران")
    article = make_article("تحریم‌های نفتی ایران", think_tank=think_tank, topics=[iran])
    other = make_article("صادرات نفت ایران زیر تحریم", think_tank=think_tank, topics=[iran])
    unrelated = make_article("انتخابات هند")

    # Saving in the admin computes suggestions once topics are saved.
    change_url = reverse("admin:articles_article_change", args=[article.pk])
    page = client.get(change_url)
    form = page.context["adminform"].form
    data = {
        name: value
        for name, value in form.initial.items()
        if value is not None and name not in {"authors", "topics", "think_tank", "published_on", "pdf"}
    }
    data.update(
        {
            "topics": [iran.pk],
            "think_tank": think_tank.pk,
            "published_on": "۱۴۰۳/۰۳/۰۴",
            "status": "published",
        }
    )
    data.pop("open_access", None)
    # The editors' desk has inlines (similar links): their management forms go along unchanged.
    for inline in page.context["inline_admin_formsets"]:
        management = inline.formset.management_form
        data.update({management.add_prefix(name): value for name, value in management.initial.items()})
        # No new rows: the blank extra forms are not submitted.
        data[management.add_prefix("TOTAL_FORMS")] = management.initial["INITIAL_FORMS"]
    response = client.post(change_url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    suggestion = SimilarSuggestion.objects.get(article=article, suggested=other)
    assert "topic" in suggestion.reasons and "think_tank" in suggestion.reasons
    assert not SimilarSuggestion.objects.filter(article=article, suggested=unrelated).exists()

    html = client.get(change_url).content.decode()
    assert "صادرات نفت ایران زیر تحریم" in html
    assert "موضوع مشترک" in html and "همان اندیشکده" in html
    accept_url = reverse("admin:articles_article_accept_suggestion", args=[article.pk, suggestion.pk])
    assert accept_url in html
    assert re.search(r'formmethod="post"', html)

    assert client.get(accept_url).status_code == 405  # a click is a POST, never a GET
    response = client.post(accept_url)
    assert response.status_code == 302
    assert SimilarLink.objects.filter(from_article=article, to_article=other).exists()
    assert not SimilarSuggestion.objects.filter(pk=suggestion.pk).exists()


def test_accept_needs_csrf_and_staff(client):
    article, other = make_article(), make_article()
    suggestion = SimilarSuggestion.objects.create(article=article, suggested=other, score=2, reasons=["topic"])
    url = reverse("admin:articles_article_accept_suggestion", args=[article.pk, suggestion.pk])
    assert client.post(url).status_code == 302  # to the login page
    assert not SimilarLink.objects.exists()

    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(make_user(is_staff=True, is_superuser=True))
    assert strict.post(url).status_code == 403
    assert not SimilarLink.objects.exists()


def test_import_needs_add_and_change_permissions(client):
    from django.contrib.auth.models import Permission

    user = make_user(is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_article"))
    client.force_login(user)
    assert client.get(IMPORT_URL).status_code == 403
    response = upload(client, CSV_TEXT)
    assert response.status_code == 403
    assert Article.objects.count() == 0


def test_windows_1256_upload_is_decoded(client, editor):
    text = "title,source_url,topics\nگزارش قدیمی,https://example.org/old,ایران\n"
    response = upload_bytes(client, text.replace("ی", "ي").encode("cp1256"))
    assert response.status_code == 200
    assert "گزارش قدیمی" in response.content.decode()
    confirm = response.context["confirm_form"]
    client.post(reverse("admin:articles_article_process_import"), {**confirm.initial, "resource": "0"})
    assert Article.objects.get().title == "گزارش قدیمی"


def test_undecodable_upload_is_refused_with_a_message_not_a_500(client, editor):
    response = upload_bytes(client, "title,source_url\nCafé,https://example.org/a\n".encode("latin-1"))
    assert response.status_code == 200
    assert "UTF-8" in str(response.context["form"].errors["import_file"])
    assert Article.objects.count() == 0


def upload_bytes(client, data: bytes, name: str = "legacy.csv"):
    return client.post(IMPORT_URL, {"format": "0", "resource": "0", "import_file": SimpleUploadedFile(name, data)})


def test_json_upload_previews_and_lands(client, editor):
    import json

    from tests.imports.factories import record

    data = json.dumps([record(1), record(2)], ensure_ascii=False).encode("utf-8")
    response = client.post(
        IMPORT_URL,
        {"format": "2", "resource": "0", "import_file": SimpleUploadedFile("articles.json", data)},
    )
    assert response.status_code == 200
    assert "۲ تازه" in response.content.decode()
    confirm = response.context["confirm_form"]
    client.post(reverse("admin:articles_article_process_import"), {**confirm.initial, "resource": "0"})
    article = Article.objects.get(source_url="https://example.org/reports/1")
    assert sorted(t.name for t in article.topics.all()) == ["امنیت", "ایران"]
    assert article.think_tank.name == "مؤسسهٔ بروکینگز"
