"""A user's Linux desktop for tests and the packaged smoke run: her session's environment, and
her machine without some libraries (a mount namespace with an overlay that deletes them).

No pytest here, so ``packaging/smoke.py`` runs the frozen build on the same machine.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path


class Unavailable(RuntimeError):
    """This machine cannot play that desktop (no unshare, no mount namespaces, no library)."""


def desktop_env(home: Path, display: str, **extra: str) -> dict[str, str]:
    """A user's desktop session: a DISPLAY, no QT_QPA_PLATFORM, a fresh profile."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("CLIENTELING_", "QT_", "WAYLAND_", "XDG_"))
    }
    env.update(
        DISPLAY=display,
        HOME=str(home),
        CLIENTELING_KEYRING="file",
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_DATA_HOME=str(home / "data"),
        XDG_STATE_HOME=str(home / "state"),
        XDG_CACHE_HOME=str(home / "cache"),
        **extra,
    )
    return env


def library_dir(soname: str, library: Path) -> Path:
    """The folder the dynamic loader takes ``soname`` from for ``library`` (what ``ldd`` says)."""
    out = subprocess.run(
        ["ldd", str(library)],  # noqa: S607
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    found = re.search(rf"^\s*{re.escape(soname)} => (\S+)", out, re.MULTILINE)
    if found is None:
        raise Unavailable(f"{soname} is not installed here, so it cannot be hidden")
    return Path(found.group(1)).resolve().parent


def run_with_hidden_libraries(
    sonames: Sequence[str],
    command: Sequence[str],
    env: dict[str, str],
    timeout: float = 120,
    needed_by: Path | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run a command in a mount namespace where these libraries are gone (an overlay of their
    folder with the files deleted): the machine of a user who never installed them.
    ``needed_by`` is a library that loads them (default: Qt's xcb plugin)."""
    if sys.platform != "linux" or shutil.which("unshare") is None:
        raise Unavailable("unshare (util-linux)")
    probe = subprocess.run(["unshare", "-m", "true"], capture_output=True, check=False)  # noqa: S607
    if probe.returncode != 0:
        raise Unavailable("mount namespaces (root or CAP_SYS_ADMIN)")
    if needed_by is None:
        from clienteling.qt_platform import plugin_path

        needed_by = plugin_path("xcb")
        if needed_by is None:
            raise Unavailable("Qt's xcb plugin")
    where = {soname: library_dir(soname, needed_by) for soname in sonames}
    with tempfile.TemporaryDirectory(prefix="clienteling-hide-") as scratch:
        script = ["set -e"]
        for i, folder in enumerate(sorted(set(where.values()))):
            upper, work = Path(scratch, f"u{i}"), Path(scratch, f"w{i}")
            upper.mkdir()
            work.mkdir()
            script.append(
                f"mount -t overlay overlay -o lowerdir={folder},upperdir={upper},workdir={work} "
                f"{folder}"
            )
        script += [f'rm -f "{folder}/{soname}"*' for soname, folder in where.items()]
        script.append('exec "$@"')
        return subprocess.run(
            ["unshare", "-m", "sh", "-c", "\n".join(script), "hide", *command],  # noqa: S607
            env=env,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
