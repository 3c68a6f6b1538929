"""Search behaviour over a small hand-made database: tables of (query, expected drug)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine

from medguide.core.model import AliasKind
from medguide.core.text import fold
from medguide.core.views import MatchKind
from medguide.store.schema import SEARCH_INDEX_DDL, Base
from medguide.store.search.engine import SearchEngine
from medguide.store.search.fts import SNIPPET_MARK

# slug, name, [(alias, kind)], text (our own wording)
DRUGS: list[tuple[str, str, list[tuple[str, str]], str]] = [
    (
        "romiplostim",
        "Romiplostim",
        [("Nplate", "brand")],
        "Raises the platelet count in adults with immune thrombocytopenia and low platelets.",
    ),
    (
        "romidepsin",
        "Romidepsin",
        [("Istodax", "brand")],
        "A medicine given by drip for some lymphomas of the skin.",
    ),
    (
        "paracetamol",
        "Paracetamol",
        [("Tylenol", "brand"), ("Panadol", "brand"), ("acetaminophen", "synonym")],
        "Eases mild pain and brings down a fever.",
    ),
    (
        "salbutamol",
        "Salbutamol",
        [("Ventolin", "brand"), ("albuterol", "synonym")],
        "Opens the airways quickly during an asthma attack.",
    ),
    ("metformin", "Metformin", [("Glucophage", "brand")], "Lowers blood sugar in type 2 diabetes."),
    (
        "metronidazole",
        "Metronidazole",
        [("Flagyl", "brand")],
        "Treats some infections caused by bacteria and parasites.",
    ),
    (
        "lisinopril",
        "Lisinopril",
        [("Zestril", "brand")],
        "Lowers blood pressure and protects the heart.",
    ),
    (
        "rivastigmine",
        "Rivastigmine",
        [("Exelon", "brand")],
        "Helps memory in mild dementia; take care with other medicines that cause drowsiness.",
    ),
    (
        "zolpidem",
        "Zolpidem",
        [("Ambien", "brand")],
        "A sleeping pill for short-term trouble falling asleep.",
    ),
    (
        "alendronate",
        "Alendronate",
        [("Fosamax", "brand")],
        "Strengthens bones in osteoporosis after the menopause.",
    ),
    (
        "hydroxyzine",
        "Hydroxyzine",
        [("Atarax", "brand")],
        "An antihistamine for itching and for anxiety.",
    ),
    ("hydralazine", "Hydralazine", [], "Relaxes blood vessels to lower high blood pressure."),
    (
        "celecoxib",
        "Celecoxib",
        [("Celebrex", "brand")],
        "Eases joint pain and swelling in arthritis.",
    ),
    ("citalopram", "Citalopram", [("Celexa", "brand")], "An antidepressant for low mood."),
    (
        "abacavir-lamivudine",
        "Abacavir + Lamivudine",
        [("Epzicom", "brand")],
        "Two HIV medicines in one tablet.",
    ),
    ("abacavir", "Abacavir", [("Ziagen", "brand")], "An HIV medicine taken with others."),
    ("beta-carotene", "Beta-Carotene", [], "A plant pigment the body turns into vitamin A."),
    (
        "trazodone",
        "Trazodone",
        [("Desyrel", "brand")],
        "An antidepressant sometimes used for sleep.",
    ),
    ("tramadol", "Tramadol", [("Ultram", "brand")], "A strong pain reliever."),
    (
        "insulin-glargine",
        "Insulin Glargine",
        [("Lantus", "brand")],
        "Long-acting insulin injected once a day.",
    ),
]


@dataclass
class FakeDb:
    """Stand-in for ``Database``: the search engine only needs ``.engine``."""

    engine: Engine


def build_db(path: Path, drugs: list[tuple[str, str, list[tuple[str, str]], str]]) -> FakeDb:
    """A database file holding ``drugs`` in the schema tables and the FTS5 index."""
    engine = create_engine(f"sqlite:///{path}")
    Base.metadata.create_all(engine)
    with engine.begin() as conn:
        conn.exec_driver_sql(SEARCH_INDEX_DDL)
        for drug_id, (slug, name, aliases, text) in enumerate(drugs, 1):
            conn.exec_driver_sql(
                "INSERT INTO drugs (id, slug, name, unstructured) VALUES (?, ?, ?, 0)",
                (drug_id, slug, name),
            )
            conn.exec_driver_sql(
                "INSERT INTO search_index (drug_id, field, text) VALUES (?, 'name', ?)",
                (drug_id, name),
            )
            for alias, kind in aliases:
                conn.exec_driver_sql(
                    "INSERT INTO aliases (drug_id, name, name_folded, kind) VALUES (?, ?, ?, ?)",
                    (drug_id, alias, fold(alias), kind),
                )
                conn.exec_driver_sql(
                    "INSERT INTO search_index (drug_id, field, text) VALUES (?, 'alias', ?)",
                    (drug_id, alias),
                )
            conn.exec_driver_sql(
                "INSERT INTO search_index (drug_id, field, text) VALUES (?, 'section', ?)",
                (drug_id, text),
            )
    return FakeDb(engine)


@pytest.fixture
def search(tmp_path: Path) -> Iterator[SearchEngine]:
    db = build_db(tmp_path / "search.sqlite", DRUGS)
    engine = SearchEngine(db)
    yield engine
    engine.close()
    db.engine.dispose()


@pytest.mark.parametrize(
    ("query", "expected", "kind"),
    [
        ("romiplostim", "romiplostim", MatchKind.EXACT),
        ("Romiplostim", "romiplostim", MatchKind.EXACT),
        ("  ROMIPLOSTIM ", "romiplostim", MatchKind.EXACT),
        ("Nplate", "romiplostim", MatchKind.EXACT),
        ("Tylenol", "paracetamol", MatchKind.EXACT),
        ("acetaminophen", "paracetamol", MatchKind.EXACT),
        ("albuterol", "salbutamol", MatchKind.EXACT),
        ("Ventolin", "salbutamol", MatchKind.EXACT),
        ("abacavir + lamivudine", "abacavir-lamivudine", MatchKind.EXACT),
        ("lamivudine and abacavir", "abacavir-lamivudine", MatchKind.EXACT),
        ("abacavir/lamivudine", "abacavir-lamivudine", MatchKind.EXACT),
        ("beta carotene", "beta-carotene", MatchKind.EXACT),
        ("betacarotene", "beta-carotene", MatchKind.EXACT),
        ("insulin glargine", "insulin-glargine", MatchKind.EXACT),
        ("romiplastin", "romiplostim", MatchKind.FUZZY),
        ("metfromin", "metformin", MatchKind.FUZZY),
        ("lisinapril", "lisinopril", MatchKind.FUZZY),
        ("kisinopril", "lisinopril", MatchKind.FUZZY),
        ("ventalin", "salbutamol", MatchKind.FUZZY),
        ("romip", "romiplostim", MatchKind.PREFIX),
        ("parac", "paracetamol", MatchKind.PREFIX),
        ("insulin gl", "insulin-glargine", MatchKind.PREFIX),
        ("osteoporosis", "alendronate", MatchKind.TEXT),
        ("low platelets", "romiplostim", MatchKind.TEXT),
        ("airways asthma", "salbutamol", MatchKind.TEXT),
    ],
)
def test_first_hit(search: SearchEngine, query: str, expected: str, kind: MatchKind) -> None:
    hits = search.search(query).hits
    assert hits, query
    assert (hits[0].slug, hits[0].match) == (expected, kind)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("how does rivatigmine interact with sleeping pills", "rivastigmine"),
        ("Can I take Tylenol with a cold?", "paracetamol"),
        ("what are the side effects of metfromin?", "metformin"),
        ("is lisinopril safe when I have a cough and high blood pressure", "lisinopril"),
        ("What is the recommended dose of Nplate for adults with low platelets?", "romiplostim"),
    ],
)
def test_whole_questions_put_the_named_drug_first(
    search: SearchEngine, query: str, expected: str
) -> None:
    assert search.search(query).hits[0].slug == expected


def test_prefix_while_typing_lists_every_match(search: SearchEngine) -> None:
    slugs = [h.slug for h in search.search("romi").hits]
    assert slugs[:2] == ["romidepsin", "romiplostim"]
    assert all(h.match is MatchKind.PREFIX for h in search.search("romi").hits)


def test_ranking_bands_never_go_backwards(search: SearchEngine) -> None:
    order = list(MatchKind)
    for query in ("paracetamol", "romi", "blood pressure", "metfromin", "abacavir"):
        kinds = [order.index(h.match) for h in search.search(query).hits]
        assert kinds == sorted(kinds), query


@pytest.mark.parametrize(
    ("query", "reason_words"),
    [
        ("Nplate", "brand name Nplate"),
        ("albuterol", "also called albuterol"),
        ("romiplastin", "did you mean Romiplostim?"),
    ],
)
def test_each_hit_says_why(search: SearchEngine, query: str, reason_words: str) -> None:
    assert reason_words in search.search(query).hits[0].reason


def test_text_hits_carry_a_marked_snippet(search: SearchEngine) -> None:
    hit = search.search("osteoporosis").hits[0]
    assert hit.snippet is not None
    assert f"{SNIPPET_MARK}osteoporosis{SNIPPET_MARK}" in hit.snippet


def test_fuzzy_match_is_a_suggestion_not_a_silent_swap(search: SearchEngine) -> None:
    response = search.search("romiplastin")
    assert response.suggestion == "Romiplostim"
    assert response.query == "romiplastin"
    assert search.search("romiplostim").suggestion is None


def test_question_suggestion_rewrites_only_the_misspelt_word(search: SearchEngine) -> None:
    response = search.search("how does rivatigmine interact with sleeping pills")
    assert response.suggestion is not None
    assert "rivastigmine" in response.suggestion.lower()
    assert "sleeping pills" in response.suggestion


@pytest.mark.parametrize(
    ("query", "pair"),
    [
        ("hydroxyzine", {"hydroxyzine", "hydralazine"}),
        ("hydralazine", {"hydroxyzine", "hydralazine"}),
        ("Celebrex", {"celecoxib", "citalopram"}),
        ("celexa", {"celecoxib", "citalopram"}),
        ("metfromin", {"metformin", "metronidazole"}),
    ],
)
def test_look_alike_names_show_both_with_a_warning(
    search: SearchEngine, query: str, pair: set[str]
) -> None:
    response = search.search(query)
    assert response.lasa_warning
    assert pair <= {h.slug for h in response.hits}


def test_no_look_alike_warning_for_an_ordinary_name(search: SearchEngine) -> None:
    assert search.search("romiplostim").lasa_warning is None


def test_limit_is_respected(search: SearchEngine) -> None:
    assert len(search.search("a", limit=3).hits) <= 3
    assert search.search("romiplostim", limit=0).hits == ()


def test_reload_sees_new_drugs(tmp_path: Path) -> None:
    path = tmp_path / "grow.sqlite"
    db = build_db(path, DRUGS[:2])
    engine = SearchEngine(db)
    assert not engine.search("zolpidem").hits
    with db.engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO drugs (id, slug, name, unstructured) "
            "VALUES (99, 'zolpidem', 'Zolpidem', 0)"
        )
    engine.reload()
    assert engine.search("zolpidem").hits[0].slug == "zolpidem"
    engine.close()
    db.engine.dispose()


def test_searches_from_several_threads(search: SearchEngine) -> None:
    results: list[str] = []
    errors: list[BaseException] = []

    def worker() -> None:
        try:
            for _ in range(20):
                results.append(search.search("low platelets").hits[0].slug)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert set(results) == {"romiplostim"}


def test_elapsed_time_is_reported(search: SearchEngine) -> None:
    response = search.search("romiplostim")
    assert response.elapsed_ms > 0
    assert search.load_ms > 0
    assert search.name_count >= len(DRUGS)


# ------------------------------------------------------------------ queries that must not break

ODD_QUERIES = [
    "",
    " ",
    "\t\n",
    '"',
    '""',
    "*",
    "**",
    "NEAR(",
    "NEAR(romiplostim",
    "romiplostim NEAR/2 platelet",
    "'; DROP TABLE drugs; --",
    "romiplostim' OR '1'='1",
    "text:platelets",
    "name:*",
    "AND OR NOT",
    "^romi",
    "(((",
    "%_%",
    "\x00",
    "😀💊",
    "パラセタモール",
    "paracétamol",
    "a" * 10_000,
    "romiplostim " * 2_000,
    "? ? ?",
    "-",
    "+",
]


@pytest.mark.parametrize("query", ODD_QUERIES, ids=range(len(ODD_QUERIES)))
def test_odd_queries_never_raise(search: SearchEngine, query: str) -> None:
    response = search.search(query)
    assert isinstance(response.hits, tuple)
    assert response.query == query
    assert all(h.slug for h in response.hits)


@pytest.mark.parametrize("query", ["", " ", '"', "*", "NEAR(", "\x00", "(((", "-"])
def test_queries_without_words_find_nothing(search: SearchEngine, query: str) -> None:
    assert search.search(query).hits == ()


def test_tables_survive_a_hostile_query(search: SearchEngine) -> None:
    search.search("'; DROP TABLE drugs; --")
    assert search.search("romiplostim").hits[0].slug == "romiplostim"


def test_accents_are_folded(search: SearchEngine) -> None:
    assert search.search("paracétamol").hits[0].slug == "paracetamol"


def test_non_string_query_is_treated_as_empty(search: SearchEngine) -> None:
    assert search.search(None).hits == ()  # type: ignore[arg-type]


def test_stored_brand_kinds_give_their_reasons(tmp_path: Path) -> None:

    drugs = [
        ("abacavir", "Abacavir", [("Epzicom", AliasKind.INGREDIENT_OF_BRAND)], "x"),
        ("abacavir-lamivudine", "Abacavir + Lamivudine", [("Epzicom", "brand")], "y"),
        ("lisinopril", "Lisinopril", [("Prinivil", "brand")], "z"),
    ]
    db = build_db(tmp_path / "brands.sqlite", drugs)
    engine = SearchEngine(db)
    hit = engine.search("prinivil").hits[0]
    assert (hit.slug, hit.match, hit.reason) == (
        "lisinopril",
        MatchKind.EXACT,
        "brand name Prinivil",
    )
    hits = engine.search("epzicom").hits
    assert [(h.slug, h.reason) for h in hits[:2]] == [
        ("abacavir-lamivudine", "brand name Epzicom"),
        ("abacavir", "an ingredient of Epzicom"),
    ]
    engine.close()
    db.engine.dispose()


def test_search_engine_reads_no_brand_file() -> None:
    import inspect

    # Brands come from the aliases stored at import; the engine takes no brand table.
    assert "brands" not in inspect.signature(SearchEngine).parameters


_FUZZ_ALPHABET = "abcdeilmnoprstuz AEIOU\"*^():+-'%_;,.?!/\\NEAR{}[]0123456789é日\t"


@pytest.mark.parametrize("seed", range(5))
def test_random_queries_never_raise(search: SearchEngine, seed: int) -> None:
    import random

    rng = random.Random(seed)
    for _ in range(60):
        length = rng.choice((1, 2, 5, 12, 40, 300))
        query = "".join(rng.choice(_FUZZ_ALPHABET) for _ in range(length))
        response = search.search(query, limit=rng.choice((1, 10, 50)))
        assert response.query == query
        assert len({h.slug for h in response.hits}) == len(response.hits)
