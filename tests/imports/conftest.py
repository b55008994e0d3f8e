from __future__ import annotations

import pytest

from tests.imports.factories import write_jsonl


@pytest.fixture
def make_jsonl(tmp_path):
    def make(records, name="articles.jsonl", raw_lines=None):
        return write_jsonl(tmp_path / name, records, raw_lines)

    return make
