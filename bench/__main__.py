"""`python -m bench` (make bench): run every benchmark module and print one table."""

import importlib
import pkgutil
import sys
from pathlib import Path


def modules():
    folder = Path(__file__).resolve().parent
    for info in sorted(pkgutil.iter_modules([str(folder)]), key=lambda m: m.name):
        if not info.name.startswith("_"):
            yield importlib.import_module(f"bench.{info.name}")


def format_table(rows):
    lines = [f"{'benchmark':<40} {'value':>12} {'unit':<8} {'baseline':>12} {'ratio':>7}"]
    for row in rows:
        baseline = "" if row["baseline"] is None else f"{row['baseline']:.1f}"
        ratio = "" if row["ratio"] is None else f"{row['ratio']:.2f}"
        lines.append(f"{row['name']:<40} {row['value']:>12.1f} {row['unit']:<8} "
                     f"{baseline:>12} {ratio:>7}")
    return "\n".join(lines)


def main():
    rows = []
    for module in modules():
        if hasattr(module, "run"):
            print(f"running {module.__name__} ...", file=sys.stderr, flush=True)
            rows.extend(module.run())
    print(format_table(rows))


if __name__ == "__main__":
    main()
