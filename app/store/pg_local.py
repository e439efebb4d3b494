"""A throwaway local PostgreSQL cluster: for the tests, the benchmark and a laptop demo.

:class:`LocalCluster` runs ``initdb`` and ``pg_ctl`` from the Debian
``postgresql`` package (``/usr/lib/postgresql/*/bin``) in a temporary folder,
on a free TCP port of 127.0.0.1, with trust authentication; nothing is left
behind after :meth:`LocalCluster.cleanup`. PostgreSQL refuses to run as root,
so when we are root the cluster runs as the ``postgres`` system user (created
by the Debian package), or else as ``nobody``.

It can be stopped hard and started again on the same port and data, which is
how the tests take the hall's queue server away in the middle of a run.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

#: the superuser of a throwaway cluster (it owns the schema)
SUPERUSER = "motcua"


class ClusterUnavailable(RuntimeError):
    """The PostgreSQL server binaries are not installed here."""


def find_bindir() -> Path | None:
    """Where ``initdb``, ``pg_ctl`` and ``postgres`` are (the newest version), if anywhere."""
    env = os.environ.get("MOTCUA_PG_BINDIR")
    candidates = [Path(env)] if env else []
    found = glob.glob("/usr/lib/postgresql/*/bin/initdb")
    found.sort(key=lambda p: int(Path(p).parent.parent.name) if Path(p).parent.parent.name.isdigit()
               else 0, reverse=True)
    candidates += [Path(p).parent for p in found]
    on_path = shutil.which("initdb")
    if on_path:
        candidates.append(Path(on_path).parent)
    for c in candidates:
        if (c / "initdb").is_file() and (c / "pg_ctl").is_file():
            return c
    return None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _run_as() -> pwd.struct_passwd | None:
    """The unprivileged user to run the server as (None: ourselves)."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        try:
            return pwd.getpwnam(name)
        except KeyError:
            continue
    raise ClusterUnavailable("running as root and neither a postgres nor a nobody user exists")


class LocalCluster:
    """One throwaway PostgreSQL cluster in a temporary folder."""

    def __init__(
        self,
        bindir: Path | None = None,
        *,
        durable: bool = True,
        settings: dict[str, str] | None = None,
    ) -> None:
        found = bindir or find_bindir()
        if found is None:
            raise ClusterUnavailable(
                "PostgreSQL server binaries not found (install the Debian package "
                "'postgresql', or set MOTCUA_PG_BINDIR)"
            )
        self.bindir = found
        self.port = _free_port()
        self.user = _run_as()
        self.root = Path(tempfile.mkdtemp(prefix="motcua-pg-"))
        self.data = self.root / "data"
        self.logfile = self.root / "server.log"
        self.settings = {
            "listen_addresses": "127.0.0.1",
            "unix_socket_directories": str(self.root),
            "max_connections": "300",
            "shared_buffers": "64MB",
            # durable=False skips flushing to the disk (fast tests); a commit is
            # still written to the WAL before it is acknowledged, so killing the
            # server loses nothing acknowledged; only a power cut would
            "fsync": "on" if durable else "off",
            "full_page_writes": "on" if durable else "off",
            "synchronous_commit": "on",
            "log_min_messages": "warning",
        }
        self.settings.update(settings or {})
        self._initdb()

    # ------------------------------------------------------------------ running

    def _run(self, args: list[str], check: bool = True) -> subprocess.CompletedProcess[str]:
        kwargs: dict[str, object] = {}
        if self.user is not None:
            kwargs = {"user": self.user.pw_uid, "group": self.user.pw_gid, "extra_groups": []}
        return subprocess.run(  # type: ignore[call-overload,no-any-return]
            args, check=check, capture_output=True, text=True, cwd=self.root,
            env={**os.environ, "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8"}, **kwargs,
        )

    def _initdb(self) -> None:
        if self.user is not None:
            os.chown(self.root, self.user.pw_uid, self.user.pw_gid)
        os.chmod(self.root, 0o700)
        try:
            self._run([
                str(self.bindir / "initdb"), "-D", str(self.data), "-U", SUPERUSER,
                "--auth=trust", "-E", "UTF8", "--no-locale", "--no-sync",
            ])
        except subprocess.CalledProcessError as exc:
            self.cleanup()
            raise ClusterUnavailable(f"initdb failed: {exc.stderr.strip()}") from exc
        with (self.data / "postgresql.conf").open("a", encoding="utf-8") as f:
            f.write("\n# motcua throwaway cluster\n")
            f.write(f"port = {self.port}\n")
            for k, v in self.settings.items():
                f.write(f"{k} = '{v}'\n")

    def start(self) -> None:
        """Start the server and wait until it accepts connections."""
        try:
            self._run([
                str(self.bindir / "pg_ctl"), "-D", str(self.data), "-l", str(self.logfile),
                "-w", "-t", "60", "start",
            ])
        except subprocess.CalledProcessError as exc:
            raise ClusterUnavailable(
                f"the PostgreSQL server did not start: {exc.stdout.strip()} {exc.stderr.strip()}\n"
                f"{self.log_tail()}"
            ) from exc

    def stop(self, mode: str = "fast") -> None:
        """Stop the server (``immediate`` is a crash: no shutdown checkpoint)."""
        self._run([str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", mode, "-w", "stop"],
                  check=False)

    def running(self) -> bool:
        r = self._run([str(self.bindir / "pg_ctl"), "-D", str(self.data), "status"], check=False)
        return r.returncode == 0

    def log_tail(self, lines: int = 20) -> str:
        try:
            return "\n".join(self.logfile.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""

    def cleanup(self) -> None:
        """Stop the server and delete everything."""
        if self.data.exists():
            self.stop("immediate")
        shutil.rmtree(self.root, ignore_errors=True)

    def __enter__(self) -> LocalCluster:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.cleanup()

    # ------------------------------------------------------------------ databases

    def url(self, dbname: str = "postgres", user: str = SUPERUSER, password: str = "") -> str:
        auth = f"{user}:{password}" if password else user
        return f"postgresql://{auth}@127.0.0.1:{self.port}/{dbname}"

    def create_database(self, name: str) -> str:
        """Create an empty database; returns the superuser's URL for it."""
        import psycopg
        from psycopg import sql

        with psycopg.connect(self.url(), autocommit=True, connect_timeout=10) as conn:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        return self.url(name)
