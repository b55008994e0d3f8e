from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# Apps whose rows appear on anonymous pages: saving or deleting any of them invalidates the page cache.
PAGE_CONTENT_APPS = frozenset({"articles"})


class CoreConfig(AppConfig):
    name = "rasad.core"
    label = "core"
    verbose_name = _("هسته")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.conf import settings
        from django.db import transaction
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from rasad.core.pagecache import bump_generation

        def invalidate() -> None:
            bump_generation()
            # Again once the change is visible to other connections: a page rendered in between
            # (from the old rows) must not outlive the transaction.
            transaction.on_commit(bump_generation)

        def content_changed(sender, update_fields=None, **kwargs) -> None:
            meta = getattr(sender, "_meta", None)
            if meta is None:
                return
            if meta.app_label in PAGE_CONTENT_APPS:
                invalidate()
            elif meta.label == settings.AUTH_USER_MODEL and update_fields != frozenset({"last_login"}):
                # A user's name can show as an article's observer; logging in changes nothing shown.
                invalidate()

        post_save.connect(content_changed, dispatch_uid="rasad.pagecache.post_save")
        post_delete.connect(content_changed, dispatch_uid="rasad.pagecache.post_delete")
        m2m_changed.connect(content_changed, dispatch_uid="rasad.pagecache.m2m_changed")
