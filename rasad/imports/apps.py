from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImportsConfig(AppConfig):
    name = "rasad.imports"
    label = "imports"
    verbose_name = _("ورود مقاله‌ها")
    default_auto_field = "django.db.models.BigAutoField"
