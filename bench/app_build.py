"""The packaged phone app for the benchmarks: `npm run build` into dist/app/."""

import subprocess

from bench.stack import ROOT


def build_app():
    """Build the app; the folder a server is to serve (APP_DIR)."""
    subprocess.run(["npm", "run", "-s", "build"], cwd=ROOT, check=True, capture_output=True)
    return str(ROOT / "dist" / "app")
