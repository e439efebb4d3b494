"""The documented nginx configuration is one nginx accepts (where nginx is installed)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SITE = ROOT / "docs" / "proxy" / "nginx-motcua.conf"


def test_the_documented_site_replaces_x_forwarded_for() -> None:
    text = SITE.read_text(encoding="utf-8")
    assert "$proxy_add_x_forwarded_for" not in text
    assert text.count("proxy_set_header X-Forwarded-For $remote_addr;") == 2
    for directive in ("client_header_timeout 10s", "client_body_timeout   10s", "limit_conn "):
        assert directive in text


def test_nginx_accepts_the_documented_site(tmp_path: Path) -> None:
    nginx = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists()
                                      else None)
    openssl = shutil.which("openssl")
    if nginx is None or openssl is None:
        pytest.skip("nginx (Debian's package) or openssl is not installed")
    key, cert = tmp_path / "k.pem", tmp_path / "c.pem"
    subprocess.run([openssl, "req", "-x509", "-newkey", "ed25519", "-nodes", "-keyout", str(key),
                    "-out", str(cert), "-days", "1", "-subj", "/CN=test"],
                   check=True, capture_output=True, timeout=60)
    site = SITE.read_text(encoding="utf-8").replace(
        "/etc/letsencrypt/live/queue.example.gov.vn/fullchain.pem", str(cert)
    ).replace("/etc/letsencrypt/live/queue.example.gov.vn/privkey.pem", str(key))
    (tmp_path / "site.conf").write_text(site, encoding="utf-8")
    (tmp_path / "logs").mkdir()
    (tmp_path / "nginx.conf").write_text(
        f"pid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/logs/error.log;\n"
        "events { worker_connections 64; }\n"
        f"http {{ access_log off; include {tmp_path}/site.conf; }}\n",
        encoding="utf-8",
    )
    done = subprocess.run([nginx, "-t", "-c", str(tmp_path / "nginx.conf"), "-p", str(tmp_path)],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
