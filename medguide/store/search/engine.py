"""One query box over every drug: names, brand names, synonyms, misspellings, words and questions.

``SearchEngine(db).search(query)`` ranks drugs in four bands (``MatchKind`` order): exact name
or alias, prefix of a name, fuzzy name (shown as a suggestion, never applied silently), then
full-text hits with a snippet. A question ("how does rivatigmine interact with sleeping pills")
is read word by word: words that name a drug (or nearly do) find that drug, the other words go
to full-text search. Look-alike/sound-alike names add both drugs and a warning.

Names are held in memory (``NameIndex``), loaded at construction and again by ``reload()``
after an import. Brand names, synonyms and US/international name variants are the aliases the
importer stored (see ``import_names``); nothing is looked up in data files at start-up. Each
thread gets its own SQLite connection for the FTS5 queries.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
import time
from dataclasses import replace
from typing import Protocol

from sqlalchemy import Engine

from medguide.core.name_keys import (
    clean_query,
    content_words,
    fts_expression,
    name_key,
)
from medguide.core.views import MatchKind, SearchResponse
from medguide.store.gc_pause import cyclic_gc_paused
from medguide.store.search.fts import search_text
from medguide.store.search.lasa import NEAR, LasaTable
from medguide.store.search.names import NAME, NameIndex
from medguide.store.search.run import (
    Band,
    SearchRun,
    exact_reason,
    fuzzy_reason,
    mention_reason,
    prefix_reason,
)

_log = logging.getLogger(__name__)
_DRUG_ROWS_SQL = "SELECT id, slug, name FROM drugs"
_ALIAS_ROWS_SQL = "SELECT drug_id, name, kind FROM aliases"

_MAX_NAME_WORDS = 4
"""Queries of more words than this are read as questions only (no whole-query name match)."""
_MAX_QUESTION_WORDS = 40
_MAX_TEXT_TERMS = 12
_PHRASE_LENGTHS = (3, 2)

_QUESTION_FUZZY_CUTOFF = 0.75
_MIN_QUESTION_FUZZY = 5
_MAX_FUZZY_WORDS = 8
"""At most this many words of one query are tried as misspelt names (a pasted page is slow)."""
_CLOSE_SCORES = 0.05
"""Fuzzy matches of a question word this close to the best one are listed too."""
_FEW_PREFIX_HITS = 5
"""With fewer prefix hits than this (and no exact one), fuzzy matches are looked for too."""
_LASA_SAME = 0.95
"""A corrected or mentioned name must be this close to a look-alike name to count as it."""

_COMMON_WORD_ROWS = 25
"""A question word found in this many indexed texts is an ordinary word, not a misspelling."""
_COMMON_TERM_ROWS = 1000
"""Words in this many texts are left out of an any-word text search (too costly, too vague)."""
_COUNT_CACHE = 2048

_CACHE_KIB = 32_768
_MMAP_BYTES = 268_435_456


class HasEngine(Protocol):
    """What the engine needs from a database: its SQLAlchemy engine."""

    @property
    def engine(self) -> Engine: ...


class SearchEngine:
    """Ranked drug search; thread-safe, and never raises on any query text."""

    def __init__(self, db: HasEngine, lasa: LasaTable | None = None) -> None:
        """Load the names of ``db``; ``lasa`` defaults to the shipped look-alike file."""
        self._engine = db.engine
        self._lasa = lasa if lasa is not None else LasaTable.load()
        self._local = threading.local()
        self._connections: list[sqlite3.Connection] = []
        self._lock = threading.Lock()
        self._names = NameIndex({}, [])
        self._counts: dict[tuple[str, int], int] = {}
        self.load_ms = 0.0
        self.reload()

    # ------------------------------------------------------------------ set-up

    def reload(self) -> None:
        """Reload the in-memory names (call after an import); sets ``load_ms``."""
        start = time.perf_counter()
        with cyclic_gc_paused():  # tens of thousands of small objects, none of them garbage
            raw = self._engine.raw_connection()
            try:
                cursor = raw.cursor()
                cursor.execute(_DRUG_ROWS_SQL)
                drug_rows = list(cursor.fetchall())
                cursor.execute(_ALIAS_ROWS_SQL)
                alias_rows = list(cursor.fetchall())
            finally:
                raw.close()
            drugs = {r[0]: (r[1], r[2]) for r in drug_rows}
            own = [(r[0], r[2], NAME) for r in drug_rows]
            names = NameIndex(drugs, own + alias_rows)
        with self._lock:
            self._names = names
            self._counts = {}
        self.load_ms = (time.perf_counter() - start) * 1000.0

    @property
    def name_count(self) -> int:
        """How many names and aliases are held in memory."""
        return len(self._names)

    def close(self) -> None:
        """Close the per-thread connections opened so far."""
        with self._lock:
            for conn in self._connections:
                conn.close()
            self._connections.clear()
        self._local = threading.local()

    def _connection(self) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            url = self._engine.url
            database = url.database or ":memory:"
            conn = sqlite3.connect(
                database, uri=database.startswith("file:"), check_same_thread=False
            )
            # Read-only, with room to keep the hot index pages in memory.
            conn.execute("PRAGMA query_only = 1")
            conn.execute(f"PRAGMA cache_size = -{_CACHE_KIB}")
            conn.execute(f"PRAGMA mmap_size = {_MMAP_BYTES}")
            with self._lock:
                self._connections.append(conn)
            self._local.conn = conn
        return conn

    # ------------------------------------------------------------------ search

    def search(self, query: str, limit: int = 50) -> SearchResponse:
        """Drugs for ``query``, best first; see the module docstring for the ranking."""
        start = time.perf_counter()
        original = query if isinstance(query, str) else ""
        try:
            response = self._search(clean_query(query), max(0, int(limit)))
        except Exception:  # a search box must never crash the app, but the cause is logged
            _log.exception("search failed for a query of %d characters", len(original))
            response = SearchResponse(query=original)
        elapsed = (time.perf_counter() - start) * 1000.0
        return replace(response, query=original, elapsed_ms=elapsed)

    def _search(self, query: str, limit: int) -> SearchResponse:
        key = name_key(query)
        if not key or limit == 0:
            return SearchResponse(query=query)
        names = self._names
        run = SearchRun(limit)
        words = key.split()
        question = len(words) > _MAX_NAME_WORDS or query.rstrip().endswith("?")
        if not question:
            run.add_names(names.exact(key), MatchKind.EXACT, Band.EXACT, exact_reason)
            prefixed = names.prefix(key, limit)
            run.add_names(prefixed, MatchKind.PREFIX, Band.PREFIX, prefix_reason)
            if not run.has_exact and len(prefixed) < _FEW_PREFIX_HITS:
                run.add_names(names.fuzzy(key, limit), MatchKind.FUZZY, Band.FUZZY, fuzzy_reason)
        if len(words) > 1:
            self._question_words(run, words[:_MAX_QUESTION_WORDS])
        terms = self._text_terms(query, run, question)
        if terms:
            self._add_text(run, terms)
        lasa_warning = self._add_lasa(run, key, question)
        hits = run.ranked()[:limit]
        suggestion = run.suggestion(query)
        return SearchResponse(
            query=query, hits=tuple(hits), suggestion=suggestion, lasa_warning=lasa_warning
        )

    def _question_words(self, run: SearchRun, words: list[str]) -> None:
        """Drug names inside a longer query: phrases of 3 and 2 words, then single words."""
        names = self._names
        covered: set[int] = set()
        for n in _PHRASE_LENGTHS:
            for i in range(len(words) - n + 1):
                if covered.intersection(range(i, i + n)):
                    continue
                phrase = " ".join(words[i : i + n])
                found = names.exact(phrase)
                if found:
                    run.add_names(found, MatchKind.EXACT, Band.MENTIONED, mention_reason)
                    covered.update(range(i, i + n))
        content = set(content_words(" ".join(words)))
        fuzzy_budget = _MAX_FUZZY_WORDS
        for i, word in enumerate(words):
            if i in covered or word not in content or len(word) < 4:
                continue
            found = names.exact(word)
            if found:
                run.add_names(found, MatchKind.EXACT, Band.MENTIONED, mention_reason)
                run.name_words.add(word)
                continue
            if len(word) < _MIN_QUESTION_FUZZY or fuzzy_budget <= 0:
                continue
            if self._is_common_word(word):
                continue
            fuzzy_budget -= 1
            fuzzy = names.fuzzy(word, 3, cutoff=_QUESTION_FUZZY_CUTOFF)
            if fuzzy:
                close = [m for m in fuzzy if m.score >= fuzzy[0].score - _CLOSE_SCORES]
                run.add_names(close, MatchKind.FUZZY, Band.QUESTION_FUZZY, fuzzy_reason)
                run.corrections[word] = fuzzy[0].entry.label
                run.name_words.add(word)

    def _is_common_word(self, word: str) -> bool:
        """True when ``word`` occurs in many indexed texts (so it is not a misspelled name)."""
        return self._occurrences(word, _COMMON_WORD_ROWS) >= _COMMON_WORD_ROWS

    def _occurrences(self, word: str, cap: int) -> int:
        """In how many indexed texts ``word`` occurs, counting no further than ``cap``."""
        cache_key = (word, cap)
        cached = self._counts.get(cache_key)
        if cached is not None:
            return cached
        sql = "SELECT count(*) FROM (SELECT 1 FROM search_index WHERE search_index MATCH ? LIMIT ?)"
        try:
            row = self._connection().execute(sql, (f'"{word}"', cap)).fetchone()
        except sqlite3.Error:
            return 0
        count = int(row[0]) if row else 0
        if len(self._counts) >= _COUNT_CACHE:
            self._counts.clear()
        self._counts[cache_key] = count
        return count

    def _text_terms(self, query: str, run: SearchRun, question: bool) -> list[str]:
        """The words to look for in the text: the meaningful words of the query.

        A single word is kept whatever it is; in longer queries stop words go, and so do words
        of a question that already named a drug.
        """
        words = name_key(query).split()
        if question:
            terms = [w for w in content_words(query) if w not in run.name_words]
        elif len(words) > 1:
            terms = content_words(query) or words
        else:
            terms = words
        return terms[:_MAX_TEXT_TERMS]

    def _add_text(self, run: SearchRun, terms: list[str]) -> None:
        """Text hits: all words first; failing that, any of the less common words.

        Skipped when drugs were already found by name and every word is very common.
        """
        conn = self._connection()
        if run.cands and all(
            self._occurrences(t, _COMMON_TERM_ROWS) >= _COMMON_TERM_ROWS for t in terms
        ):
            # Drugs were found by name and every word is everywhere in the text ("glucose",
            # or "arring", which the stemmer reads as "ar", like "are"): ranking thousands of
            # text rows would cost more than it tells.
            return
        # No prefix queries on the text: the porter stemmer cuts the typed stem first ("arring"
        # becomes "ar"*), which is slow and matches nonsense. Names are matched by prefix in
        # memory instead.
        matches = search_text(conn, fts_expression(terms), run.limit)
        if not matches and len(terms) > 1:
            counted = sorted((self._occurrences(t, _COMMON_TERM_ROWS), t) for t in terms)
            rare = [t for n, t in counted if 0 < n < _COMMON_TERM_ROWS]
            if not rare:
                rare = [t for n, t in counted[:1] if n > 0]
            if rare:
                expression = fts_expression(rare, any_term=True)
                matches = search_text(conn, expression, run.limit)
        for m in matches:
            run.add_text(m, self._names.drug(m.drug_id))

    def _add_lasa(self, run: SearchRun, key: str, question: bool) -> str | None:
        """Add the other drug of any look-alike pair a found drug belongs to; the warning line.

        A typed name counts when it is close to a name of the pair; a name corrected or found
        inside a question only when it is that name. The drug that was not found is placed
        right after the one that was, in the same band; pairs of which no drug was found by
        name are ignored.
        """
        probes = [] if question else [(key, NEAR)]
        probes += [(name_key(label), _LASA_SAME) for label in run.corrections.values()]
        probes += [(w, _LASA_SAME) for w in sorted(run.name_words - set(run.corrections))]
        names_seen: list[str] = []
        for probe, cutoff in probes:
            for _matched, pair in self._lasa.near(probe, cutoff):
                sides = [(label, self._names.exact(name_key(label))) for label in pair.names]
                if not all(found for _label, found in sides):
                    continue
                if run.add_partners([(label, found[0]) for label, found in sides]):
                    names_seen.extend(label for label in pair.names if label not in names_seen)
        if not names_seen:
            return None
        listed = ", ".join(names_seen[:-1]) + f" and {names_seen[-1]}"
        return f"Look-alike names: {listed} are easily confused. Check which one you mean."
