"""The segment builder: conditions on profile, engagement and purchases, as form controls.

Presets (VIPs at risk, birthdays, carts...) fill the same controls, so a manager can start from
one and refine it; every change is debounced briefly and emitted as one ``Segment``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from clienteling.protocol.rows import TIERS
from clienteling.replica.customer_lists import CONSENT_CHANNELS, Segment, StaffChoice
from clienteling.ui import fmt
from clienteling.ui.retranslate import Retranslating

DEBOUNCE_MS = 150


def _days(maximum: int = 3650) -> QSpinBox:
    box = QSpinBox()
    box.setRange(0, maximum)
    box.setMinimumHeight(44)
    return box


def _value_or_none(box: QSpinBox) -> int | None:
    return box.value() or None


class SegmentBuilder(Retranslating, QWidget):
    changed = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self._emit)
        self._setting = False

        self.vip_only = QCheckBox()
        self.tier = QComboBox()
        self.min_age = _days(120)
        self.max_age = _days(120)
        self.language = QComboBox()
        self.birthday = QCheckBox()
        self.consent = QComboBox()
        self.assistant = QComboBox()
        self.engaged = _days()
        self.not_engaged = _days()
        self.attended = QCheckBox()
        self.rfm = QComboBox()
        self.churn = QCheckBox()
        self.min_value = _days(10_000_000)
        self.min_value.setSingleStep(100)
        self.min_predicted = _days(10_000_000)
        self.min_predicted.setSingleStep(100)
        self.min_orders = _days(10_000)
        self.bought_within = _days()
        self.not_bought_for = _days()
        self.omnichannel = QCheckBox()
        self.cart_within = _days(365)
        self._staff: list[StaffChoice] = []
        self._segments: list[str] = []

        self._labels: dict[QWidget, QLabel] = {}
        self.profile_box = QGroupBox()
        self.profile_form = QFormLayout(self.profile_box)
        self.engagement_box = QGroupBox()
        self.engagement_form = QFormLayout(self.engagement_box)
        self.purchase_box = QGroupBox()
        self.purchase_form = QFormLayout(self.purchase_box)
        for form, widgets in (
            (
                self.profile_form,
                (
                    self.vip_only,
                    self.tier,
                    self.min_age,
                    self.max_age,
                    self.language,
                    self.birthday,
                    self.consent,
                    self.assistant,
                ),
            ),
            (self.engagement_form, (self.engaged, self.not_engaged, self.attended)),
            (
                self.purchase_form,
                (
                    self.rfm,
                    self.churn,
                    self.min_value,
                    self.min_predicted,
                    self.min_orders,
                    self.bought_within,
                    self.not_bought_for,
                    self.omnichannel,
                    self.cart_within,
                ),
            ),
        ):
            for widget in widgets:
                label = QLabel()
                label.setWordWrap(True)
                label.setBuddy(widget)
                self._labels[widget] = label
                form.addRow(label, widget)
                if isinstance(widget, QCheckBox):
                    widget.toggled.connect(self._touched)
                elif isinstance(widget, QComboBox):
                    widget.setMinimumHeight(44)
                    widget.currentIndexChanged.connect(self._touched)
                elif isinstance(widget, QSpinBox):
                    widget.valueChanged.connect(self._touched)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        for box in (self.profile_box, self.engagement_box, self.purchase_box):
            row.addWidget(box, 1)
        layout.addLayout(row)
        self.retranslate()

    # --- choices from the replica -----------------------------------------------------------

    def set_choices(self, staff: list[StaffChoice], segments: list[str]) -> None:
        """Assistants of the store and the RFM groups present, keeping the current picks."""
        current = self.segment()
        self._staff = staff
        self._segments = segments
        self._fill_combos()
        self.set_segment(current, emit=False)

    def _fill_combos(self) -> None:
        self._setting = True
        try:
            combos: list[tuple[QComboBox, Sequence[tuple[str, object]]]] = [
                (
                    self.tier,
                    [(self.tr("Any tier"), None)]
                    + [(self.tr("{0} or higher").format(fmt.tier(t)), t) for t in TIERS[1:]],
                ),
                (
                    self.language,
                    [(self.tr("Any language"), None), ("Español", "es"), ("English", "en")],
                ),
                (
                    self.consent,
                    [(self.tr("Not required"), None)]
                    + [(fmt.channel(c), c) for c in CONSENT_CHANNELS],
                ),
                (
                    self.assistant,
                    [(self.tr("Anyone or nobody"), None), (self.tr("Nobody yet"), "")]
                    + [(s.display_name, s.id) for s in self._staff],
                ),
                (
                    self.rfm,
                    [(self.tr("Any segment"), None)]
                    + [(fmt.rfm_segment(s), s) for s in self._segments],
                ),
            ]
            for combo, items in combos:
                data = combo.currentData()
                combo.clear()
                for text, value in items:
                    combo.addItem(text, value)
                found = combo.findData(data)
                combo.setCurrentIndex(found if found >= 0 else 0)
        finally:
            self._setting = False

    # --- the segment ------------------------------------------------------------------------

    def segment(self) -> Segment:
        tier = self.tier.currentData()
        rfm = self.rfm.currentData()
        value = self.min_value.value()
        predicted = self.min_predicted.value()
        return Segment(
            vip_only=self.vip_only.isChecked(),
            tiers=TIERS[TIERS.index(tier) :] if tier else (),
            min_age=_value_or_none(self.min_age),
            max_age=_value_or_none(self.max_age),
            language=self.language.currentData(),
            birthday_month=self._birthday_month if self.birthday.isChecked() else None,
            consented_channel=self.consent.currentData(),
            assigned_staff_id=self.assistant.currentData(),
            engaged_within_days=_value_or_none(self.engaged),
            not_engaged_for_days=_value_or_none(self.not_engaged),
            attended_event=self.attended.isChecked(),
            segments=(rfm,) if rfm else (),
            churn_risk_only=self.churn.isChecked(),
            min_value_cents=value * 100 if value else None,
            min_predicted_cents=predicted * 100 if predicted else None,
            min_orders=_value_or_none(self.min_orders),
            purchased_within_days=_value_or_none(self.bought_within),
            not_purchased_for_days=_value_or_none(self.not_bought_for),
            omnichannel_only=self.omnichannel.isChecked(),
            cart_abandoned_within_days=_value_or_none(self.cart_within),
        )

    @property
    def _birthday_month(self) -> int:
        return datetime.now().month

    def set_segment(self, seg: Segment, *, emit: bool = True) -> None:
        """Show ``seg`` in the controls (a preset); emits one change unless ``emit`` is False."""
        self._setting = True
        try:
            self.vip_only.setChecked(seg.vip_only)
            lowest = min((TIERS.index(t) for t in seg.tiers), default=None)
            self.tier.setCurrentIndex(max(self.tier.findData(TIERS[lowest]), 0) if lowest else 0)
            self.min_age.setValue(seg.min_age or 0)
            self.max_age.setValue(seg.max_age or 0)
            self.language.setCurrentIndex(max(self.language.findData(seg.language), 0))
            self.birthday.setChecked(seg.birthday_month is not None)
            self.consent.setCurrentIndex(max(self.consent.findData(seg.consented_channel), 0))
            self.assistant.setCurrentIndex(
                max(self.assistant.findData(seg.assigned_staff_id), 0)
                if seg.assigned_staff_id is not None
                else 0
            )
            self.engaged.setValue(seg.engaged_within_days or 0)
            self.not_engaged.setValue(seg.not_engaged_for_days or 0)
            self.attended.setChecked(seg.attended_event)
            self.rfm.setCurrentIndex(
                max(self.rfm.findData(seg.segments[0]), 0) if seg.segments else 0
            )
            self.churn.setChecked(seg.churn_risk_only)
            self.min_value.setValue((seg.min_value_cents or 0) // 100)
            self.min_predicted.setValue((seg.min_predicted_cents or 0) // 100)
            self.min_orders.setValue(seg.min_orders or 0)
            self.bought_within.setValue(seg.purchased_within_days or 0)
            self.not_bought_for.setValue(seg.not_purchased_for_days or 0)
            self.omnichannel.setChecked(seg.omnichannel_only)
            self.cart_within.setValue(seg.cart_abandoned_within_days or 0)
        finally:
            self._setting = False
        if emit:
            self._timer.stop()
            self._emit()

    def _touched(self) -> None:
        if not self._setting:
            self._timer.start()

    def _emit(self) -> None:
        self.changed.emit(self.segment())

    # --- language ---------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.profile_box.setTitle(self.tr("Profile"))
        self.engagement_box.setTitle(self.tr("Engagement with campaigns"))
        self.purchase_box.setTitle(self.tr("Purchase behaviour"))
        any_text = self.tr("any")
        for box in (
            self.min_age,
            self.max_age,
            self.engaged,
            self.not_engaged,
            self.min_value,
            self.min_predicted,
            self.min_orders,
            self.bought_within,
            self.not_bought_for,
            self.cart_within,
        ):
            box.setSpecialValueText(any_text)
        for box in (self.engaged, self.not_engaged, self.bought_within, self.not_bought_for):
            box.setSuffix(self.tr(" days"))
        self.cart_within.setSuffix(self.tr(" days"))
        self.min_age.setSuffix(self.tr(" years"))
        self.max_age.setSuffix(self.tr(" years"))
        self.min_value.setSuffix(" €")
        self.min_predicted.setSuffix(" €")
        labels = [
            (self.profile_form, self.vip_only, self.tr("VIP only")),
            (self.profile_form, self.tier, self.tr("Tier")),
            (self.profile_form, self.min_age, self.tr("Age from")),
            (self.profile_form, self.max_age, self.tr("Age up to")),
            (self.profile_form, self.language, self.tr("Language")),
            (self.profile_form, self.birthday, self.tr("Birthday this month")),
            (self.profile_form, self.consent, self.tr("Marketing consent by")),
            (self.profile_form, self.assistant, self.tr("Personal assistant")),
            (self.engagement_form, self.engaged, self.tr("Opened, clicked or came within")),
            (self.engagement_form, self.not_engaged, self.tr("No response for")),
            (self.engagement_form, self.attended, self.tr("Came to a store event")),
            (self.purchase_form, self.rfm, self.tr("RFM segment")),
            (self.purchase_form, self.churn, self.tr("At risk of leaving")),
            (self.purchase_form, self.min_value, self.tr("Lifetime value from")),
            (self.purchase_form, self.min_predicted, self.tr("Predicted 12 months from")),
            (self.purchase_form, self.min_orders, self.tr("Orders at least")),
            (self.purchase_form, self.bought_within, self.tr("Bought within")),
            (self.purchase_form, self.not_bought_for, self.tr("Not bought for")),
            (self.purchase_form, self.omnichannel, self.tr("Buys in several channels")),
            (self.purchase_form, self.cart_within, self.tr("Abandoned a cart within")),
        ]
        for _form, widget, text in labels:
            self._labels[widget].setText(text)
        self._fill_combos()
