"""Import records and files for the import tests."""

from __future__ import annotations

import json
from pathlib import Path


def record(n: int, **fields) -> dict:
    base = {
        "title": f"بازدارندگی در خلیج فارس {n}",
        "summary": f"خلاصهٔ گزارش شمارهٔ {n} دربارهٔ امنیت منطقه.",
        "body": f"<p dir='rtl'>متن کامل گزارش {n}.</p>",
        "source_url": f"https://example.org/reports/{n}",
        "published": "1403/03/04",
        "authors": ["سوزان مالونی"],
        "think_tank": "مؤسسهٔ بروکینگز",
        "topics": ["ایران", "امنیت"],
        "observer": "مریم",
        "open_access": False,
    }
    base.update(fields)
    return base


def write_jsonl(path: Path, records: list, raw_lines: dict[int, str] | None = None) -> Path:
    lines = [json.dumps(item, ensure_ascii=False) for item in records]
    for number, text in (raw_lines or {}).items():
        lines[number - 1] = text
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
