"""Start the app: QApplication + qasync loop, then enrol/sign in, or the self-contained demo.

The demo seeds a fresh SQLite server in a temporary folder, runs the real sync server in a
thread on a loopback port, enrols this tablet for Madrid (as the demo manager), signs in as the
demo store manager (or, with ``--demo-as associate``, the demo shop assistant), syncs, and opens
the main window: nothing to set up.
"""

from __future__ import annotations

import asyncio
import logging
import shutil
import signal
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel

from clienteling.config import configured_allow_insecure_http
from clienteling.replica.cipher import ReplicaLocked
from clienteling.replica.store import Replica
from clienteling.server_address import is_insecure
from clienteling.sync.client import Offline, SyncError
from clienteling.sync.credentials import (
    FileTokenStore,
    KeyringUnavailable,
    TokenStore,
    token_store,
)
from clienteling.sync.engine import RetryPolicy, SyncEngine
from clienteling.sync.replica_key import discard_replica, open_replica
from clienteling.sync.staff_auth import StaffAuth
from clienteling.sync.wipe import WipeIncomplete, remove_legacy_staff_cache, wipe_device
from clienteling.ui import i18n, theme
from clienteling.ui.main_window import MainWindow
from clienteling.ui.screen_fit import fit_to_screen
from clienteling.ui.session import Session, StaffMember
from clienteling.ui.signin_service import SignedIn, SignInService
from clienteling.ui.views.dialogs import EnrolDialog, ReplicaLockedDialog, WipedDialog
from clienteling.ui.views.lock_screen import LockScreen

translate = QCoreApplication.translate

log = logging.getLogger(__name__)
DEMO_STORE = "MAD01"
DEMO_MANAGER = ("gerente.mad01", "demo")
DEMO_ASSISTANT = ("dependienta.mad01", "demo")
DEMO_USERS = {"manager": DEMO_MANAGER, "associate": DEMO_ASSISTANT}
DEMO_CUSTOMERS = 400
DEFAULT_LOCK_AFTER_MINUTES = 5  # the app setting ``lock_after_minutes``


def make_application(language: str | None = None) -> QApplication:
    """The QApplication with its identity, stylesheet and translations."""
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setOrganizationName("Clienteling")
    app.setApplicationName("Clienteling")
    theme.apply(app)
    i18n.install(language or i18n.preferred_language())
    return app


def app_retry() -> RetryPolicy:
    """Few quick retries: the tablet should say "offline" within seconds, not minutes."""
    return RetryPolicy(attempts=2, base_delay=0.3, max_delay=2.0)


# --- demo -------------------------------------------------------------------------------------


@dataclass
class DemoEnvironment:
    """Everything the demo started, so it can be stopped cleanly."""

    root: Path
    server: Any
    session: Session
    own_root: bool = False
    extras: list[Callable[[], None]] = field(default_factory=list)

    def close(self) -> None:
        self.session.shutdown()
        self.session.replica.close()
        self.server.stop()
        self.server.engine.dispose()
        if self.own_root:
            shutil.rmtree(self.root, ignore_errors=True)


def _seed_demo_server(root: Path, customers: int) -> Any:
    """Seed and start the embedded server (runs in a worker thread: seeding takes a second)."""
    from sync_server.analytics.batch import run_analytics
    from sync_server.db import make_engine
    from sync_server.embedded import EmbeddedServer
    from sync_server.schema import upgrade
    from sync_server.seed import seed

    url = f"sqlite:///{root / 'server.db'}"
    engine = make_engine(url)
    upgrade(engine)
    seed(engine, customers)
    run_analytics(engine)
    return EmbeddedServer(url, engine=engine).start()


async def start_demo(
    root: Path | None = None,
    customers: int = DEMO_CUSTOMERS,
    retry: RetryPolicy | None = None,
    user: tuple[str, str] = DEMO_ASSISTANT,
) -> DemoEnvironment:
    own = root is None
    folder = Path(tempfile.mkdtemp(prefix="clienteling-demo-")) if root is None else root
    folder.mkdir(parents=True, exist_ok=True)
    server = await asyncio.to_thread(_seed_demo_server, folder, customers)
    tokens = FileTokenStore(folder / "tablet" / "device-token")
    replica = open_replica(folder / "tablet", tokens)
    engine = SyncEngine(replica, server.url, tokens=tokens, retry=retry or app_retry())
    await engine.enrol(DEMO_STORE, *DEMO_MANAGER, device_name="demo-tablet")
    await engine.sync_once()
    login = await engine.sign_in(*user)
    session = Session(
        replica, engine, StaffMember.from_api(login.staff), staff_auth=StaffAuth(login)
    )
    return DemoEnvironment(root=folder, server=server, session=session, own_root=own)


# --- real device: enrol once, then sign in ----------------------------------------------------


def default_data_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_data_dir("clienteling", appauthor=False))


def open_tokens(data_dir: Path) -> tuple[TokenStore, str | None]:
    """The OS keyring, or the data-folder file with the reason to show the user."""
    try:
        return token_store(data_dir), None
    except KeyringUnavailable as exc:
        log.warning("%s", exc)
        return FileTokenStore(data_dir / "device-token"), str(exc)


def insecure_server_text(url: str) -> str:
    """Why the app refuses a plain http:// server (``server_address``), in the UI's language."""
    return translate(
        "Launch",
        "The server address {0} uses plain http://, which would send passwords and customer "
        "data unencrypted. Use its https:// address; only for a test server, IT can set "
        "allow_insecure_http = true in the configuration.",
    ).format(url)


class Launcher:
    """Walks a real tablet through enrolment and sign-in, then opens the main window.

    Sign-in is the shared tablet's lock screen (PIN or password); the engine's ``on_wipe``
    erases the tablet when the server says it was retired or reported lost, and the app says
    so and starts over at enrolment.
    """

    def __init__(
        self,
        data_dir: Path,
        *,
        lock_after_minutes: int = DEFAULT_LOCK_AFTER_MINUTES,
        allow_insecure_http: bool | None = None,
    ):
        self.data_dir = data_dir
        self.lock_after_ms = lock_after_minutes * 60_000
        self.allow_insecure_http = (
            configured_allow_insecure_http() if allow_insecure_http is None else allow_insecure_http
        )
        self.tokens, self.keyring_problem = open_tokens(data_dir)
        # Older versions kept staff password hashes in a plain file: never again.
        remove_legacy_staff_cache(data_dir)
        self._replica: Replica | None = None
        self.locked: ReplicaLocked | KeyringUnavailable | None = None
        try:
            self._replica = open_replica(data_dir, self.tokens)
        except (ReplicaLocked, KeyringUnavailable) as exc:
            log.error("the replica cannot be opened: %s", exc)
            self.locked = exc
        self.engine: SyncEngine | None = None
        self.signin: SignInService | None = None
        self.lock_screen: LockScreen | None = None
        self.window: MainWindow | None = None
        self.dialog: EnrolDialog | ReplicaLockedDialog | WipedDialog | None = None
        self.wiped: str | None = None
        self._tasks: set[asyncio.Task[None]] = set()

    @property
    def replica(self) -> Replica:
        if self._replica is None:
            raise RuntimeError("the replica is locked")
        return self._replica

    def start(self) -> None:
        if self.locked is not None:
            self._ask_rebuild(self.locked)
            return
        server_url = self.replica.get_meta("server_url")
        if server_url:
            self.engine = self._engine(server_url)
        if self.engine is None or not self.engine.enrolled:
            self._ask_enrolment()
        else:
            self._ask_sign_in()

    def _engine(self, server_url: str) -> SyncEngine:
        return SyncEngine(
            self.replica,
            server_url,
            tokens=self.tokens,
            retry=app_retry(),
            on_wipe=self._wipe,
            allow_insecure_http=self.allow_insecure_http,
        )

    def _spawn(self, coro: Any) -> None:
        task = asyncio.ensure_future(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    def _ask_rebuild(self, problem: ReplicaLocked | KeyringUnavailable) -> None:
        """A locked replica is never replaced silently: the user chooses, knowing the cost."""
        dialog = ReplicaLockedDialog(str(problem), can_rebuild=isinstance(problem, ReplicaLocked))
        dialog.rebuild.connect(self._rebuild)
        self.dialog = dialog
        dialog.open()

    def _rebuild(self) -> None:
        removed = discard_replica(self.data_dir, self.tokens)
        log.warning("locked replica discarded at the user's request: %s", [p.name for p in removed])
        self.locked = None
        self._replica = open_replica(self.data_dir, self.tokens)
        self._ask_enrolment()

    def _ask_enrolment(self) -> None:
        dialog = EnrolDialog()
        if self.keyring_problem:
            dialog.show_error(self.keyring_problem)
        dialog.submitted.connect(
            lambda url, store, user, pw: self._spawn(self._enrol(url, store, user, pw))
        )
        self.dialog = dialog
        dialog.open()

    async def _enrol(self, url: str, store: str, user: str, password: str) -> None:
        assert isinstance(self.dialog, EnrolDialog)  # noqa: S101 - only its signal runs this
        if is_insecure(url, allow_insecure_http=self.allow_insecure_http):
            self.dialog.show_error(insecure_server_text(url))
            return
        self.engine = self._engine(url)
        try:
            await self.engine.enrol(store, user, password)
            await self.engine.sync_once()
        except SyncError as exc:
            self.dialog.show_error(exc.message)
            return
        self.dialog.accept()
        self._ask_sign_in()

    def _ask_sign_in(self) -> None:
        """The lock screen on its own (no customer screen exists yet)."""
        if self.engine is None:
            raise RuntimeError("sign-in before enrolment")
        self.signin = SignInService(self.replica, self.engine)
        screen = LockScreen(self.signin, self.replica.get_meta("store_code") or "")
        screen.signedIn.connect(self._signed_in)
        screen.syncRequested.connect(lambda: self._spawn(self._sync_to_unlock()))
        screen.setWindowTitle(translate("Launch", "Clienteling — sign in"))
        fit_to_screen(screen)
        self.lock_screen = screen
        screen.show_for(None)
        screen.show()
        self.signin.check_staleness()
        # In the background: deactivated staff leave the list, the rules and the stale-sync
        # lock are brought up to date (offline, nothing changes and nobody waits).
        self._spawn(self._sync_to_unlock())

    async def _sync_to_unlock(self) -> None:
        """Sync from the sign-in screen; a sync that succeeds lifts the stale-sync lock."""
        engine, signin = self.engine, self.signin
        if engine is None or signin is None:
            raise RuntimeError("sync before sign-in was set up")
        try:
            await engine.sync_once()
        except SyncError as exc:
            if self.lock_screen is not None and not engine.wiped:
                self.lock_screen.show_sync_failed(isinstance(exc, Offline), exc.message)
        if not engine.wiped:
            signin.check_staleness()
            signin.refresh_roster()

    def _signed_in(self, result: SignedIn) -> None:
        if self.engine is None or self.signin is None:
            raise RuntimeError("signed in before sign-in was set up")
        session = Session(self.replica, self.engine, result.staff, staff_auth=result.auth)
        self.window = MainWindow(session, signin=self.signin, lock_after_ms=self.lock_after_ms)
        self.window.show()
        session.start()
        if self.lock_screen is not None:
            screen, self.lock_screen = self.lock_screen, None
            screen.close()
            screen.deleteLater()

    def _wipe(self, code: str) -> None:
        """The engine's ``on_wipe``: erase the tablet now (nothing may read the replica any
        more), then tell the assistant on the next turn of the event loop."""
        self.wiped = code
        if self.window is not None:
            self.window.session.shutdown()
        if self.signin is not None:
            self.signin.shutdown()
        problem = ""
        server_url = self.engine.server_url if self.engine is not None else None
        try:
            wipe_device(self.data_dir, self.tokens, server_url, replica=self._replica)
        except WipeIncomplete as exc:
            problem = str(exc)
        self._replica = None
        QTimer.singleShot(0, lambda: self._after_wipe(code, problem))

    def _after_wipe(self, code: str, problem: str) -> None:
        dialog = WipedDialog(code, problem)
        dialog.accepted.connect(self._enrol_again)
        self.dialog = dialog
        dialog.open()  # shown before the window closes, so the app does not quit
        if self.window is not None:
            self.window.close_for_wipe()
            self.window = None
        if self.lock_screen is not None:
            self.lock_screen.close()
            self.lock_screen.deleteLater()
            self.lock_screen = None
        if self.engine is not None:
            self._spawn(self.engine.aclose())
        self.engine = None

    def _enrol_again(self) -> None:
        self._replica = open_replica(self.data_dir, self.tokens)
        self._ask_enrolment()

    def close(self) -> None:
        """Stop the worker threads and close the replica (the event loop has stopped)."""
        if self.window is not None:
            self.window.session.shutdown()
        if self.signin is not None:
            self.signin.shutdown()
        if self._replica is not None:
            self._replica.close()


# --- entry point ------------------------------------------------------------------------------


def _quit_on_signals(app: QApplication) -> None:
    """Ctrl+C or a polite kill closes the app normally, so the demo cleans up its folder.

    Python only runs signal handlers when it gets control, so a light timer hands it control
    twice a second while Qt's loop runs.
    """
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: app.quit())
    ticker = QTimer(app)
    ticker.timeout.connect(lambda: None)
    ticker.start(500)


def run_app(
    demo: bool,
    data_dir: Path | None,
    language: str | None,
    demo_as: str = "manager",
    lock_after_minutes: int = DEFAULT_LOCK_AFTER_MINUTES,
) -> int:
    """Run the app until its window closes; returns the process exit code."""
    import qasync

    app = make_application(language)
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    app.setQuitOnLastWindowClosed(True)
    holder: dict[str, Any] = {}
    _quit_on_signals(app)

    if demo:
        splash = QLabel(translate("Launch", "Preparing the demo store…"))
        splash.setObjectName("splash")
        splash.setAlignment(Qt.AlignmentFlag.AlignCenter)
        splash.resize(480, 200)
        splash.show()

        async def boot() -> None:
            try:
                env = await start_demo(data_dir, user=DEMO_USERS[demo_as])
            except Exception:
                log.exception("the demo could not start")
                splash.setText(
                    translate("Launch", "The demo could not start; see the log for details.")
                )
                return
            holder["env"] = env
            window = MainWindow(env.session, lock_after_ms=lock_after_minutes * 60_000)
            holder["window"] = window
            window.show()
            splash.close()
            env.session.start()

        holder["boot"] = asyncio.ensure_future(boot())
    else:
        launcher = Launcher(data_dir or default_data_dir(), lock_after_minutes=lock_after_minutes)
        holder["launcher"] = launcher
        launcher.start()

    with loop:
        code = loop.run_forever()
    env = holder.get("env")
    if isinstance(env, DemoEnvironment):
        env.close()
    launched = holder.get("launcher")
    if isinstance(launched, Launcher):
        launched.close()
    return int(code or 0)
