"""Label facts of writer group G1's drugs (see docs/library-writing.md, "Label facts tests")."""

from __future__ import annotations

from tests.library.label_facts import DOSING, LabelFacts

LABELS: tuple[LabelFacts, ...] = (
    LabelFacts(
        slug="metoprolol",  # repackager copy (2019, boxed) of Toprol-XL; current label: no box
        set_id="196a8198-a0fd-4a04-b1b7-45213b4e2371",
        application="NDA019962",
        generic="METOPROLOL SUCCINATE",
        figures={
            DOSING: (
                "dosage",
                (
                    "25 to 100 mg once daily",
                    "100 mg once daily",
                    "12.5 mg once daily",
                    "200 mg",
                    "400 mg per day",
                    "1 mg/kg once daily",
                    "50 mg once daily",
                    "2 mg/kg",
                    "1-2 weeks",
                ),
            ),
            "adverse_reactions": ("side effects", ("10.3%", "12.2%", "6.6%", "9.7%")),
            "contraindications": ("precautions", ("sick sinus syndrome", "cardiogenic shock")),
            "drug_interactions": ("precautions", ("quinidine", "propafenone", "reserpine")),
        },
        boxed=("ischemic heart disease", "abrupt cessation", "angina", "myocardial infarction"),
        boxed_section="precautions",  # current Toprol-XL and Lopressor labels have no box
    ),
    LabelFacts(
        slug="carvedilol",
        set_id="07c619c6-4a0c-445e-94fa-664a54f68a39",
        application="NDA020297",
        generic="CARVEDILOL",
        figures={
            DOSING: (
                "dosage",
                (
                    "3.125 mg twice daily",
                    "6.25 mg twice daily",
                    "12.5 mg twice daily",
                    "25 mg twice daily",
                    "50 mg twice daily",
                    "85 kg",
                    "3 to 10 days",
                    "7 to 14 days",
                    "at least 2 weeks",
                    "55 beats per minute",
                ),
            ),
            "contraindications": (
                "precautions",
                ("sick sinus syndrome", "severe hepatic impairment"),
            ),
            "warnings_and_cautions": ("precautions", ("1 to 2 weeks", "55 beats per minute")),
            "drug_interactions": ("precautions", ("70%", "15%", "rifampin", "cyclosporine")),
        },
        boxed_section="precautions",
    ),
    LabelFacts(
        slug="propranolol",  # Inderal XL (same NDA as InnoPran XL); hypertension only
        set_id="ac196ff5-9215-402b-bc57-69aa87f8bade",
        application="NDA021438",
        generic="PROPRANOLOL HYDROCHLORIDE",
        figures={
            DOSING: ("dosage", ("once daily at bedtime", "80 mg", "120 mg", "2 to 3 weeks")),
            "adverse_reactions": ("side effects", ("7%", "fatigue", "constipation")),
            "contraindications": ("precautions", ("bronchial asthma", "sick sinus syndrome")),
            "warnings_and_cautions": ("precautions", ("1-2 weeks",)),
            "drug_interactions": ("precautions", ("cholestyramine", "montelukast", "propafenone")),
            "overdosage": ("precautions", ("50 to 150 mcg/kg", "1 to 5 mg")),
        },
        boxed_section="precautions",
    ),
    LabelFacts(
        slug="clopidogrel",
        set_id="de8b0b67-eb25-4684-83b5-7ad785314227",
        application="NDA020839",
        generic="CLOPIDOGREL",
        figures={
            DOSING: ("dosage", ("300 mg", "75 mg once daily", "loading dose")),
            "adverse_reactions": ("side effects", ("3.7", "2.7", "0.2%", "2.0%", "5.1")),
            "contraindications": ("precautions", ("peptic ulcer", "hypersensitivity")),
            "warnings_and_cautions": (
                "precautions",
                ("omeprazole", "esomeprazole", "5 days", "4 hours", "2 hours"),
            ),
            "drug_interactions": ("precautions", ("repaglinide", "0.5 mg", "4 mg", "3.9")),
        },
        boxed=("cyp2c19", "poor metabolizers", "active metabolite", "loss-of-function"),
    ),
    LabelFacts(
        slug="rivaroxaban",  # repackager copy (Aphena) of Xarelto, Medication Guide 02/2023
        set_id="38b11f5d-f0fc-46dc-aef1-ea31872bb621",
        application="NDA022406",
        generic="RIVAROXABAN",
        figures={
            DOSING: (
                "dosage",
                (
                    "20 mg once daily",
                    "15 mg once daily",
                    "evening meal",
                    "15 mg twice daily",
                    "21 days",
                    "10 mg once daily",
                    "35 days",
                    "12 days",
                    "31 to 39 days",
                    "2.5 mg twice daily",
                    "75-100 mg",
                    "6-10 hours",
                    "at least 24 hours",
                    "below 3.0",
                    "30 mg",
                ),
            ),
            "contraindications": ("precautions", ("active pathological bleeding",)),
            "warnings_and_cautions": ("precautions", ("18 hours", "26 hours", "6 hours")),
            "drug_interactions": (
                "precautions",
                ("ketoconazole", "ritonavir", "erythromycin", "clarithromycin", "carbamazepine"),
            ),
            "overdosage": ("precautions", ("50 mg", "activated charcoal")),
        },
        boxed=(
            "premature discontinuation",
            "thrombotic events",
            "spinal/epidural hematoma",
            "paralysis",
            "neuraxial",
        ),
    ),
)
