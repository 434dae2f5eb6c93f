"""Signatures of the Standard Webhooks specification (https://www.standardwebhooks.com/)."""

import base64
import hashlib
import hmac


def signature(*, key: bytes, message_id: str, timestamp: int, body: bytes) -> str:
    signed = f"{message_id}.{timestamp}.".encode() + body
    digest = hmac.new(key, signed, hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode()


def signed_headers(*, key: bytes, message_id: str, timestamp: int, body: bytes) -> dict:
    return {
        "Content-Type": "application/json",
        "User-Agent": "MiniProgramConsole-Webhooks/1",
        "webhook-id": message_id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": signature(
            key=key, message_id=message_id, timestamp=timestamp, body=body
        ),
    }
