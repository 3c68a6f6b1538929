"""Label markup → markdown: pipe tables (spans, escaping, captions, footnotes), layout
tables, lists and inline styles, and the escaping of plain label text."""

from __future__ import annotations

import pytest

from medguide.content.label_common import escape_text, parse_fragment
from medguide.content.label_tables import (
    first_table,
    html_table_to_markdown,
    is_layout_table,
    narrative_blocks,
    table_to_markdown,
)
from medguide.content.render import markdown_to_html


def _table(markup: str) -> str:
    return html_table_to_markdown(markup)


def test_header_from_thead_and_body_rows() -> None:
    markdown = _table(
        "<table><thead><tr><th>Dose</th><th>Times a day</th></tr></thead>"
        "<tbody><tr><td>10 mg</td><td>1</td></tr><tr><td>20 mg</td><td>2</td></tr></tbody></table>"
    )
    assert markdown == ("| Dose | Times a day |\n| --- | --- |\n| 10 mg | 1 |\n| 20 mg | 2 |")
    html = markdown_to_html(markdown)
    assert "<table>" in html and "<th>Dose</th>" in html and "<td>20 mg</td>" in html


def test_header_from_the_first_row_without_thead() -> None:
    markdown = _table(
        "<table><tbody><tr><td><content styleCode='bold'>Group</content></td><td>N</td></tr>"
        "<tr><td>Placebo</td><td>12</td></tr></tbody></table>"
    )
    assert markdown.splitlines()[0] == "| **Group** | N |"
    assert markdown.splitlines()[2] == "| Placebo | 12 |"


def test_rows_directly_in_the_table_and_several_header_rows() -> None:
    markdown = _table(
        "<table><thead><tr><th>A</th><th>B</th></tr><tr><th>a1</th><th>b1</th></tr></thead>"
        "<tr><td>x</td><td>y</td></tr></table>"
    )
    assert markdown.splitlines() == ["| A | B |", "| --- | --- |", "| a1 | b1 |", "| x | y |"]


def test_colspan_leaves_the_spanned_columns_empty_and_rowspan_repeats() -> None:
    markdown = _table(
        "<table><thead><tr><th>Group</th><th colspan='2'>Dose</th></tr></thead><tbody>"
        "<tr><td rowspan='2'>Adults</td><td>10 mg</td><td>daily</td></tr>"
        "<tr><td>20 mg</td><td>twice</td></tr>"
        "<tr><td colspan='3'>A note across the table</td></tr></tbody></table>"
    )
    assert markdown.splitlines() == [
        "| Group | Dose |   |",
        "| --- | --- | --- |",
        "| Adults | 10 mg | daily |",
        "| Adults | 20 mg | twice |",
        "| A note across the table |   |   |",
    ]


def test_a_rowspan_in_the_last_column_and_a_hostile_span_stay_bounded() -> None:
    markdown = _table(
        "<table><tr><th>a</th><th>b</th></tr>"
        "<tr><td>1</td><td rowspan='999999999'>tall</td></tr>"
        "<tr><td>2</td></tr><tr><td colspan='100000'>wide</td></tr></table>"
    )
    lines = markdown.splitlines()
    assert lines[2] == "| 1 | tall |" and lines[3] == "| 2 | tall |"
    assert lines[4] == "| wide |   |"  # a cell spanning into a spanned one: the table is broken
    assert all(line.count("|") <= 3 for line in lines)  # empty spanned columns dropped


def test_cells_are_one_line_with_pipes_escaped() -> None:
    markdown = _table(
        "<table><tr><th>Item</th><th>Notes</th></tr><tr><td>a | b</td>"
        "<td><paragraph>first part</paragraph><paragraph>second\npart</paragraph>"
        "<list><item>one</item><item>two</item></list>line<br/>break</td></tr></table>"
    )
    row = markdown.splitlines()[2]
    assert row == "| a \\| b | first part second part • one • two line break |"
    assert "<td>a | b</td>" in markdown_to_html(markdown)


def test_caption_above_and_footnotes_below() -> None:
    markdown = _table(
        "<table><caption>Table 3: Made-up results</caption>"
        "<tfoot><tr><td colspan='2'>Numbers are invented.</td></tr></tfoot>"
        "<tbody><tr><td>Rate<footnote>Per hundred people.</footnote></td><td>4%</td></tr>"
        "<tr><td>Other</td><td>1%</td></tr></tbody></table>"
    )
    blocks = markdown.split("\n\n")
    assert blocks[0] == "**Table 3: Made-up results**"
    assert blocks[1].splitlines()[0] == "| Rate<sup>1</sup> | 4% |"
    assert blocks[2:] == ["Numbers are invented.", "<sup>1</sup> Per hundred people."]
    html = markdown_to_html(markdown)
    assert "<sup>1</sup>" in html and "<strong>Table 3: Made-up results</strong>" in html


def test_a_table_without_cell_text_keeps_its_caption_picture_and_notes() -> None:
    markdown = _table(
        "<table><caption>Figure 2: A curve</caption><tfoot><tr><td>Drawn for the test.</td>"
        "</tr></tfoot><tbody><tr><td><renderMultiMedia referencedObject='f2'/></td></tr>"
        "</tbody></table>"
    )
    assert markdown.split("\n\n") == [
        "**Figure 2: A curve**",
        "*(picture in the original label, not shown)*",
        "Drawn for the test.",
    ]
    assert _table("<table><tbody><tr><td> </td></tr></tbody></table>") == ""
    assert html_table_to_markdown("<p>no table here</p>") == ""


def test_a_single_column_table_renders() -> None:
    markdown = _table("<table><tr><td>Only</td></tr><tr><td>column</td></tr></table>")
    assert markdown == "| Only |\n| --- |\n| column |"
    assert "<td>column</td>" in markdown_to_html(markdown)


def test_markup_in_cells_is_escaped_and_styles_kept() -> None:
    markdown = _table(
        "<table><tr><th>x</th></tr><tr><td>2*3 and a_b and [1] and &lt;b&gt;bold&lt;/b&gt; "
        "<content styleCode='italics'>slanted</content> H<sub>2</sub>O "
        "10<sup>9</sup>/L Brand<sup>®</sup></td></tr></table>"
    )
    row = markdown.splitlines()[2]
    assert row == (
        "| 2\\*3 and a\\_b and \\[1\\] and &lt;b>bold&lt;/b> *slanted* H<sub>2</sub>O "
        "10<sup>9</sup>/L Brand® |"
    )
    html = markdown_to_html(markdown)
    assert "2*3 and a_b and [1] and &lt;b&gt;bold&lt;/b&gt; <em>slanted</em>" in html


def test_html_that_is_not_well_formed_is_still_read() -> None:
    markdown = _table(
        "<table><tr><th>Name&nbsp;here</th><th>Value</th></tr>"
        "<tr><td>open cell<td>next</tr></table>"
    )
    assert markdown.splitlines()[0] == "| Name here | Value |"
    assert markdown.splitlines()[2] == "| open cell | next |"


def test_an_entity_bomb_in_a_table_fragment_is_not_expanded() -> None:
    bomb = (
        '<!DOCTYPE t [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        "<table><tr><td>&b;</td></tr></table>"
    )
    markdown = _table(bomb)
    assert "aaaaaaaaaa" not in markdown


def test_layout_tables_are_told_from_data_tables() -> None:
    long_text = "Words of a guide laid out in a table. " * 30
    layout = first_table(parse_fragment(f"<table><tr><td>{long_text}</td></tr></table>"))
    data = first_table(parse_fragment("<table><tr><td>a</td><td>b</td></tr></table>"))
    two_column = first_table(
        parse_fragment(f"<table><tr><td>Impact:</td><td>{long_text}</td></tr></table>")
    )
    assert layout is not None and data is not None and two_column is not None
    assert is_layout_table(layout)
    assert not is_layout_table(data)
    assert not is_layout_table(data, share=0.9)  # prescribing information: data table
    assert is_layout_table(data, share=0.9, patient=True)  # a guide laid out as a table
    assert not is_layout_table(two_column)
    assert is_layout_table(two_column, patient=True)


def test_a_layout_table_becomes_its_paragraphs_and_lists() -> None:
    long_text = "A long paragraph of invented guide text. " * 20
    container = parse_fragment(
        "<table><tr><td><paragraph><content styleCode='bold'>What is Testo?</content>"
        f"</paragraph><paragraph>{long_text}</paragraph><list><item>first</item>"
        "<item>second</item></list></td></tr></table>"
    )
    blocks = narrative_blocks(container, patient=True)
    assert blocks[0] == "**What is Testo?**"
    assert blocks[1].startswith("A long paragraph")
    assert blocks[2] == "- first\n- second"


def test_lists_nest_and_ordered_lists_number() -> None:
    container = parse_fragment(
        "<list listType='ordered'><item>one</item><item>two<list><item>inner</item>"
        "<item><caption>•</caption>caption dropped</item></list></item></list>"
        "<list listType='ordered'><item><caption>o</caption>bullet captions</item></list>"
        "<list><item>heart disease • high blood pressure</item><item>1. starts a list</item>"
        "</list>"
    )
    blocks = narrative_blocks(container)
    assert blocks[0] == "1. one\n2. two\n    - inner\n    - caption dropped"
    assert blocks[1] == "- bullet captions"  # an "ordered" list with bullet captions
    assert blocks[2] == "- heart disease\n- high blood pressure\n- 1\\. starts a list"
    html = markdown_to_html("\n\n".join(blocks))
    assert html.count("<ol>") == 1 and "<li>1. starts a list</li>" in html


def test_paragraphs_lines_and_bullets_in_running_text() -> None:
    container = parse_fragment(
        "<paragraph><content styleCode='bold'>Reported problems:</content><br/>• first one"
        "<br/>• second one</paragraph><paragraph>## not a heading</paragraph>"
        "text outside <content styleCode='bold underline'> any </content> paragraph"
    )
    assert narrative_blocks(container) == [
        "**Reported problems:**",
        "- first one\n- second one",
        "\\## not a heading",
        "text outside **any** paragraph",
    ]


@pytest.mark.parametrize(
    ("text", "markdown"),
    [
        ("1. Take one tablet.", "1\\. Take one tablet."),
        ("12) Second point", "12\\) Second point"),
        ("# Not a heading", "\\# Not a heading"),
        ("- not a list", "\\- not a list"),
        ("+ not a list", "\\+ not a list"),
        ("> not a quote", "\\> not a quote"),
        ("---", "\\---"),
        (": not a definition", "&#58; not a definition"),
        ("2.5 mg daily", "2\\.5 mg daily"),
        ("Use *only* as_directed", "Use \\*only\\* as\\_directed"),
        ("see [5.1] and {x}", "see \\[5.1\\] and \\{x\\}"),
        ("a <b>tag</b> & &amp; entity", "a &lt;b>tag&lt;/b> & &amp;amp; entity"),
        ("back\\slash `code`", "back\\\\slash \\`code\\`"),
        ("  spaced \n  out  ", "spaced out"),
    ],
)
def test_plain_text_is_escaped(text: str, markdown: str) -> None:
    assert escape_text(text) == markdown


@pytest.mark.parametrize(
    "text",
    ["1. Take one tablet.", "# Not a heading", "- not a list", "Use *only* as_directed", "x<y"],
)
def test_escaped_text_renders_as_the_text(text: str) -> None:
    html = markdown_to_html(escape_text(text))
    assert html.startswith("<p>") and "<h1" not in html and "<li>" not in html
    assert "<em>" not in html


def test_table_to_markdown_takes_an_element() -> None:
    root = parse_fragment("<table><tr><td>a</td></tr><tr><td>b</td></tr></table>")
    table = first_table(root)
    assert table is not None
    assert table_to_markdown(table) == "| a |\n| --- |\n| b |"
