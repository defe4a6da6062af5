"""Where the store lives by default (private; re-exported by ``netcore.store``)."""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from pathlib import Path, PurePath, PurePosixPath, PureWindowsPath

__all__ = ["DB_FILENAME", "ENV_VAR", "default_db_path"]

ENV_VAR = "NETCORE_DB"
"""The environment variable that overrides the default database path."""

DB_FILENAME = "netcore.db"
"""The database file's name inside the per-user data folder."""


def default_db_path(env: Mapping[str, str] = os.environ, *, platform: str = sys.platform) -> Path:
    r"""The database netcore uses when none is given.

    In order of precedence:

    1. ``$NETCORE_DB``, when set and not empty, exactly as given;
    2. on Windows, ``%APPDATA%\netcore\netcore.db``;
    3. on macOS, ``~/Library/Application Support/netcore/netcore.db``;
    4. elsewhere, ``$XDG_DATA_HOME/netcore/netcore.db`` when ``XDG_DATA_HOME`` is an
       absolute path (as the XDG Base Directory specification requires), else
       ``~/.local/share/netcore/netcore.db``.

    The function is pure: it reads only ``env`` (``HOME``, or ``USERPROFILE`` on Windows,
    gives ``~``) and ``platform``; it neither creates the folder nor touches the disk
    (:meth:`netcore.store.Store.open` creates the folder). Only when ``env`` names no
    home folder at all does it fall back to :meth:`pathlib.Path.home`.

    Args:
        env: The environment to read; ``os.environ`` by default.
        platform: A ``sys.platform`` value (``"linux"``, ``"darwin"``, ``"win32"``).

    Returns:
        The path of the database file (which may not exist yet).

    Examples:
        >>> default_db_path({"NETCORE_DB": "/tmp/my.db"}).as_posix()
        '/tmp/my.db'
        >>> default_db_path({"HOME": "/home/ada"}, platform="linux").as_posix()
        '/home/ada/.local/share/netcore/netcore.db'
        >>> default_db_path({"HOME": "/home/ada", "XDG_DATA_HOME": "/data"}).as_posix()
        '/data/netcore/netcore.db'
        >>> default_db_path({"HOME": "/Users/ada"}, platform="darwin").as_posix()
        '/Users/ada/Library/Application Support/netcore/netcore.db'
    """
    override = env.get(ENV_VAR, "")
    if override:
        return Path(override)
    windows = platform.startswith("win") or platform == "cygwin"
    pure: type[PurePath] = PureWindowsPath if windows else PurePosixPath
    if windows:
        appdata = env.get("APPDATA", "")
        base = pure(appdata) if appdata else _home(env, pure, "USERPROFILE") / "AppData/Roaming"
    elif platform == "darwin":
        base = _home(env, pure, "HOME") / "Library" / "Application Support"
    else:
        xdg = env.get("XDG_DATA_HOME", "")
        if xdg and pure(xdg).is_absolute():
            base = pure(xdg)
        else:
            base = _home(env, pure, "HOME") / ".local" / "share"
    return Path(base / "netcore" / DB_FILENAME)


def _home(env: Mapping[str, str], pure: type[PurePath], var: str) -> PurePath:
    value = env.get(var, "") or env.get("HOME", "")
    return pure(value) if value else pure(Path.home())
