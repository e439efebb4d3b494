"""Event stores: where the log lives.

:class:`~app.store.base.Store` is the interface; :mod:`app.store.sqlite` is the
embedded default and a PostgreSQL store serves a whole hall. :func:`open_store`
chooses by URL.
"""

from __future__ import annotations

from pathlib import Path

from app.store.base import Store, Transaction, VerifyResult

__all__ = ["Store", "Transaction", "VerifyResult", "open_store"]


def open_store(url: str, base_dir: str | Path = ".", read_only: bool = False) -> Store:
    """Open the store named by ``url`` (``sqlite:///PATH`` or ``postgresql://...``).

    ``read_only`` (SQLite): a reader's connection that never writes, so it
    opens while a writer holds a long transaction and on a read-only copy.
    Where no store exists yet (a fresh kiosk box) it is made, empty, as the
    kiosk would make it, so that ``doctor`` can check it before the first start.
    """
    if url.startswith("sqlite:///"):
        from app.store.sqlite import SQLiteStore

        raw = url.removeprefix("sqlite:///")
        path = Path(raw)
        if not path.is_absolute():
            path = Path(base_dir) / path
        return SQLiteStore(path, read_only=read_only and path.exists())
    if url.startswith(("postgresql://", "postgres://")):
        from app.store.postgres import PostgresStore  # type: ignore[import-not-found,unused-ignore]

        store: Store = PostgresStore(url)
        return store
    raise ValueError(f"unknown store URL {url!r}")
