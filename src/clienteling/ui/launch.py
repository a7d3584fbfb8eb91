"""Start the app: QApplication + qasync loop, then enrol/sign in, or the self-contained demo.

The demo seeds a fresh SQLite server in a temporary folder, runs the real sync server in a
thread on a loopback port, enrols this tablet for Madrid (as the demo manager), signs in as the
demo store manager (or, with ``--demo-as associate``, the demo shop assistant), syncs, and opens
the main window: nothing to set up.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
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
from clienteling.replica import signins
from clienteling.replica.cipher import ReplicaLocked
from clienteling.replica.store import Replica
from clienteling.server_address import is_insecure
from clienteling.sync.client import InsecureServer, Offline, SyncError
from clienteling.sync.credentials import (
    FileTokenStore,
    KeyringUnavailable,
    TokenStore,
    token_store,
)
from clienteling.sync.engine import RetryPolicy, SyncEngine
from clienteling.sync.replica_key import discard_replica, open_replica
from clienteling.sync.staff_auth import StaffAuth
from clienteling.sync.wipe import STAFF_CACHE
from clienteling.ui import i18n, theme
from clienteling.ui.main_window import MainWindow
from clienteling.ui.session import Session, StaffMember
from clienteling.ui.views.dialogs import EnrolDialog, ReplicaLockedDialog, SignInDialog

translate = QCoreApplication.translate

log = logging.getLogger(__name__)
DEMO_STORE = "MAD01"
DEMO_MANAGER = ("gerente.mad01", "demo")
DEMO_ASSISTANT = ("dependienta.mad01", "demo")
DEMO_USERS = {"manager": DEMO_MANAGER, "associate": DEMO_ASSISTANT}
DEMO_CUSTOMERS = 400


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


class StaffCache:
    """Staff who signed in here online before may sign in offline (argon2 hash, local file)."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def _load(self) -> dict[str, Any]:
        if not self.path.exists():
            return {}
        data: dict[str, Any] = json.loads(self.path.read_text(encoding="utf-8"))
        return data

    def remember(self, staff: StaffMember, password: str) -> None:
        from argon2 import PasswordHasher

        data = self._load()
        data[staff.username] = {
            "hash": PasswordHasher().hash(password),
            "staff": staff.__dict__,
        }
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(json.dumps(data))
        self.path.chmod(0o600)

    def check(self, username: str, password: str) -> StaffMember | None:
        from argon2 import PasswordHasher
        from argon2.exceptions import VerificationError

        entry = self._load().get(username)
        if entry is None:
            return None
        try:
            PasswordHasher().verify(entry["hash"], password)
        except VerificationError:
            return None
        return StaffMember(**entry["staff"])


def insecure_server_text(url: str) -> str:
    """Why the app refuses a plain http:// server (``server_address``), in the UI's language."""
    return translate(
        "Launch",
        "The server address {0} uses plain http://, which would send passwords and customer "
        "data unencrypted. Use its https:// address; only for a test server, IT can set "
        "allow_insecure_http = true in the configuration.",
    ).format(url)


class Launcher:
    """Walks a real tablet through enrolment and sign-in, then opens the main window."""

    def __init__(self, data_dir: Path, *, allow_insecure_http: bool | None = None) -> None:
        self.data_dir = data_dir
        self.allow_insecure_http = (
            configured_allow_insecure_http() if allow_insecure_http is None else allow_insecure_http
        )
        self.tokens, self.keyring_problem = open_tokens(data_dir)
        self._replica: Replica | None = None
        self.locked: ReplicaLocked | KeyringUnavailable | None = None
        try:
            self._replica = open_replica(data_dir, self.tokens)
        except (ReplicaLocked, KeyringUnavailable) as exc:
            log.error("the replica cannot be opened: %s", exc)
            self.locked = exc
        self.staff_cache = StaffCache(data_dir / STAFF_CACHE)
        self.engine: SyncEngine | None = None
        self.window: MainWindow | None = None
        self.dialog: EnrolDialog | SignInDialog | ReplicaLockedDialog | None = None
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
            self.engine = SyncEngine(
                self.replica,
                server_url,
                tokens=self.tokens,
                retry=app_retry(),
                allow_insecure_http=self.allow_insecure_http,
            )
        if self.engine is None or not self.engine.enrolled:
            self._ask_enrolment()
        else:
            self._ask_sign_in()

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
        self.engine = SyncEngine(
            self.replica,
            url,
            tokens=self.tokens,
            retry=app_retry(),
            allow_insecure_http=self.allow_insecure_http,
        )
        try:
            await self.engine.enrol(store, user, password)
            await self.engine.sync_once()
        except SyncError as exc:
            self.dialog.show_error(exc.message)
            return
        self.dialog.accept()
        self._ask_sign_in()

    def _ask_sign_in(self) -> None:
        dialog = SignInDialog(self.replica.get_meta("store_code") or "")
        dialog.submitted.connect(lambda user, pw: self._spawn(self._sign_in(user, pw)))
        self.dialog = dialog
        dialog.open()

    async def _sign_in(self, username: str, password: str) -> None:
        # Only the sign-in dialog's signal runs this, after the engine was made: type narrowing.
        assert self.engine is not None and isinstance(self.dialog, SignInDialog)  # noqa: S101
        auth: StaffAuth | None = None
        try:
            login = await self.engine.sign_in(username, password)
            staff = StaffMember.from_api(login.staff)
            auth = StaffAuth(login)
            self.staff_cache.remember(staff, password)
        except Offline:
            cached = self.staff_cache.check(username, password)
            if cached is None:
                self.dialog.show_error(
                    translate(
                        "Launch",
                        "The server cannot be reached and you have not signed in on this tablet "
                        "before. Try again when it is online.",
                    )
                )
                return
            staff = cached
            with self.replica.write() as conn:
                signins.switch_to(conn, staff.id)
        except InsecureServer:
            self.dialog.show_error(insecure_server_text(self.engine.server_url))
            return
        except SyncError as exc:
            self.dialog.show_error(translate("Launch", "Sign-in refused: {0}").format(exc.message))
            return
        self.dialog.accept()
        session = Session(self.replica, self.engine, staff, staff_auth=auth)
        self.window = MainWindow(session)
        self.window.show()
        session.start()


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
    demo: bool, data_dir: Path | None, language: str | None, demo_as: str = "manager"
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
            window = MainWindow(env.session)
            holder["window"] = window
            window.show()
            splash.close()
            env.session.start()

        holder["boot"] = asyncio.ensure_future(boot())
    else:
        launcher = Launcher(data_dir or default_data_dir())
        holder["launcher"] = launcher
        launcher.start()

    with loop:
        code = loop.run_forever()
    env = holder.get("env")
    if isinstance(env, DemoEnvironment):
        env.close()
    return int(code or 0)
