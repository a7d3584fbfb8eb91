"""Small chart widgets over pyqtgraph, for figures a manager reads at arm's length on a tablet.

The charts are pictures, not instruments: panning, zooming and pyqtgraph's context menu are off
so a finger scrolling the page cannot move the axes. Every bar carries its value as text (the
caller formats it: money, percentages), and each chart can say what it drew (``values()``), which
is what the tests assert on. Colours follow ``resources/style.qss``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QFrame, QLabel, QStackedLayout, QVBoxLayout, QWidget

ACCENT = "#c2703d"
NAVY = "#22313f"
GOLD = "#d9a441"
GREEN = "#2e9e4f"
RED = "#c62828"
TEXT = "#1f2328"
MUTED = "#57606a"
GRID = "#e1e4e8"

ValueText = Callable[[float], str]


def _plain(value: float) -> str:
    return f"{value:g}"


@dataclass(frozen=True)
class Series:
    """One set of bars: a name for the legend, a value per category, and its colour."""

    name: str
    values: tuple[float, ...]
    colour: str = ACCENT
    text: ValueText = _plain


def _plot(parent: QWidget) -> pg.PlotWidget:
    plot = pg.PlotWidget(parent, background="#ffffff")
    item = plot.getPlotItem()
    item.setMouseEnabled(x=False, y=False)
    item.setMenuEnabled(False)
    item.hideButtons()
    font = QFont()
    font.setPixelSize(13)
    for name in ("left", "bottom"):
        axis = item.getAxis(name)
        axis.setPen(pg.mkPen(GRID))
        axis.setTextPen(pg.mkPen(TEXT))
        axis.setTickFont(font)
    return plot


class BarChart(QWidget):
    """Bars per category (grouped when there are several series), with values written on them.

    ``horizontal`` suits long category names (people); vertical suits a few short ones.
    """

    def __init__(self, parent: QWidget | None = None, *, horizontal: bool = False) -> None:
        super().__init__(parent)
        self.horizontal = horizontal
        self.plot = _plot(self)
        self.plot.setMinimumHeight(220)
        self.legend = QLabel()
        self.legend.setObjectName("chartLegend")
        self.empty = QLabel()
        self.empty.setObjectName("emptyState")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        chart = QWidget()
        inner = QVBoxLayout(chart)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.addWidget(self.legend)
        inner.addWidget(self.plot, 1)
        self._stack = QStackedLayout(self)
        self._stack.addWidget(chart)
        self._stack.addWidget(self.empty)
        self._labels: list[str] = []
        self._series: list[Series] = []
        self._bars: list[pg.BarGraphItem] = []
        # Every bar has its value written on it: a value axis would only add noise (and
        # pyqtgraph's tick numbers ignore the app's locale).
        item = self.plot.getPlotItem()
        item.hideAxis("bottom" if horizontal else "left")
        self.set_bars([], [])

    def set_empty_text(self, text: str) -> None:
        """What to say when there is nothing to draw (the caller translates it)."""
        self.empty.setText(text)

    def set_bars(self, labels: Sequence[str], series: Sequence[Series]) -> None:
        for s in series:
            if len(s.values) != len(labels):
                raise ValueError(f"series {s.name!r} has {len(s.values)} values for {len(labels)}")
        item = self.plot.getPlotItem()
        item.clear()
        self._labels = list(labels)
        self._series = list(series)
        self._bars = []
        if not labels or not series:
            self._stack.setCurrentIndex(1)
            return
        self._stack.setCurrentIndex(0)
        n = len(series)
        width = 0.7 / n
        lows: list[float] = [0.0]
        highs: list[float] = [0.0]
        for k, s in enumerate(series):
            offset = (k - (n - 1) / 2) * width
            where = [i + offset for i in range(len(labels))]
            brush = pg.mkBrush(s.colour)
            pen = pg.mkPen(QColor(s.colour).darker(115))
            if self.horizontal:
                bars = pg.BarGraphItem(
                    x0=0, y=where, height=width * 0.9, width=list(s.values), brush=brush, pen=pen
                )
            else:
                bars = pg.BarGraphItem(
                    x=where, y0=0, width=width * 0.9, height=list(s.values), brush=brush, pen=pen
                )
            item.addItem(bars)
            self._bars.append(bars)
            for pos, value in zip(where, s.values, strict=True):
                self._label_bar(pos, value, s.text(value))
            lows.append(min(s.values))
            highs.append(max(s.values))
        self._frame(min(lows), max(highs))
        self.legend.setVisible(n > 1)
        self.legend.setText(
            "&nbsp;&nbsp;&nbsp;".join(
                f'<span style="color:{s.colour}">■</span> {s.name}' for s in series
            )
        )

    def _label_bar(self, pos: float, value: float, text: str) -> None:
        if self.horizontal:
            anchor = (0.0, 0.5) if value >= 0 else (1.0, 0.5)
            label = pg.TextItem(f" {text} ", color=TEXT, anchor=anchor)
            label.setPos(value, pos)
        else:
            anchor = (0.5, 1.0) if value >= 0 else (0.5, 0.0)
            label = pg.TextItem(text, color=TEXT, anchor=anchor)
            label.setPos(pos, value)
        self.plot.getPlotItem().addItem(label)

    def _frame(self, low: float, high: float) -> None:
        item = self.plot.getPlotItem()
        span = (high - low) or 1.0
        # Room past the longest bar for its value text.
        value_range = (low - (0.15 * span if low < 0 else 0), high + 0.25 * span)
        category_range = (-0.6, len(self._labels) - 0.4)
        ticks = [list(enumerate(self._labels))]
        if self.horizontal:
            item.getAxis("left").setTicks(ticks)
            item.setXRange(*value_range, padding=0)
            item.setYRange(*category_range, padding=0)
            item.getViewBox().invertY(True)
            self.plot.setMinimumHeight(max(220, 56 * len(self._labels) + 60))
        else:
            item.getAxis("bottom").setTicks(ticks)
            item.setXRange(*category_range, padding=0)
            item.setYRange(*value_range, padding=0)

    def labels(self) -> list[str]:
        return list(self._labels)

    def series_names(self) -> list[str]:
        return [s.name for s in self._series]

    def values(self, series: int = 0) -> list[tuple[str, float]]:
        """(category, bar length) as the bar item holds them: what is on screen."""
        if series >= len(self._bars):
            return []
        opts = self._bars[series].opts
        lengths = opts["width"] if self.horizontal else opts["height"]
        return [(label, float(v)) for label, v in zip(self._labels, lengths, strict=True)]


class ScaleBar(QWidget):
    """One value on its scale (NPS -100..100, CSAT 1..5...): the track and a bar up to it."""

    def __init__(self, low: float, high: float, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.low, self.high = low, high
        self.plot = _plot(self)
        self.plot.setFixedHeight(40)
        item = self.plot.getPlotItem()
        # The card's title gives the scale; axes would only crowd a 40 px strip.
        item.hideAxis("left")
        item.hideAxis("bottom")
        item.setXRange(low, high, padding=0.01)
        item.setYRange(-0.5, 0.5, padding=0)
        self.track = pg.BarGraphItem(
            x0=[low], y=[0], width=[high - low], height=0.5, brush=pg.mkBrush(GRID), pen=None
        )
        self.bar = pg.BarGraphItem(x0=[low], y=[0], width=[0], height=0.5, brush=pg.mkBrush(ACCENT))
        item.addItem(self.track)
        item.addItem(self.bar)
        if low < 0 < high:
            item.addItem(pg.InfiniteLine(pos=0, angle=90, pen=pg.mkPen(MUTED, width=2)))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.plot)
        self._value: float | None = None

    def set_value(self, value: float | None, colour: str = ACCENT) -> None:
        self._value = value
        # NPS bars grow from zero (left for negative scores); other scales from their lowest.
        origin = 0.0 if self.low < 0 else self.low
        start, length = (origin, 0.0) if value is None else (origin, value - origin)
        self.bar.setOpts(x0=[start], width=[length], brush=pg.mkBrush(colour))

    def value(self) -> float | None:
        """The value the bar reaches (None: drawn empty)."""
        if self._value is None:
            return None
        return float(self.bar.opts["x0"][0] + self.bar.opts["width"][0])


class FigureCard(QFrame):
    """A headline figure: title, big value, a line of detail, and optionally its scale."""

    def __init__(
        self, parent: QWidget | None = None, *, scale: tuple[float, float] | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("figureCard")
        self.title = QLabel()
        self.title.setObjectName("figureTitle")
        self.value = QLabel("—")
        self.value.setObjectName("figureValue")
        self.detail = QLabel()
        self.detail.setObjectName("figureDetail")
        self.detail.setWordWrap(True)
        self.gauge = ScaleBar(*scale) if scale else None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 10)
        layout.addWidget(self.title)
        layout.addWidget(self.value)
        if self.gauge is not None:
            layout.addWidget(self.gauge)
        layout.addWidget(self.detail)
        layout.addStretch(1)
        # The app's stylesheet has no rules for these yet: keep them readable on their own.
        self.setStyleSheet(
            "#figureCard { background: #ffffff; border: 1px solid #e1e4e8; border-radius: 12px; }"
            f"#figureTitle {{ color: {MUTED}; font-weight: 600; }}"
            f"#figureValue {{ font-size: 30px; font-weight: 600; color: {TEXT}; }}"
            f"#figureDetail {{ color: {MUTED}; }}"
        )

    def set_figure(
        self, value: str, detail: str = "", gauge: float | None = None, colour: str = ACCENT
    ) -> None:
        self.value.setText(value)
        self.detail.setText(detail)
        if self.gauge is not None:
            self.gauge.set_value(gauge, colour)
