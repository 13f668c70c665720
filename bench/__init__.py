"""Reproducible benchmarks (ratios to a reference, not timed tests).

Each module has run() -> list of {"name", "value", "unit", "baseline", "ratio"} rows.
"""
