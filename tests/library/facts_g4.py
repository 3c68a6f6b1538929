"""Label facts of writer group G4's drugs (see docs/library-writing.md, "Label facts tests")."""

from __future__ import annotations

from tests.library.label_facts import DOSING, LabelFacts

LABELS: tuple[LabelFacts, ...] = (
    LabelFacts(
        slug="tramadol",
        set_id="45f59e6f-1794-40a4-8f8b-3a9415924468",
        application="NDA020281",
        generic="TRAMADOL HYDROCHLORIDE",
        figures={
            DOSING: (
                "dosage",
                (
                    "25 mg/day",
                    "100 mg/day (25 mg four times a day)",
                    "200 mg/day (50 mg four times a day)",
                    "50 to 100 mg",
                    "every 4 to 6 hours",
                    "400 mg/day",
                    "30 ml/min",
                    "maximum daily dose of 200 mg",
                    "50 mg every 12 hours",
                    "300 mg/day",
                    "10% to 25%",
                    "every 2 to 4 weeks",
                ),
            ),
            "contraindications": ("precautions", ("12 years", "14 days", "tonsillectomy")),
            "adverse_reactions": (
                "side effects",
                ("dizziness/vertigo", "26%", "nausea", "24%", "constipation", "somnolence"),
            ),
        },
        boxed=(
            "addiction",
            "rems",
            "respiratory depression",
            "accidental ingestion",
            "ultra-rapid",
            "cyp2d6",
            "tonsillectomy",
            "neonatal opioid withdrawal syndrome",
            "3a4 inducers",
            "benzodiazepines",
        ),
    ),
)
