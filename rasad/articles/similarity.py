"""Similar-article suggestions: shared topics, same think tank, shared authors and similar text.

Candidates come from a few capped queries (never a scan of the whole table in Python): the newest
articles sharing a topic, an author or the think tank. Each candidate is scored, and text
similarity (Jaccard over normalised title+summary tokens) is added; the best few are stored as
``SimilarSuggestion`` rows, each with the reasons it was suggested.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import transaction

from rasad.articles.models import Article, SimilarLink, SimilarSuggestion
from rasad.core.normalise import normalise

CANDIDATES_PER_REASON = 40
SUGGESTIONS_PER_ARTICLE = 5
MIN_SCORE = 1.0
TEXT_WEIGHT = 4.0
TEXT_MIN_JACCARD = 0.12
_WORD = re.compile(r"\w+")
_AUTHORS = Article.authors.through
_TOPICS = Article.topics.through
# Words too common to say two Persian summaries are about the same thing.
STOPWORDS = set(
    normalise(
        "و در به از که این را با است برای آن یک تا بر هم نیز می شود شد کرد کند ها های ای اند بود "
        "باید خود دیگر پس اما یا چه اگر هر بین درباره the of and to in a for on is"
    ).split()
)


def tokens(text: str) -> set[str]:
    return {word for word in _WORD.findall(normalise(text)) if len(word) > 1 and word not in STOPWORDS}


def jaccard(a: set[str], b: set[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


Suggestion = tuple[int, float, list[str]]


@dataclass
class _Neighbourhood:
    """What ``article`` shares with each candidate: topics, authors, think tank and words."""

    topic_ids: set[int]
    author_ids: set[int]
    candidates: set[int] = field(default_factory=set)
    shared_topics: dict[int, int] = field(default_factory=lambda: defaultdict(int))
    shared_authors: dict[int, int] = field(default_factory=lambda: defaultdict(int))
    think_tanks: dict[int, int | None] = field(default_factory=dict)


def suggest_for(article: Article, *, token_cache: dict[int, set[str]] | None = None) -> list[Suggestion]:
    """``(suggested_id, score, reasons)`` for ``article``, best first, at most a handful.

    ``token_cache`` keeps candidates' tokens across calls (the newest articles of a topic are
    candidates for many articles of one import).
    """
    token_cache = {} if token_cache is None else token_cache
    near = _Neighbourhood(
        topic_ids=set(_TOPICS.objects.filter(article_id=article.pk).values_list("topic_id", flat=True)),
        author_ids=set(_AUTHORS.objects.filter(article_id=article.pk).values_list("author_id", flat=True)),
    )
    near.candidates = _candidates(article, near)
    if not near.candidates:
        return []
    _count_shared(near)
    _cache_tokens(near.candidates, token_cache)
    own_tokens = tokens(f"{article.title} {article.summary}")
    scored: list[Suggestion] = []
    for pk, think_tank_id in near.think_tanks.items():
        score, reasons = _score(article, near, pk, think_tank_id, own_tokens, token_cache.get(pk, set()))
        if score >= MIN_SCORE:
            scored.append((pk, round(score, 3), reasons))
    scored.sort(key=lambda item: (-item[1], -item[0]))
    return scored[:SUGGESTIONS_PER_ARTICLE]


def _candidates(article: Article, near: _Neighbourhood) -> set[int]:
    """The newest articles sharing a topic, an author or the think tank (a few capped queries)."""
    found: set[int] = set()
    if near.topic_ids:
        by_topic = _TOPICS.objects.filter(topic_id__in=near.topic_ids).exclude(article_id=article.pk)
        found.update(by_topic.order_by("-article_id").values_list("article_id", flat=True)[:CANDIDATES_PER_REASON])
    if near.author_ids:
        by_author = _AUTHORS.objects.filter(author_id__in=near.author_ids).exclude(article_id=article.pk)
        found.update(by_author.order_by("-article_id").values_list("article_id", flat=True)[:CANDIDATES_PER_REASON])
    if article.think_tank_id:
        same = Article.objects.filter(think_tank_id=article.think_tank_id).exclude(pk=article.pk)
        found.update(same.order_by("-id").values_list("pk", flat=True)[:CANDIDATES_PER_REASON])
    return found


def _count_shared(near: _Neighbourhood) -> None:
    if near.topic_ids:
        topics = _TOPICS.objects.filter(article_id__in=near.candidates, topic_id__in=near.topic_ids)
        for article_id in topics.values_list("article_id", flat=True):
            near.shared_topics[article_id] += 1
    if near.author_ids:
        authors = _AUTHORS.objects.filter(article_id__in=near.candidates, author_id__in=near.author_ids)
        for article_id in authors.values_list("article_id", flat=True):
            near.shared_authors[article_id] += 1
    near.think_tanks = dict(Article.objects.filter(pk__in=near.candidates).values_list("pk", "think_tank_id"))


def _cache_tokens(candidates: set[int], token_cache: dict[int, set[str]]) -> None:
    uncached = [pk for pk in candidates if pk not in token_cache]
    if uncached:
        for pk, title, summary in Article.objects.filter(pk__in=uncached).values_list("pk", "title", "summary"):
            token_cache[pk] = tokens(f"{title} {summary[:1000]}")


def _score(
    article: Article,
    near: _Neighbourhood,
    pk: int,
    think_tank_id: int | None,
    own_tokens: set[str],
    their_tokens: set[str],
) -> tuple[float, list[str]]:
    """How related candidate ``pk`` is, and why."""
    reasons: list[str] = []
    score = 0.0
    if near.shared_topics[pk]:
        score += 2.0 * near.shared_topics[pk]
        reasons.append(SimilarSuggestion.REASON_TOPIC)
    if article.think_tank_id and think_tank_id == article.think_tank_id:
        score += 1.0
        reasons.append(SimilarSuggestion.REASON_THINK_TANK)
    if near.shared_authors[pk]:
        score += 1.5 * near.shared_authors[pk]
        reasons.append(SimilarSuggestion.REASON_AUTHOR)
    similarity = jaccard(own_tokens, their_tokens)
    if similarity >= TEXT_MIN_JACCARD:
        score += TEXT_WEIGHT * similarity
        reasons.append(SimilarSuggestion.REASON_TEXT)
    return score, reasons


@transaction.atomic
def refresh_suggestions(*, article_ids: Iterable[int]) -> int:
    """Recompute the suggestions of each article; returns how many suggestions were stored."""
    stored = 0
    ids = list(article_ids)
    token_cache: dict[int, set[str]] = {}
    for start in range(0, len(ids), 200):
        chunk = ids[start : start + 200]
        articles = Article.objects.filter(pk__in=chunk).only("pk", "title", "summary", "think_tank_id")
        linked: dict[int, set[int]] = defaultdict(set)
        for from_id, to_id in SimilarLink.objects.filter(from_article_id__in=chunk).values_list(
            "from_article_id", "to_article_id"
        ):
            linked[from_id].add(to_id)
        for from_id, to_id in SimilarLink.objects.filter(to_article_id__in=chunk).values_list(
            "from_article_id", "to_article_id"
        ):
            linked[to_id].add(from_id)
        rows = []
        for article in articles:
            for suggested_id, score, reasons in suggest_for(article, token_cache=token_cache):
                if suggested_id not in linked[article.pk]:
                    rows.append(
                        SimilarSuggestion(
                            article_id=article.pk, suggested_id=suggested_id, score=score, reasons=reasons
                        )
                    )
        SimilarSuggestion.objects.filter(article_id__in=chunk).delete()
        SimilarSuggestion.objects.bulk_create(rows)
        stored += len(rows)
    return stored


@transaction.atomic
def accept_suggestion(*, suggestion: SimilarSuggestion) -> SimilarLink:
    """Turn a suggestion into a curated ``SimilarLink`` at the end of the article's list."""
    article_id, suggested_id = suggestion.article_id, suggestion.suggested_id
    link = SimilarLink.objects.filter(from_article_id=article_id, to_article_id=suggested_id).first()
    if link is None:
        link = SimilarLink.objects.filter(from_article_id=suggested_id, to_article_id=article_id).first()
    if link is None:
        last = (
            SimilarLink.objects.filter(from_article_id=article_id)
            .order_by("-position")
            .values_list("position", flat=True)
            .first()
        )
        link = SimilarLink.objects.create(
            from_article_id=article_id, to_article_id=suggested_id, position=0 if last is None else last + 1
        )
    suggestion.delete()
    return link
