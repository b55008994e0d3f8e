from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    name = "rasad.articles"
    label = "articles"
    verbose_name = _("مقاله‌ها")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Models are importable only once apps are ready.
        from django.contrib.auth import get_user_model

        from rasad.core.pagecache import invalidate_pages_on_change

        # Everything of this app appears on anonymous pages (cards, listings, similar links).
        invalidate_pages_on_change(*self.get_models(include_auto_created=True))
        # A user's name shows as an article's observer; logging in changes nothing shown.
        invalidate_pages_on_change(get_user_model(), unless_only=frozenset({"last_login"}))
