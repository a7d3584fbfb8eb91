"""Render the main screens from the demo data to PNG, offscreen, in Spanish.

Run ``python -m clienteling.ui.screenshots [out_dir]`` (default ``docs/screenshots``).
"""

from __future__ import annotations

import asyncio
import os
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from clienteling.replica import edits, queries
from clienteling.replica.store import Replica

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from clienteling.ui.session import Session

SIZE = (1280, 800)


def showcase_customer(replica: Replica) -> str | None:
    """A home-store customer with orders in several channels, an abandoned cart and a coupon."""
    return queries.showcase_customer(replica.read())


def showcase_twin(replica: Replica, customer_id: str | None) -> tuple[str, str]:
    """Name and phone of an existing customer, to show the duplicate warning."""
    header = queries.customer_header(replica.read(), customer_id) if customer_id else None
    if header is None:
        return ("Ana García", "")
    return (header.display_name, header.phones[0] if header.phones else "")


async def _settle(is_busy: object, rounds: int = 3) -> None:
    """Wait until background reads are done for a few event-loop turns."""
    quiet = 0
    while quiet < rounds:
        await asyncio.sleep(0.05)
        quiet = quiet + 1 if not is_busy() else 0  # type: ignore[operator]


class _Camera:
    """Saves a widget to ``out_dir/<name>.png`` once the session's reads and calls are done."""

    def __init__(self, session: Session, widget: QWidget, out_dir: Path, saved: list[Path]):
        self.session, self.widget, self.out_dir, self.saved = session, widget, out_dir, saved

    def busy(self) -> bool:
        return self.session.worker.busy() or bool(self.session.pending_calls())

    async def shot(self, name: str, widget: QWidget | None = None) -> None:
        await _settle(self.busy)
        path = self.out_dir / f"{name}.png"
        (widget or self.widget).grab().save(str(path))
        self.saved.append(path)


async def render(out_dir: Path) -> list[Path]:
    from clienteling.ui import i18n
    from clienteling.ui.launch import start_demo
    from clienteling.ui.main_window import MainWindow

    i18n.install("es")
    env = await start_demo()
    session = env.session
    saved: list[Path] = []
    try:
        window = MainWindow(session)
        window.resize(*SIZE)
        window.show()
        await session.sync_now()
        shot = _Camera(session, window, out_dir, saved).shot
        customer = showcase_customer(session.replica)
        window.search.setText("mar")
        window.search_view.set_query("mar")
        await shot("01-search")
        if customer is not None:
            window.open_customer(customer)
            await shot("02-customer-timeline")
            staff = session.staff.id
            session.edit(
                lambda r, s: edits.add_note(
                    r, customer, "Busca vestido para una boda en junio; talla M.", staff_id=s
                ),
                lambda: None,
            )
            session.edit(
                lambda r, s: edits.upsert_task(
                    r,
                    customer,
                    kind="cart_call",
                    title="Llamar por su carrito web",
                    due_at=datetime.now(UTC) + timedelta(days=1),
                    assigned_staff_id=staff,
                    staff_id=s,
                ),
                lambda: None,
            )
            for index, name in enumerate(
                ("03-carts", "04-recommendations", "05-loyalty", "06-notes-tasks", "07-consents"),
                start=1,
            ):
                window.customer_view.tabs.setCurrentIndex(index)
                await shot(name)
        window.show_my_day()
        await shot("08-my-day")
        twin = showcase_twin(session.replica, customer)
        dialog = window.create_customer(twin[0])
        dialog.phone.setText(twin[1])
        await asyncio.sleep(0.3)  # the duplicate check waits for typing to pause
        await shot("09-new-customer", dialog)
        dialog.close()
        window.close()
        saved.extend(await _manager_shots(session, out_dir))
        await session.aclose()
    finally:
        env.close()
    return saved


async def _demo_private_sale(session: Session) -> None:
    """A VIP private sale sent through the real API, with a few answers, for the screenshot."""
    api = session.manager_api()
    campaign = await api.create_campaign(
        {
            "store_code": session.store_code,
            "name": "Venta privada de invierno",
            "description": "Preventa de la colección de invierno para clientas VIP.",
            "event_at": (datetime.now(UTC) + timedelta(days=10)).isoformat(),
            "segment": {"vip_only": True},
        }
    )
    await api.send_campaign(campaign["id"])
    invited = [i for i in await api.invitations(campaign["id"]) if i["status"] != "skipped"]
    for n, invitation in enumerate(invited[:5]):
        patch: dict[str, object] = {"rsvp": "no" if n == 4 else "yes"}
        if n < 2:
            patch["attended"] = True
        await api.update_invitation(campaign["id"], invitation["customer_id"], patch)


async def _manager_shots(assistant: Session, out_dir: Path) -> list[Path]:
    """The store manager's desk, signed in as the demo manager on the same tablet."""
    from clienteling.sync.staff_auth import StaffAuth
    from clienteling.ui.launch import DEMO_MANAGER
    from clienteling.ui.main_window import MainWindow
    from clienteling.ui.session import Session, StaffMember

    login = await assistant.engine.sign_in(*DEMO_MANAGER)
    session = Session(
        assistant.replica,
        assistant.engine,
        StaffMember.from_api(login.staff),
        staff_auth=StaffAuth(login),
    )
    window = MainWindow(session)
    window.resize(*SIZE)
    window.show()
    saved: list[Path] = []
    shot = _Camera(session, window, out_dir, saved).shot
    desk = window.show_manager()
    await shot("10-manager-vip-list")
    desk.lists.choose("at_risk")
    desk.lists.conditions_button.setChecked(True)
    await asyncio.sleep(0.3)
    await shot("11-manager-vips-at-risk")
    await _demo_private_sale(session)
    for tab, name in (
        (desk.kpis, "12-manager-kpis"),
        (desk.campaigns, "13-manager-campaigns"),
        (desk.audit, "14-manager-audit-log"),
    ):
        desk.show_tab(tab)
        await asyncio.sleep(0.3)
        await shot(name)
    window.close()
    session.shutdown()
    return saved


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    out_dir = Path(args[0]) if args else Path("docs/screenshots")
    out_dir.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import qasync

    from clienteling.ui.launch import make_application

    app = make_application("es")
    # The assistant's window closes before the manager's opens: that must not end the loop.
    app.setQuitOnLastWindowClosed(False)
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    with loop:
        saved = loop.run_until_complete(render(out_dir))
    for path in saved:
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
