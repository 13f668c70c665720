"""`make bench`: run every benchmark module in bench/, print one table, write RESULTS.md.

    python -m bench                  every benchmark
    python -m bench api_throughput   only the named ones
"""

import ast
import json
import subprocess
import sys
import time
from pathlib import Path

from bench import _one, machine

HERE = Path(__file__).resolve().parent
COLUMNS = ("benchmark", "value", "baseline", "ratio")
# seconds for one benchmark module, set-up included: scale seeds 100,000 tracks and 300,000
# documents of people into FerretDB and loads two worlds before it measures anything
TIME_LIMIT = 1500


def has_run(path):
    """Whether the module defines run() at top level (read, not imported: see _one.py)."""
    tree = ast.parse(path.read_text())
    return any(isinstance(node, ast.FunctionDef) and node.name == "run" for node in tree.body)


def benchmark_modules(names=None):
    """Names of every module of this package that defines run(), in name order."""
    return [path.stem for path in sorted(HERE.glob("*.py"))
            if not path.stem.startswith("_") and (not names or path.stem in names)
            and has_run(path)]


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
        ratio = row.get("ratio")
        ratio = "–" if ratio is None else f"{ratio:.2f}×" if ratio >= 0.1 else f"{ratio:.2g}×"
        yield (row["name"], number(row["value"], row["unit"]),
               number(row.get("baseline"), row["unit"]) + (
                   f" ({row['baseline_name']})" if row.get("baseline_name") else ""), ratio)


def format_table(rows):
    lines = ["| " + " | ".join(COLUMNS) + " |", "|" + " --- |" * len(COLUMNS)]
    lines += ["| " + " | ".join(cells) + " |" for cells in table_rows(rows)]
    return "\n".join(lines)


def run_one(name):
    """The rows of one benchmark, measured in a child interpreter of its own."""
    result = subprocess.run([sys.executable, "-m", "bench._one", name], cwd=HERE.parent,
                            capture_output=True, text=True, timeout=TIME_LIMIT)
    sys.stderr.write(result.stderr)
    lines = [line for line in result.stdout.splitlines() if line.startswith(_one.MARKER)]
    if result.returncode != 0 or not lines:
        reason = (result.stderr.strip().splitlines() or [f"exit code {result.returncode}"])[-1]
        raise RuntimeError(reason)
    return json.loads(lines[-1].removeprefix(_one.MARKER))


def run_all(names):
    rows = []
    for name in names:
        print(f"running {name} ...", file=sys.stderr, flush=True)
        started = time.monotonic()
        try:
            rows += run_one(name)
        except Exception as exc:  # one broken benchmark must not hide the others
            rows.append({"name": name, "error": str(exc)})
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
