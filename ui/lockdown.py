"""Kiosk lock-down: no key or window action takes a citizen out of the kiosk.

:class:`KioskLockdown` is an application-wide event filter. It swallows the
keys that close, switch or leave a window (Alt+F4, Alt+Tab, Ctrl+Q/W,
Escape, the Super/Windows key, Ctrl+Alt+Backspace/Delete, Ctrl+Alt+F1…F12,
F11, power and sleep keys, …) and refuses close requests that come from the
window system. Stopping the service (SIGTERM → ``QCoreApplication.quit``)
still works. Quitting from the screen
is possible only through :meth:`KioskLockdown.request_quit` with the staff
number and PIN of a technician, checked by :class:`app.staff.StaffAuth`.

Some escapes never reach the program and are closed elsewhere, by the
install script: virtual-terminal switching and the power key (logind),
SysRq (sysctl), and the desktop itself (there is none: the kiosk runs under
the ``cage`` compositor, which has no shortcuts of its own).

Signals:
    escape_blocked(str): a blocked key or close request, described for the log.
    technician_requested(): the technician's key (Ctrl+Alt+Shift+T) was pressed;
        the screen shows its PIN pad and calls :meth:`request_quit`.
    quit_refused(str): a quit attempt was refused; the argument says why.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Signal, Slot
from PySide6.QtGui import QCursor, QGuiApplication, QKeyEvent, QWindow

from app.errors import UserError

log = logging.getLogger("motcua.lockdown")

K = Qt.Key
M = Qt.KeyboardModifier

#: the staff action a technician needs to leave the kiosk (technician-only in app.staff)
QUIT_ACTION = "settings"

#: keys swallowed whatever the modifiers
ALWAYS_BLOCKED = frozenset(
    {
        K.Key_Escape,
        K.Key_Meta,
        K.Key_Super_L,
        K.Key_Super_R,
        K.Key_Hyper_L,
        K.Key_Hyper_R,
        K.Key_Menu,
        K.Key_F11,  # full screen toggle
        K.Key_PowerOff,
        K.Key_PowerDown,
        K.Key_Sleep,
        K.Key_Suspend,
        K.Key_Standby,
        K.Key_Hibernate,
        K.Key_WakeUp,
        K.Key_LogOff,
        K.Key_ScreenSaver,
        K.Key_Explorer,
        K.Key_Terminal,
        K.Key_TaskPane,
        K.Key_TopMenu,
        K.Key_ApplicationLeft,
        K.Key_ApplicationRight,
        K.Key_Close,
        K.Key_Exit,
        K.Key_Launch0,
        K.Key_Launch1,
        K.Key_LaunchMail,
        K.Key_LaunchMedia,
        K.Key_HomePage,
        K.Key_Search,
        K.Key_WWW,
        K.Key_Back,
        K.Key_Forward,
    }
)

#: letters that close or quit with Ctrl (Ctrl+Q quit, Ctrl+W close, Ctrl+N a new window, …)
CTRL_BLOCKED = frozenset(
    {K.Key_Q, K.Key_W, K.Key_N, K.Key_T, K.Key_O, K.Key_P, K.Key_L, K.Key_F4, K.Key_Escape}
)

#: with Alt: close, switch, window menu
ALT_BLOCKED = frozenset(
    {K.Key_F4, K.Key_Tab, K.Key_Backtab, K.Key_Escape, K.Key_Space, K.Key_F2, K.Key_F3}
)

#: with Ctrl+Alt: zap the display, reboot, terminal, lock
CTRL_ALT_BLOCKED = frozenset({K.Key_Backspace, K.Key_Delete, K.Key_T, K.Key_L})

_F_KEYS = frozenset(getattr(K, f"Key_F{i}") for i in range(1, 36))

#: the technician's key: Ctrl+Alt+Shift+T
TECHNICIAN_KEY = K.Key_T
TECHNICIAN_MODS = M.ControlModifier | M.AltModifier | M.ShiftModifier

_KEY_EVENTS = (QEvent.Type.KeyPress, QEvent.Type.KeyRelease, QEvent.Type.ShortcutOverride)


def is_escape_key(key: int, modifiers: Qt.KeyboardModifier) -> bool:
    """True for a key (with its modifiers) that could take someone out of the kiosk."""
    k = K(key) if not isinstance(key, K) else key
    mods = modifiers & (M.ControlModifier | M.AltModifier | M.MetaModifier | M.ShiftModifier)
    ctrl = bool(mods & M.ControlModifier)
    alt = bool(mods & M.AltModifier)
    if k in ALWAYS_BLOCKED or mods & M.MetaModifier:
        return True
    if ctrl and alt and (k in CTRL_ALT_BLOCKED or k in _F_KEYS):
        return True
    if alt and k in ALT_BLOCKED:
        return True
    return ctrl and k in CTRL_BLOCKED


def describe_key(key: int, modifiers: Qt.KeyboardModifier) -> str:
    names = []
    for mod, name in (
        (M.ControlModifier, "Ctrl"),
        (M.AltModifier, "Alt"),
        (M.ShiftModifier, "Shift"),
        (M.MetaModifier, "Super"),
    ):
        if modifiers & mod:
            names.append(name)
    try:
        names.append(K(key).name.removeprefix("Key_"))
    except ValueError:
        names.append(hex(key))
    return "+".join(names)


#: checks a technician's staff number and PIN; raises UserError (CommandRefused) if refused
QuitAuthorizer = Callable[[str, str], None]


def staff_authorizer(auth: object, pad: str) -> QuitAuthorizer:
    """A :data:`QuitAuthorizer` over :class:`app.staff.StaffAuth`.

    Sign-in failures count towards the PIN lockout like any other sign-in,
    and the short session is closed again straight away, so the audit trail
    shows who let the kiosk quit and when.
    """
    from app.staff import StaffAuth

    assert isinstance(auth, StaffAuth)

    def check(staff_id: str, pin: str) -> None:
        session = auth.sign_in(staff_id, pin, pad)
        try:
            auth.require(session, QUIT_ACTION)
        finally:
            auth.sign_out(session, "kiosk_quit")

    return check


class KioskLockdown(QObject):
    """Application-wide filter that keeps the kiosk in front; quitting needs a technician.

    ``authorizer`` checks a staff number and PIN and raises a
    :class:`~app.errors.UserError` when they may not quit; without one the
    kiosk cannot be quit from the screen at all (stop it with
    ``systemctl stop motcua-kiosk``). ``quit`` is what leaving does
    (``QCoreApplication.quit`` by default).
    """

    escape_blocked = Signal(str)
    technician_requested = Signal()
    quit_refused = Signal(str)

    def __init__(
        self,
        authorizer: QuitAuthorizer | None = None,
        quit: Callable[[], None] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._authorizer = authorizer
        self._quit = quit or QCoreApplication.quit
        self._leaving = False
        self._installed_on: QCoreApplication | None = None

    @property
    def leaving(self) -> bool:
        return self._leaving

    def install(self, app: QCoreApplication) -> None:
        app.installEventFilter(self)
        self._installed_on = app

    def uninstall(self) -> None:
        if self._installed_on is not None:
            self._installed_on.removeEventFilter(self)
            self._installed_on = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self._leaving:
            return False
        etype = event.type()
        if etype in _KEY_EVENTS and isinstance(event, QKeyEvent):
            key, mods = event.key(), event.modifiers()
            if key == TECHNICIAN_KEY and (mods & TECHNICIAN_MODS) == TECHNICIAN_MODS:
                if etype == QEvent.Type.KeyPress and not event.isAutoRepeat():
                    self.technician_requested.emit()
                event.accept()
                return True
            if is_escape_key(key, mods):
                if etype == QEvent.Type.KeyPress and not event.isAutoRepeat():
                    what = describe_key(key, mods)
                    log.info("blocked key %s", what)
                    self.escape_blocked.emit(what)
                # accepting a ShortcutOverride would hand the key to the item; swallow it instead
                event.accept()
                return True
        elif (
            etype == QEvent.Type.Close
            and event.spontaneous()
            and isinstance(watched, QWindow)
            and watched.isTopLevel()
        ):
            # only close requests from the window system (a compositor's close button or
            # Alt+F4 binding) are refused: QCoreApplication.quit(), used by
            # "systemctl stop" through SIGTERM, closes the windows from code and must work
            event.ignore()
            log.info("blocked a close request for %s", watched.objectName() or "a window")
            self.escape_blocked.emit("close")
            return True
        return False

    @Slot(str, str, result=str)
    def request_quit(self, staff_id: str, pin: str) -> str:
        """Quit if ``staff_id``/``pin`` are a technician's; else return the reason to show."""
        if self._authorizer is None:
            reason = "Quitting from the screen is switched off on this kiosk."
            self.quit_refused.emit(reason)
            return reason
        try:
            self._authorizer(staff_id, pin)
        except UserError as exc:
            log.warning("quit refused for staff %s: %s", staff_id, exc.diagnostic)
            self.quit_refused.emit(exc.message)
            return exc.message
        log.warning("kiosk quit by technician %s", staff_id)
        self._leaving = True
        self.uninstall()
        self._quit()
        return ""

    # QML name
    requestQuit = request_quit


def install_lockdown(
    app: QCoreApplication,
    authorizer: QuitAuthorizer | None = None,
    quit: Callable[[], None] | None = None,
    hide_cursor: bool = True,
) -> KioskLockdown:
    """Lock the whole application down; returns the filter (a child of ``app``).

    ``hide_cursor`` blanks the pointer over every window: on a touch kiosk an
    arrow left in the middle of the screen only confuses people.
    """
    lockdown = KioskLockdown(authorizer, quit, app)
    lockdown.install(app)
    if isinstance(app, QGuiApplication):
        app.setQuitOnLastWindowClosed(False)
        if hide_cursor:
            QGuiApplication.setOverrideCursor(QCursor(Qt.CursorShape.BlankCursor))
    return lockdown
