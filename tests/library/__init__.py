"""Tests of the starter library pages."""
