"""Data files MedGuide ships (installed as ``medguide.resources``): no code lives here."""
