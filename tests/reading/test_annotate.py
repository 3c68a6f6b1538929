"""Glossary annotation of rendered HTML: text nodes only, first occurrence explained, safe."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from medguide.core.model import Audience
from medguide.reading.annotate import Medium, annotate_html
from medguide.reading.glossary import Glossary, GlossaryEntry

GLOSSARY = Glossary(
    [
        GlossaryEntry("edema", ("oedema",), "swelling caused by fluid"),
        GlossaryEntry("hypotension", (), 'blood pressure that is "too low" <b>'),
        GlossaryEntry("rash", (), "red spots on the skin"),
    ]
)


def test_screen_mode_spans_every_occurrence_and_explains_the_first() -> None:
    html = "<p>Edema can occur. Tell us about edema.</p>"
    out = annotate_html(html, GLOSSARY, Audience.PATIENT, Medium.SCREEN)
    assert out == (
        '<p><span class="term" title="swelling caused by fluid">Edema</span>'
        '<span class="term-note"> (swelling caused by fluid)</span> can occur. Tell us about '
        '<span class="term" title="swelling caused by fluid">edema</span>.</p>'
    )


def test_paper_mode_brackets_first_occurrence_only() -> None:
    html = "<ul><li>rash</li><li>a rash again</li></ul>"
    out = annotate_html(html, GLOSSARY, Audience.PATIENT, Medium.PAPER)
    assert 'class="term"' not in out
    assert out.count("(red spots on the skin)") == 1
    assert out.startswith("<ul><li>rash<span")


def test_professional_text_is_unchanged() -> None:
    html = "<p>Edema &amp; rash</p><!-- note -->"
    assert annotate_html(html, GLOSSARY, Audience.PROFESSIONAL) == html


def test_links_code_and_attributes_are_left_alone() -> None:
    html = (
        '<p><a href="https://x.test/edema" title="rash">edema link</a> '
        '<img alt="edema" src="a.png"> <code>rash</code> then rash</p>'
    )
    out = annotate_html(html, GLOSSARY, Audience.PATIENT)
    assert '<a href="https://x.test/edema" title="rash">edema link</a>' in out
    assert 'alt="edema"' in out and "<code>rash</code>" in out
    assert out.count('class="term"') == 1
    assert out.endswith(
        'then <span class="term" title="red spots on the skin">rash</span>'
        '<span class="term-note"> (red spots on the skin)</span></p>'
    )


def test_existing_bracket_is_not_doubled() -> None:
    out = annotate_html("<p>hypotension (low blood pressure)</p>", GLOSSARY, Audience.PATIENT)
    assert "term-note" not in out and 'class="term"' in out


def test_explanations_are_escaped() -> None:
    out = annotate_html("<p>hypotension</p>", GLOSSARY, Audience.PATIENT)
    assert 'title="blood pressure that is &quot;too low&quot; &lt;b&gt;"' in out
    assert '(blood pressure that is "too low" &lt;b&gt;)' in out


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attrs: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs.extend(f"{k}={v}" for k, v in attrs)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


NASTY = [
    '<p title="a &quot;edema&quot; b" onclick="x">edema</p>',
    "<p>1 < 2 & edema > 0</p>",
    "<p>&lt;script&gt;alert('edema')&lt;/script&gt;</p>",
    "<script>var s = '<p>edema</p>';</script><p>rash",
    "<div><p>unclosed <b>edema <i>rash</div>",
    "<p>edema<!-- <b>rash</b> --></p><![CDATA[ edema ]]>",
    '<p class=term>rash</p><span class="term" title="x">rash</span>',
    "plain text edema with no tags & an ampersand",
    "<p a='1' b=\"2\" c>Oedema&nbsp;&amp;&#32;rash</p><br/><hr />",
    "<p>edema</p></p></div>",
    "<<p>>edema<<",
]


@pytest.mark.parametrize("html", NASTY)
@pytest.mark.parametrize("medium", list(Medium))
def test_nasty_input_stays_well_formed(html: str, medium: Medium) -> None:
    out = annotate_html(html, GLOSSARY, Audience.PATIENT, medium)
    collected = _Collect()
    collected.feed(out)
    collected.close()
    # no new tags except our spans, no script content became markup, text still readable
    assert set(collected.tags) <= {"p", "div", "b", "i", "span", "script", "br", "hr", "a"}
    assert "onclick=x" in collected.attrs or "onclick" not in html
    assert "<script>alert" not in out
    joined = "".join(collected.text)
    assert "edema" in joined.lower() or "rash" in joined.lower()
    # annotating twice does not add a second span around a term
    again = annotate_html(out, GLOSSARY, Audience.PATIENT, medium)
    assert again.count('class="term"') == out.count('class="term"')


def test_script_text_is_not_annotated() -> None:
    out = annotate_html("<script>edema</script>", GLOSSARY, Audience.PATIENT)
    assert "term" not in out


def test_annotates_real_rendered_markdown() -> None:
    from medguide.content.render import markdown_to_html

    markdown = (
        "### Side effects\n\n* **Edema:** ankles may swell ([more](https://x.test/edema)).\n"
        "* A rash can appear. Tell us about any rash.\n"
    )
    html = markdown_to_html(markdown)
    out = annotate_html(html, GLOSSARY, Audience.PATIENT, Medium.SCREEN)
    assert '<strong><span class="term" title="swelling caused by fluid">Edema</span>' in out
    assert out.count("(red spots on the skin)") == 1
    assert out.count('class="term"') == 3
    assert '<a href="https://x.test/edema" rel="noopener noreferrer">more</a>' in out


def test_term_inside_brackets_gets_no_second_bracket() -> None:
    out = annotate_html("<p>fluid swelling (edema) and a rash</p>", GLOSSARY, Audience.PATIENT)
    assert "(edema)" not in out  # the span sits inside the brackets
    assert '(<span class="term" title="swelling caused by fluid">edema</span>)' in out
    assert out.count("term-note") == 1  # only the rash is explained
