"""Reproducible benchmarks: each module with run() measures something against a baseline
taken side by side in the same run, so the ratios mean something on any machine."""
