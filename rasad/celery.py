"""The Celery app: background work of every Rasad app (``@shared_task`` in each app's ``tasks.py``).

Configuration is Django's settings under the ``CELERY_`` prefix (``rasad/settings.py``). Without
``CELERY_BROKER_URL`` tasks run eagerly in the calling process, so ``make run`` needs nothing but
Python. https://docs.celeryq.dev/en/stable/django/first-steps-with-django.html
"""

from __future__ import annotations

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rasad.settings")

app = Celery("rasad")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
