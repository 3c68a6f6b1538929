"""Benchmarks behind ``medguide bench TOPIC``: each module prints figures; none is a test."""
