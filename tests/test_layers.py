"""The seams between the apps, as ``make lint`` checks them: layers and no cycles (pyproject.toml's
import-linter contracts), and no function too complex to read at once (ruff's C901)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from importlinter.cli import lint_imports

ROOT = Path(__file__).resolve().parent.parent


def test_apps_import_only_apps_below_them_and_no_modules_import_each_other(monkeypatch):
    monkeypatch.chdir(ROOT)
    assert lint_imports(no_cache=True, no_logo=True) == 0


def test_no_function_is_above_complexity_12():
    ruff = Path(sys.executable).with_name("ruff")
    result = subprocess.run(
        [str(ruff), "check", "--select", "C901", "rasad", "bench"], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout
