"""A tiny line-based document format and a parse function for it, so importer tests do not
depend on the real readers.

Each line is ``key: value``. Keys: ``format`` (rxhive, qa-article, medguide-library), ``slug``,
``name``, ``class``, ``brand``, ``audience``, a section kind (``usage``, ``mechanism`` …) whose
value is the section text, ``faq`` (``question | answer``), ``unstructured``, and for articles
``question``, ``focus``, ``focus_name``, ``mentions`` (comma-separated). ``reject: reason``
makes the parse fail with that reason.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from medguide.core.model import (
    Alias,
    AliasKind,
    Audience,
    FaqItem,
    ParsedArticle,
    ParsedDocument,
    ParsedDrug,
    ParsedSection,
    ParseResult,
    Rejected,
    SectionKind,
    SourceFormat,
    SourceInfo,
)
from medguide.core.text import slugify

KINDS = {kind.value for kind in SectionKind} - {SectionKind.FAQ.value}


def fake_parse(path: Path) -> ParseResult:
    """Parse the test format (see the module docstring)."""
    fields: dict[str, list[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        key, sep, value = line.partition(":")
        if sep:
            fields.setdefault(key.strip(), []).append(value.strip())
    origin = str(path)
    if "reject" in fields:
        return Rejected(origin, fields["reject"][0])
    fmt = SourceFormat(fields.get("format", ["rxhive"])[0])
    source = SourceInfo(format=fmt, origin=origin, title=fields.get("title", [path.stem])[0])
    audience = Audience(fields.get("audience", ["patient"])[0])
    if "question" in fields:
        focus = fields.get("focus", [""])[0]
        mentions = fields.get("mentions", [""])[0]
        article = ParsedArticle(
            question=fields["question"][0],
            title=fields.get("title", ["An article"])[0],
            body_markdown=fields.get("body", ["The article body."])[0],
            focus=SectionKind(focus) if focus else None,
            focus_name=fields.get("focus_name", [None])[0],
            mentioned_names=tuple(m.strip() for m in mentions.split(",") if m.strip()),
        )
        return ParsedDocument(source=source, article=article)
    name = fields["name"][0]
    drug = ParsedDrug(
        slug=fields.get("slug", [slugify(name)])[0],
        name=name,
        aliases=tuple(Alias(b, AliasKind.BRAND) for b in fields.get("brand", [])),
        drug_class=fields.get("class", [None])[0],
        sections=tuple(
            ParsedSection(SectionKind(key), audience, text)
            for key, values in fields.items()
            if key in KINDS
            for text in values
        ),
        faqs=tuple(
            FaqItem(q.strip(), a.strip(), audience)
            for q, _, a in (f.partition("|") for f in fields.get("faq", []))
        ),
        unstructured="unstructured" in fields,
    )
    return ParsedDocument(source=source, drugs=(drug,))


def fake_aliases(names: Sequence[str]) -> Mapping[str, Sequence[Alias]]:
    """A pretend drug-name dictionary: a few known synonyms."""
    table = {
        "Paracetamol": (
            Alias("Acetaminophen", AliasKind.SYNONYM),
            Alias("Tylenol", AliasKind.BRAND),
        ),
        "Romiplostim": (Alias("Nplate", AliasKind.BRAND), Alias("romiplostim", AliasKind.SYNONYM)),
    }
    return {name: table.get(name, ()) for name in names}


def write_doc(folder: Path, name: str, lines: Sequence[str]) -> Path:
    """Write one test document and return its path."""
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
