"""Rebuild tests/golden/expected from the sample archive (content/)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from tests.golden import BUILD_EPOCH, EXPECTED, ROOT, site_files


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="arshif-golden-") as tmp:
        out = Path(tmp) / "output"
        env = {**os.environ, "SOURCE_DATE_EPOCH": BUILD_EPOCH}
        subprocess.run([sys.executable, "-m", "pelican", str(ROOT / "content"), "-s", str(ROOT / "pelicanconf.py"),
                        "-o", str(out), "-e", "ARSHIF_CACHE_PATH=null"], cwd=ROOT, env=env, check=True)
        shutil.rmtree(EXPECTED, ignore_errors=True)
        for name, data in site_files(out).items():
            target = EXPECTED / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
    print(f"wrote {EXPECTED.relative_to(ROOT)}: review the diff (git diff --stat) before committing")
    return 0


if __name__ == "__main__":
    sys.exit(main())
