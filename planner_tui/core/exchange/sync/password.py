"""The CalDAV password, from where the settings say: a command, or the system keyring.

Never from the settings file itself (core/settings.py refuses a ``password``
key). ``password_cmd`` is run by the shell, as a person would type it
(`pass show caldav`, `secret-tool lookup service caldav`), and its first line
of output is the password. ``keyring = true`` reads the system keyring
through the `keyring` library, installed separately (`pip install keyring`):
service "planner-tui", the settings' user name.
"""

from __future__ import annotations

import subprocess

from planner_tui.core.exchange.sync.server import SyncError
from planner_tui.core.settings import CalDavSettings

KEYRING_SERVICE = "planner-tui"
COMMAND_TIMEOUT = 120  # seconds: long enough to type a passphrase into a pinentry


def password_for(config: CalDavSettings) -> str:
    """The password; a `SyncError` saying why when it cannot be had."""
    if config.password_cmd:
        return _from_command(config.password_cmd)
    return _from_keyring(config.user)


def _from_command(command: str) -> str:
    try:
        done = subprocess.run(command, shell=True, capture_output=True, text=True, timeout=COMMAND_TIMEOUT,
                              stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        raise SyncError(f"The password command ({command}) did not finish within {COMMAND_TIMEOUT} s.") from None
    except OSError as error:
        raise SyncError(f"The password command ({command}) could not run: {error.strerror or error}.") from None
    lines = done.stdout.splitlines()
    if done.returncode != 0 or not lines or not lines[0]:
        why = (done.stderr.strip().splitlines() or [""])[0]
        said = f" ({why})" if why else ""
        failed = f"failed (exit {done.returncode}){said}" if done.returncode else "printed no password"
        raise SyncError(f"The password command ({command}) {failed}. Check password_cmd in the [caldav] "
                        "settings.")
    return lines[0]


def _from_keyring(user: str) -> str:
    try:
        import keyring
        from keyring.errors import KeyringError
    except ImportError:
        raise SyncError("keyring = true in the [caldav] settings needs the keyring library: "
                        "pip install keyring (or use password_cmd).") from None
    try:
        found = keyring.get_password(KEYRING_SERVICE, user)
    except KeyringError as error:
        raise SyncError(f"The system keyring could not be read: {error}.") from None
    if not found:
        raise SyncError(f"The system keyring holds no password for {user} (service {KEYRING_SERVICE}). "
                        f"Store it with: keyring set {KEYRING_SERVICE} {user}.")
    return found
