"""The one shape every benchmark reports: a value beside its baseline from the same run."""


def row(name, value, unit, baseline, baseline_name=None):
    """A result row; the ratio is value / baseline (the table does the rounding)."""
    result = {"name": name, "value": value, "unit": unit, "baseline": baseline,
              "ratio": value / baseline if baseline else None}
    if baseline_name:
        result["baseline_name"] = baseline_name
    return result
