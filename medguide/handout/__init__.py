"""Handout composition: a drug page → HTML for QTextDocument. No widgets."""
