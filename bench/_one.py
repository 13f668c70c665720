"""Run one benchmark module in this process and print its rows as JSON (used by __main__).

Each benchmark gets a fresh interpreter: some patch the standard library with gevent at
import, and none may leave state behind for the next.
"""

import importlib
import json
import sys

MARKER = "BENCH_ROWS "


def main(name):
    module = importlib.import_module(f"bench.{name}")
    print(MARKER + json.dumps(module.run()), flush=True)


if __name__ == "__main__":
    main(sys.argv[1])
