"""One place that turns Qt's ``LanguageChange`` event into a view's ``retranslate()``.

Swapping the translator (``i18n.install``) makes Qt send every widget a ``LanguageChange``
event; without this mixin each view, dialog and widget wrote the same handler out again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    # Type checkers see a widget; at run time the mixin is a plain class, because a Python
    # class may not derive from two Qt classes.
    _Base = QWidget
else:
    _Base = object


class Retranslating(_Base):
    """Listed first in the bases (``class View(Retranslating, QWidget)``), so its handler runs
    before the Qt class's, which it still calls for every event."""

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        """Set every text the user reads in the current language."""
        raise NotImplementedError
