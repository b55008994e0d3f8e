"""Small factory functions for tests: each makes one valid object, overridable by keyword."""

from __future__ import annotations

import datetime as dt
import itertools

from django.contrib.auth import get_user_model

from rasad.articles.models import Article, Author, ThinkTank, Topic

_seq = itertools.count(1)


def make_user(username: str | None = None, *, password: str = "pass-1234-word", **fields):
    n = next(_seq)
    username = username or f"user{n}"
    fields.setdefault("email", f"{username}@example.com")
    return get_user_model().objects.create_user(username=username, password=password, **fields)


def make_think_tank(name: str | None = None, **fields) -> ThinkTank:
    n = next(_seq)
    return ThinkTank.objects.create(name=name or f"اندیشکده {n}", **fields)


def make_author(name: str | None = None, **fields) -> Author:
    n = next(_seq)
    return Author.objects.create(name=name or f"نویسنده {n}", **fields)


def make_topic(name: str | None = None, **fields) -> Topic:
    n = next(_seq)
    return Topic.objects.create(name=name or f"موضوع {n}", **fields)


def make_article(title: str | None = None, *, authors=(), topics=(), **fields) -> Article:
    n = next(_seq)
    fields.setdefault("summary", f"خلاصهٔ مقالهٔ شمارهٔ {n} دربارهٔ سیاست خارجی.")
    fields.setdefault("body", f"<p>متن کامل مقالهٔ شمارهٔ {n}.</p>")
    fields.setdefault("source_url", f"https://example.org/report/{n}")
    fields.setdefault("status", Article.Status.PUBLISHED)
    fields.setdefault("published_on", dt.date(2024, 5, 24))
    article = Article.objects.create(title=title or f"مقالهٔ آزمایشی {n}", **fields)
    if authors:
        article.authors.set(authors)
    if topics:
        article.topics.set(topics)
    return article
