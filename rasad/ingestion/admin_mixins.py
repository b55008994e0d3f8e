"""Import/export and similar-article suggestions for the article admin.

``ArticleAdminIngestionMixin`` is mixed into ``rasad.articles.admin.ArticleAdmin``; the ingestion app
fills it in (file import with preview, CSV/XLSX export, one-click acceptance of suggestions).
"""

from __future__ import annotations


class ArticleAdminIngestionMixin:
    pass
