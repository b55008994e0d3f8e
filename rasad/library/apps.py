from __future__ import annotations

from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _complete_pending_save(sender: object, request: Any, user: Any, **kwargs: object) -> None:
    """«ذخیره برای بعد» pressed before logging in: the save is done once the reader is in."""
    from django.contrib import messages
    from django.utils.translation import gettext

    from rasad.library import services

    if request is None or not hasattr(request, "session"):
        return
    article = services.pending_save_complete(user=user, session=request.session)
    if article is not None:
        messages.success(request, gettext("«%(title)s» به فهرست مطالعه افزوده شد.") % {"title": article.title})


class LibraryConfig(AppConfig):
    name = "rasad.library"
    label = "library"
    verbose_name = _("فهرست مطالعه")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        user_logged_in.connect(_complete_pending_save, dispatch_uid="library-pending-save")
