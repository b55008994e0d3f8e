"""Import and export on the editors' article list («بارگذاری», «خروجی»).

The article admin of ``rasad.articles`` is registered again here with django-import-export's
mixins (``articles`` knows nothing of imports):

- import (CSV, XLSX, JSON) with the library's preview — new / updated / unchanged / errors per
  row — and a confirm step; rows go through the importer's own validation and writer;
- export of the filtered list or of the selected rows (an admin action) to CSV/XLSX, in the
  import's file schema, formula-safe.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.core.files.base import ContentFile
from django.http import HttpRequest
from django.utils.translation import gettext as _
from import_export.admin import ExportActionMixin, ImportMixin
from import_export.formats.base_formats import CSV, JSON, XLSX

from rasad.articles.admin import ArticleAdmin
from rasad.articles.models import Article
from rasad.imports.readers import ARABIC_TO_PERSIAN, SNIFF_BYTES, SourceError, detect_encoding
from rasad.imports.resources import ArticleResource


class ArticleImportExportAdmin(ImportMixin, ExportActionMixin, ArticleAdmin):
    resource_classes = [ArticleResource]
    import_formats = [CSV, XLSX, JSON]
    export_formats = [CSV, XLSX]
    # Spreadsheets saved by Excel carry a BOM; utf-8-sig reads files with or without it.
    from_encoding = "utf-8-sig"
    import_template_name = "imports/admin_import.html"

    def write_to_tmp_storage(self, import_file: Any, input_format: Any) -> Any:
        """Windows-1256 CSV (old Excel) is decoded here, so the preview reads it like UTF-8."""
        if not input_format.is_binary():
            data = b"".join(import_file.chunks())
            try:
                encoding = detect_encoding(data[:SNIFF_BYTES])
            except SourceError:
                encoding = "utf-8-sig"  # refused later, with the message below
            if encoding == "cp1256":
                try:
                    text = data.decode("cp1256").translate(ARABIC_TO_PERSIAN)
                except UnicodeDecodeError:
                    pass
                else:
                    import_file = ContentFile(text.encode("utf-8"), name=import_file.name)
            else:
                import_file = ContentFile(data, name=import_file.name)
        return super().write_to_tmp_storage(import_file, input_format)

    def add_data_read_fail_error_to_form(self, form: Any, e: Exception) -> None:
        if isinstance(e, UnicodeDecodeError):
            form.add_error("import_file", _("کدگذاری پرونده شناخته نشد؛ آن را با کدگذاری UTF-8 ذخیره کنید."))
        else:
            super().add_data_read_fail_error_to_form(form, e)

    # django-import-export lets any staff user import unless told otherwise: importing adds and
    # changes articles, so it needs both permissions; exporting needs the view permission.
    def has_import_permission(self, request: HttpRequest) -> bool:
        return self.has_add_permission(request) and self.has_change_permission(request)

    def has_export_permission(self, request: HttpRequest) -> bool:
        return self.has_view_permission(request)


admin.site.unregister(Article)
admin.site.register(Article, ArticleImportExportAdmin)
