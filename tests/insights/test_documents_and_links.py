"""The original PDF behind the gate, in the gated search index; source links checked for health."""

from __future__ import annotations

import datetime as dt
import http.server
import io
import json
import threading

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from rasad.access.models import Subscription
from rasad.articles.documents import attach_pdf, read_pdf
from rasad.articles.models import Article, LinkStatus
from rasad.imports.fetcher import LinkProbe
from rasad.insights import links
from tests.factories import make_article, make_user
from tests.insights.pdfs import make_encrypted_pdf, make_pdf

pytestmark = pytest.mark.django_db

PDF_WORD = "zanzibarquux"  # only in the PDF, never in the summary or body


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    settings.RASAD_PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def subscriber():
    user = make_user()
    today = dt.date.today()
    Subscription.objects.create(user=user, starts_on=today - dt.timedelta(days=5), ends_on=today + dt.timedelta(days=5))
    return user


@pytest.fixture
def with_pdf():
    article = make_article("گزارش بندرها", published_on=dt.date.today() - dt.timedelta(days=1))
    attach_pdf(article=article, data=make_pdf(f"Ports and {PDF_WORD} trade", pages=3), filename="ports.pdf")
    article.save()
    return article


def test_pdf_downloads_for_a_subscriber_and_is_404_for_others(client, with_pdf, subscriber):
    url = reverse("articles:pdf", args=[with_pdf.pk])
    assert client.get(url).status_code == 404
    client.force_login(make_user())
    assert client.get(url).status_code == 404
    client.force_login(subscriber)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    assert "no-store" in response["Cache-Control"]


def test_pdf_has_no_public_url(with_pdf, settings):
    assert not str(settings.RASAD_PRIVATE_MEDIA_ROOT).startswith(str(settings.MEDIA_ROOT))
    with pytest.raises(ValueError):
        with_pdf.pdf.url  # noqa: B018


def test_page_count_and_size_are_shown_to_everyone(client, with_pdf, subscriber):
    html = client.get(with_pdf.get_absolute_url()).content.decode()
    assert "۳ صفحه" in html
    assert reverse("articles:pdf", args=[with_pdf.pk]) not in html
    client.force_login(subscriber)
    html = client.get(with_pdf.get_absolute_url()).content.decode()
    assert reverse("articles:pdf", args=[with_pdf.pk]) in html


def test_word_only_in_the_pdf_is_found_by_the_subscriber_only(client, with_pdf, subscriber):
    client.force_login(make_user())
    assert with_pdf.get_absolute_url() not in client.get(reverse("search:results"), {"q": PDF_WORD}).content.decode()
    client.force_login(subscriber)
    assert with_pdf.get_absolute_url() in client.get(reverse("search:results"), {"q": PDF_WORD}).content.decode()


def _admin_upload(admin_client, article, data: bytes, name: str = "doc.pdf"):
    url = reverse("admin:articles_article_change", args=[article.pk])
    form = admin_client.get(url).context["adminform"].form
    payload = {k: v for k, v in form.initial.items() if v is not None and k != "pdf"}
    payload.update(
        {
            "authors": [], "topics": [], "published_on": article.published_on.isoformat(),
            "similar_links-TOTAL_FORMS": "0", "similar_links-INITIAL_FORMS": "0",
            "pdf": SimpleUploadedFile(name, data, content_type="application/pdf"),
        }
    )  # fmt: skip
    payload = {k: ("" if v is None else v) for k, v in payload.items()}
    for key in ("think_tank", "observer_user", "editors_choice_rank"):
        payload.setdefault(key, "")
    return admin_client.post(url, payload)


def test_admin_upload_stores_the_pdf_and_its_facts(admin_client):
    article = make_article("بارگذاری")
    response = _admin_upload(admin_client, article, make_pdf("uploaded words", pages=2))
    assert response.status_code == 302, response.context["adminform"].form.errors
    article.refresh_from_db()
    assert article.pdf_pages == 2 and article.pdf_size and "uploaded" in article.pdf_text


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"<html>not a pdf</html>", "این فایل PDF نیست."),
        (make_encrypted_pdf(), "رمزگذاری شده است"),
        (make_pdf("x" * 50, compress_repeat=50_000), "بمب فشرده‌سازی"),
    ],
    ids=["not-a-pdf", "encrypted", "decompression-bomb"],
)
def test_bad_pdfs_are_refused_in_persian(admin_client, settings, data, message):
    settings.RASAD_PDF_MAX_INFLATED = 1024 * 1024
    article = make_article("سند بد")
    response = _admin_upload(admin_client, article, data)
    assert response.status_code == 200
    assert message in response.content.decode()
    article.refresh_from_db()
    assert not article.pdf


def test_text_past_the_limit_is_refused(settings):
    settings.RASAD_PDF_MAX_TEXT = 1000
    with pytest.raises(ValidationError, match="بیش از اندازه بزرگ"):
        read_pdf(make_pdf("many words " * 20, pages=10))


def test_oversized_pdf_is_refused(admin_client, settings):
    settings.RASAD_PDF_MAX_BYTES = 1024 * 1024
    article = make_article("سند بزرگ")
    response = _admin_upload(admin_client, article, make_pdf("big") + b"%" * (1024 * 1024))
    assert "بزرگ‌تر از ۱ مگابایت" in response.content.decode()


# --- link health -------------------------------------------------------------------------------


class _Answers404(http.server.BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802
        self.send_response(404 if "gone" in self.path else 200)
        self.end_headers()
        self.wfile.write(b"...")

    def log_message(self, *args):
        pass


@pytest.fixture
def local_server(settings):
    settings.RASAD_FEEDS_ALLOW_PRIVATE = True
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Answers404)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_source_link_answering_404_is_shown_dead_after_the_check(client, local_server):
    dead = make_article("منبع ازدست‌رفته", source_url=f"{local_server}/gone/report")
    alive = make_article("منبع زنده", source_url=f"{local_server}/here/report")
    assert "پیوند منبع در دسترس نیست" not in client.get(dead.get_absolute_url()).content.decode()
    call_command("check_links")
    dead.refresh_from_db()
    alive.refresh_from_db()
    assert (dead.source_status, dead.source_http_status) == (LinkStatus.DEAD, 404)
    assert alive.source_status == LinkStatus.OK
    assert "پیوند منبع در دسترس نیست" in client.get(dead.get_absolute_url()).content.decode()
    assert "پیوند منبع در دسترس نیست" not in client.get(alive.get_absolute_url()).content.decode()


def test_dead_links_are_listed_on_the_dashboard(admin_client, local_server):
    make_article("منبع ازدست‌رفته", source_url=f"{local_server}/gone/x")
    call_command("check_links")
    assert "منبع ازدست‌رفته" in admin_client.get("/admin/dashboard/").content.decode()


def test_a_timeout_is_unknown_until_the_third_failure(monkeypatch):
    article = make_article()
    monkeypatch.setattr(links, "probe_url", lambda url: LinkProbe(status=None, final_url=url, error="timed out"))
    seen = []
    for _ in range(3):
        links.article_link_check(article=Article.objects.get(pk=article.pk))
        seen.append(Article.objects.get(pk=article.pk).source_status)
    assert seen == [LinkStatus.UNKNOWN, LinkStatus.UNKNOWN, LinkStatus.DEAD]
    monkeypatch.setattr(links, "probe_url", lambda url: LinkProbe(status=200, final_url=url))
    links.article_link_check(article=Article.objects.get(pk=article.pk))
    assert Article.objects.get(pk=article.pk).source_status == LinkStatus.OK


def test_private_addresses_are_not_checked(settings):
    settings.RASAD_FEEDS_ALLOW_PRIVATE = False
    article = make_article(source_url="http://127.0.0.1:8155/gone")
    assert links.article_link_check(article=article) == LinkStatus.UNKNOWN


def test_admin_change_page_with_a_stored_pdf_links_to_the_gated_view(admin_client, with_pdf):
    html = admin_client.get(reverse("admin:articles_article_change", args=[with_pdf.pk])).content.decode()
    assert reverse("articles:pdf", args=[with_pdf.pk]) in html
    assert "۳ صفحه" in html


# --- the import file's `pdf` field ---------------------------------------------------------------


def _import(tmp_path, record) -> tuple[str, str]:
    path = tmp_path / "articles.jsonl"
    path.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import_articles", str(path), stdout=out, stderr=err)
    except SystemExit:
        pass
    except CommandError as exc:
        err.write(str(exc))
    return out.getvalue(), err.getvalue()


def test_import_pdf_from_a_path_under_the_import_folder(tmp_path, settings, client, subscriber):
    settings.RASAD_IMPORT_PDF_ROOT = tmp_path / "pdfs"
    settings.RASAD_IMPORT_PDF_ROOT.mkdir()
    (settings.RASAD_IMPORT_PDF_ROOT / "harbour.pdf").write_bytes(make_pdf(f"Harbour {PDF_WORD}", pages=4))
    _import(
        tmp_path,
        {"title": "بندر", "source_url": "https://example.org/harbour", "summary": "خلاصه", "pdf": "harbour.pdf"},
    )
    article = Article.objects.get(source_url="https://example.org/harbour")
    assert article.pdf_pages == 4 and article.pdf
    client.force_login(subscriber)
    assert client.get(reverse("articles:pdf", args=[article.pk])).status_code == 200
    assert article.get_absolute_url() in client.get(reverse("search:results"), {"q": PDF_WORD}).content.decode()


def test_import_pdf_from_a_url(tmp_path, local_pdf_server):
    _import(tmp_path, {"title": "سند", "source_url": "https://example.org/doc", "pdf": f"{local_pdf_server}/doc.pdf"})
    assert Article.objects.get(source_url="https://example.org/doc").pdf_pages == 1


@pytest.mark.parametrize("where", ["../../etc/passwd", "/etc/passwd", "missing.pdf"])
def test_import_pdf_outside_the_folder_is_refused(tmp_path, settings, where):
    settings.RASAD_IMPORT_PDF_ROOT = tmp_path / "pdfs"
    settings.RASAD_IMPORT_PDF_ROOT.mkdir()
    out, err = _import(tmp_path, {"title": "بد", "source_url": "https://example.org/bad", "pdf": where})
    assert "«pdf»" in out + err
    assert not Article.objects.filter(source_url="https://example.org/bad", pdf_pages__isnull=False).exists()


def test_import_of_a_non_pdf_is_refused_in_persian(tmp_path, settings):
    settings.RASAD_IMPORT_PDF_ROOT = tmp_path
    (tmp_path / "fake.pdf").write_bytes(b"GIF89a")
    out, err = _import(tmp_path, {"title": "بد", "source_url": "https://example.org/fake", "pdf": "fake.pdf"})
    assert "این فایل PDF نیست." in out + err


class _ServesPdf(http.server.BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802
        body = make_pdf("served")
        self.send_response(200)
        self.send_header("Content-Type", "application/pdf")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def local_pdf_server(settings):
    settings.RASAD_FEEDS_ALLOW_PRIVATE = True
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _ServesPdf)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
