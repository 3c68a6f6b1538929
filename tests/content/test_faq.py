"""Splitting FAQ blocks written in the shapes the RxHive pages use."""

from __future__ import annotations

import pytest

from medguide.content.faq import split_faq
from medguide.content.faq_headings import split_heading_faq


@pytest.mark.parametrize(
    ("block", "expected"),
    [
        (
            "* **Q: Can I swim after a dose?** A: Yes, after an hour.",
            [("Can I swim after a dose?", "Yes, after an hour.")],
        ),
        (
            "*   **Q: Can I swim after a dose?**  A:  Yes.\n*   **Q: And run?** A: Also yes.",
            [("Can I swim after a dose?", "Yes."), ("And run?", "Also yes.")],
        ),
        (
            "**Q: Where is it kept?**\nA: In a cupboard.\n**Q: For how long?**\nA: A year.",
            [("Where is it kept?", "In a cupboard."), ("For how long?", "A year.")],
        ),
        (
            "* **Q: Is it sold over the counter?**\n    * A: No, a prescription is needed.",
            [("Is it sold over the counter?", "No, a prescription is needed.")],
        ),
        (
            "* **How fast does it act?** Within a day for most people.",
            [("How fast does it act?", "Within a day for most people.")],
        ),
        (
            "* **Q:** Does it stain teeth? **A:** Only rarely.",
            [("Does it stain teeth?", "Only rarely.")],
        ),
        ("Q: Is food needed? A: Not at all.", [("Is food needed?", "Not at all.")]),
        (
            "* **Q: Can children use *this* cream?** A: Ask a *doctor* first.",
            [("Can children use *this* cream?", "Ask a *doctor* first.")],
        ),
    ],
)
def test_faq_shapes(block: str, expected: list[tuple[str, str]]) -> None:
    assert list(split_faq(block).pairs) == expected


def test_multi_line_answers_keep_their_lines() -> None:
    block = (
        "* **Q: What if I feel dizzy?** A: Sit down.\n  Drink some water.\n* **Q: Next?** A: Done."
    )
    pairs = split_faq(block).pairs
    assert pairs[0] == ("What if I feel dizzy?", "Sit down.\nDrink some water.")
    assert pairs[1] == ("Next?", "Done.")


def test_text_before_the_first_question_is_kept_as_leftover() -> None:
    block = "These answers are general.\n\n* **Q: Is it safe?** A: Mostly."
    split = split_faq(block)
    assert split.leftover == "These answers are general."
    assert split.pairs == (("Is it safe?", "Mostly."),)


def test_group_headers_do_not_leak_into_answers() -> None:
    block = (
        "**Firstdrug FAQs:**\n* **Q: One?** A: First answer.\n"
        "**Seconddrug FAQs:**\n* **Q: Two?** A: Second answer."
    )
    assert split_faq(block).pairs == (("One?", "First answer."), ("Two?", "Second answer."))


def test_bold_statements_are_not_questions() -> None:
    split = split_faq("**Important:** keep out of reach of pets.")
    assert split.pairs == ()
    assert "keep out of reach" in split.leftover


def test_heading_faq_blocks() -> None:
    pairs, intro = split_heading_faq("Intro.\n\n### Can I fly?\nYes.\n\n### Can I dive?\nNo.\n")
    assert intro == "Intro."
    assert pairs == (("Can I fly?", "Yes."), ("Can I dive?", "No."))


def test_bold_answers_keep_their_emphasis() -> None:
    pairs = split_faq("* **Q: Can I reuse it?** A: **No.** Throw it away.").pairs
    assert pairs == (("Can I reuse it?", "**No.** Throw it away."),)
