"""Label facts of writer group G3's drugs (see docs/library-writing.md, "Label facts tests")."""

from __future__ import annotations

from tests.library.label_facts import DOSING, LabelFacts

LABELS: tuple[LabelFacts, ...] = (
    LabelFacts(
        slug="escitalopram",
        set_id="13bb8267-1cab-43e5-acae-55a4d957630a",
        application="NDA021323",
        generic="ESCITALOPRAM",
        figures={
            DOSING: (
                "dosage",
                (
                    "10 mg once daily",
                    "20 mg once daily",
                    "no less than 1 week",
                    "no less than 3 weeks",
                    "no less than 2 weeks",
                    "14 days",
                    "20 ml/minute",
                ),
            ),
            "contraindications": ("precautions", ("pimozide", "linezolid", "methylene blue")),
            "adverse_reactions": ("side effects", ("66%", "86%", "61%")),
        },
        boxed=("suicidal thoughts and behaviors", "clinical worsening", "7 years"),
    ),
    LabelFacts(
        slug="citalopram",
        set_id="4259d9b1-de34-43a4-85a8-41dd214e9177",
        application="NDA020822",
        generic="CITALOPRAM",
        figures={
            DOSING: (
                "dosage",
                ("20 mg once daily", "40 mg once daily", "no less than one week", "14 days"),
            ),
            "warnings_and_cautions": (
                "precautions",
                ("500 ms", "cimetidine", "congenital long qt"),
            ),
            "contraindications": ("precautions", ("pimozide", "linezolid", "methylene blue")),
            "adverse_reactions": ("side effects", ("16%", "0.5 kg")),
        },
        boxed=(
            "suicidal thoughts and behaviors",
            "clinical worsening",
            "not approved for use in pediatric patients",
        ),
    ),
    LabelFacts(
        slug="paroxetine",  # Pexeva (paroxetine mesylate); the Paxil labels are not in ../shared
        set_id="50fe88bd-f0dd-5fad-e054-00144ff8d46c",
        application="NDA021299",
        generic="PAROXETINE MESYLATE",
        figures={
            DOSING: (
                "dosage",
                ("10 mg per day", "at least 1 week", "10 mg/day", "40 mg/day", "14 days"),
            ),
            "warnings_and_cautions": ("precautions", ("less than 2-fold", "tamoxifen")),
            "contraindications": (
                "precautions",
                ("thioridazine", "pimozide", "linezolid", "stevens-johnson syndrome"),
            ),
            "use_in_specific_populations": ("precautions", ("1-866-961-2388",)),
            "adverse_reactions": ("side effects", ("11.8%", "9.4%", "10.7%")),
        },
        boxed=(
            "suicidal thoughts and behaviors",
            "clinical worsening",
            "not approved for use in pediatric patients",
        ),
    ),
    LabelFacts(
        slug="duloxetine",
        set_id="2f7d4d67-10c1-4bf4-a7f2-c185fbad64ba",
        application="NDA021427",
        generic="DULOXETINE HYDROCHLORIDE",
        figures={
            DOSING: (
                "dosage",
                (
                    "40 mg/day",
                    "60 mg/day",
                    "120 mg/day",
                    "30 mg once daily for 1 week",
                    "30 to 60 mg/day",
                    "30 ml/minute",
                    "14 days",
                    "5 days",
                    "24 hours",
                ),
            ),
            "contraindications": ("precautions", ("5 days", "14 days", "linezolid")),
            "drug_interactions": ("precautions", ("6-fold", "60%", "ciprofloxacin", "enoxacin")),
            "warnings_and_cautions": ("side effects", ("1.25%", "0.45%", "12 mg/dl", "0.02%")),
            "adverse_reactions": (
                "side effects",
                ("8.4%", "4.6%", "13.7%", "12.9%", "17.5%", "10.1%"),
            ),
        },
        boxed=(
            "suicidal thoughts and behaviors",
            "young adults",
            "65 and older",
            "families and caregivers",
        ),
    ),
    LabelFacts(
        slug="venlafaxine",  # a repackager's copy (Medsource, 2019) of the Effexor XR label
        set_id="1f808a76-4837-687f-e054-00144ff88e88",
        application="NDA020699",
        generic="VENLAFAXINE HYDROCHLORIDE",
        figures={
            DOSING: (
                "dosage",
                (
                    "37.5 mg per day for 4 to 7 days",
                    "up to 75 mg per day",
                    "not less than 4 days",
                    "not less than 7 days",
                    "225 mg per day",
                    "25% to 50%",
                    "50% or more",
                    "75 mg at one-week intervals",
                    "14 days",
                    "7 days",
                ),
            ),
            "contraindications": ("precautions", ("desvenlafaxine", "7 days", "14 days")),
            "drug_interactions": ("precautions", ("phencyclidine", "phentermine")),
            "warnings_and_cautions": (
                "side effects",
                ("interstitial lung disease", "eosinophilic pneumonia"),
            ),
            "adverse_reactions": (
                "side effects",
                ("30.0%", "15.3%", "14.8%", "11.4%", "9.9%", "9.8%", "9.3%", "5.3%", "5.1%"),
            ),
        },
        boxed=(
            "suicidal thoughts and behaviors",
            "clinical worsening",
            "65 and older",
            "families and caregivers",
            "not approved for use in pediatric patients",
        ),
    ),
    LabelFacts(
        slug="aripiprazole",  # oral Abilify; the pages also cite Abilify Maintena and Aristada
        set_id="c040bd1d-45b7-49f2-93ea-aed7220b30ac",
        application="NDA021436",
        generic="ARIPIPRAZOLE",
        figures={
            DOSING: (
                "dosage",
                (
                    "10 to 15 mg/day",
                    "30 mg/day",
                    "2 to 5 mg/day",
                    "5 to 10 mg/day",
                    "15 mg/day",
                    "20 mg/day",
                    "9.75 mg",
                    "no less than one week",
                    "1 to 2 weeks",
                    "25 mg",
                ),
            ),
            "contraindications": ("precautions", ("pruritus", "anaphylaxis")),
            "drug_interactions": ("precautions", ("lorazepam", "famotidine", "valproate")),
            "use_in_specific_populations": ("precautions", ("0.7% to 8.3%", "1-866-961-2388")),
            "warnings_and_cautions": ("side effects", ("gambling", "0.1%")),
        },
        boxed=(
            "elderly patients with dementia-related psychosis",
            "suicidal thoughts and behavior",
            "65 years and older",
            "families and caregivers",
        ),
    ),
)
