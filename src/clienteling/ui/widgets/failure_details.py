"""The "Details" under a failure's sentence: the technical text, shown only when asked for.

The assistant reads one short sentence; IT support, on the phone with her, needs the exact
error. It stays folded away until she opens it, and can be selected and copied.
"""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget

from clienteling.ui.retranslate import Retranslating


class FailureDetails(Retranslating, QWidget):
    """Hidden unless the last failure has details; then a button unfolds them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.button = QPushButton()
        self.button.setCheckable(True)
        self.button.toggled.connect(self._unfold)
        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        self.text.setMaximumHeight(120)
        self.text.hide()
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.text)
        self.hide()
        self.retranslate()

    def show_details(self, details: str) -> None:
        """Offer ``details`` folded; nothing is shown when there are none."""
        self.button.setChecked(False)
        self.text.setPlainText(details)
        self.setVisible(bool(details))

    def clear(self) -> None:
        self.show_details("")

    def _unfold(self, unfolded: bool) -> None:
        self.text.setVisible(unfolded)
        self.retranslate()

    def retranslate(self) -> None:
        self.button.setText(
            self.tr("Hide details") if self.button.isChecked() else self.tr("Details")
        )
