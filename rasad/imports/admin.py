"""Import and export on the editors' article list («بارگذاری», «خروجی») and think tanks' feeds as OPML.

The article admin of ``rasad.articles`` is registered again here with django-import-export's
mixins (``articles`` knows nothing of imports):

- import (CSV, XLSX, JSON) with the library's preview — new / updated / unchanged / errors per
  row — and a confirm step; rows go through the importer's own validation and writer;
- export of the filtered list or of the selected rows (an admin action) to CSV/XLSX, in the
  import's file schema, formula-safe.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib import admin, messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import URLPattern, path
from django.utils.translation import gettext as _
from import_export.admin import ExportActionMixin, ImportMixin
from import_export.formats.base_formats import CSV, JSON, XLSX
from import_export.forms import ImportForm
from import_export.results import RowResult

from rasad.articles.admin import ArticleAdmin, ThinkTankAdmin
from rasad.articles.models import Article, ThinkTank
from rasad.core.views import bad_request
from rasad.imports.limits import LimitExceeded, check_file_size, check_xlsx_zip
from rasad.imports.opml import MAX_OPML_BYTES, OpmlError, opml_export, think_tanks_import_opml
from rasad.imports.readers import ARABIC_TO_PERSIAN, SNIFF_BYTES, SourceError, detect_encoding
from rasad.imports.report import ImportReport
from rasad.imports.resources import ArticleResource
from rasad.imports.services import audit_import


class LimitedImportForm(ImportForm):
    """The upload within the importer's limits (size; an XLSX's declared sizes) before it is parsed."""

    def clean_import_file(self) -> Any:
        upload = self.cleaned_data["import_file"]
        try:
            check_file_size(upload.size)
            if upload.name.lower().endswith(".xlsx"):
                check_xlsx_zip(upload)
        except LimitExceeded as exc:
            raise ValidationError(f"{upload.name}: {exc}") from exc
        return upload


class ArticleImportExportAdmin(ImportMixin, ExportActionMixin, ArticleAdmin):
    resource_classes = [ArticleResource]
    import_form_class = LimitedImportForm
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

    def export_action(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        # The export filters the change list by the query string; a parameter that is not a
        # filter is the editor's typo, not a server error.
        try:
            return super().export_action(request, *args, **kwargs)
        except IncorrectLookupParameters:
            return bad_request(request, _("پارامترهای فیلتر این نشانی شناخته نیست."))

    def process_dataset(self, dataset: Any, form: Any, request: HttpRequest, **kwargs: Any) -> Any:
        """The confirmed import (not the preview) goes on the audit log: file, counts, who."""
        result = super().process_dataset(dataset, form, request, **kwargs)
        totals = result.totals
        refused = result.has_errors() or result.has_validation_errors()
        report = ImportReport(
            created=totals.get(RowResult.IMPORT_TYPE_NEW, 0),
            updated=totals.get(RowResult.IMPORT_TYPE_UPDATE, 0),
            unchanged=totals.get(RowResult.IMPORT_TYPE_SKIP, 0),
            bad_rows=totals.get(RowResult.IMPORT_TYPE_ERROR, 0) + totals.get(RowResult.IMPORT_TYPE_INVALID, 0),
            landed=not refused,
        )
        file_name = kwargs.get("file_name") or form.cleaned_data.get("original_file_name") or ""
        audit_import(report, [file_name] if file_name else [], actor=request.user)
        return result

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


class ThinkTankOpmlAdmin(ThinkTankAdmin):
    """«OPML»: export every think tank's feed, or import an OPML file after a preview."""

    change_list_template = "imports/thinktank_changelist.html"
    actions = ["export_opml"]

    def get_urls(self) -> list[URLPattern]:
        own = [
            path(
                "opml/import/", self.admin_site.admin_view(self.opml_import_view), name="articles_thinktank_opml_import"
            ),
            path(
                "opml/export/", self.admin_site.admin_view(self.opml_export_view), name="articles_thinktank_opml_export"
            ),
        ]
        return own + super().get_urls()

    def _opml_response(self, think_tanks: Iterable[ThinkTank]) -> HttpResponse:
        response = HttpResponse(opml_export(think_tanks), content_type="text/x-opml; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="rasad-think-tanks.opml"'
        return response

    @admin.action(description=_("خروجی OPML خوراک اندیشکده‌های انتخاب‌شده"))
    def export_opml(self, request: HttpRequest, queryset: QuerySet[ThinkTank]) -> HttpResponse:
        return self._opml_response(queryset.order_by("name"))

    def opml_export_view(self, request: HttpRequest) -> HttpResponse:
        if not self.has_view_permission(request):
            raise PermissionDenied
        return self._opml_response(ThinkTank.objects.order_by("name"))

    def opml_import_view(self, request: HttpRequest) -> HttpResponse:
        if not (self.has_add_permission(request) and self.has_change_permission(request)):
            raise PermissionDenied
        context = {**self.admin_site.each_context(request), "title": _("بارگذاری OPML"), "opts": self.model._meta}
        if request.method != "POST":
            return TemplateResponse(request, "imports/opml_import.html", context)
        confirm = bool(request.POST.get("confirm"))
        if confirm:
            data = request.POST.get("opml", "").encode("utf-8")
        else:
            upload = request.FILES.get("file")
            data = upload.read(MAX_OPML_BYTES + 1) if upload else b""
        try:
            rows = think_tanks_import_opml(data=data, dry_run=not confirm)
        except OpmlError as exc:
            return TemplateResponse(request, "imports/opml_import.html", {**context, "error": str(exc)}, status=400)
        labels = {"new": _("جدید"), "updated": _("بروزرسانی"), "unchanged": _("بی‌تغییر"), "error": _("خطا")}
        for row in rows:
            row.status_label = labels[row.status]
        has_errors = any(row.error for row in rows)
        if confirm and not has_errors:
            self.message_user(request, _("خوراک اندیشکده‌ها از OPML ذخیره شد."), messages.SUCCESS)
            return redirect("admin:articles_thinktank_changelist")
        context.update(rows=rows, can_confirm=not has_errors, opml=data.decode("utf-8", "replace"))
        return TemplateResponse(request, "imports/opml_import.html", context, status=400 if has_errors else 200)


admin.site.unregister(ThinkTank)
admin.site.register(ThinkTank, ThinkTankOpmlAdmin)
