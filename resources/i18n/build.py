"""Refresh the translation sources and compile them: ``python resources/i18n/build.py``.

``pyside6-lupdate`` extracts every ``tr()``/``translate()`` string of ``src/clienteling/ui`` into
``clienteling_<lang>.ts`` (keeping existing translations); ``pyside6-lrelease`` compiles them to
the ``.qm`` files the app loads. Both tools ship with PySide6-Essentials.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
SOURCES = ROOT / "src" / "clienteling" / "ui"
LANGUAGES = ("es", "en")


def tool(name: str) -> str:
    beside = Path(sys.executable).with_name(name)
    found = str(beside) if beside.exists() else shutil.which(name)
    if not found:
        raise SystemExit(f"{name} not found; install PySide6-Essentials")
    return found


def main() -> int:
    files = sorted(str(p) for p in SOURCES.rglob("*.py"))
    for lang in LANGUAGES:
        ts = HERE / f"clienteling_{lang}.ts"
        subprocess.run(
            [tool("pyside6-lupdate"), "-no-obsolete", "-locations", "none", *files, "-ts", str(ts)],
            check=True,
        )
        subprocess.run(
            [tool("pyside6-lrelease"), str(ts), "-qm", str(HERE / f"clienteling_{lang}.qm")],
            check=True,
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
