"""The one stylesheet of the app (``resources/style.qss``)."""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from clienteling.ui.paths import resources_dir


def apply(app: QApplication) -> None:
    font = QFont(app.font())
    font.setPointSize(13)
    app.setFont(font)
    path = resources_dir() / "style.qss"
    if path.exists():
        app.setStyleSheet(path.read_text(encoding="utf-8"))
