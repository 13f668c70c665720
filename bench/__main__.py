"""`make bench`: run every benchmark module in bench/, print one table, write RESULTS.md.

    python -m bench                  every benchmark
    python -m bench api_throughput   only the named ones
"""

import importlib
import pkgutil
import sys
import time
import traceback
from pathlib import Path

from bench import machine

HERE = Path(__file__).resolve().parent
COLUMNS = ("benchmark", "value", "baseline", "ratio")


def benchmark_modules(names=None):
    """Every module of this package that exposes run(), in name order."""
    found = []
    for info in sorted(pkgutil.iter_modules([str(HERE)]), key=lambda i: i.name):
        if info.name.startswith("_") or (names and info.name not in names):
            continue
        module = importlib.import_module(f"bench.{info.name}")
        if callable(getattr(module, "run", None)):
            found.append(module)
    return found


def number(value, unit=""):
    if value is None:
        return "–"
    text = f"{value:,.0f}" if abs(value) >= 100 else f"{value:.3g}"
    return f"{text} {unit}".strip()


def table_rows(rows):
    for row in rows:
        if "error" in row:
            yield (row["name"], "failed: " + row["error"], "", "")
            continue
        ratio = f"{row['ratio']:.2f}×" if row.get("ratio") is not None else "–"
        yield (row["name"], number(row["value"], row["unit"]),
               number(row.get("baseline"), row["unit"]) + (
                   f" ({row['baseline_name']})" if row.get("baseline_name") else ""), ratio)


def format_table(rows):
    lines = ["| " + " | ".join(COLUMNS) + " |", "|" + " --- |" * len(COLUMNS)]
    lines += ["| " + " | ".join(cells) + " |" for cells in table_rows(rows)]
    return "\n".join(lines)


def run_all(modules):
    rows = []
    for module in modules:
        name = module.__name__.removeprefix("bench.")
        print(f"running {name} ...", file=sys.stderr, flush=True)
        started = time.monotonic()
        try:
            rows += module.run()
        except Exception as exc:  # one broken benchmark must not hide the others
            traceback.print_exc()
            rows.append({"name": name, "error": f"{type(exc).__name__}: {exc}"})
        print(f"  {name} took {time.monotonic() - started:.0f}s", file=sys.stderr, flush=True)
    return rows


def write_results(rows, facts):
    text = ["# Tapcast benchmarks", "",
            "Written by `make bench`. Each value is measured side by side with its baseline "
            "in the same run on the same machine; the ratio is value / baseline.", "",
            "## Machine", ""]
    text += [f"- {key}: {value}" for key, value in facts.items()]
    text += ["", "## Results", "", format_table(rows), ""]
    (HERE / "RESULTS.md").write_text("\n".join(text))


def main(argv):
    modules = benchmark_modules(set(argv) or None)
    facts = machine.describe()
    rows = run_all(modules)
    print()
    print("\n".join(f"{key}: {value}" for key, value in facts.items()))
    print()
    print(format_table(rows))
    if not argv:  # a partial run must not replace the full table
        write_results(rows, facts)
    return 1 if any("error" in row for row in rows) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
