"""Answer ids that prove careerbot issued them: time, random bits and an HMAC, in 32 hex digits."""
from __future__ import annotations

import hashlib
import hmac
import secrets
import time

from .session import ID_RE

# 16 bytes: when (4, seconds since the epoch), random (6, so ids stay unique: 2**48 a second), signature (6).
# 48 bits of signature take 2**47 guesses on average to forge one, far past any rate limit.
TIME, NONCE, MAC = 4, 6, 6
CLOCK_SKEW = 60  # seconds an id may seem to come from the future: hosts' clocks differ a little


class AnswerIds:
    """Issue answer ids and tell the ones issued with the same key, within `lifetime` seconds, from others."""

    def __init__(self, key: bytes | str | None = None, lifetime: float = 3600.0, clock=time.time):
        key = key.encode() if isinstance(key, str) else key
        self.key = key or secrets.token_bytes(32)  # no key: ids are valid only with this one object (its workers)
        self.lifetime, self.clock = lifetime, clock

    def issue(self) -> str:
        """Return a new answer id."""
        body = int(self.clock()).to_bytes(TIME, "big") + secrets.token_bytes(NONCE)
        return (body + self._sign(body)).hex()

    def valid(self, answer_id: object) -> bool:
        """Say whether answer_id is one this key issued and not older than the lifetime."""
        if not isinstance(answer_id, str) or not ID_RE.match(answer_id):
            return False
        raw = bytes.fromhex(answer_id)
        body, mac = raw[:TIME + NONCE], raw[TIME + NONCE:]
        age = self.clock() - int.from_bytes(body[:TIME], "big")
        return hmac.compare_digest(mac, self._sign(body)) and -CLOCK_SKEW <= age <= self.lifetime

    def _sign(self, body: bytes) -> bytes:
        return hmac.new(self.key, body, hashlib.sha256).digest()[:MAC]
