"""Which Qt platform plugin the app would load, and the system libraries it lacks.

Qt aborts the process (SIGABRT, a core dump) when its platform plugin cannot load, and on Linux
its message names only ``libxcb-cursor0`` even when other X libraries are missing too. So before
the application object exists, the app asks the dynamic loader itself (``ldd`` on the xcb
plugin, which resolves every dependency the way the loader will, transitively) and, if anything
is missing, prints what to install and exits with :data:`EXIT_MISSING_LIBRARIES`.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

# EX_CONFIG from sysexits.h: the machine lacks something the program needs to run.
EXIT_MISSING_LIBRARIES = 78

# Debian names library packages after the soname (``libfoo.so.1`` → ``libfoo1``,
# ``libfoo-2.so.0`` → ``libfoo-2-0``); these few do not follow that rule.
_DEBIAN_EXCEPTIONS = {
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
    "libfreetype.so.6": "libfreetype6",
}
# Fedora packages by soname stem; the xcb-util family is split differently there.
_FEDORA = {
    "libxcb-cursor": "xcb-util-cursor",
    "libxcb-icccm": "xcb-util-wm",
    "libxcb-ewmh": "xcb-util-wm",
    "libxcb-keysyms": "xcb-util-keysyms",
    "libxcb-image": "xcb-util-image",
    "libxcb-render-util": "xcb-util-renderutil",
    "libxcb-util": "xcb-util",
    "libxkbcommon-x11": "libxkbcommon-x11",
    "libxkbcommon": "libxkbcommon",
    "libX11-xcb": "libX11-xcb",
    "libX11": "libX11",
    "libEGL": "libglvnd-egl",
    "libGL": "libglvnd-glx",
    "libOpenGL": "libglvnd-opengl",
    "libfontconfig": "fontconfig",
    "libfreetype": "freetype",
    "libdbus-1": "dbus-libs",
    "libSM": "libSM",
    "libICE": "libICE",
}
_NOT_FOUND = re.compile(r"^\s*(\S+)\s+=>\s+not found", re.MULTILINE)
_LOAD_ERROR = re.compile(r"([^\s:/]+\.so[.\d]*): cannot open shared object file")


@dataclass(frozen=True)
class PlatformCheck:
    """What Qt would use to draw windows here, and what that plugin cannot load."""

    plugin: str
    reason: str
    missing: list[str] = field(default_factory=list)
    plugin_path: str | None = None

    @property
    def ok(self) -> bool:
        return not self.missing


def chosen_plugin(env: Mapping[str, str], platform: str = sys.platform) -> tuple[str, str]:
    """The platform plugin Qt will pick, and why (the rule Qt 6 follows on each system)."""
    forced = env.get("QT_QPA_PLATFORM", "").strip()
    if forced:
        return forced.split(":", 1)[0].split(";", 1)[0], "QT_QPA_PLATFORM"
    if platform == "win32":
        return "windows", "Windows"
    if platform == "darwin":
        return "cocoa", "macOS"
    if env.get("WAYLAND_DISPLAY") and env.get("XDG_SESSION_TYPE") == "wayland":
        return "wayland", "Wayland session"
    if env.get("DISPLAY"):
        return "xcb", "X display " + env["DISPLAY"]
    return "xcb", "no DISPLAY set (Qt will not find a screen)"


def plugin_path(name: str) -> Path | None:
    """The platform plugin's file in this installation (or in the packaged folder)."""
    from PySide6.QtCore import QLibraryInfo

    folder = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)) / "platforms"
    found = sorted(folder.glob(f"libq{name}.so")) + sorted(folder.glob(f"qt{name}*.dll"))
    return found[0] if found else None


def _qt_library_dirs() -> list[str]:
    """Where the bundled Qt libraries are, for the packaged build (no RUNPATH leads there)."""
    from PySide6.QtCore import QLibraryInfo

    dirs = [QLibraryInfo.path(QLibraryInfo.LibraryPath.LibrariesPath)]
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        dirs.append(str(bundle))
    return [d for d in dirs if d and Path(d).is_dir()]


def missing_libraries(library: Path, extra_dirs: list[str] | None = None) -> list[str]:
    """Sonames the dynamic loader cannot find for ``library`` or anything it needs."""
    search = os.pathsep.join([*(extra_dirs or []), os.environ.get("LD_LIBRARY_PATH", "")])
    env = {**os.environ, "LD_LIBRARY_PATH": search.strip(os.pathsep)}
    ldd = shutil.which("ldd")
    if ldd is not None:
        out = subprocess.run(  # noqa: S603 - the system's ldd on Qt's own plugin file
            [ldd, str(library)], capture_output=True, text=True, env=env, timeout=30, check=False
        )
        return sorted(set(_NOT_FOUND.findall(out.stdout)))
    import ctypes

    try:
        ctypes.CDLL(str(library))
    except OSError as exc:  # without ldd the loader names only the first missing library
        first = _LOAD_ERROR.search(str(exc))
        return [first.group(1)] if first else [str(exc)]
    return []


def check(env: Mapping[str, str] | None = None) -> PlatformCheck:
    """Which plugin would load and the libraries it lacks (only xcb is checked: it is the one
    that needs libraries a desktop may not have; the others ship with the OS or with Qt)."""
    env = os.environ if env is None else env
    plugin, reason = chosen_plugin(env)
    if plugin != "xcb" or not sys.platform.startswith("linux"):
        return PlatformCheck(plugin, reason)
    path = plugin_path("xcb")
    if path is None:
        return PlatformCheck(plugin, reason, ["libqxcb.so (Qt's xcb plugin)"])
    return PlatformCheck(plugin, reason, missing_libraries(path, _qt_library_dirs()), str(path))


def debian_package(soname: str) -> str:
    """The Debian/Ubuntu package that ships a library, by Debian's library naming policy."""
    if soname in _DEBIAN_EXCEPTIONS:
        return _DEBIAN_EXCEPTIONS[soname]
    stem, _, version = soname.partition(".so")
    major = version.lstrip(".").split(".", 1)[0]
    if not major:
        return stem.lower()
    joiner = "-" if stem[-1:].isdigit() else ""
    return f"{stem}{joiner}{major}".lower().replace("_", "-")


def fedora_package(soname: str) -> str | None:
    return _FEDORA.get(soname.partition(".so")[0])


def message(result: PlatformCheck) -> str:
    """What to tell whoever started the app: which libraries, and the exact install lines."""
    debian = sorted({debian_package(s) for s in result.missing})
    fedora = sorted({p for s in result.missing if (p := fedora_package(s))})
    unknown = sorted(s for s in result.missing if fedora_package(s) is None)
    lines = [
        "Clienteling cannot open its window: Qt's X11 (xcb) display plugin needs system "
        "libraries that are not installed:",
        *(
            f"  {soname}  (Debian/Ubuntu package {debian_package(soname)})"
            for soname in result.missing
        ),
        "",
        "Install them, then start Clienteling again:",
        f"  Debian/Ubuntu:  sudo apt install {' '.join(debian)}",
    ]
    if fedora:
        lines.append(f"  Fedora:         sudo dnf install {' '.join(fedora)}")
    lines += [
        f"  Fedora:         dnf provides '*/{soname}'  (to find its package)" for soname in unknown
    ]
    lines += [
        "",
        "QT_QPA_PLATFORM=offscreen is not a fix on a desktop: it starts the app with no window.",
    ]
    return "\n".join(lines)


def preflight() -> int | None:
    """Before ``QApplication``: None when Qt can load its platform, else the exit code to use
    after the message has been printed to stderr."""
    result = check()
    if result.ok:
        return None
    print(message(result), file=sys.stderr)
    return EXIT_MISSING_LIBRARIES
