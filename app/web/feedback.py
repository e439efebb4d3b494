"""The citizen's answer to "was the wait estimate right?": the form's check and its body.

The form on a ticket's page carries a check value: an HMAC of the ticket's
token under a key that only this web service holds. A form posted from any
other page (another site that learned a link) lacks it, and the service also
refuses requests the browser marks as coming from another site. The key is
made afresh when the service starts; a page from before a restart gets a new
form when it updates (the check is part of the page's live regions), and a
stale form posted without scripts just leads back to the ticket's page.

The body is a small ``application/x-www-form-urlencoded`` form, read here
with a hard size limit rather than by a general form parser.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from urllib.parse import parse_qs

#: a real answer is under 100 bytes; anything much larger is not our form
MAX_BODY_BYTES = 1024

#: what the buttons send
ANSWERS = {"yes": True, "no": False}


class FormCheck:
    """Makes and verifies the per-ticket check value of the feedback form."""

    def __init__(self, key: bytes | None = None) -> None:
        self._key = key if key is not None else secrets.token_bytes(32)

    def make(self, token: str) -> str:
        mac = hmac.new(self._key, b"estimate-feedback:" + token.encode(), hashlib.sha256)
        return mac.hexdigest()[:32]

    def valid(self, token: str, value: str) -> bool:
        return hmac.compare_digest(self.make(token), value)


class BadAnswer(ValueError):
    """The posted body is not an answer from the form."""


@dataclass(frozen=True)
class Answer:
    """A parsed answer: right or wrong, and the form's check value."""

    right: bool
    check: str


def parse_answer(body: bytes, content_type: str | None) -> Answer:
    """The answer in a posted form body; raises :class:`BadAnswer` for anything else."""
    kind = (content_type or "").split(";", 1)[0].strip().lower()
    if kind != "application/x-www-form-urlencoded":
        raise BadAnswer(f"unexpected content type {kind or 'none'!r}")
    if len(body) > MAX_BODY_BYTES:
        raise BadAnswer(f"body of {len(body)} bytes")
    try:
        fields = parse_qs(body.decode("ascii"), max_num_fields=8, strict_parsing=False)
    except (UnicodeDecodeError, ValueError) as exc:
        raise BadAnswer(str(exc)) from None
    right = fields.get("right", [])
    check = fields.get("check", [])
    if len(right) != 1 or right[0] not in ANSWERS:
        raise BadAnswer("no yes/no answer")
    if len(check) != 1:
        raise BadAnswer("no check value")
    return Answer(ANSWERS[right[0]], check[0])
