"""The search tokeniser and query language, shared by the index side and the query side.

Character folding is ``rasad.search.lexicon.search_normalise`` (``rasad.core.normalise`` plus a
hamza rule); plural folding is ``rasad.search.stemming``, which cuts a suffix only when the fixed
lexicon says that what remains is a word. This module adds the word-level rules:

* a half-space (ZWNJ) separates the parts of a word: «شرکت‌کنندگان» and «شرکت کنندگان» give the
  same tokens. The parts of a compound are folded as the whole word is («سرمایه‌گذاران» →
  «سرمایه» «گذار», because «سرمایهگذاران» folds to «سرمایهگذار»). A word written with *nothing*
  between its parts («شرکتکنندگان») cannot be split without a dictionary, so the query side tries
  both: every query word may also match as two adjacent tokens (``split`` alternatives) and every
  pair of adjacent query words may also match as one joined token, in phrases too;
* the verbal prefixes «می»/«نمی» are glued to the next word whether they were written with a
  half-space, a space or nothing («می‌شود», «می شود», «میشود»).

Both sides call :func:`tokens`, a pure function of the text and the fixed lexicon, so a word
gets the same token whenever it is indexed or typed.

Why not hazm or parsivar? hazm's ``Normalizer`` folds the same characters but goes the other way
on half-spaces (it *inserts* ZWNJ for affixes it knows, which helps display, not matching),
converts digits *to* Persian, keeps hamza seats («رئیس» ≠ «رییس») and «آ», and cannot join or
split compounds written without a space either. Its lemma list would serve the lexicon well, but
it pulls in NLTK, numpy, gensim and scikit-learn; parsivar needs NLTK too. The lexicon here is
wordfreq's Persian word list plus the project's own lists (``rasad/search/data``).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import pairwise

from rasad.search.lexicon import is_word, search_normalise
from rasad.search.stemming import stem

# Runs of letters and digits (no underscore, which PostgreSQL splits on), joined by half-spaces.
_GROUP = re.compile(r"[^\W_]+(?:\x00+[^\W_]+)*")
# Half-space and its relatives join the parts of one word; they become a marker ``normalise`` keeps.
_JOINERS = str.maketrans({"\u200c": "\x00", "\u200d": "\x00", "\u200b": "\x00", "\u00ad": ""})

# «هم‌کاری», «بی‌طرف», «نا‌امید»: a prefix followed by a half-space is part of the word (followed by a
# space, «هم» and «بی» are words of their own).
_BOUND_PREFIX = re.compile(r"(?<![^\W_])(هم|بی|بي|نا)\u200c")
_MARKS = re.compile("[\u064b-\u065f\u0670\u0640]")  # harakat, superscript alef, tatweel
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


def fold(word: str) -> str:
    """One normalised word to its index token ('' when the word is a bare suffix)."""
    token = stem(word)
    return "" if token in SUFFIX_TOKENS else token


def fold_group(parts: Sequence[str]) -> list[str]:
    """Tokens of one word written in half-space separated ``parts``, '' for a dropped part.

    The parts are folded as the whole word is: the suffix the whole word loses is taken from its
    last part («شرکت‌کنندگان» → «شرکت» «کننده», as «شرکتکنندگان» → «شرکتکننده»).
    """
    if len(parts) == 1:
        return [fold(parts[0])]
    joined = "".join(parts)
    whole = fold(joined)
    common = len(os.path.commonprefix([joined, whole]))
    start = len(joined) - len(parts[-1])  # where the last part begins in ``joined``
    if common < start or common == len(joined):
        return [fold(p) for p in parts]  # no suffix came off the last part
    last = parts[-1][: common - start] + whole[common:]
    return [*(fold(p) for p in parts[:-1]), "" if last in SUFFIX_TOKENS else last]


def word_groups(text: str) -> list[list[str]]:
    """Normalised words of ``text``, each as its half-space separated parts; «می»/«نمی» glued."""
    # Diacritics and tatweel go first, so that «بی» inside «بَبی‌» is not taken for a word start.
    marked = _BOUND_PREFIX.sub(r"\1", _MARKS.sub("", text or "")).translate(_JOINERS)
    flat = [
        (g, part)
        for g, m in enumerate(_GROUP.finditer(search_normalise(marked)))
        for part in m.group().split("\x00")
        if part
    ]
    glued: list[tuple[int, str]] = []
    i = 0
    while i < len(flat):
        group, part = flat[i]
        if part in VERB_PREFIXES and i + 1 < len(flat):
            group, part = flat[i + 1][0], part + flat[i + 1][1]
            i += 1
        glued.append((group, part))
        i += 1
    groups: list[list[str]] = []
    for k, (group, part) in enumerate(glued):
        if k and glued[k - 1][0] == group:
            groups[-1].append(part)
        else:
            groups.append([part])
    return groups


def words(text: str) -> list[str]:
    """Normalised words of ``text`` before folding."""
    return [part for group in word_groups(text) for part in group]


def tokens(text: str) -> list[str]:
    """The index tokens of ``text``, in order: what is stored and what queries are matched to."""
    return [t for group in word_groups(text) for t in fold_group(group) if t]


def document(text: str) -> str:
    """Tokens joined by spaces: the stored, normalised search text of one field."""
    return " ".join(tokens(text))


@dataclass(frozen=True)
class Word:
    """A word as typed (normalised, unfolded) and its token in context ('' for a bare suffix)."""

    surface: str
    token: str


def query_words(text: str) -> list[Word]:
    found: list[Word] = []
    for group in word_groups(text):
        found.extend(Word(part, token) for part, token in zip(group, fold_group(group), strict=True))
    return found


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
MIN_TYPED = 3  # a last word shorter than this, still being typed, does not narrow the results
MIN_SPLIT = 5  # shorter words are not tried as two joined words


@dataclass
class Query:
    """A parsed query: every ``clause`` must match, no ``excluded`` node may."""

    text: str = ""
    clauses: list[Node] = field(default_factory=list)
    excluded: list[Node] = field(default_factory=list)
    # Plain words the reader typed (normalised, unfolded), for "did you mean".
    words: list[str] = field(default_factory=list)
    # The same query without a short last word still being typed (see ``parse_query``).
    fallback: Query | None = None

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


def split_alternatives(surface: str) -> list[tuple[str, ...]]:
    """Tokens ``surface`` may stand for when its two parts were written apart (one token when the
    second part is a suffix that folds away)."""
    pairs: list[tuple[str, ...]] = []
    if len(surface) < MIN_SPLIT:
        return pairs
    for i in range(2, len(surface) - 1):
        left, right = surface[:i], surface[i:]
        if left in STOPWORDS or right in STOPWORDS or left in VERB_PREFIXES:
            continue
        left_token, right_token = fold_group([left, right])
        if left_token:  # no right token: the right part was a suffix («باب‌یان» → «باب»)
            pairs.append((left_token, right_token) if right_token else (left_token,))
    return pairs


def word_node(word: Word, *, prefix: bool = False) -> Node | None:
    """Everything one typed word may match: its token, or its two parts written apart."""
    surface, token = word.surface, word.token
    options: list[Node] = []
    if prefix and len(surface) >= MIN_PREFIX:
        options.append(Seq((surface,), prefix=True))
        if token and token != surface:
            options.append(Seq((token,), prefix=True))
        if len(surface) >= 5 and surface[-1] in "اه":  # «کارشناسا…», «تحریمه…»: a plural suffix begun
            options.append(Seq((surface[:-1],), prefix=True))
    elif token:
        options.append(Seq((token,)))
    options.extend(Seq(pair) for pair in split_alternatives(surface))
    return _any(options)


def phrase_node(phrase: str) -> Node | None:
    """A quoted phrase: its tokens in order, or with one pair of its words written as one, or one
    of its words written in two parts."""
    found = [w for w in query_words(phrase) if w.token]
    base = tuple(w.token for w in found)
    if not base:
        return None
    options: list[Node] = [Seq(base)]
    for i in range(len(found) - 1):
        joined = fold(found[i].surface + found[i + 1].surface)
        if joined:
            options.append(Seq((*base[:i], joined, *base[i + 2 :])))
    for i, word in enumerate(found):
        options.extend(Seq((*base[:i], *pair, *base[i + 1 :])) for pair in split_alternatives(word.surface))
    return _any(options)


# A table of equivalent spellings: a spelling's tokens → the token sequences of every spelling of
# the same entity (names, acronyms, Latin letters). Built from the editors' table by ``equivalents``.
# A one-word Persian spelling is also listed under ``(NAME_KEY + name_key(word),)``, so that a
# spelling nobody listed («اردوقان») still names the entity («اردوغان», «اردوگان»).
Equivalents = Mapping[tuple[str, ...], tuple[tuple[str, ...], ...]]
MAX_EQUIVALENT_WORDS = 6
NAME_KEY = "\x01"  # never part of a token
# How Persian sources spell one foreign sound several ways: گ/ق/غ for a Latin g, پ/ب, ت/ط, س/ص/ث,
# ز/ذ/ض/ظ, ح/ه; short vowels written with «و»/«ا»/«ی» or not at all.
_NAME_SOUNDS = str.maketrans(
    {"ق": "گ", "غ": "گ", "ب": "پ", "ط": "ت", "ص": "س", "ث": "س", "ذ": "ز", "ض": "ز", "ظ": "ز", "ح": "ه", "ع": "ا"}
)
MIN_NAME_KEY = 4


def name_key(word: str) -> str:
    """The sound skeleton of a foreign name written in Persian: «اردوغان», «اردوگان» and «اردغان»
    share one. Only for words that are no Persian word (real words would collide)."""
    sounds = word.translate(_NAME_SOUNDS)
    skeleton = sounds[:1] + "".join(ch for ch in sounds[1:] if ch not in "اوی")
    return "".join(ch for k, ch in enumerate(skeleton) if k == 0 or ch != skeleton[k - 1])


def is_persian_name(word: str) -> bool:
    return len(word) >= MIN_NAME_KEY and all("\u0600" <= ch <= "\u06ff" for ch in word)


def _entity_node(words: Sequence[Word], equivalents: Equivalents) -> Node | None:
    key = tuple(w.token for w in words)
    others = equivalents.get(key)
    if others is None and len(words) == 1 and is_persian_name(words[0].surface) and not is_word(words[0].surface):
        others = equivalents.get((NAME_KEY + name_key(words[0].surface),))
    return None if others is None else _any([Seq(key), *(Seq(alt) for alt in others)])


def _equivalent_spans(plain: Sequence[Word], equivalents: Equivalents) -> dict[int, tuple[int, Node]]:
    """Spans of ``plain`` that spell an entity of ``equivalents``: start → (end, node). Longest first."""
    spans: dict[int, tuple[int, Node]] = {}
    i = 0
    while i < len(plain):
        for end in range(min(len(plain), i + MAX_EQUIVALENT_WORDS), i, -1):
            node = _entity_node(plain[i:end], equivalents) if equivalents else None
            if node is not None:
                spans[i] = (end, node)
                i = end - 1
                break
        i += 1
    return spans


_PHRASE = re.compile(r'(-?)(?:"([^"]*)"?|«([^»]*)»?)')


def _take_phrases(text: str, query: Query) -> str:
    """Move quoted phrases of ``text`` into ``query``; the rest of the text, phrases blanked."""
    phrases: list[tuple[bool, str]] = []

    def take(match: re.Match[str]) -> str:
        phrases.append((match.group(1) == "-", match.group(2) if match.group(2) is not None else match.group(3)))
        return " "

    rest = _PHRASE.sub(take, text)
    for negative, phrase in phrases:
        node = phrase_node(phrase)
        if node is not None:
            (query.excluded if negative else query.clauses).append(node)
    return rest


def _plain_words(rest: str, query: Query) -> list[Word]:
    """The words of ``rest`` that must match; excluded words go straight into ``query``."""
    plain: list[Word] = []
    for chunk in rest.split():
        if chunk.startswith(("-", "−")) and len(chunk) > 1:
            for w in query_words(chunk[1:]):
                node = word_node(w) if w.token else None
                if node is not None:
                    query.excluded.append(node)
        else:
            # A bare suffix written apart («هسته ای», «تحریم ها») is dropped, as on the index side.
            plain.extend(w for w in query_words(chunk) if w.token)
    return plain


def _word_clause(plain: Sequence[Word], i: int, *, last_is_prefix: bool) -> Node | None:
    """Clause of the ``i``-th plain word: its own node, or joined with a neighbour."""
    is_last = i == len(plain) - 1
    node = word_node(plain[i], prefix=last_is_prefix and is_last)
    options: list[Node] = [node] if node is not None else []
    # The reader may have split what the source wrote as one word («شرکت کنندگان»).
    for a, b in ((i - 1, i), (i, i + 1)):
        if a < 0 or b >= len(plain) or plain[a].surface in STOPWORDS or plain[b].surface in STOPWORDS:
            continue
        joined_prefix = last_is_prefix and b == len(plain) - 1
        surfaces = plain[a].surface + plain[b].surface
        for joined in dict.fromkeys([surfaces, fold(surfaces)] if joined_prefix else [fold(surfaces)]):
            if joined:
                options.append(Seq((joined,), prefix=joined_prefix))
    return _any(options)


def _add_clauses(query: Query, plain: Sequence[Word], *, last_is_prefix: bool, equivalents: Equivalents) -> None:
    spans = _equivalent_spans(plain, equivalents)
    meaningful = {i for i, w in enumerate(plain) if w.surface not in STOPWORDS} or set(range(len(plain)))
    i = 0
    while i < len(plain):
        if i in spans:
            end, node = spans[i]
            growing = _word_clause(plain, i, last_is_prefix=True) if last_is_prefix and end == len(plain) else None
            if growing is not None:  # the entity's name may still be being typed
                node = Or((node, growing))
            query.clauses.append(node)
            i = end
            continue
        clause = _word_clause(plain, i, last_is_prefix=last_is_prefix) if i in meaningful else None
        if clause is not None:
            query.clauses.append(clause)
        i += 1


def parse_query(text: str, *, equivalents: Equivalents | None = None) -> Query:
    """Readers' syntax: all words must match; "exact phrase"; -excluded; last word as a prefix.

    The last word counts as a prefix only while it is being typed (no space after it yet). While
    it is shorter than MIN_TYPED letters, ``fallback`` is the query without it: what to show if
    it would leave no results («ایران و ر…» keeps showing what «ایران» finds).
    ``equivalents``: other spellings of names and acronyms, matched as alternatives.
    """
    text = text or ""
    query = Query(text=text.strip())
    rest = _take_phrases(text, query)
    # Phrases were replaced by a space, so a query ending in a phrase or a space is not "typing".
    typing = bool(rest) and not rest[-1].isspace()
    plain = _plain_words(rest, query)
    last_is_prefix = typing and bool(plain) and not rest.rstrip().split()[-1].startswith(("-", "−"))
    query.words = [w.surface for w in plain]
    if last_is_prefix and len(plain) > 1 and len(plain[-1].surface) < MIN_TYPED:
        query.fallback = Query(text=query.text, clauses=list(query.clauses), excluded=list(query.excluded))
        query.fallback.words = query.words[:-1]
        _add_clauses(query.fallback, plain[:-1], last_is_prefix=False, equivalents=equivalents or {})
    _add_clauses(query, plain, last_is_prefix=last_is_prefix, equivalents=equivalents or {})
    return query


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


# PostgreSQL's vectors hold each pair of adjacent tokens of a field as one lexeme, the two joined
# by Arabic kaf: a letter (so the parser keeps the pair one word) that ``normalise`` turns into «ک»,
# so no token contains it (migration search/0005).
PAIR_JOINER = "\u0643"


def _seq_tsquery(seq: Seq) -> str:
    parts = [_lexeme(t) for t in seq.tokens]
    if seq.prefix:
        parts[-1] += ":*"
    if len(parts) == 1:
        return parts[0]
    phrase = "(" + " <-> ".join(parts) + ")"
    if seq.prefix:
        return phrase
    # The GIN index answers pair lexemes exactly, without rechecking any position list: a
    # two-word phrase is its pair; a longer one needs its pairs and then the positions.
    pairs = [_lexeme(a + PAIR_JOINER + b) for a, b in pairwise(seq.tokens)]
    return pairs[0] if len(pairs) == 1 else "(" + " & ".join([*pairs, phrase]) + ")"


def to_tsquery(node: Node) -> str:
    """PostgreSQL ``to_tsquery('simple', …)`` source: pair lexemes and ``<->`` for adjacency,
    ``:*`` for prefix."""
    if isinstance(node, Seq):
        return _seq_tsquery(node)
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
