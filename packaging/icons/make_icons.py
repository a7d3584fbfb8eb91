"""Render the app icon from its SVG into the formats each OS's packaging wants.

Qt already renders SVG and writes ICO/ICNS, so the icons need no extra imaging library; the
generated files are committed and only need rebuilding when the SVG changes.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

HERE = Path(__file__).resolve().parent
SOURCE = HERE / "clienteling.svg"


def render(size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    QSvgRenderer(str(SOURCE)).render(painter)
    painter.end()
    return image


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QGuiApplication(sys.argv[:1])
    outputs = {"clienteling.png": 256, "clienteling.ico": 256, "clienteling.icns": 512}
    for name, size in outputs.items():
        if not render(size).save(str(HERE / name)):
            print(f"could not write {name}", file=sys.stderr)
            return 1
        print(f"wrote {HERE / name}")
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
