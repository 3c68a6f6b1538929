"""Reading levels: Flesch-Kincaid grade, plain-language glossary, audience choice and fallback."""
