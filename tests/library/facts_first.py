"""Label facts of the first 24 starter drugs (writer groups A, B and C)."""

from __future__ import annotations

from tests.library.label_facts import DOSING, LabelFacts

LABELS: tuple[LabelFacts, ...] = (
    # group A
    LabelFacts(
        slug="eltrombopag",
        set_id="7714a0ed-34bb-46e6-a0a5-b363908b22c2",
        application="NDA022291",
        generic="ELTROMBOPAG OLAMINE",
        figures={
            DOSING: (
                "dosage",
                ("50 mg", "25 mg", "75 mg", "12.5 mg", "100 mg", "150 mg", "2.5 mg/kg"),
            )
        },
        boxed=("hepatic decompensation", "hepatotoxicity"),
    ),
    LabelFacts(
        slug="avatrombopag",
        set_id="e2d5960d-6c18-46cc-86bd-089222b09852",
        application="NDA210238",
        generic="AVATROMBOPAG MALEATE",
        figures={DOSING: ("dosage", ("60 mg", "40 mg", "20 mg", "10 to 13 days", "5 to 8 days"))},
        boxed_section="side effects",
    ),
    LabelFacts(
        slug="lusutrombopag",
        set_id="f9fd0cfd-717d-4a87-99bc-de7b38807e55",
        application="NDA210923",
        generic="LUSUTROMBOPAG",
        figures={DOSING: ("dosage", ("3 mg", "7 days", "8-14 days", "2-8 days"))},
        boxed_section="side effects",
    ),
    # group B
    LabelFacts(
        slug="atorvastatin",
        set_id="c6e131fe-e7df-4876-83f7-9156fc4e8228",
        application="NDA020702",
        generic="ATORVASTATIN CALCIUM",
        figures={
            DOSING: (
                "dosage",
                ("10 mg to 20 mg once daily", "10 mg to 80 mg once daily", "40 mg", "4 weeks"),
            )
        },
        boxed_section="precautions",
    ),
    LabelFacts(
        slug="warfarin",
        set_id="3ebcb71e-9a7e-4969-abb9-7c7d3e3aae3c",
        application="NDA009218",
        generic="WARFARIN SODIUM",
        figures={
            DOSING: (
                "dosage",
                ("2 to 5 mg once daily", "2 to 10 mg once daily", "2.0-3.0", "2.5-3.5"),
            )
        },
        boxed=("bleeding",),
    ),
    LabelFacts(
        slug="levothyroxine",
        set_id="1e11ad30-1041-4520-10b0-8f9d30d30fcc",
        application="NDA021402",
        generic="LEVOTHYROXINE SODIUM",
        figures={
            DOSING: ("dosage", ("1.6 mcg/kg/day", "12.5 to 25 mcg", "4 to 6 weeks", "6 to 8 weeks"))
        },
        boxed=("weight loss",),
    ),
    # group C
    LabelFacts(
        slug="omeprazole",
        set_id="b6761f84-53ac-4745-a8c8-1e5427d7e179",
        application="NDA022056",
        generic="OMEPRAZOLE MAGNESIUM",
        figures={
            DOSING: (
                "dosage",
                (
                    "20 mg once daily",
                    "40 mg once daily",
                    "60 mg once daily",
                    "10 mg once daily",
                    "1000 mg",
                    "500 mg",
                    "10 days",
                    "4 to 8 weeks",
                    "80 mg",
                ),
            ),
            "adverse_reactions": (
                "side effects",
                ("headache (7%)", "abdominal pain (5%)", "nausea (4%)", "diarrhea (4%)"),
            ),
            "contraindications": ("precautions", ("rilpivirine",)),
            "drug_interactions": ("precautions", ("clopidogrel",)),
        },
        boxed_section="precautions",
    ),
    LabelFacts(
        slug="acetaminophen",  # the corpus record is a combination product; see the test below
        set_id="45c3c2a1-6a89-471e-b6d4-5a4cd73b987a",
        application="ANDA204785",
        generic="ACETAMINOPHEN, CAFFEINE, DIHYDROCODEINE BITARTRATE",
        figures={},
        boxed=("hepatotoxicity",),
        cited_by=("professional",),
    ),
)
