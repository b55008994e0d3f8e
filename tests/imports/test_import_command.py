"""``manage.py import_articles``: what an editor running it sees, and what lands in the database."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from openpyxl import Workbook

from rasad.articles.models import Article, Author, SimilarLink, ThinkTank, Topic
from tests.imports.factories import record

pytestmark = pytest.mark.django_db


def run(*args) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import_articles", *[str(a) for a in args], stdout=out, stderr=err)
        code = 0
    except SystemExit as exc:
        code = exc.code
    return code, out.getvalue(), err.getvalue()


def test_same_jsonl_twice_gives_same_count(make_jsonl):
    path = make_jsonl([record(n) for n in range(1, 6)])
    code, out, _ = run(path)
    assert code == 0
    assert "۵ تازه" in out
    assert Article.objects.count() == 5

    code, out, _ = run(path)
    assert code == 0
    assert Article.objects.count() == 5
    assert "۵ بی‌تغییر" in out
    assert ThinkTank.objects.count() == 1
    assert Author.objects.count() == 1
    assert Topic.objects.count() == 2


def test_broken_third_line_lands_nothing_and_names_line_3(make_jsonl):
    path = make_jsonl([record(n) for n in range(1, 6)], raw_lines={3: '{"title": "نیمه‌کاره", '})
    code, out, err = run(path)
    assert code == 1
    assert "سطر ۳" in err
    assert "articles.jsonl:3:" in err  # greppable file:line prefix
    assert "articles.jsonl" in err
    assert "Traceback" not in out + err
    assert Article.objects.count() == 0
    assert ThinkTank.objects.count() == 0


def test_invalid_field_on_a_line_is_named(make_jsonl):
    path = make_jsonl([record(1), record(2, published="1403/13/40"), record(3, source_url="")])
    code, _, err = run(path)
    assert code == 1
    assert "سطر ۲" in err and "تاریخ" in err
    assert "سطر ۳" in err and "source_url" in err
    assert Article.objects.count() == 0


def test_skip_bad_lands_good_rows_and_lists_the_rest(make_jsonl):
    path = make_jsonl([record(n) for n in range(1, 5)], raw_lines={2: "not json"})
    code, out, err = run(path, "--skip-bad")
    assert code == 3
    assert "سطر ۲" in err
    assert Article.objects.count() == 3
    assert "۳ تازه" in out


def test_dry_run_changes_nothing_but_reports(make_jsonl):
    path = make_jsonl([record(n) for n in range(1, 4)])
    code, out, _ = run(path, "--dry-run")
    assert code == 0
    assert "۳ تازه" in out
    assert Article.objects.count() == 0
    assert ThinkTank.objects.count() == 0

    run(path)
    changed = make_jsonl([record(1, title="عنوان تازه"), record(2), record(3)], name="b.jsonl")
    code, out, _ = run(changed, "--dry-run")
    assert "۱ به‌روز" in out and "۲ بی‌تغییر" in out
    assert Article.objects.get(source_url="https://example.org/reports/1").title != "عنوان تازه"


def test_update_changes_fields_and_bumps_revision(make_jsonl):
    run(make_jsonl([record(1)]))
    article = Article.objects.get()
    run(make_jsonl([record(1, summary="خلاصهٔ بازنویسی‌شده", topics=["اقتصاد"])], name="b.jsonl"))
    article.refresh_from_db()
    assert article.summary == "خلاصهٔ بازنویسی‌شده"
    assert article.revision == 2
    assert [t.name for t in article.topics.all()] == ["اقتصاد"]


def test_names_are_matched_by_normalised_spelling(make_jsonl):
    ThinkTank.objects.create(name="موسسه بروکينگز")  # Arabic yeh, no hamza, no ezafe
    path = make_jsonl(
        [
            record(1, think_tank="مؤسسهٔ بروکینگز", authors=["علی رضائی"], topics=["ایران"]),
            record(2, think_tank="موسسه  بروکینگز", authors=["علی رضایی"], topics=["ايران"]),
        ]
    )
    assert run(path)[0] == 0
    assert ThinkTank.objects.count() == 1
    assert Author.objects.count() == 1
    assert Topic.objects.count() == 1


def test_fields_are_read_as_documented(make_jsonl):
    run(
        make_jsonl(
            [
                record(1),
                record(
                    2,
                    published="۲۰۲۴-۰۵-۲۴",
                    similar=["https://example.org/reports/1", "https://example.org/reports/3"],
                    open_access=True,
                    status="draft",
                ),
                {"title": "فقط عنوان", "source_url": "https://example.org/reports/3"},
            ]
        )
    )
    one, two, three = (Article.objects.get(source_url=f"https://example.org/reports/{n}") for n in (1, 2, 3))
    assert one.published_on == dt.date(2024, 5, 24)  # 1403/03/04
    assert two.published_on == dt.date(2024, 5, 24)
    assert two.open_access and two.status == Article.Status.DRAFT
    assert one.status == Article.Status.PUBLISHED
    assert one.observer_name == "مریم"
    assert set(SimilarLink.objects.filter(from_article=two).values_list("to_article__source_url", flat=True)) == {
        "https://example.org/reports/1",
        "https://example.org/reports/3",  # a link to a later line waits for it
    }
    assert three.summary == "" and three.title == "فقط عنوان"


def test_script_never_survives_into_summary_or_body(make_jsonl):
    path = make_jsonl(
        [
            record(
                1,
                summary="<script>alert(1)</script>خلاصه <b>پررنگ</b>",
                body='<p dir="rtl" lang="fa" onclick="x()">متن<script>alert(2)</script></p><a href="javascript:x()">ل</a>',
            )
        ]
    )
    run(path)
    article = Article.objects.get()
    assert "<script" not in article.summary and "alert" not in article.summary
    assert article.summary == "خلاصه پررنگ"
    assert "<script" not in article.body and "alert" not in article.body
    assert "onclick" not in article.body and "javascript:" not in article.body
    assert 'dir="rtl"' in article.body and 'lang="fa"' in article.body


def test_csv_imports_with_bom_and_persian_list_separator(tmp_path):
    path = tmp_path / "articles.csv"
    path.write_text(
        "title,source_url,published,authors,topics,think_tank,open_access\n"
        'گزارش اول,https://example.org/a,1403/03/04,"علی؛ مریم",ایران;امنیت,کارنگی,بله\n'
        "گزارش دوم,https://example.org/b,2024-05-25,,,,false\n",
        encoding="utf-8-sig",
    )
    code, out, err = run(path)
    assert code == 0, err
    first = Article.objects.get(source_url="https://example.org/a")
    assert sorted(a.name for a in first.authors.all()) == ["علی", "مریم"]
    assert sorted(t.name for t in first.topics.all()) == ["امنیت", "ایران"]
    assert first.open_access is True
    assert first.think_tank.name == "کارنگی"
    assert Article.objects.count() == 2


def test_csv_bad_row_is_named_by_its_line(tmp_path):
    path = tmp_path / "articles.csv"
    path.write_text(
        "title,source_url\nخوب,https://example.org/a\n,https://example.org/b\n",
        encoding="utf-8",
    )
    code, _, err = run(path)
    assert code == 1
    assert "سطر ۳" in err and "title" in err
    assert Article.objects.count() == 0


def test_windows_1256_csv_is_decoded(tmp_path):
    path = tmp_path / "legacy.csv"
    # Windows-1256 has no Persian yeh/kaf: old Windows files carry the Arabic letters.
    text = "title,source_url,topics\nگزارش قدیمی از کشور,https://example.org/old,ایران\n"
    path.write_bytes(text.replace("ی", "ي").replace("ک", "ك").encode("cp1256"))
    code, _, err = run(path)
    assert code == 0, err
    article = Article.objects.get()
    assert article.title == "گزارش قدیمی از کشور"
    assert article.topics.get().name == "ایران"


def test_undecodable_csv_is_refused_with_a_clear_message(tmp_path):
    # A Latin-1 file: not UTF-8, and not Persian in Windows-1256 either.
    path = tmp_path / "latin1.csv"
    path.write_bytes("title,source_url\nCafé crème,https://example.org/x\n".encode("latin-1"))
    code, _, err = run(path)
    assert code == 2
    assert "UTF-8" in err
    assert "Traceback" not in err
    assert Article.objects.count() == 0


def test_missing_file_and_unknown_type_exit_2(tmp_path):
    code, _, err = run(tmp_path / "nope.jsonl")
    assert code == 2 and "پیدا نشد" in err
    other = tmp_path / "a.docx"
    other.write_text("x")
    code, _, err = run(other)
    assert code == 2 and "نوع پرونده" in err


def test_xlsx_imports(tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["title", "source_url", "published", "authors", "open_access", "status"])
    sheet.append(["گزارش اکسل", "https://example.org/x1", dt.date(2024, 5, 24), "علی؛ مریم", True, "published"])
    sheet.append(["گزارش دوم", "https://example.org/x2", "۱۴۰۳/۰۳/۰۵", None, None, "draft"])
    path = tmp_path / "articles.xlsx"
    workbook.save(path)
    code, _, err = run(path)
    assert code == 0, err
    first = Article.objects.get(source_url="https://example.org/x1")
    assert first.published_on == dt.date(2024, 5, 24) and first.open_access
    assert first.authors.count() == 2
    assert Article.objects.get(source_url="https://example.org/x2").status == Article.Status.DRAFT


def test_xlsx_bad_row_is_named(tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["title", "source_url"])
    sheet.append(["خوب", "https://example.org/x1"])
    sheet.append(["بد", "not a url"])
    path = tmp_path / "articles.xlsx"
    workbook.save(path)
    code, _, err = run(path)
    assert code == 1 and "سطر ۳" in err
    assert Article.objects.count() == 0


RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Brookings</title><link>https://www.brookings.edu</link>
<item><title>Iran and the Gulf</title><link>https://www.brookings.edu/articles/iran-gulf/</link>
<description>&lt;p&gt;A short &lt;script&gt;alert(1)&lt;/script&gt;summary.&lt;/p&gt;</description>
<pubDate>Fri, 24 May 2024 10:00:00 GMT</pubDate><author>suzanne@example.org (Suzanne Maloney)</author></item>
<item><title>Second</title><link>https://www.brookings.edu/articles/second/</link><description>Two</description></item>
</channel></rss>"""


def test_rss_file_imports_items_as_drafts(tmp_path):
    path = tmp_path / "feed.rss"
    path.write_text(RSS, encoding="utf-8")
    code, out, err = run(path)
    assert code == 0, err
    article = Article.objects.get(source_url="https://www.brookings.edu/articles/iran-gulf/")
    assert article.status == Article.Status.DRAFT
    assert article.published_on == dt.date(2024, 5, 24)
    assert "alert" not in article.summary and "<script" not in article.body
    assert Article.objects.count() == 2

    # An editor publishes it; re-importing the feed never reverts their work.
    article.status = Article.Status.PUBLISHED
    article.summary = "خلاصهٔ سردبیر"
    article.save()
    assert run(path)[0] == 0
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED and article.summary == "خلاصهٔ سردبیر"


def test_json_array_file_imports(tmp_path):
    path = tmp_path / "articles.json"
    path.write_text(json.dumps([record(1), record(2)], ensure_ascii=False), encoding="utf-8")
    assert run(path)[0] == 0
    assert Article.objects.count() == 2


def test_json_array_item_errors_name_the_item(tmp_path):
    path = tmp_path / "articles.json"
    path.write_text(json.dumps([record(1), "oops", record(3)], ensure_ascii=False), encoding="utf-8")
    code, _, err = run(path)
    assert code == 1 and "سطر ۲" in err


def test_jsonl_with_bom_and_blank_lines_imports(tmp_path):
    path = tmp_path / "excel.jsonl"
    lines = [json.dumps(record(n), ensure_ascii=False) for n in (1, 2)]
    path.write_text("\ufeff" + lines[0] + "\n\n" + lines[1] + "\n", encoding="utf-8")
    assert run(path)[0] == 0
    assert Article.objects.count() == 2


def test_imported_articles_are_found_by_search_in_any_spelling(make_jsonl, client):
    # Bulk writes send no save signals; the importer indexes each batch itself.
    path = make_jsonl(
        [{"title": "شرکت‌کنندگان نشست امنیتی", "source_url": "https://example.org/import-search", "summary": "خلاصه"}]
    )
    assert run(path)[0] == 0
    html = client.get(reverse("search:results"), {"q": "شركتكنندگان"}).content.decode()
    assert "نشست امنیتی" in html


def test_a_bulk_import_leaves_the_planner_statistics_of_what_it_loaded(make_jsonl):
    if connection.vendor != "postgresql":
        pytest.skip("planner statistics are PostgreSQL's")
    path = make_jsonl([record(n) for n in range(1, 1201)])
    code, _, _ = run(path)
    assert code == 0
    with connection.cursor() as cursor:
        cursor.execute("SELECT reltuples FROM pg_class WHERE relname = 'articles_article'")
        estimated = cursor.fetchone()[0]
    # Without ANALYZE the planner would still believe the table empty (reltuples -1 or 0).
    assert estimated >= 1000
