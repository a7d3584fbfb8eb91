"""The store manager's desk: customer lists and segments, KPIs, campaigns and the audit log.

Only built for staff with the manager (or admin) role; the main window never shows it to an
associate. Each tab reloads when it is shown, so an idle tab costs nothing.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from clienteling.ui.retranslate import Retranslating
from clienteling.ui.session import Session
from clienteling.ui.views.audit_view import AuditView
from clienteling.ui.views.campaigns_view import CampaignsView
from clienteling.ui.views.customer_list_view import CustomerListView
from clienteling.ui.views.kpi_view import KpiView


class _Tab(Protocol):
    def reload(self) -> None: ...


class ManagerView(Retranslating, QWidget):
    customerChosen = Signal(str)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.tabs = QTabWidget()
        self.tabs.setObjectName("managerTabs")
        self.lists = CustomerListView(session)
        self.lists.customerChosen.connect(self.customerChosen)
        self._tabs: list[QWidget] = []
        self._add(self.lists)
        self.kpis = KpiView(session)
        self._add(self.kpis)
        self.campaigns = CampaignsView(session)
        self._add(self.campaigns)
        self.audit = AuditView(session)
        self._add(self.audit)
        self.tabs.currentChanged.connect(self._shown)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        self.retranslate()

    def _add(self, tab: QWidget) -> None:
        self._tabs.append(tab)
        self.tabs.addTab(tab, "")
        chosen = getattr(tab, "customerChosen", None)
        if chosen is not None and tab is not self.lists:
            chosen.connect(self.customerChosen)

    def reload(self) -> None:
        self._shown(self.tabs.currentIndex())

    def _shown(self, index: int) -> None:
        tab = self.tabs.widget(index)
        if tab is not None and hasattr(tab, "reload"):
            reload_tab: _Tab = tab
            reload_tab.reload()

    def show_tab(self, tab: QWidget) -> None:
        if self.tabs.currentWidget() is tab:
            self._shown(self.tabs.currentIndex())
        else:
            self.tabs.setCurrentWidget(tab)

    def retranslate(self) -> None:
        titles: dict[QWidget, str] = {
            self.lists: self.tr("Customers and segments"),
            self.kpis: self.tr("KPIs"),
            self.campaigns: self.tr("Campaigns"),
            self.audit: self.tr("Audit log"),
        }
        for i, tab in enumerate(self._tabs):
            self.tabs.setTabText(i, titles.get(tab, ""))
