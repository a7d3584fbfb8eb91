"""Build the one-folder package: ``python packaging/build.py`` → ``dist/clienteling/``.

Installs PyInstaller into the running interpreter when missing, runs the spec, then checks the
result the way a tablet would fail: on Linux every shared library in the folder must resolve
inside the folder or the OS (``ldd``), since a Qt plugin with a missing library is skipped
silently and the app then fails on the first machine without it.
"""

from __future__ import annotations

import argparse
import importlib.util
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "packaging" / "clienteling.spec"
DIST = ROOT / "dist"
WORK = ROOT / "build" / "pyinstaller"
APP_DIR = DIST / "clienteling"


def ensure_pyinstaller() -> None:
    if importlib.util.find_spec("PyInstaller") is None:
        subprocess.run([sys.executable, "-m", "pip", "install", "pyinstaller>=6.6"], check=True)


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


# Missing libraries with these names should have been bundled: a build error. Anything else
# (libxcb-*, libEGL, fontconfig, D-Bus) is expected from the OS, as Qt documents.
BUNDLED = ("libQt6", "libpyside6", "libshiboken6", "libpython", "libicu")


def missing_libraries(folder: Path) -> list[str]:
    """Shared libraries in the build whose dependencies resolve nowhere (Linux only); the
    app's own preflight asks the loader the same way (``clienteling.qt_platform``)."""
    if not sys.platform.startswith("linux"):
        return []
    from clienteling.qt_platform import missing_libraries as unresolved

    lib_dirs = sorted({str(p.parent) for p in folder.rglob("*.so*") if p.is_file()})
    return [
        f"{lib.relative_to(folder)}: {soname} => not found"
        for lib in sorted(folder.rglob("*.so*"))
        if lib.is_file() and not lib.is_symlink()
        for soname in unresolved(lib, lib_dirs)
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-clean", action="store_true", help="reuse PyInstaller's cache")
    args = parser.parse_args(argv)
    ensure_pyinstaller()
    started = time.perf_counter()
    command = [
        sys.executable,
        "-m",
        "PyInstaller",
        str(SPEC),
        "--noconfirm",
        "--log-level=WARN",
        f"--distpath={DIST}",
        f"--workpath={WORK}",
    ]
    if not args.no_clean:
        command.append("--clean")
    subprocess.run(command, check=True, cwd=ROOT)
    elapsed = time.perf_counter() - started
    size = folder_size(APP_DIR)
    files = sum(1 for p in APP_DIR.rglob("*") if p.is_file())
    print(f"built {APP_DIR} in {elapsed:.0f} s: {size / 1e6:.1f} MB in {files} files")
    missing = missing_libraries(APP_DIR)
    problems = [m for m in missing if m.split(": ", 1)[1].startswith(BUNDLED)]
    from_os = sorted({m.split(": ", 1)[1].split(" ")[0] for m in missing if m not in problems})
    if from_os:
        print(f"needs from the OS (not installed on this machine): {', '.join(from_os)}")
    for problem in problems:
        print(f"missing bundled library: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
