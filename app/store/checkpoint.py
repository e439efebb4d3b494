"""Signed checkpoints of the chain head: tamper evidence outside the log.

The hash chain alone shows that no kept record was changed *given* the last
hash; whoever can write the store can cut the tail off, or recompute every
hash after a forged record. A checkpoint anchors the chain outside it: the
box signs ``(seq, hash, time)`` of the head with its own Ed25519 key, which
lives in the data folder (``keys/checkpoint-ed25519.pem``, mode 0600), made
at first use and never written to the log.

Checkpoints are kept in three places, each surviving a different attack:

* the store's ``checkpoints`` table, one per write transaction, written in
  the same transaction as the events it covers (so a forged append, made
  without the key, is a record no signature covers);
* the hall's PostgreSQL, in hall mode (the same table on the server);
* paper: the end-of-day report prints the day's last one as a short code,
  ``CP-<seq>-<16 hex of the hash>``, which ``motcua audit verify --checkpoint``
  takes back (truncation and rewriting below that record are then detected
  even if the store, its table and the key were all replaced).

What this proves and what it cannot is in ``docs/events.md`` (Tamper evidence).
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import json
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

#: where the key lives, under the data folder
KEY_FILE = Path("keys") / "checkpoint-ed25519.pem"
#: its public half, to copy into other boxes' keys/trusted/
PUBLIC_FILE = Path("keys") / "checkpoint-ed25519.pub.pem"
#: public keys of other boxes of the hall whose checkpoints this box trusts
TRUSTED_DIR = Path("keys") / "trusted"

CODE_RE = re.compile(r"^CP-(\d{1,12})-([0-9a-f]{16})$")


def fingerprint(public: Ed25519PublicKey) -> str:
    """A short name of a public key: 16 hex of the SHA-256 of its raw bytes."""
    raw = public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()[:16]


@dataclass(frozen=True)
class Checkpoint:
    """A signed statement: record ``seq`` of this log has hash ``hash``."""

    seq: int
    hash: str
    ts: str
    key: str = ""
    sig: str = ""

    def message(self) -> bytes:
        return f"motcua-checkpoint/1|{self.seq}|{self.hash}|{self.ts}".encode("ascii")

    @property
    def code(self) -> str:
        """The short form for paper: seq and the first 64 bits of the hash."""
        return f"CP-{self.seq}-{self.hash[:16]}"

    def to_json(self) -> dict[str, Any]:
        return {"seq": self.seq, "hash": self.hash, "ts": self.ts, "key": self.key,
                "sig": self.sig}

    @classmethod
    def from_json(cls, obj: Any) -> Checkpoint:
        if not isinstance(obj, dict):
            raise ValueError("a checkpoint is a JSON object")
        try:
            return cls(int(obj["seq"]), str(obj["hash"]), str(obj["ts"]),
                       str(obj.get("key", "")), str(obj.get("sig", "")))
        except (KeyError, TypeError, ValueError) as exc:
            raise ValueError(f"not a checkpoint ({exc})") from None


class Signer:
    """The box's checkpoint key."""

    def __init__(self, private: Ed25519PrivateKey) -> None:
        self._private = private
        self.public = private.public_key()
        self.key_id = fingerprint(self.public)

    @classmethod
    def load_or_create(cls, data_dir: str | Path) -> Signer:
        """The key under ``data_dir`` (made now, readable by this user only, if absent)."""
        path = Path(data_dir) / KEY_FILE
        if path.exists():
            private = serialization.load_pem_private_key(path.read_bytes(), password=None)
            if not isinstance(private, Ed25519PrivateKey):
                raise ValueError(f"{path} is not an Ed25519 key")
            signer = cls(private)
            pub = Path(data_dir) / PUBLIC_FILE
            if not pub.exists():
                # the part other boxes (or an auditor) put in their keys/trusted/
                with contextlib.suppress(OSError):
                    pub.write_text(signer.public_pem(), encoding="ascii")
            return signer
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        private = Ed25519PrivateKey.generate()
        pem = private.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        tmp = path.with_suffix(".part")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as f:
            f.write(pem)
            f.flush()
            os.fsync(f.fileno())
        try:
            # another process may have made it at the same moment: keep the first
            os.link(tmp, path)
        except FileExistsError:
            pass
        finally:
            tmp.unlink(missing_ok=True)
        return cls.load_or_create(data_dir)

    def public_pem(self) -> str:
        return self.public.public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        ).decode("ascii")

    def sign(self, seq: int, head_hash: str, ts: datetime) -> Checkpoint:
        unsigned = Checkpoint(seq, head_hash, ts.isoformat(), self.key_id)
        sig = base64.b64encode(self._private.sign(unsigned.message())).decode("ascii")
        return Checkpoint(seq, head_hash, unsigned.ts, self.key_id, sig)


def trusted_keys(data_dir: str | Path | None, signer: Signer | None = None
                 ) -> dict[str, Ed25519PublicKey]:
    """This box's key (or its public half, for a reader) and those in ``keys/trusted/``."""
    keys: dict[str, Ed25519PublicKey] = {}
    if signer is not None:
        keys[signer.key_id] = signer.public
    if data_dir is not None:
        folder = Path(data_dir) / TRUSTED_DIR
        own = Path(data_dir) / PUBLIC_FILE
        found = sorted(folder.glob("*.pem")) if folder.is_dir() else []
        for p in ([own] if own.is_file() else []) + found:
            try:
                pub = serialization.load_pem_public_key(p.read_bytes())
            except ValueError:
                continue
            if isinstance(pub, Ed25519PublicKey):
                keys[fingerprint(pub)] = pub
    return keys


def signature_ok(cp: Checkpoint, keys: dict[str, Ed25519PublicKey]) -> bool:
    pub = keys.get(cp.key)
    if pub is None or not cp.sig:
        return False
    try:
        pub.verify(base64.b64decode(cp.sig, validate=True), cp.message())
    except (InvalidSignature, ValueError):
        return False
    return True


class _Log(Protocol):
    def head(self) -> int: ...

    def record_hash(self, seq: int) -> str | None: ...


@dataclass(frozen=True)
class Anchor:
    """What ``--checkpoint`` names: a full signed checkpoint, or a short code from paper."""

    seq: int
    hash_prefix: str
    checkpoint: Checkpoint | None = None

    @property
    def code(self) -> str:
        return f"CP-{self.seq}-{self.hash_prefix[:16]}"


def parse_anchor(text: str) -> list[Anchor]:
    """A short code, or a file holding checkpoints (JSON Lines or one JSON object)."""
    m = CODE_RE.match(text.strip())
    if m:
        return [Anchor(int(m.group(1)), m.group(2))]
    path = Path(text)
    if not path.is_file():
        raise ValueError(
            f'"{text}" is neither a checkpoint code (CP-<seq>-<16 hex>) nor a checkpoint file')
    out: list[Anchor] = []
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            cp = Checkpoint.from_json(json.loads(line))
        except ValueError as exc:
            raise ValueError(f"{path}:{lineno}: {exc}") from None
        out.append(Anchor(cp.seq, cp.hash, cp))
    if not out:
        raise ValueError(f"{path} holds no checkpoint")
    return out


def check_anchors(log: _Log, anchors: Iterable[Anchor],
                  keys: dict[str, Ed25519PublicKey]) -> list[str]:
    """Problems the anchors reveal (truncation, rewriting, forged checkpoints)."""
    problems: list[str] = []
    head = log.head()
    for a in anchors:
        if a.checkpoint is not None and a.checkpoint.sig and not signature_ok(a.checkpoint, keys):
            problems.append(f"checkpoint {a.code} is not signed by a trusted key: forged or "
                            "from another box")
            continue
        if a.seq > head:
            problems.append(
                f"truncated: the log ends at record {head}, but checkpoint {a.code} vouches "
                f"for record {a.seq}")
            continue
        h = log.record_hash(a.seq)
        if h is None or not h.startswith(a.hash_prefix):
            problems.append(
                f"rewritten: record {a.seq} is not the record checkpoint {a.code} vouches for")
    return problems


def check_coverage(log: _Log, stored: list[Checkpoint],
                   keys: dict[str, Ed25519PublicKey]) -> tuple[list[str], int]:
    """Check the store's own checkpoints; returns problems and the highest seq vouched for.

    Every stored checkpoint must carry a good signature of a trusted key and
    match its record; records after the last good one are what was appended
    without a key (a forged append), or in the instant before a crash.
    """
    problems: list[str] = []
    covered = 0
    for cp in stored:
        if not signature_ok(cp, keys):
            problems.append(f"checkpoint at record {cp.seq} has no valid signature of a "
                            "trusted key: forged or from an untrusted box")
            continue
        problems.extend(check_anchors(log, [Anchor(cp.seq, cp.hash)], keys))
        covered = max(covered, cp.seq)
    head = log.head()
    if stored and head > covered:
        problems.append(
            f"records {covered + 1}-{head} are not covered by any signed checkpoint: they were "
            "appended without this box's key (a forged append?)")
    return problems, covered


@dataclass(frozen=True)
class AuditResult:
    """What ``motcua audit verify`` found: ``ok`` and one line per finding."""

    ok: bool
    lines: list[str]


class _AuditedStore(_Log, Protocol):
    data_dir: str | None
    signer: Signer | None

    def verify(self) -> Any: ...

    def checkpoints(self) -> list[Checkpoint]: ...

    def describe(self) -> str: ...


def audit(store: _AuditedStore, anchors: list[Anchor]) -> AuditResult:
    """The chain, the store's signed checkpoints and the given anchors, together."""
    lines: list[str] = []
    chain = store.verify()
    if not chain.ok:
        lines.append(f"audit trail BROKEN at record {chain.first_bad_seq}: that record "
                     f"{chain.problem} ({chain.checked} records before it are intact)")
    keys = trusted_keys(store.data_dir, store.signer)
    stored = store.checkpoints()
    problems, covered = check_coverage(store, stored, keys) if keys else ([], 0)
    if stored and not keys:
        problems.append("the store holds signed checkpoints but no trusted key is here "
                        f"({KEY_FILE} under the data folder): they cannot be checked")
    problems += check_anchors(store, anchors, keys)
    lines += problems
    ok = chain.ok and not problems
    if ok:
        head = store.head()
        what = [f"audit trail intact: {chain.checked} records checked in {store.describe()}"]
        if covered:
            what.append(f"signed checkpoints vouch for records 1-{covered} of {head}")
        elif not stored:
            what.append("no signed checkpoints in this store (made before they existed, or "
                        "written without the box's key)")
        what += [f"checkpoint {a.code}: matches" for a in anchors]
        lines = what
    return AuditResult(ok, lines)
