"""Which substance a drug is: the same name rules for labels, pages and search.

A label names ``ATORVASTATIN CALCIUM``, an RxHive page ``Atorvastatin``, a UK page
``Paracetamol``, another ``Clonazepam .`` or ``Ibuprofen (systemic)``: ``substance_key`` reduces
each to one key (salt, ester and hydrate words dropped unless the whole name is a salt, a
biosimilar's four-letter suffix dropped, route remarks such as "(systemic)" dropped, the
international name turned into the US one, the ingredients of a combination sorted), so that
pages and labels of one substance join one drug.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from medguide.core.name_keys import name_key

# Counter-ions, esters and hydrate words that follow the active moiety in a label's generic
# name; "atorvastatin calcium trihydrate" is the drug atorvastatin.
SALT_WORDS: frozenset[str] = frozenset(
    [
        "acetate",
        "acetonide",
        "axetil",
        "benzoate",
        "besilate",
        "besylate",
        "bitartrate",
        "bromide",
        "butyrate",
        "calcium",
        "carbonate",
        "chloride",
        "cilexetil",
        "citrate",
        "cypionate",
        "decanoate",
        "diacetate",
        "dihydrate",
        "dihydrochloride",
        "dimesylate",
        "dipotassium",
        "dipropionate",
        "disodium",
        "edisylate",
        "embonate",
        "enanthate",
        "erbumine",
        "fumarate",
        "furoate",
        "gluconate",
        "hbr",
        "hcl",
        "hemifumarate",
        "hemihydrate",
        "hemisulfate",
        "heptahydrate",
        "hexahydrate",
        "hyclate",
        "hydrate",
        "hydrobromide",
        "hydrochloride",
        "hydroiodide",
        "iodide",
        "lactate",
        "magnesium",
        "malate",
        "maleate",
        "medoxomil",
        "meglumine",
        "mesilate",
        "mesylate",
        "monohydrate",
        "monosodium",
        "napsylate",
        "oxalate",
        "palmitate",
        "pamoate",
        "pentahydrate",
        "phosphate",
        "potassium",
        "propionate",
        "proxetil",
        "saccharate",
        "sesquihydrate",
        "sodium",
        "succinate",
        "sulfate",
        "sulphate",
        "tartrate",
        "tosylate",
        "trihydrate",
        "tromethamine",
        "valerate",
        "xinafoate",
        "anhydrous",
    ]
)
# Words that, left alone once the salt words are gone, mean the whole name is the salt itself
# ("potassium chloride", "ferrous sulfate", "magnesium sulfate", "lithium carbonate").
_INORGANIC_WORDS: frozenset[str] = frozenset(
    [
        "aluminium",
        "aluminum",
        "ammonium",
        "barium",
        "bismuth",
        "calcium",
        "chromic",
        "chromium",
        "cobalt",
        "copper",
        "cupric",
        "ferric",
        "ferrous",
        "gold",
        "iron",
        "lanthanum",
        "lithium",
        "magnesium",
        "manganese",
        "potassium",
        "selenium",
        "silver",
        "sodium",
        "stannous",
        "strontium",
        "titanium",
        "zinc",
    ]
)
_HYDRATE_WORDS: frozenset[str] = frozenset(
    [
        "anhydrous",
        "dihydrate",
        "heptahydrate",
        "hexahydrate",
        "hydrate",
        "monohydrate",
        "pentahydrate",
        "trihydrate",
        "hemihydrate",
        "sesquihydrate",
    ]
)
_NAME_SPLIT = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+|\s*[&/]\s*", re.IGNORECASE)


def base_name(name: str) -> str:
    """The active moiety of one ingredient name, lower case, salt/ester/hydrate words removed.

    ``"ATORVASTATIN CALCIUM TRIHYDRATE"`` → ``"atorvastatin"``; ``"Diphenhydramine HCl"`` →
    ``"diphenhydramine"``; ``"POTASSIUM CHLORIDE"`` stays ``"potassium chloride"``.
    """
    words = name.lower().split()
    kept = list(words)
    while len(kept) > 1 and kept[-1].strip(",.") in SALT_WORDS:
        kept.pop()
    if all(w in _INORGANIC_WORDS or w in SALT_WORDS for w in kept):
        # the whole name is a salt ("magnesium sulfate"): keep it, without hydrate words
        kept = [w for w in words if w not in _HYDRATE_WORDS] or words
    return " ".join(kept)


def split_ingredients(generic_name: str) -> list[str]:
    """The ingredient names of a generic name: ``"A, B AND C"`` → ``["A", "B", "C"]``."""
    parts = (p.strip(" ,.;") for p in _NAME_SPLIT.split(" ".join(generic_name.split())))
    return [p for p in parts if p]


# A bracketed remark in a name: "(systemic)", "(oral)", "[paracetamol]" say nothing new about
# the substance and are dropped; a route or form that makes another product ("(topical)",
# "(ophthalmic)", "(injection)") stays part of the key.
_REMARK = re.compile(r"\s*[(\[]([^)\]]*)[)\]]\s*")
_OTHER_PRODUCT_WORDS = frozenset(
    {
        "topical", "ophthalmic", "otic", "nasal", "vaginal", "rectal", "inhalation", "inhaled",
        "injection", "injectable", "intravenous", "transdermal", "dermal", "cream", "ointment",
        "gel", "patch", "eye", "ear",
    }
)  # fmt: skip
_BIOSIMILAR_SUFFIX = re.compile(r"-[a-z]{4}$")
_COMBINATION_SPLIT = re.compile(r"\s*\+\s*|\s*,\s*(?:and\s+)?|\s+and\s+|\s+with\s+|\s*/\s*", re.I)

UsName = Callable[[str], str]
"""The US name of an international name key (``"paracetamol"`` → ``"acetaminophen"``)."""


def ingredient_key(name: str, us_name: UsName | None = None) -> str:
    """The key of one ingredient: folded words, salt words and biosimilar suffix dropped, in
    its US name."""
    text = _BIOSIMILAR_SUFFIX.sub("", name.strip().lower())
    key = name_key(base_name(name_key(text)))
    if us_name is not None:
        key = us_name(key)
    return key


def _keep_product_remark(match: re.Match[str]) -> str:
    words = set(match.group(1).lower().split())
    return f" {match.group(1)} " if words & _OTHER_PRODUCT_WORDS else " "


def substance_key(name: str, ingredients: str = "", us_name: UsName | None = None) -> str:
    """The key of a drug's substance, from its ingredients (`` + ``-joined) when a document
    named them, else from its name; combinations are their sorted ingredient keys."""
    source = ingredients or _REMARK.sub(_keep_product_remark, name)
    parts = [p for p in _COMBINATION_SPLIT.split(source) if p.strip()]
    keys = sorted({k for p in parts if (k := ingredient_key(p, us_name))})
    return " + ".join(keys)
