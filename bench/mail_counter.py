"""An e-mail backend for the digest benchmark: renders nothing further, appends one line per
message (recipient and subject) to ``$BENCH_MAIL_LOG``, so every worker's sends can be counted."""

from __future__ import annotations

import os

from django.core.mail.backends.base import BaseEmailBackend


class CountingBackend(BaseEmailBackend):
    def send_messages(self, email_messages):  # noqa: ANN001, ANN201
        with open(os.environ["BENCH_MAIL_LOG"], "a", encoding="utf-8") as log:
            for message in email_messages:
                message.message()  # the full MIME message, as SMTP would get it
                log.write(f"{message.to[0]}\t{message.subject}\n")
        return len(email_messages)
