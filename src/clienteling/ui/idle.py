"""Inactivity on a shared tablet: no touch, mouse or key input anywhere for a while → lock.

One application-wide event filter restarts a single-shot timer on every input event, whichever
window or dialog gets it; the timer's end is the ``idle`` signal. Nothing polls or sleeps.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer, Signal

# Events that mean someone is using the tablet (hover and focus changes do not).
INPUT_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TouchUpdate,
        QEvent.Type.TabletPress,
        QEvent.Type.TabletMove,
    }
)


class InactivityWatcher(QObject):
    """Emits ``idle`` once ``interval_ms`` pass without input (again after the next input)."""

    idle = Signal()

    def __init__(self, interval_ms: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.idle)
        self._watching = False

    @property
    def interval_ms(self) -> int:
        return self._timer.interval()

    def set_interval(self, interval_ms: int) -> None:
        """A new delay, counted from now."""
        self._timer.setInterval(interval_ms)
        if self._watching:
            self._timer.start()

    def remaining_ms(self) -> int:
        """Milliseconds until ``idle`` (-1 when not counting)."""
        return self._timer.remainingTime() if self._timer.isActive() else -1

    def start(self) -> None:
        app = QCoreApplication.instance()
        if app is not None and not self._watching:
            app.installEventFilter(self)
            self._watching = True
        self._timer.start()

    def stop(self) -> None:
        app = QCoreApplication.instance()
        if app is not None and self._watching:
            app.removeEventFilter(self)
        self._watching = False
        self._timer.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in INPUT_EVENTS:
            self._timer.start()
        return False
