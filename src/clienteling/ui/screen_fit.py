"""The first size of a top-level window: the tablet layout's preferred size, never more than
the screen it opens on (a 1024×768 screen must show the whole window, title bar included)."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

PREFERRED = QSize(1280, 800)


def fit_to_screen(window: QWidget, preferred: QSize = PREFERRED) -> None:
    """Resize to ``preferred`` bounded by the screen's free area, centred on it."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        window.resize(preferred)
        return
    free = screen.availableGeometry()
    size = preferred.boundedTo(free.size()).expandedTo(window.minimumSizeHint())
    window.resize(size)
    left = free.x() + max(0, (free.width() - size.width()) // 2)
    top = free.y() + max(0, (free.height() - size.height()) // 2)
    window.move(left, top)
