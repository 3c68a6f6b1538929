"""Label facts of writer group G6's drugs (see docs/library-writing.md, "Label facts tests")."""

from __future__ import annotations

from tests.library.label_facts import DOSING, LabelFacts

LABELS: tuple[LabelFacts, ...] = (
    LabelFacts(
        slug="tamsulosin",
        set_id="6771ad8e-ac92-4aec-b484-5d8350a353f8",
        application="NDA020579",
        generic="TAMSULOSIN HYDROCHLORIDE",
        figures={
            DOSING: (
                "dosage",
                ("0.4 mg once daily", "0.8 mg once daily", "2 to 4 weeks"),
            ),
            "adverse_reactions": (
                "side effects",
                ("19.3%", "14.9%", "17.1%", "13.1%", "8.4%", "18.1%"),
            ),
            "contraindications": ("precautions", ("hypersensitiv",)),
            "warnings_and_cautions": ("precautions", ("5 weeks to 9 months", "sulfa allergy")),
            "drug_interactions": (
                "precautions",
                ("ketoconazole", "2.2", "2.8", "paroxetine", "warfarin"),
            ),
        },
    ),
    LabelFacts(
        slug="estradiol",  # the corpus estradiol record is Delestrogen (the valerate injection)
        set_id="e8f94df9-0692-4462-a7f0-fe019a0a3f07",
        application="NDA009402",
        generic="ESTRADIOL VALERATE",
        figures={
            DOSING: (
                "dosage",
                ("10 to 20 mg", "every four weeks", "30 mg or more", "3-month to 6-month"),
            ),
            "contraindications": ("precautions", ("undiagnosed abnormal genital bleeding",)),
            "warnings": ("precautions", ("4 to 6 weeks", "papilledema")),
            "drug_interactions": (
                "precautions",
                ("st. john's wort", "grapefruit juice", "ritonavir"),
            ),
        },
        boxed=(
            "endometrial cancer",
            "cardiovascular",
            "invasive breast cancer",
            "probable dementia",
            "lowest effective doses",
            "shortest duration",
            "abnormal vaginal bleeding",
        ),
    ),
)
