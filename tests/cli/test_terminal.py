"""What reaches the terminal: no control or bidi characters from imported names, one line per
file name, long titles trimmed, slugs that can be typed back."""

from __future__ import annotations

from pathlib import Path

import pytest

from medguide.cli import main
from medguide.cli.terminal import clean, one_line
from medguide.core.text import MAX_NAME, MAX_SLUG, slugify, trim_name
from medguide.reading.badges import grade_label
from medguide.reading.grade import MAX_GRADE, grade_of_markdown
from medguide.store import collection as collection_module
from tests.robustness.conftest import rxhive_page

EVIL = "Evil\u202eeman\x9b31m\x1b[2J\x07drug"


@pytest.fixture(autouse=True)
def no_builtin_library(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """These databases hold only the pages a test imports (loading the library is slow)."""
    empty = tmp_path / "no-library"
    empty.mkdir()
    monkeypatch.setattr(collection_module, "library_dir", lambda: empty)


def test_clean_replaces_controls_and_bidi_but_keeps_tabs_and_line_ends() -> None:
    assert clean(EVIL) == "Evil?eman?31m?[2J?drug"
    assert clean("a\tb\nc\rd") == "a\tb\nc\rd"
    assert clean("\u2066isolated\u2069 \u200fmark") == "?isolated? ?mark"
    assert one_line("first\nsecond\r") == "first\\nsecond\\r"


def test_names_from_a_file_reach_the_terminal_without_control_characters(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "evil.md").write_text(rxhive_page(EVIL), encoding="utf-8")
    db = str(tmp_path / "t.sqlite")
    assert main(["import", str(folder), "--db", db, "--no-progress"]) == 0
    for command in (["list"], ["search", "evil"], ["show", "evil"]):
        capsys.readouterr()
        assert main([*command, "--db", db]) == 0
        out, err = capsys.readouterr()
        shown = out + err
        assert "Evil" in shown, command
        for char in ("\u202e", "\x9b", "\x1b", "\x07"):
            assert char not in shown, (command, repr(char))


def test_a_file_name_with_a_newline_stays_on_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "two\nlines.md").write_text("", encoding="utf-8")
    assert main(["import", str(folder), "--db", str(tmp_path / "t.sqlite"), "--verbose"]) == 0
    out = capsys.readouterr().out
    skipped = [line for line in out.splitlines() if "skipped " in line and "lines.md" in line]
    assert len(skipped) == 1 and "two\\nlines.md" in skipped[0]


def test_a_very_long_title_is_trimmed_in_the_database_and_in_the_list(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "long.md").write_text(rxhive_page("Long " * 1000), encoding="utf-8")
    (folder / "short.md").write_text(rxhive_page("Shortdrug"), encoding="utf-8")
    db = str(tmp_path / "t.sqlite")
    assert main(["import", str(folder), "--db", db, "--no-progress"]) == 0
    capsys.readouterr()
    assert main(["list", "--db", db]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2
    assert max(len(line) for line in lines) < 120
    short = next(line for line in lines if "Shortdrug" in line)
    assert len(short) < 60  # the long one does not pad the others


def test_trim_name_cuts_at_a_word_with_an_ellipsis() -> None:
    assert trim_name("Short name") == "Short name"
    assert trim_name("word " * 100, 20) == "word word word word…"
    assert len(trim_name("x" * 500)) == MAX_NAME
    assert trim_name("two\nlines") == "two lines"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Insulin Glargine (Lantus)", "insulin-glargine-lantus"),
        ("Café Drug 5 mg", "cafe-drug-5-mg"),
    ],
)
def test_slugs_are_plain_ascii(name: str, expected: str) -> None:
    assert slugify(name) == expected


def test_a_name_without_latin_letters_or_a_very_long_one_gets_a_typeable_slug() -> None:
    greek, long = slugify("Ασπιρίνη"), slugify("very long name " * 20)
    assert greek.startswith("drug-") and greek.isascii()
    assert slugify("Ασπιρίνη") == greek != slugify("Παρακεταμόλη")  # stable and distinct
    assert len(long) <= MAX_SLUG and long.isascii()


def test_a_slug_made_from_a_non_ascii_title_opens_with_show(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "über drug.md").write_text(rxhive_page("Über Drug 5 mg"), encoding="utf-8")
    db = str(tmp_path / "t.sqlite")
    assert main(["import", str(folder), "--db", db, "--no-progress"]) == 0
    capsys.readouterr()
    assert main(["list", "--db", db]) == 0
    slug = capsys.readouterr().out.split()[0]
    assert slug.isascii() and " " not in slug
    assert main(["show", slug, "--db", db]) == 0
    assert "Über Drug 5 mg" in capsys.readouterr().out


def test_a_run_on_line_and_raw_html_are_graded_within_bounds() -> None:
    """A million characters without a full stop is "grade 40 or higher", not grade 77,996;
    markup is not counted as words."""
    run_on = grade_of_markdown("word " * 200_000)
    assert run_on is not None and run_on == MAX_GRADE
    assert grade_label(run_on) == "Reading level: grade 40 or higher"
    plain = grade_of_markdown("Take one pill. Drink water.")
    marked = grade_of_markdown(
        '<span class="x" style="a:b">Take one pill.</span> <b>Drink water.</b>'
    )
    assert plain == marked
