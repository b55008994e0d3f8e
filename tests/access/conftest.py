from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _small_pages(settings):
    # Two cards a page, so «بیشتر» and the second page are part of every crawl.
    settings.RASAD_PAGE_SIZE = 2
