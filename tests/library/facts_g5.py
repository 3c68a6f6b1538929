"""Label facts of writer group G5's drugs (see docs/library-writing.md, "Label facts tests")."""

from __future__ import annotations

from tests.library.label_facts import DOSING, LabelFacts

LABELS: tuple[LabelFacts, ...] = (
    LabelFacts(
        slug="pantoprazole",
        set_id="08098cb2-c048-4640-f387-6beec4a38936",
        application="NDA020987",
        generic="PANTOPRAZOLE SODIUM",
        figures={
            DOSING: (
                "dosage",
                (
                    "40 mg once daily for up to 8 weeks",
                    "20 mg once daily for up to 8 weeks",
                    "40 mg twice daily",
                    "240 mg daily",
                    "30 minutes",
                    "10 minutes",
                ),
            ),
            "adverse_reactions": ("side effects", ("12.2", "8.8", "headache", "arthralgia")),
            "contraindications": ("precautions", ("rilpivirine",)),
        },
        boxed_section="precautions",
    ),
    LabelFacts(
        slug="ondansetron",
        set_id="555f81bc-4ce0-4f77-b394-b974838c4440",
        application="NDA020103",
        generic="ONDANSETRON HYDROCHLORIDE",
        figures={
            DOSING: (
                "dosage",
                (
                    "8 mg",
                    "16 mg",
                    "4 mg",
                    "every 8 hours",
                    "every 12 hours",
                    "1 to 2 days",
                    "1 to 2 hours",
                    "total daily dose of 8 mg",
                ),
            ),
            "use_in_specific_populations": ("dosage", ("24 mg/day",)),
            "adverse_reactions": ("side effects", ("headache", "constipation", "hypoxia")),
            "contraindications": ("precautions", ("apomorphine",)),
            "warnings_and_cautions": (
                "precautions",
                ("serotonin syndrome", "torsade de pointes", "congenital long qt syndrome"),
            ),
        },
        boxed_section="precautions",
    ),
    LabelFacts(
        slug="sulfamethoxazole-trimethoprim",
        set_id="f59d0c04-9c66-4d53-a0e1-cb55570deb62",
        application="NDA017377",
        generic="SULFAMETHOXAZOLE AND TRIMETHOPRIM",
        figures={
            DOSING: (
                "dosage",
                (
                    "every 12 hours for 10 to 14 days",
                    "every 12 hours for 14 days",
                    "every 12 hours for 5 days",
                    "every 6 hours for 14 to 21 days",
                    "75 to 100 mg/kg",
                    "40 mg/kg",
                    "8 mg/kg",
                    "1600 mg sulfamethoxazole and 320 mg trimethoprim",
                    "15-30",
                ),
            ),
            "contraindications": (
                "precautions",
                ("dofetilide", "megaloblastic", "2 months", "marked hepatic damage"),
            ),
            "drug_interactions": ("precautions", ("39%", "methotrexate", "cyclosporine")),
        },
        boxed_section="precautions",
    ),
    LabelFacts(
        slug="meloxicam",
        set_id="676e73fb-51d2-449a-8749-1a7bcc257b11",
        application="NDA020938",
        generic="MELOXICAM",
        figures={
            DOSING: (
                "dosage",
                (
                    "7.5 mg once daily",
                    "15 mg once daily",
                    "15 mg",
                    "7.5 mg per day",
                    "60 kg",
                ),
            ),
            "contraindications": ("precautions", ("cabg", "urticaria")),
            "warnings_and_cautions": ("precautions", ("20 to 30 weeks", "30 weeks", "48 hours")),
            "adverse_reactions": ("side effects", ("22.5 mg", "7.8", "10.2")),
        },
        boxed=(
            "myocardial infarction and stroke",
            "coronary artery bypass graft",
            "gastrointestinal",
            "ulceration",
            "perforation",
        ),
    ),
    LabelFacts(
        slug="allopurinol",  # the corpus record is the IV product (Aloprim), not the oral label
        set_id="018525b1-e37d-4ff2-9dc3-36b3d90ac3e0",
        application="NDA020298",
        generic="ALLOPURINOL",
        figures={
            DOSING: (
                "dosage",
                (
                    "maximum 600 mg/day",
                    "maximum 400 mg/day",
                    "200 mg/day",
                    "100 mg/day",
                    "50 mg every 12 hours",
                    "24 to 48 hours",
                ),
            ),
            "warnings_and_cautions": (
                "precautions",
                ("hla-b*58:01", "first appearance of", "6 weeks", "6 years"),
            ),
            "drug_interactions": ("precautions", ("capecitabine", "pegloticase", "600 mg/day")),
        },
        cited_by=("professional",),
        boxed_section="precautions",
    ),
)
