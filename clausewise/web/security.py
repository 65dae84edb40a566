"""Who may use the server, and what a request may carry.

- Access: with a token (`--token` or $CLAUSEWISE_TOKEN) every request but the health check and
  the sign-in page needs it, as `Authorization: Bearer TOKEN` or the cookie the sign-in form
  sets (a keyed hash of the token, never the token itself).
- Size: a request that writes must say its length (`Content-Length`), and one longer than two
  uploads is refused before any of it is read.
- Forgery: every form that posts carries the value of a cookie only this site can read
  (double-submit), and a request whose Origin is another site is refused.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any
from urllib.parse import quote, urlsplit

from starlette.datastructures import FormData, Headers
from starlette.requests import Request
from starlette.responses import Response

from clausewise.errors import FormExpired, NotSignedIn, UploadTooLarge

from .settings import WebSettings

SESSION_COOKIE = "clausewise_session"
CSRF_COOKIE = "clausewise_csrf"
CSRF_FIELD = "csrf"
PUBLIC_PATHS = ("/api/health", "/login", "/static/")
WRITING_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


def session_value(token: str) -> str:
    """What the sign-in cookie holds: a keyed hash of the token, so the cookie is not the token."""
    return hmac.new(token.encode(), b"clausewise-session", hashlib.sha256).hexdigest()


def token_matches(token: str | None, given: str | None) -> bool:
    return token is not None and given is not None and hmac.compare_digest(token.encode(), given.encode())


def signed_in(headers: Headers, cookies: dict[str, str], token: str | None) -> bool:
    if token is None:
        return True
    bearer = headers.get("authorization", "")
    if bearer.lower().startswith("bearer ") and token_matches(token, bearer[7:].strip()):
        return True
    return token_matches(session_value(token), cookies.get(SESSION_COOKIE))


def new_csrf() -> str:
    return secrets.token_urlsafe(24)


def check_form(request: Request, form: FormData) -> None:
    """Refuse a posted form without this site's anti-forgery value (`FormExpired`)."""
    cookie = request.cookies.get(CSRF_COOKIE)
    field = form.get(CSRF_FIELD)
    if not cookie or not isinstance(field, str) or not hmac.compare_digest(cookie.encode(), field.encode()):
        raise FormExpired()
    if not same_origin(request.headers):
        raise FormExpired()


def same_origin(headers: Headers) -> bool:
    """A browser names the page a request came from (Origin); it must be this server."""
    origin = headers.get("origin")
    if origin is None or origin == "null":
        return origin is None
    return urlsplit(origin).netloc == headers.get("host")


class Guard:
    """ASGI middleware: the size limit and the token, before any route sees the request."""

    def __init__(self, app: ASGIApp, settings: WebSettings) -> None:
        self.app = app
        self.settings = settings

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        refusal = self._refusal(request)
        if refusal is not None:
            await refusal(scope, receive, send)
            return
        await self.app(scope, receive, send)

    def _refusal(self, request: Request) -> Response | None:
        path = request.url.path
        if request.method in WRITING_METHODS:
            length = request.headers.get("content-length")
            if length is None or not length.isdigit():
                return refuse(request, 411, "say how long the request is (Content-Length); nothing was read")
            if int(length) > self.settings.max_body_bytes:
                return refuse(request, 413, UploadTooLarge("the upload", self.settings.max_upload_mb).message)
        if path.startswith(PUBLIC_PATHS) or signed_in(request.headers, request.cookies, self.settings.token):
            return None
        if request.method == "GET" and not path.startswith("/api/"):
            return Response(status_code=303, headers={"location": f"/login?next={quote(path)}"})
        return refuse(request, 401, NotSignedIn().message)


def refuse(request: Request, status: int, message: str) -> Response:
    """A refusal in the request's own terms: JSON for the API, a line of text for a page."""
    if request.url.path.startswith("/api/"):
        body = json.dumps({"error": message}, ensure_ascii=False)
        return Response(body, status_code=status, media_type="application/json")
    return Response(message + "\n", status_code=status, media_type="text/plain; charset=utf-8")
