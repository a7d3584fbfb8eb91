"""A desktop without Qt's X libraries: the app says what to install and exits, never aborts."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from subprocess import CompletedProcess

import pytest

from clienteling.qt_platform import EXIT_MISSING_LIBRARIES, chosen_plugin, debian_package
from tests.desktop.machine import desktop_env

ROOT = Path(__file__).resolve().parents[2]
CLIENTELING = Path(sys.executable).with_name("clienteling")
HIDDEN = ("libxcb-cursor.so.0", "libxcb-icccm.so.4")


def _assert_names_what_to_install(stderr: str) -> None:
    assert "libxcb-cursor.so.0" in stderr and "libxcb-icccm.so.4" in stderr
    assert "sudo apt install libxcb-cursor0 libxcb-icccm4" in stderr
    assert "sudo dnf install xcb-util-cursor xcb-util-wm" in stderr
    assert "QT_QPA_PLATFORM=offscreen is not a fix" in stderr
    assert "Aborted" not in stderr and "core dumped" not in stderr


def test_the_installed_app_names_the_missing_libraries_and_exits_cleanly(
    x_display: str, tmp_path: Path, hide_libraries: Callable[..., CompletedProcess[str]]
) -> None:
    done = hide_libraries(
        HIDDEN, [str(CLIENTELING), "--demo"], desktop_env(tmp_path, x_display), timeout=60
    )
    assert done.returncode == EXIT_MISSING_LIBRARIES, done.stderr
    _assert_names_what_to_install(done.stderr)


def test_run_py_demo_says_the_same(
    x_display: str, tmp_path: Path, hide_libraries: Callable[..., CompletedProcess[str]]
) -> None:
    done = hide_libraries(
        HIDDEN,
        [sys.executable, str(ROOT / "run.py"), "demo"],
        desktop_env(tmp_path, x_display),
        timeout=120,
    )
    assert done.returncode == EXIT_MISSING_LIBRARIES, done.stderr
    _assert_names_what_to_install(done.stderr)


def test_diagnose_reports_the_display_plugin_and_what_it_lacks(
    x_display: str, tmp_path: Path, hide_libraries: Callable[..., CompletedProcess[str]]
) -> None:
    done = hide_libraries(
        HIDDEN,
        [str(CLIENTELING), "diagnose", "--json", "--timeout", "1"],
        desktop_env(tmp_path, x_display),
        timeout=60,
    )
    report = json.loads(done.stdout)
    assert report["display"]["plugin"] == "xcb"
    assert report["display"]["missing"] == sorted(HIDDEN)
    assert report["display"]["install"] == "sudo apt install libxcb-cursor0 libxcb-icccm4"
    text = hide_libraries(
        HIDDEN,
        [str(CLIENTELING), "diagnose", "--timeout", "1"],
        desktop_env(tmp_path, x_display),
        timeout=60,
    ).stdout
    assert (
        "Display: Qt platform xcb (X display "
        f"{x_display}) — PROBLEM: missing libxcb-cursor.so.0, libxcb-icccm.so.4; "
        "sudo apt install libxcb-cursor0 libxcb-icccm4"
    ) in text


def test_diagnose_finds_nothing_missing_where_the_libraries_are(
    x_display: str, tmp_path: Path, hide_libraries: Callable[..., CompletedProcess[str]]
) -> None:
    done = hide_libraries(
        (),
        [str(CLIENTELING), "diagnose", "--json", "--timeout", "1"],
        desktop_env(tmp_path, x_display),
        timeout=60,
    )
    display = json.loads(done.stdout)["display"]
    assert (display["plugin"], display["missing"]) == ("xcb", [])


@pytest.mark.parametrize(
    ("soname", "package"),
    [
        ("libxcb-cursor.so.0", "libxcb-cursor0"),
        ("libxkbcommon-x11.so.0", "libxkbcommon-x11-0"),
        ("libdbus-1.so.3", "libdbus-1-3"),
        ("libEGL.so.1", "libegl1"),
        ("libglib-2.0.so.0", "libglib2.0-0"),
    ],
)
def test_debian_package_names_follow_debians_library_policy(soname: str, package: str) -> None:
    """Checked against `dpkg -S` on Debian 12 by hand."""
    assert debian_package(soname) == package


def test_the_plugin_qt_would_pick() -> None:
    assert chosen_plugin({"QT_QPA_PLATFORM": "offscreen", "DISPLAY": ":0"}, "linux")[0] == (
        "offscreen"
    )
    assert chosen_plugin({"DISPLAY": ":0"}, "linux")[0] == "xcb"
    wayland = {"DISPLAY": ":0", "WAYLAND_DISPLAY": "wayland-0", "XDG_SESSION_TYPE": "wayland"}
    assert chosen_plugin(wayland, "linux")[0] == "wayland"
