"""The search tokeniser and query language, shared by the index side and the query side.

Character-level folding (Arabic ي/ك, hamza seats, «ۀ», «آ», diacritics, tatweel, digits) is
``rasad.core.normalise.normalise``. This module adds the word-level folding that a search needs and
a name matcher does not:

* a half-space (ZWNJ) separates words here, like a space: «شرکت‌کنندگان» and «شرکت کنندگان» give
  the same tokens. A word written with *nothing* between its parts («شرکتکنندگان») cannot be split
  without a dictionary, so the query side tries both: every query word may also match as two
  adjacent tokens (``split`` alternatives) and every pair of adjacent query words may also match as
  one joined token;
* the verbal prefixes «می»/«نمی» are glued to the next word whether they were written with a
  half-space, a space or nothing («می‌شود», «می شود», «میشود»);
* a light, deterministic suffix stripper folds plurals («تحریم‌ها», «تحریمها», «تحریم ها» →
  «تحریم»; «کارشناسان» → «کارشناس»; «نمایندگان» → «نماینده»; «انتخابات» → «انتخاب»). It is not a
  linguistic stemmer: it only has to give the index and the query the same token, which it does
  because both sides call :func:`tokens`.

Why not hazm or parsivar? hazm's ``Normalizer`` folds the same characters but goes the other way
on half-spaces (it *inserts* ZWNJ for affixes it knows, which helps display, not matching),
converts digits *to* Persian, keeps hamza seats («رئیس» ≠ «رییس») and «آ», and cannot join or
split compounds written without a space either; its stemmer is a similar suffix list. It pulls in
NLTK and, in recent releases, numpy/gensim-sized dependencies for a few regular expressions.
parsivar's half-space correction needs its own word data and NLTK. Neither closes the
nothing-versus-space gap, which only query-side alternatives do, so Rasad keeps ~150 lines here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from rasad.core.normalise import normalise

# After ``normalise``: runs of letters and digits (no underscore, which PostgreSQL splits on).
_WORD = re.compile(r"[^\W_]+")
# Half-space and its relatives separate words for search (``normalise`` alone drops them).
_JOINERS = str.maketrans({"\u200c": " ", "\u200d": " ", "\u200b": " ", "\u00ad": ""})

# «هم‌کاری», «بی‌طرف», «نا‌امید»: a prefix followed by a half-space is part of the word (followed by a
# space, «هم» and «بی» are words of their own).
_BOUND_PREFIX = re.compile(r"(?<![^\W_])(هم|بی|بي|نا)\u200c")
# Verbal prefixes glued to the following word, however they were written.
VERB_PREFIXES = frozenset({"می", "نمی"})
# Suffix tokens that stand alone after a half-space or space («تحریم‌ها», «خانه‌ی», «نامه‌ای»):
# they carry no meaning for search and are dropped on both sides.
SUFFIX_TOKENS = frozenset({"ها", "های", "هایی", "ی", "ای", "یی"})
# Very common words: not used as query terms on their own (they still count inside "phrases") and
# never used as one half of a split alternative (too many false joins, too many index hits).
STOPWORDS = frozenset(
    ["و", "در", "به", "از", "که", "را", "با", "این", "آن", "برای", "تا", "یا", "هم", "بر", "است", "بود", "شد", "اما", "اگر", "نیز", "پس", "چه", "هر", "یک", "دو"]
)  # fmt: skip


def stem(token: str) -> str:
    """Fold plural suffixes; the same function on both sides is all that matters."""
    for suffix in ("هایی", "های", "ها"):
        if token.endswith(suffix) and len(token) - len(suffix) >= 2:
            return token[: -len(suffix)]
    if token.endswith("گان") and len(token) >= 6:  # نمایندگان → نماینده
        return token[:-3] + "ه"
    if token.endswith("ان") and len(token) >= 6 and not token.endswith(("ستان", "مان")):
        return token[:-2]  # کارشناسان → کارشناس, ایرانیان → ایرانی (not ایران, پاکستان, سازمان)
    if token.endswith("ات") and len(token) >= 6 and not token.endswith("یات"):
        return token[:-2]  # انتخابات → انتخاب (not مالیات → مالی, عملیات → عملی)
    return token


def words(text: str) -> list[str]:
    """Normalised words of ``text`` before stemming: half-spaces split, «می»/«نمی» glued."""
    raw = _WORD.findall(normalise(_BOUND_PREFIX.sub(r"\1", text or "").translate(_JOINERS)))
    glued: list[str] = []
    i = 0
    while i < len(raw):
        word = raw[i]
        if word in VERB_PREFIXES and i + 1 < len(raw):
            word += raw[i + 1]
            i += 1
        glued.append(word)
        i += 1
    return glued


def fold(word: str) -> str:
    """One word to its index token ('' when the word is a bare suffix)."""
    token = stem(word)
    return "" if token in SUFFIX_TOKENS else token


def tokens(text: str) -> list[str]:
    """The index tokens of ``text``, in order: what is stored and what queries are matched to."""
    return [t for t in (fold(w) for w in words(text)) if t]


def document(text: str) -> str:
    """Tokens joined by spaces: the stored, normalised search text of one field."""
    return " ".join(tokens(text))


# --- the query language ---------------------------------------------------------------------


@dataclass(frozen=True)
class Seq:
    """Adjacent tokens (one token is a one-word sequence); ``prefix``: the last one may continue."""

    tokens: tuple[str, ...]
    prefix: bool = False


@dataclass(frozen=True)
class Or:
    children: tuple[Node, ...]


@dataclass(frozen=True)
class And:
    children: tuple[Node, ...]


Node = Seq | Or | And

MIN_PREFIX = 2  # a one-letter prefix would match nearly every article
MIN_SPLIT = 5  # shorter words are not tried as two joined words


@dataclass
class Query:
    """A parsed query: every ``clause`` must match, no ``excluded`` node may."""

    text: str = ""
    clauses: list[Node] = field(default_factory=list)
    excluded: list[Node] = field(default_factory=list)
    # Plain words the reader typed (normalised, unstemmed), for "did you mean".
    words: list[str] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not self.clauses

    def highlight_terms(self) -> tuple[frozenset[str], tuple[str, ...]]:
        """(exact tokens, prefixes) that a snippet should mark."""
        exact: set[str] = set()
        prefixes: set[str] = set()
        for node in self.clauses:
            for seq in _seqs(node):
                exact.update(seq.tokens[:-1] if seq.prefix else seq.tokens)
                if seq.prefix:
                    prefixes.add(seq.tokens[-1])
        return frozenset(exact), tuple(sorted(prefixes))


def _seqs(node: Node) -> Iterator[Seq]:
    if isinstance(node, Seq):
        yield node
    else:
        for child in node.children:
            yield from _seqs(child)


def _any(nodes: Iterable[Node]) -> Node | None:
    unique = list(dict.fromkeys(nodes))
    if not unique:
        return None
    return unique[0] if len(unique) == 1 else Or(tuple(unique))


def word_node(word: str, *, prefix: bool = False) -> Node | None:
    """Everything one typed word may match: its token, or its two halves written apart."""
    token = fold(word)
    options: list[Node] = []
    if prefix and len(word) >= MIN_PREFIX:
        options.append(Seq((word,), prefix=True))
        if token and token != word:
            options.append(Seq((token,), prefix=True))
        if len(word) >= 5 and word[-1] in "اه":  # «کارشناسا…», «تحریمه…»: a plural suffix begun
            options.append(Seq((word[:-1],), prefix=True))
    elif token:
        options.append(Seq((token,)))
    if len(word) >= MIN_SPLIT:
        for i in range(2, len(word) - 1):
            left, right = word[:i], word[i:]
            if left in STOPWORDS or right in STOPWORDS or left in VERB_PREFIXES:
                continue
            left_token, right_token = fold(left), fold(right)
            if left_token and right_token:
                options.append(Seq((left_token, right_token)))
    return _any(options)


_PHRASE = re.compile(r'(-?)(?:"([^"]*)"?|«([^»]*)»?)')


def parse_query(text: str) -> Query:
    """Readers' syntax: all words must match; "exact phrase"; -excluded; last word as a prefix.

    The last word counts as a prefix only while it is being typed (no space after it yet).
    """
    text = text or ""
    query = Query(text=text.strip())
    rest = _take_phrases(text, query)
    # Phrases were replaced by a space, so a query ending in a phrase or a space is not "typing".
    typing = bool(rest) and not rest[-1].isspace()
    plain = _take_words(rest, query)
    # The last word is a prefix only if the reader has not typed a space after it.
    last_is_prefix = typing and bool(plain) and not rest.rstrip().split()[-1].startswith(("-", "−"))
    query.words = list(plain)
    meaningful = [w for w in plain if w not in STOPWORDS] or plain
    for i, word in enumerate(plain):
        if word in meaningful:
            clause = _word_clause(plain, i, last_is_prefix=last_is_prefix)
            if clause is not None:
                query.clauses.append(clause)
    return query


def _take_phrases(text: str, query: Query) -> str:
    """Add the quoted phrases of ``text`` to ``query``; the rest of the text, phrases blanked."""
    phrases: list[tuple[bool, str]] = []

    def take_phrase(match: re.Match[str]) -> str:
        phrases.append((match.group(1) == "-", match.group(2) if match.group(2) is not None else match.group(3)))
        return " "

    rest = _PHRASE.sub(take_phrase, text)
    for negative, phrase in phrases:
        seq_tokens = tuple(tokens(phrase))
        if seq_tokens:
            (query.excluded if negative else query.clauses).append(Seq(seq_tokens))
    return rest


def _take_words(rest: str, query: Query) -> list[str]:
    """Add the excluded words of ``rest`` to ``query``; the words that must match, in order."""
    plain: list[str] = []
    for chunk in rest.split():
        if chunk.startswith(("-", "−")) and len(chunk) > 1:
            excluded = (word_node(w) for w in words(chunk[1:]))
            query.excluded.extend(node for node in excluded if node is not None)
        else:
            # A bare suffix written apart («هسته ای», «تحریم ها») is dropped, as on the index side.
            plain.extend(w for w in words(chunk) if fold(w))
    return plain


def _word_clause(plain: list[str], i: int, *, last_is_prefix: bool) -> Node | None:
    """The clause for word ``i``: the word itself, or it joined with a neighbour."""
    is_last = i == len(plain) - 1
    node = word_node(plain[i], prefix=last_is_prefix and is_last)
    options: list[Node] = [node] if node is not None else []
    # The reader may have split what the source wrote as one word («شرکت کنندگان»).
    for a, b in ((i - 1, i), (i, i + 1)):
        if a >= 0 and b < len(plain) and plain[a] not in STOPWORDS and plain[b] not in STOPWORDS:
            joined_prefix = last_is_prefix and b == len(plain) - 1
            joined = plain[a] + plain[b] if joined_prefix else fold(plain[a] + plain[b])
            if joined:
                options.append(Seq((joined,), prefix=joined_prefix))
    return _any(options)


# --- pruning against the index's vocabulary --------------------------------------------------


def exact_tokens(query: Query) -> set[str]:
    """Tokens that must exist verbatim for some alternative to match (prefix ends excluded)."""
    found: set[str] = set()
    for node in [*query.clauses, *query.excluded]:
        for seq in _seqs(node):
            found.update(seq.tokens[:-1] if seq.prefix else seq.tokens)
    return found


def _prune(node: Node, known: set[str]) -> Node | None:
    if isinstance(node, Seq):
        needed = node.tokens[:-1] if node.prefix else node.tokens
        return node if all(t in known for t in needed) else None
    children = [_prune(child, known) for child in node.children]
    kept = [c for c in children if c is not None]
    if isinstance(node, And):
        return And(tuple(kept)) if len(kept) == len(children) else None
    return _any(kept)


def prune(query: Query, known: set[str]) -> Query | None:
    """``query`` without alternatives that use a token no document has; None if it cannot match.

    The split alternatives of a typed word («تحریم» → «تح» + «ریم», …) are what make Persian
    compounds findable, and almost all of them name tokens that exist nowhere: dropping them before
    PostgreSQL sees the query halves the work of rechecking each matching row.
    """
    pruned = [_prune(c, known) for c in query.clauses]
    clauses = [c for c in pruned if c is not None]
    if not clauses or len(clauses) < len(pruned):
        return None
    excluded = [n for n in (_prune(c, known) for c in query.excluded) if n is not None]
    return Query(text=query.text, clauses=clauses, excluded=excluded, words=query.words)


def prefixes(query: Query) -> set[str]:
    """The prefix ends of ``query``'s alternatives (what :func:`expand_prefixes` looks up)."""
    found: set[str] = set()
    for node in [*query.clauses, *query.excluded]:
        found.update(seq.tokens[-1] for seq in _seqs(node) if seq.prefix)
    return found


def _expand(node: Node, expansions: dict[str, tuple[str, ...]]) -> Node | None:
    if isinstance(node, Seq):
        if not node.prefix or node.tokens[-1] not in expansions:
            return node
        head = node.tokens[:-1]
        return _any(Seq((*head, t)) for t in expansions[node.tokens[-1]])
    expanded = [_expand(child, expansions) for child in node.children]
    children = [c for c in expanded if c is not None]
    if isinstance(node, And):
        return And(tuple(children)) if len(children) == len(expanded) else None
    # A one-token prefix covers any longer one-token prefix beside it ('اروپ':* covers 'اروپا':*).
    short = {c.tokens[0] for c in children if isinstance(c, Seq) and c.prefix and len(c.tokens) == 1}
    kept = [
        c
        for c in children
        if not (
            isinstance(c, Seq)
            and c.prefix
            and len(c.tokens) == 1
            and any(p != c.tokens[0] and c.tokens[0].startswith(p) for p in short)
        )
    ]
    return _any(kept)


def expand_prefixes(query: Query, expansions: dict[str, tuple[str, ...]]) -> Query | None:
    """``query`` with each prefix in ``expansions`` replaced by the exact tokens it stands for.

    ``expansions`` maps a prefix to every index token that starts with it (possibly none); prefixes
    not in it stay prefixes. A GIN index answers a handful of exact tokens far faster than a prefix,
    which merges the posting lists of every matching lexeme before it can skip anything. None if
    the query can no longer match.
    """
    expanded = [_expand(c, expansions) for c in query.clauses]
    clauses = [c for c in expanded if c is not None]
    if not clauses or len(clauses) < len(expanded):
        return None
    excluded = [n for n in (_expand(c, expansions) for c in query.excluded) if n is not None]
    return Query(text=query.text, clauses=clauses, excluded=excluded, words=query.words)


# --- compiling for the databases -------------------------------------------------------------


def _lexeme(token: str) -> str:
    return "'" + token.replace("\\", "\\\\").replace("'", "''") + "'"


def to_tsquery(node: Node) -> str:
    """PostgreSQL ``to_tsquery('simple', …)`` source: ``<->`` for adjacency, ``:*`` for prefix."""
    if isinstance(node, Seq):
        parts = [_lexeme(t) for t in node.tokens]
        if node.prefix:
            parts[-1] += ":*"
        return parts[0] if len(parts) == 1 else "(" + " <-> ".join(parts) + ")"
    glue = " | " if isinstance(node, Or) else " & "
    return "(" + glue.join(to_tsquery(c) for c in node.children) + ")"


def query_to_tsquery(query: Query) -> str:
    positive = " & ".join(to_tsquery(c) for c in query.clauses)
    negative = "".join(f" & !{to_tsquery(c)}" for c in query.excluded)
    return f"({positive}){negative}"


def _fts_string(token: str) -> str:
    return '"' + token.replace('"', '""') + '"'


def to_fts5(node: Node) -> str:
    """SQLite FTS5 MATCH source: ``+`` joins a phrase, ``*`` marks a prefix."""
    if isinstance(node, Seq):
        expr = " + ".join(_fts_string(t) for t in node.tokens)
        return expr + " *" if node.prefix else expr
    glue = " OR " if isinstance(node, Or) else " AND "
    return "(" + glue.join(to_fts5(c) for c in node.children) + ")"


def query_to_fts5(query: Query, *, columns: Sequence[str] | None = None) -> str:
    expr = "(" + " AND ".join(to_fts5(c) for c in query.clauses) + ")"
    for node in query.excluded:
        expr = f"({expr} NOT {to_fts5(node)})"
    if columns:
        expr = "{" + " ".join(columns) + "} : " + expr
    return expr
