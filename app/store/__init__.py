"""Event stores: where the log lives.

:class:`~app.store.base.Store` is the interface; :mod:`app.store.sqlite` is the
embedded default and a PostgreSQL store serves a whole hall. :func:`open_store`
chooses by URL.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from app.store.base import Store, Transaction, VerifyResult

__all__ = ["Store", "Transaction", "VerifyResult", "open_store"]


def open_store(url: str, base_dir: str | Path = ".", read_only: bool = False,
               sign: bool = True) -> Store:
    """Open the store named by ``url`` (``sqlite:///PATH`` or ``postgresql://...``).

    ``read_only`` (SQLite): a reader's connection that never writes, so it
    opens while a writer holds a long transaction and on a read-only copy.
    Where no store exists yet (a fresh kiosk box) it is made, empty, as the
    kiosk would make it, so that ``doctor`` can check it before the first start.

    With ``sign`` (and not ``read_only``), the box's checkpoint key (under the
    data folder: the SQLite file's folder, or ``MOTCUA_DATA_DIR`` / ``base_dir``
    in hall mode) is made if needed and signs every write
    (:mod:`app.store.checkpoint`).
    """
    store: Store
    if url.startswith("sqlite:///"):
        from app.store.sqlite import SQLiteStore

        raw = url.removeprefix("sqlite:///")
        path = Path(raw)
        if not path.is_absolute():
            path = Path(base_dir) / path
        store = SQLiteStore(path, read_only=read_only and path.exists())
        data_dir = os.environ.get("MOTCUA_DATA_DIR") or str(path.parent)
    elif url.startswith(("postgresql://", "postgres://")):
        from app.store.postgres import PostgresStore  # type: ignore[import-not-found,unused-ignore]

        store = PostgresStore(url)
        data_dir = os.environ.get("MOTCUA_DATA_DIR") or str(base_dir)
    else:
        raise ValueError(f"unknown store URL {url!r}")
    store.data_dir = data_dir
    if sign and not read_only:
        from app.store.checkpoint import Signer

        try:
            store.signer = Signer.load_or_create(data_dir)
        except (OSError, ValueError) as exc:
            # a read-only copy, or a folder we may not write: the log still works, unsigned
            logging.getLogger(__name__).warning("no checkpoint key in %s: %s", data_dir, exc)
    return store
