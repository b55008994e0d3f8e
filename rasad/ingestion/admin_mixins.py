"""Import/export and similar-article suggestions for the article admin.

``ArticleAdminIngestionMixin`` is mixed into ``rasad.articles.admin.ArticleAdmin``:

- import (CSV, XLSX, JSON) with django-import-export's preview — new / updated / unchanged / errors
  per row — and a confirm step; rows go through ``rasad.ingestion.services`` like the command;
- export of the filtered list or of the selected rows (an admin action) to CSV/XLSX, formula-safe;
- on the change page, the suggested similar articles with their reasons and a one-click «پذیرفتن»
  (a POST with the change form's CSRF token) that makes a suggestion a curated ``SimilarLink``;
- suggestions recomputed after every save, once the many-to-many fields are saved.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.http import Http404, HttpRequest, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from import_export.admin import ExportActionMixin, ImportMixin
from import_export.formats.base_formats import CSV, JSON, XLSX

from rasad.articles.models import SimilarSuggestion
from rasad.ingestion.parsers import ARABIC_TO_PERSIAN, SNIFF_BYTES, SourceError, detect_encoding
from rasad.ingestion.resources import ArticleResource
from rasad.ingestion.similarity import accept_suggestion, refresh_suggestions

SUGGESTIONS_FIELD = "similar_suggestions_panel"


class ArticleAdminIngestionMixin(ImportMixin, ExportActionMixin):
    resource_classes = [ArticleResource]
    import_formats = [CSV, XLSX, JSON]
    export_formats = [CSV, XLSX]
    # Spreadsheets saved by Excel carry a BOM; utf-8-sig reads files with or without it.
    from_encoding = "utf-8-sig"
    import_template_name = "ingestion/admin_import.html"

    def write_to_tmp_storage(self, import_file, input_format):
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

    def add_data_read_fail_error_to_form(self, form, e):
        if isinstance(e, UnicodeDecodeError):
            form.add_error("import_file", _("کدگذاری پرونده شناخته نشد؛ آن را با کدگذاری UTF-8 ذخیره کنید."))
        else:
            super().add_data_read_fail_error_to_form(form, e)

    # django-import-export lets any staff user import unless told otherwise: importing adds and
    # changes articles, so it needs both permissions; exporting needs the view permission.
    def has_import_permission(self, request):
        return self.has_add_permission(request) and self.has_change_permission(request)

    def has_export_permission(self, request):
        return self.has_view_permission(request)

    # --- suggestions on the change page -----------------------------------------------------

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if obj is not None and SUGGESTIONS_FIELD not in readonly:
            readonly.append(SUGGESTIONS_FIELD)
        return readonly

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        if obj is None:
            return fieldsets
        listed = {name for _, options in fieldsets for name in _flatten(options.get("fields", ()))}
        if SUGGESTIONS_FIELD in listed:
            # get_fields() put it at the end of the first fieldset; give it its own section instead.
            fieldsets = [
                (title, {**options, "fields": [f for f in options["fields"] if f != SUGGESTIONS_FIELD]})
                for title, options in fieldsets
            ]
        return [*fieldsets, (gettext_lazy("مقاله‌های مشابه پیشنهادی"), {"fields": [SUGGESTIONS_FIELD]})]

    @staticmethod
    def _suggestions(obj):
        return (
            SimilarSuggestion.objects.filter(article=obj)
            .select_related("suggested__think_tank")
            .order_by("-score", "id")
        )

    def similar_suggestions_panel(self, obj):
        suggestions = list(self._suggestions(obj)) if obj and obj.pk else []
        if not suggestions:
            return _("پیشنهادی نیست؛ پس از افزودن موضوع، نویسنده یا اندیشکده دوباره ذخیره کنید.")
        rows = format_html_join(
            "",
            '<li class="similar-suggestion"><a href="{}" dir="auto">{}</a> <span class="help">{} — {}</span> '
            '<button type="submit" class="button" formmethod="post" formaction="{}" formnovalidate>{}</button></li>',
            (
                (
                    reverse(
                        f"{self.admin_site.name}:{self.model._meta.app_label}_{self.model._meta.model_name}_change",
                        args=[s.suggested_id],
                    ),
                    s.suggested.title,
                    s.suggested.think_tank.name if s.suggested.think_tank else "",
                    "، ".join(s.reason_labels),
                    reverse(
                        f"{self.admin_site.name}:articles_article_accept_suggestion",
                        args=[obj.pk, s.pk],
                    ),
                    _("پذیرفتن"),
                )
                for s in suggestions
            ),
        )
        return format_html('<ul class="similar-suggestions">{}</ul>', rows)

    similar_suggestions_panel.short_description = gettext_lazy("پیشنهادها")

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # Topics and authors are saved only now, so suggestions are computed after them.
        refresh_suggestions(article_ids=[form.instance.pk])

    # --- accepting a suggestion -------------------------------------------------------------

    def get_urls(self):
        urls = super().get_urls()
        accept = path(
            "<path:object_id>/suggestions/<int:suggestion_id>/accept/",
            self.admin_site.admin_view(require_POST(self.accept_suggestion_view)),
            name=f"{self.model._meta.app_label}_{self.model._meta.model_name}_accept_suggestion",
        )
        return [accept, *urls]

    def accept_suggestion_view(self, request: HttpRequest, object_id: str, suggestion_id: int):
        article = self.get_object(request, object_id)
        if article is None:
            raise Http404(_("این مقاله پیدا نشد."))
        if not self.has_change_permission(request, article):
            raise PermissionDenied
        suggestion = get_object_or_404(SimilarSuggestion, pk=suggestion_id, article=article)
        title = suggestion.suggested.title
        accept_suggestion(suggestion=suggestion)
        messages.success(request, _("«%(title)s» به مقاله‌های مشابه افزوده شد.") % {"title": title})
        return HttpResponseRedirect(
            reverse(
                f"{self.admin_site.name}:{self.model._meta.app_label}_{self.model._meta.model_name}_change",
                args=[article.pk],
            )
        )


def _flatten(names):
    for name in names:
        if isinstance(name, (list, tuple)):
            yield from name
        else:
            yield name
