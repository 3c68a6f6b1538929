"""MedGuide: an offline patient-education app for medicines."""

__version__ = "0.1.0"
