"""PostgreSQL fixtures: a throwaway cluster for the session and a fresh database per test.

Load with ``pytest_plugins = ["tests.pg_cluster"]`` in a test module. The
cluster (``initdb`` + ``pg_ctl`` on a free port in a temporary folder, see
:mod:`app.store.pg_local`) is skipped only when the server binaries are
missing, and even then fails when ``CI=true`` or ``MOTCUA_REQUIRE_PG=1``.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator

import pytest

from app.store.pg_local import ClusterUnavailable, LocalCluster

_names = itertools.count(1)


def pg_required() -> bool:
    """True where a missing PostgreSQL must fail the run instead of skipping."""
    return os.environ.get("CI", "").lower() == "true" or os.environ.get("MOTCUA_REQUIRE_PG") == "1"


def start_cluster(**kwargs: object) -> LocalCluster:
    """A started throwaway cluster, or a skip (a failure under CI) when there is none."""
    try:
        cluster = LocalCluster(**kwargs)  # type: ignore[arg-type]
        cluster.start()
    except ClusterUnavailable as exc:
        if pg_required():
            pytest.fail(f"PostgreSQL is required here (CI / MOTCUA_REQUIRE_PG): {exc}")
        pytest.skip(f"PostgreSQL not available: {exc}")
    return cluster


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[LocalCluster]:
    """One throwaway PostgreSQL server for the whole session (no disk flushes)."""
    cluster = start_cluster(durable=False)
    yield cluster
    cluster.cleanup()


@pytest.fixture
def pg_url(pg_cluster: LocalCluster) -> str:
    """The owner's URL of a new, empty database on the session's server."""
    return pg_cluster.create_database(f"motcua_test_{os.getpid()}_{next(_names)}")


@pytest.fixture
def pg_own_cluster() -> Iterator[LocalCluster]:
    """A durable throwaway server of the test's own, which it may kill and restart."""
    cluster = start_cluster(durable=True)
    yield cluster
    cluster.cleanup()
