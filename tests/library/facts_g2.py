"""Label facts of writer group G2's drugs (see docs/library-writing.md, "Label facts tests")."""

from __future__ import annotations

from tests.library.label_facts import DOSING, LabelFacts

LABELS: tuple[LabelFacts, ...] = (
    LabelFacts(
        slug="simvastatin",
        set_id="8f55d5de-5a4f-4a39-8c84-c53976dd6af9",
        application="NDA019766",
        generic="SIMVASTATIN",
        figures={
            DOSING: (
                "dosage",
                (
                    "20 mg to 40 mg once daily",
                    "40 mg once daily",
                    "10 mg to 40 mg daily",
                    "5 mg once daily",
                    "10 mg once daily",
                    "20 mg once daily",
                    "12 months",
                    "4 weeks",
                    "15-29 ml/min",
                    "50%",
                ),
            ),
            "adverse_reactions": (
                "side effects",
                (
                    "upper respiratory infections (9%)",
                    "headache (7%)",
                    "abdominal pain (7%)",
                    "constipation (7%)",
                    "nausea (5%)",
                    "0.61%",
                ),
            ),
            "contraindications": (
                "precautions",
                ("cyclosporine, danazol or gemfibrozil", "decompensated cirrhosis", "nefazodone"),
            ),
            "drug_interactions": ("precautions", ("daptomycin", "grapefruit juice", "digoxin")),
        },
        boxed_section="precautions",
    ),
    LabelFacts(
        slug="rosuvastatin",
        set_id="325a5d0e-9a72-4015-9fcd-1655fb504cee",
        application="NDA021366",
        generic="ROSUVASTATIN CALCIUM",
        figures={
            DOSING: (
                "dosage",
                (
                    "5 to 40 mg once daily",
                    "5 to 10 mg once daily",
                    "5 to 20 mg once daily",
                    "20 mg once daily",
                    "5 mg once daily",
                    "10 mg once daily",
                    "4 weeks",
                    "2 hours",
                ),
            ),
            "warnings_and_cautions": ("side effects", ("1.1%", "0.5%", "40 mg")),
            "adverse_reactions": ("side effects", ("2.8%", "2.3%", "12.7", "10.1")),
            "contraindications": ("precautions", ("decompensated cirrhosis",)),
            "drug_interactions": ("precautions", ("warfarin", "colchicine", "fenofibric acid")),
            "pharmacokinetics": ("how it works", ("19 hours", "20%", "88%", "90%")),
        },
        boxed_section="precautions",
    ),
    LabelFacts(
        slug="pravastatin",
        set_id="897ad8b7-921d-eb02-a61c-3419e662a2da",
        application="NDA019898",
        generic="PRAVASTATIN SODIUM",
        figures={
            DOSING: (
                "dosage",
                (
                    "40 mg once daily",
                    "80 mg once daily",
                    "10 mg once daily",
                    "20 mg once daily",
                    "4 weeks",
                    "1 hour",
                    "4 hours",
                ),
            ),
            "warnings_and_cautions": ("side effects", ("<0.1%", "≤1.2%")),
            "adverse_reactions": ("side effects", ("1.7%", "1.2%", "464")),
            "contraindications": ("precautions", ("active liver disease", "lactation")),
            "drug_interactions": ("precautions", ("282%", "110%", "gemfibrozil")),
            "pharmacokinetics": ("how it works", ("34%", "17%", "50%", "1.8 hours", "0.66")),
        },
        boxed_section="precautions",
    ),
    LabelFacts(
        slug="glipizide",
        set_id="b4f55916-91a2-4171-a361-919e7cb329b0",
        application="NDA017783",
        generic="GLIPIZIDE",
        figures={
            DOSING: (
                "dosage",
                (
                    "5 mg",
                    "2.5 mg",
                    "2.5-5 mg",
                    "15 mg",
                    "40 mg",
                    "30 minutes",
                    "20 units",
                    "50%",
                    "4 hours",
                    "1-2 weeks",
                ),
            ),
            "adverse_reactions": (
                "side effects",
                ("11.8%", "1.5%", "one in seventy", "one in fifty"),
            ),
            "contraindications": ("precautions", ("type 1 diabetes", "diabetic ketoacidosis")),
            "drug_interactions": ("precautions", ("56.9%", "miconazole", "colesevelam")),
            "overdosage": ("precautions", ("50%", "10%", "100 mg/dl", "24 to 48 hours")),
        },
        boxed_section="precautions",
    ),
    LabelFacts(
        slug="glimepiride",
        set_id="222b630b-7e09-43b4-9894-3d87f10add91",
        application="NDA020496",
        generic="GLIMEPIRIDE",
        figures={
            DOSING: (
                "dosage",
                (
                    "1 mg or 2 mg once daily",
                    "8 mg once daily",
                    "1 mg once daily",
                    "1 to 2 weeks",
                    "4 hours",
                ),
            ),
            "adverse_reactions": ("side effects", ("19.7%", "3.2%", "17%", "16%", "1.9%", "0.8%")),
            "contraindications": ("precautions", ("sulfonamide derivatives",)),
            "drug_interactions": ("precautions", ("miconazole", "rifampin", "fluconazole")),
            "use_in_specific_populations": ("precautions", ("two weeks", "delivery")),
            "pharmacokinetics": (
                "how it works",
                ("2 to 3 hours", "8.8 l", "99.5%", "60%", "40%", "2.3-fold", "8.6-fold"),
            ),
        },
        boxed_section="precautions",
    ),
)
