"""Who may use the workbench and how forms are protected.

- On 127.0.0.1 (the default) anyone on this computer may use it. With ``--host`` the
  admin must set a token (``--token`` or ``ASSISTANT_WEB_TOKEN``); clerks type it once on
  the login page and get a signed cookie.
- CSRF: every POST must carry the per-browser token (``X-CSRF-Token`` header for htmx,
  ``csrf_token`` form field for plain forms) equal to the ``csrf`` cookie, which is
  SameSite=Strict (double submit).
- The request body is cut off at the upload limit while it streams in, before any parsing.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from urllib.parse import quote, unquote

from fastapi import HTTPException, Request

__all__ = ["SECURITY_HEADERS", "BodyLimit", "auth_cookie", "clerk_name", "csrf_protect", "is_logged_in", "quote_name"]

SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
    "script-src 'self'; connect-src 'self'; frame-ancestors 'none'; form-action 'self'",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
}


async def csrf_protect(request: Request) -> None:
    """A FastAPI dependency for every POST route."""
    expected = request.cookies.get("csrf") or ""
    sent = request.headers.get("x-csrf-token")
    if sent is None:
        form = await request.form()
        sent = str(form.get("csrf_token") or "")
    if not expected or not hmac.compare_digest(expected, sent):
        raise HTTPException(403, "表单校验失败（CSRF）：页面可能已过期，请刷新页面后重试。")


def auth_cookie(secret: bytes, token: str) -> str:
    return hmac.new(secret, token.encode("utf-8"), hashlib.sha256).hexdigest()


def is_logged_in(request: Request, secret: bytes, token: str) -> bool:
    bearer = request.headers.get("authorization", "")
    if bearer.startswith("Bearer ") and hmac.compare_digest(bearer[7:].encode(), token.encode()):
        return True
    return hmac.compare_digest(request.cookies.get("auth", ""), auth_cookie(secret, token))


def new_csrf() -> str:
    return secrets.token_urlsafe(32)


def clerk_name(request: Request) -> str:
    """The name the clerk gave (recorded with every edit), else 未署名."""
    name = unquote(request.cookies.get("clerk", "")).strip()
    return name[:40] or "未署名"


def quote_name(name: str) -> str:
    return quote(name.strip()[:40])


class BodyLimit:
    """ASGI middleware: refuse a request body larger than ``limit`` bytes (413), as it streams."""

    def __init__(self, app, limit: int):
        self.app, self.limit = app, limit

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared and declared.isdigit() and int(declared) > self.limit:
            return await _too_large(send, self.limit)
        received = 0

        async def limited():
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.limit:
                    raise _TooLarge()
            return message

        try:
            await self.app(scope, limited, send)
        except _TooLarge:
            await _too_large(send, self.limit)


class _TooLarge(Exception):
    pass


async def _too_large(send, limit: int) -> None:
    body = f"上传的文件太大：上限为 {limit // (1024 * 1024)} MB（启动时可用 --max-upload-mb 调整）。".encode()
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [(b"content-type", b"text/plain; charset=utf-8"), (b"content-length", str(len(body)).encode())],
        }
    )
    await send({"type": "http.response.body", "body": body})
