"""Signals the importer sends. Its bulk writes send no ``post_save``; apps above that act on new
articles (alerts) listen to ``articles_imported`` instead, sent once the import has committed."""

from __future__ import annotations

from django.dispatch import Signal

# Sent after an import landed (sender: the import service; no arguments).
articles_imported = Signal()
