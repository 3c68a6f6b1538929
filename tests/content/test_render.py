"""Markdown → safe HTML: what renders, and what never survives sanitising."""

from __future__ import annotations

import threading

import pytest

from medguide.content.render import markdown_to_html


def test_basic_markdown_renders() -> None:
    html = markdown_to_html("## Dose\n\n**Adults:** one *small* tablet.\n\n- a\n- b\n")
    assert "<h2>Dose</h2>" in html
    assert "<strong>Adults:</strong>" in html and "<em>small</em>" in html
    assert html.count("<li>") == 2


def test_tables_from_the_extra_extension() -> None:
    html = markdown_to_html("| Age | Dose |\n|---|---|\n| 2-5 | 1 mL |\n")
    assert "<table>" in html and "<td>1 mL</td>" in html


def test_citation_superscript_links_survive() -> None:
    html = markdown_to_html("Text<sup>[1](#ref-1), [2](#ref-2)</sup>")
    assert '<sup><a href="#ref-1"' in html and 'href="#ref-2"' in html


@pytest.mark.parametrize(
    ("markdown", "forbidden"),
    [
        ("hi <script>alert('x')</script> there", ["<script", "alert("]),
        ("<style>body{display:none}</style>ok", ["<style", "display:none"]),
        ('<iframe src="https://example.org"></iframe>', ["<iframe"]),
        ("[click](javascript:alert(1))", ["javascript:"]),
        ("[data](data:text/html;base64,PHNjcmlwdD4=)", ["data:"]),
        ("[proto](//evil.example/x)", ["evil.example"]),
        ("![pic](https://example.org/track.png)", ["<img", "track.png"]),
        ('<img src="x" onerror="alert(1)">', ["<img", "onerror"]),
        ('<a href="https://ok.example" onclick="steal()">x</a>', ["onclick"]),
        ('<form action="https://x"><input name="q"></form>', ["<form", "<input"]),
        ('<p style="color:red">x</p>', ["style="]),
    ],
)
def test_dangerous_input_never_survives(markdown: str, forbidden: list[str]) -> None:
    html = markdown_to_html(markdown)
    for bad in forbidden:
        assert bad not in html


@pytest.mark.parametrize(
    "link",
    ["https://example.org/a", "http://example.org/b", "mailto:desk@example.org", "#ref-3"],
)
def test_safe_links_are_kept(link: str) -> None:
    assert f'href="{link}"' in markdown_to_html(f"[x]({link})")


def test_rendering_is_safe_across_threads() -> None:
    expected = {n: markdown_to_html(f"# Title {n}\n\n*item {n}*") for n in range(8)}
    results: dict[int, list[str]] = {n: [] for n in range(8)}

    def work(n: int) -> None:
        for _ in range(50):
            results[n].append(markdown_to_html(f"# Title {n}\n\n*item {n}*"))

    threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for n, outputs in results.items():
        assert set(outputs) == {expected[n]}


def test_footnote_state_does_not_leak_between_calls() -> None:
    first = markdown_to_html("Claim[^a]\n\n[^a]: Note one.")
    second = markdown_to_html("Plain text.")
    assert "Note one" in first
    assert "Note one" not in second
