"""The manager's export of the list she is looking at: only customers who consented.

The server filters by consent and logs the export; the tablet only saves what it got, as CSV or
as an XLSX workbook made from that CSV, with every cell that a spreadsheet would run as a formula
neutralised again (the server does it too; a file on a manager's desk must not depend on it).
Shown with ``open()`` and answered by signals.
"""

from __future__ import annotations

import csv
import io
import os
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

import shiboken6
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDir, QStandardPaths, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from clienteling.protocol.spreadsheet import safe_row
from clienteling.ui import fmt
from clienteling.ui.errors import error_text
from clienteling.ui.retranslate import Retranslating
from clienteling.ui.session import Session

translate = QCoreApplication.translate

EXPORT_CHANNELS = ("email", "sms", "whatsapp", "phone", "push")
PURPOSES = ("marketing", "service", "profiling")
FORMATS = ("csv", "xlsx")
MAX_EXPORT = 50_000


PURPOSE_LABELS = fmt.LabelTable(
    "ManagerCalls",
    {
        "marketing": QT_TRANSLATE_NOOP("ManagerCalls", "marketing"),
        "service": QT_TRANSLATE_NOOP("ManagerCalls", "service messages"),
        "profiling": QT_TRANSLATE_NOOP("ManagerCalls", "profiling"),
    },
)


def purpose_label(purpose: str) -> str:
    return PURPOSE_LABELS.get(purpose, purpose)


def fit_height(dialog: QDialog) -> None:
    """Grow a dialog to the height its wrapped labels need (Qt sizes windows without it)."""
    layout = dialog.layout()
    if layout is None or not layout.hasHeightForWidth():
        return
    width = max(dialog.width(), dialog.minimumWidth())
    height = layout.totalHeightForWidth(width)
    if height > dialog.height():
        dialog.resize(width, height)


def write_atomically(path: Path, write: Callable[[Path], object]) -> None:
    """Write to a temporary file next to ``path`` and move it in place: never half a file."""
    fd, tmp = tempfile.mkstemp(prefix=".export-", dir=path.parent)
    os.close(fd)
    try:
        write(Path(tmp))
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _write_xlsx(target: Path, rows: list[list[str]], sheet_title: str) -> None:
    # Imported here: openpyxl takes a quarter of a second to load, only exports need it.
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    book = Workbook(write_only=True)
    sheet = book.create_sheet(sheet_title[:31] or "Sheet")
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    for number, row in enumerate(rows):
        cells = []
        for value in safe_row(row):
            cell = WriteOnlyCell(sheet, value=value)
            # Names are data, never formulas (openpyxl reads "=..." as a formula).
            cell.data_type = "s"
            if number == 0:
                cell.font = bold
            cells.append(cell)
        sheet.append(cells)
    book.save(target)


def _write_csv(target: Path, rows: list[list[str]]) -> None:
    out = io.StringIO()
    csv.writer(out).writerows(safe_row(row) for row in rows)
    # A byte-order mark so that Excel opens accented names correctly.
    target.write_bytes(b"\xef\xbb\xbf" + out.getvalue().encode("utf-8"))


def save_export(path: Path, content: bytes, file_format: str, sheet_title: str) -> int:
    """Save the server's CSV as ``file_format``; returns the number of customers in it.

    (The writers are module functions: Qt's lupdate loses the class context of the rest of a
    file after a nested function that follows a blank line.)
    """
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    if file_format == "xlsx":
        write_atomically(path, lambda target: _write_xlsx(target, rows, sheet_title))
    else:
        write_atomically(path, lambda target: _write_csv(target, rows))
    return max(len(rows) - 1, 0)


def _fill(combo: QComboBox, items: list[tuple[str, str]]) -> None:
    current = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    for key, label in items:
        combo.addItem(label, key)
    combo.setCurrentIndex(max(combo.findData(current), 0))
    combo.blockSignals(False)


class ExportDialog(Retranslating, QDialog):
    """Channel, purpose, format and file for a consent-respecting export of a list."""

    exported = Signal(object, int)
    failed = Signal(str)

    def __init__(
        self, session: Session, customer_ids: list[str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.customer_ids = list(dict.fromkeys(customer_ids))
        self.setObjectName("exportDialog")
        self.setMinimumWidth(620)
        self.busy = False
        self.file_dialog: QFileDialog | None = None
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.channel = QComboBox()
        self.purpose = QComboBox()
        self.file_format = QComboBox()
        self.path_edit = QLineEdit()
        self.choose_button = QPushButton()
        self.choose_button.clicked.connect(self.choose_file)
        self.labels = [QLabel() for _ in range(4)]
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(self.choose_button)
        form = QFormLayout()
        form.addRow(self.labels[0], self.channel)
        form.addRow(self.labels[1], self.purpose)
        form.addRow(self.labels[2], self.file_format)
        form.addRow(self.labels[3], path_row)
        self.outcome = QLabel()
        self.outcome.setObjectName("inlineMessage")
        self.outcome.setWordWrap(True)
        self.outcome.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.outcome.hide()
        self.error = QLabel()
        self.error.setObjectName("rejectedBanner")
        self.error.setWordWrap(True)
        self.error.hide()
        self.export_button = QPushButton()
        self.export_button.setObjectName("primary")
        self.export_button.clicked.connect(self.start_export)
        self.close_button = QPushButton()
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        buttons.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.outcome)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        self.retranslate()
        self.path_edit.setText(str(self._default_path()))
        self.channel.currentIndexChanged.connect(self._suggest_name)
        self.purpose.currentIndexChanged.connect(self._suggest_name)
        self.file_format.currentIndexChanged.connect(self._suggest_name)
        self._update_actions()

    # --- language ------------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        fit_height(self)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Export the list"))
        self.intro.setText(
            self.tr(
                "{0} customers in this list. Only those who consented to being contacted by "
                "the channel for the purpose you choose are exported; the export is recorded "
                "in the audit log."
            ).format(len(self.customer_ids))
        )
        _fill(self.channel, [(c, fmt.channel(c)) for c in EXPORT_CHANNELS])
        _fill(self.purpose, [(p, purpose_label(p).capitalize()) for p in PURPOSES])
        _fill(
            self.file_format,
            [("csv", self.tr("CSV (text)")), ("xlsx", self.tr("Excel workbook (XLSX)"))],
        )
        for label, text in zip(
            self.labels,
            (self.tr("Channel"), self.tr("Purpose"), self.tr("Format"), self.tr("File")),
            strict=True,
        ):
            label.setText(text)
        self.choose_button.setText(self.tr("Choose…"))
        self.export_button.setText(self.tr("Export"))
        self.close_button.setText(self.tr("Close"))

    # --- choices -------------------------------------------------------------------------------

    def _choice(self) -> tuple[str, str, str]:
        return (
            str(self.channel.currentData() or "email"),
            str(self.purpose.currentData() or "marketing"),
            str(self.file_format.currentData() or "csv"),
        )

    def _file_name(self) -> str:
        channel, purpose, file_format = self._choice()
        store = self.session.store_code.lower() or "tienda"
        return f"{store}-{channel}-{purpose}-{date.today().isoformat()}.{file_format}"

    def _default_path(self) -> Path:
        folder = (
            QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
            or QDir.homePath()
        )
        return Path(folder) / self._file_name()

    def _suggest_name(self) -> None:
        """Keep the chosen folder, and the name too unless it is still our suggestion."""
        current = Path(self.path_edit.text().strip() or str(self._default_path()))
        _, _, file_format = self._choice()
        stem = current.stem
        store = self.session.store_code.lower() or "tienda"
        if stem.startswith(f"{store}-"):
            self.path_edit.setText(str(current.parent / self._file_name()))
        else:
            self.path_edit.setText(str(current.with_suffix(f".{file_format}")))

    def choose_file(self) -> QFileDialog:
        """A Qt (not native) save dialog, opened without blocking the event loop."""
        _, _, file_format = self._choice()
        current = Path(self.path_edit.text().strip() or str(self._default_path()))
        dialog = QFileDialog(self, self.tr("Save the export as"), str(current.parent))
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setFileMode(QFileDialog.FileMode.AnyFile)
        dialog.setDefaultSuffix(file_format)
        dialog.setNameFilter(
            self.tr("Excel workbooks (*.xlsx)")
            if file_format == "xlsx"
            else self.tr("CSV files (*.csv)")
        )
        dialog.selectFile(current.name)
        dialog.fileSelected.connect(lambda chosen: self.path_edit.setText(chosen))
        dialog.finished.connect(dialog.deleteLater)
        self.file_dialog = dialog
        dialog.open()
        return dialog

    # --- exporting -----------------------------------------------------------------------------

    def _update_actions(self) -> None:
        allowed = self.session.is_manager and 0 < len(self.customer_ids) <= MAX_EXPORT
        self.export_button.setEnabled(allowed and not self.busy)
        self.choose_button.setEnabled(not self.busy)
        if not self.session.is_manager:
            self._show_error(self.tr("Only a store manager can export customer lists."))
        elif not self.customer_ids:
            self._show_error(self.tr("The list is empty: there is nobody to export."))
        elif len(self.customer_ids) > MAX_EXPORT:
            self._show_error(
                self.tr("A list can have at most {0} customers; narrow it down first.").format(
                    MAX_EXPORT
                )
            )

    def _show_error(self, text: str) -> None:
        self.outcome.hide()
        self.error.setText(text)
        self.error.show()
        fit_height(self)

    def export_to(self, path: Path, channel: str, purpose: str, fmt: str) -> None:
        """Export with these choices (what the Export button does with the fields' values);
        ``fmt`` is "csv" or "xlsx"."""
        for combo, value in (
            (self.channel, channel),
            (self.purpose, purpose),
            (self.file_format, fmt),
        ):
            index = combo.findData(value)
            if index < 0:
                raise ValueError(f"unknown choice {value!r}")
            combo.setCurrentIndex(index)
        self.path_edit.setText(str(path))
        self.start_export()

    def start_export(self) -> None:
        if self.busy or not self.export_button.isEnabled():
            return
        text = self.path_edit.text().strip()
        if not text:
            self._show_error(self.tr("Choose the file to save the export to."))
            return
        channel, purpose, file_format = self._choice()
        path = Path(text).expanduser()
        if path.suffix.lower() != f".{file_format}":
            path = path.with_name(path.name + f".{file_format}")
            self.path_edit.setText(str(path))
        if not path.parent.is_dir():
            self._show_error(self.tr("The folder {0} does not exist.").format(path.parent))
            return
        self.busy = True
        self._update_actions()
        self.error.hide()
        self.outcome.setText(self.tr("Exporting…"))
        self.outcome.show()
        api = self.session.manager_api()
        call = api.export_customers_csv(
            self.session.store_code, self.customer_ids, channel=channel, purpose=purpose
        )
        task = self.session.call(
            call,
            lambda content: self._received(content, path, channel, purpose, file_format),
            lambda exc: self._failed(error_text(exc)),
        )
        if task is None:
            self._failed(self.tr("The session has ended: sign in again."))

    def _received(
        self, content: bytes, path: Path, channel: str, purpose: str, file_format: str
    ) -> None:
        if not shiboken6.isValid(self):
            return
        title = self.tr("Customers")
        self.session.worker.submit(
            lambda: save_export(path, content, file_format, title),
            lambda count: self._saved(path, int(count), channel, purpose),
            lambda exc: self._failed(
                self.tr(
                    "The server exported the list, but the file could not be written: {0}"
                ).format(exc.strerror if isinstance(exc, OSError) and exc.strerror else exc)
            ),
        )

    def _saved(self, path: Path, count: int, channel: str, purpose: str) -> None:
        if not shiboken6.isValid(self):
            return
        self.busy = False
        self._update_actions()
        total = len(self.customer_ids)
        how = self.tr("{0} by {1}").format(purpose_label(purpose), fmt.channel(channel))
        if count == total:
            text = self.tr("Exported all {0} customers: all of them consented to {1}.").format(
                total, how
            )
        else:
            text = self.tr(
                "Exported {0} of {1} customers; the others have not consented to {2}."
            ).format(count, total, how)
        self.error.hide()
        self.outcome.setText(text + "\n" + self.tr("Saved to {0}").format(path))
        self.outcome.show()
        fit_height(self)
        self.exported.emit(path, count)

    def _failed(self, text: str) -> None:
        if not shiboken6.isValid(self):
            return
        self.busy = False
        self._update_actions()
        self._show_error(text)
        self.failed.emit(text)
