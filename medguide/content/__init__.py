"""Readers: source documents → core objects (one module per format), text repair, safe HTML."""
