"""Import files over the limits: refused whole with a Persian message naming file and row, exit
code 2, nothing landed, and memory stays low (measured in a subprocess)."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from rasad.articles.models import Article
from tests.imports.factories import record
from tests.imports.test_import_command import run

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]
PEAK_MB = 200


def xlsx_bomb(path: Path, *, megabytes: int = 1024) -> Path:
    """A real workbook whose sheet XML is padded to ``megabytes`` of zeros-like text (~1 MB zipped)."""
    workbook = Workbook()
    workbook.active.append(["title", "source_url"])
    plain = io.BytesIO()
    workbook.save(plain)
    with zipfile.ZipFile(plain) as original, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as bomb:
        for item in original.infolist():
            data = original.read(item.filename)
            if item.filename != "xl/worksheets/sheet1.xml":
                bomb.writestr(item, data)
                continue
            head, tail = data.split(b"</sheetData>")
            with bomb.open(item.filename, "w", force_zip64=True) as sheet:
                sheet.write(head)
                chunk = b"<row><c t='inlineStr'><is><t>" + b"a" * (1024 * 1024) + b"</t></is></c></row>"
                for _ in range(megabytes):
                    sheet.write(chunk)
                sheet.write(b"</sheetData>" + tail)
    return path


def peak_rss_mb(path: Path) -> float:
    """Reading ``path`` with the importer's readers in a fresh interpreter: its peak RSS in MB."""
    script = (
        "import django, os; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'rasad.settings')\n"
        "django.setup()\n"
        "from rasad.imports.readers import as_source, iter_records\n"
        "from rasad.imports.limits import LimitExceeded\n"
        f"try:\n    list(iter_records(as_source({str(path)!r})))\nexcept LimitExceeded:\n    pass\n"
        # VmHWM, not ru_maxrss: Linux carries ru_maxrss over from the forking (pytest) process.
        "print(next(l for l in open('/proc/self/status') if l.startswith('VmHWM')).split()[1])\n"
    )
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return int(done.stdout.split()[-1]) / 1024


def test_xlsx_bomb_is_refused_before_parsing(tmp_path):
    bomb = xlsx_bomb(tmp_path / "bomb.xlsx")
    assert bomb.stat().st_size < 2 * 1024 * 1024
    code, out, err = run(bomb)
    assert code == 2
    assert "bomb.xlsx" in err and "بایت" in err
    assert "Traceback" not in err
    assert not Article.objects.exists()
    peak = peak_rss_mb(bomb)
    print(f"peak RSS reading a {bomb.stat().st_size / 1e6:.1f} MB XLSX bomb: {peak:.0f} MB")
    assert peak < PEAK_MB


def test_a_20_mb_body_is_refused_naming_the_row(tmp_path, make_jsonl):
    path = make_jsonl([record(1), record(2, body="<p>" + "ب" * 20_000_000 + "</p>")])
    code, out, err = run(path)
    assert code == 2
    assert "articles.jsonl:2:" in err and "نویسه" in err
    assert not Article.objects.exists()
    peak = peak_rss_mb(path)
    print(f"peak RSS reading a 20 MB field: {peak:.0f} MB")
    assert peak < PEAK_MB


def test_a_long_summary_in_xlsx_names_its_row(tmp_path, settings):
    settings.RASAD_IMPORT_MAX_SUMMARY_CHARS = 100
    workbook = Workbook()
    workbook.active.append(["title", "source_url", "summary"])
    workbook.active.append(["خوب", "https://example.org/a", "کوتاه"])
    workbook.active.append(["بلند", "https://example.org/b", "الف" * 200])
    workbook.save(tmp_path / "long.xlsx")
    code, _, err = run(tmp_path / "long.xlsx")
    assert code == 2 and "long.xlsx:3:" in err and "summary" in err
    assert not Article.objects.exists()


def test_too_many_rows_and_too_large_a_file_are_refused(tmp_path, make_jsonl, settings):
    path = make_jsonl([record(n) for n in range(5)])
    settings.RASAD_IMPORT_MAX_ROWS = 3
    code, _, err = run(path)
    assert code == 2 and "articles.jsonl:4:" in err
    settings.RASAD_IMPORT_MAX_ROWS = 100
    settings.RASAD_IMPORT_MAX_BYTES = 100
    code, _, err = run(path)
    assert code == 2 and "بایت" in err
    assert not Article.objects.exists()


@pytest.mark.parametrize("depth", [40, 100_000])
def test_deeply_nested_json_is_refused_without_a_traceback(tmp_path, depth):
    jsonl = tmp_path / "deep.jsonl"
    jsonl.write_text(
        '{"title": "x", "source_url": "https://example.org/d", "authors": ' + "[" * depth + "]" * depth + "}\n"
    )
    array = tmp_path / "deep.json"
    array.write_text("[" * depth + "]" * depth)
    for path in (jsonl, array):
        code, _, err = run(path)
        assert code == 2, err
        assert "تودرتو" in err and path.name in err and "Traceback" not in err


def test_xlsx_with_malformed_xml_is_refused_without_a_traceback(tmp_path):
    workbook = Workbook()
    workbook.active.append(["title", "source_url"])
    workbook.active.append(["گزارش", "https://example.org/x"])
    plain = io.BytesIO()
    workbook.save(plain)
    broken = tmp_path / "broken.xlsx"
    with zipfile.ZipFile(plain) as original, zipfile.ZipFile(broken, "w") as out:
        for item in original.infolist():
            data = original.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"</sheetData>", b"<row><c></sheetData>")
            out.writestr(item, data)
    code, _, err = run(broken)
    assert code == 2 and "broken.xlsx" in err and "Traceback" not in err
    assert not Article.objects.exists()


def test_entity_expansion_in_xlsx_is_refused(tmp_path):
    workbook = Workbook()
    workbook.active.append(["title", "source_url"])
    plain = io.BytesIO()
    workbook.save(plain)
    evil = tmp_path / "entities.xlsx"
    lol = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
    with zipfile.ZipFile(plain) as original, zipfile.ZipFile(evil, "w") as out:
        for item in original.infolist():
            data = original.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = lol + (data.split(b"?>", 1)[1] if data.startswith(b"<?xml") else data)
            out.writestr(item, data)
    code, _, err = run(evil)
    assert code == 2 and "Traceback" not in err
    assert json.dumps(err)  # a message, not a crash
