"""The phone page service: a Starlette application over the hall's store, read-only to phones.

Routes:

- ``GET /t/{token}``: the ticket's page (404 plain page for a wrong, expired or
  malformed token, with no data);
- ``GET /t/{token}/live``: server-sent events with the page's changed regions;
- ``GET /t/{token}/status.json``: the same regions, for the polling fallback;
- ``GET /t/{token}/how`` and ``GET /how``: how the wait is estimated, in plain words;
- ``POST /t/{token}/feedback``: the citizen's answer to "was the wait estimate
  right?", once the ticket was called; one ``estimate_feedback`` event per ticket;
- ``GET /healthz``: JSON for the technician's ``doctor`` (store reachable, head seq);
- ``/static/...`` and ``/fonts/NotoSans-*.ttf``: the page's style, script and font.

Every response passes :class:`Guard`: only GET and HEAD are accepted, except
POST on a ticket's feedback path (whose only effect is that one event: nothing
a phone sends can change the queue); each client address has a token bucket of
``web.requests_per_minute``, and security headers keep the page from being
framed, from loading anything foreign and from leaking its link as a referrer.
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import (
    HTMLResponse,
    JSONResponse,
    RedirectResponse,
    Response,
    StreamingResponse,
)
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.clock import Clock
from app.config import Config
from app.estimate import Estimator
from app.store import Store, open_store
from app.web import pages
from app.web.feedback import MAX_BODY_BYTES as MAX_FEEDBACK_BODY
from app.web.feedback import BadAnswer, FormCheck, parse_answer
from app.web.i18n import negotiate
from app.web.live import FeedbackResult, LiveHall, TicketView
from app.web.ratelimit import RateLimiter

log = logging.getLogger(__name__)

#: seconds between keep-alive comments on a live connection (and expiry checks)
KEEPALIVE_S = 15.0
#: live connections one client address may hold, and the whole server
MAX_STREAMS_PER_CLIENT = 8
MAX_STREAMS = 2000

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; font-src 'self'; "
    "img-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'"
)

SECURITY_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"content-security-policy", CSP.encode()),
    (b"referrer-policy", b"no-referrer"),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=(), payment=()"),
)

_NO_STORE = {"Cache-Control": "no-store"}

_FONT_RE = re.compile(r"^NotoSans-[A-Za-z]+\.ttf$")

#: the one path that takes a POST (any token shape: a wrong one gets the plain 404 page)
_FEEDBACK_PATH = re.compile(r"^/t/[^/]+/feedback$")

#: what the browser says of where a request came from (Fetch Metadata); others are refused
_OWN_SITE = frozenset({"same-origin", "none"})


def allowed_methods(path: str) -> tuple[str, ...]:
    """The methods a path accepts: POST on a ticket's feedback path, GET and HEAD elsewhere."""
    return ("POST",) if _FEEDBACK_PATH.fullmatch(path) else ("GET", "HEAD")


def client_address(scope: Scope) -> str:
    client = scope.get("client")
    return str(client[0]) if client else "unknown"


def _lang_of(scope: Scope) -> str:
    headers = Headers(scope=scope)
    query = scope.get("query_string", b"").decode("latin-1")
    m = re.search(r"(?:^|&)lang=([a-z]{2,3})(?:&|$)", query)
    return negotiate(headers.get("accept-language"), m[1] if m else None)


class Guard:
    """ASGI middleware: read-only methods, a rate limit per client, security headers."""

    def __init__(
        self, app: ASGIApp, limiter: RateLimiter, hall_name: Callable[[str], str]
    ) -> None:
        self.app = app
        self.limiter = limiter
        self.hall_name = hall_name

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_secure(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [
                    (k, v) for k, v in message.get("headers", []) if k.lower() != b"server"
                ]
                present = {k.lower() for k, _ in headers}
                headers += [(k, v) for k, v in SECURITY_HEADERS if k not in present]
                message = {**message, "headers": headers}
            await send(message)

        method = scope["method"]
        methods = allowed_methods(scope.get("path", ""))
        if method not in methods:
            lang = _lang_of(scope)
            body = pages.message_page(lang, self.hall_name(lang), "method_title", "method_body")
            response: Response = HTMLResponse(
                body, status_code=405, headers={"Allow": ", ".join(methods), **_NO_STORE}
            )
            await response(scope, receive, send_secure)
            return

        client = client_address(scope)
        path = scope.get("path", "")
        if path.startswith(("/static/", "/fonts/")):
            # style and font have their own bucket, so a refusal page still looks right
            client += " static"
        allowed, retry_after = self.limiter.allow(client)
        if not allowed:
            lang = _lang_of(scope)
            body = pages.message_page(lang, self.hall_name(lang), "limit_title", "limit_body")
            response = HTMLResponse(
                body,
                status_code=429,
                headers={"Retry-After": str(max(1, round(retry_after))), **_NO_STORE},
            )
            await response(scope, receive, send_secure)
            return
        await self.app(scope, receive, send_secure)


class _Streams:
    """Counts open live connections per client, to bound what one phone can hold open."""

    def __init__(self) -> None:
        self.by_client: dict[str, int] = {}

    @property
    def total(self) -> int:
        return sum(self.by_client.values())

    def acquire(self, client: str) -> bool:
        if self.total >= MAX_STREAMS or self.by_client.get(client, 0) >= MAX_STREAMS_PER_CLIENT:
            return False
        self.by_client[client] = self.by_client.get(client, 0) + 1
        return True

    def release(self, client: str) -> None:
        n = self.by_client.get(client, 0) - 1
        if n <= 0:
            self.by_client.pop(client, None)
        else:
            self.by_client[client] = n


def _static_dir() -> Path:
    return Path(str(resources.files("app.web").joinpath("static")))


def _fonts_dir() -> Path:
    return Path(str(resources.files("app.resources").joinpath("fonts")))


def create_app(
    config: Config,
    store: Store | None = None,
    clock: Clock | None = None,
    estimator: Estimator | None = None,
    monotonic: Callable[[], float] | None = None,
) -> Starlette:
    """The phone page application.

    ``store`` defaults to the configured store (opened here and closed on
    shutdown); ``clock``, ``estimator`` and ``monotonic`` (the rate limiter's
    time) are for tests.
    """
    own_store = store is None
    the_store = store if store is not None else open_store(config.store.url, config.base_dir)
    live = LiveHall(config, the_store, clock, estimator)
    limiter = (
        RateLimiter(config.web.requests_per_minute, monotonic)
        if monotonic is not None
        else RateLimiter(config.web.requests_per_minute)
    )
    streams = _Streams()
    form_check = FormCheck()

    def lang(request: Request) -> str:
        return negotiate(request.headers.get("accept-language"), request.query_params.get("lang"))

    def not_found(language: str) -> HTMLResponse:
        body = pages.message_page(language, live.hall_name(language), "error_title", "error_body")
        return HTMLResponse(body, status_code=404, headers=_NO_STORE)

    def ticket(request: Request) -> Response:
        language = lang(request)
        token = request.path_params["token"]
        view = live.view(token)
        if view is None:
            return not_found(language)
        body = pages.ticket_page(
            view, language, token, live.hall_name(language), form_check.make(token)
        )
        return HTMLResponse(body, headers=_NO_STORE)

    def status_json(request: Request) -> Response:
        token = request.path_params["token"]
        view = live.view(token)
        if view is None:
            return JSONResponse({"error": "not_found"}, status_code=404, headers=_NO_STORE)
        payload = pages.fragments(view, lang(request), token, form_check.make(token))
        return JSONResponse(payload, headers=_NO_STORE)

    async def live_events(request: Request) -> Response:
        language = lang(request)
        token = request.path_params["token"]
        view = await run_in_threadpool(live.view, token)
        if view is None:
            return not_found(language)
        check = form_check.make(token)
        if request.method == "HEAD":
            # a stream that never ends has no body to leave out: answer with the headers
            return Response(media_type="text/event-stream", headers=_NO_STORE)
        client = client_address(request.scope)
        if not streams.acquire(client):
            body = pages.message_page(
                language, live.hall_name(language), "limit_title", "limit_body"
            )
            return HTMLResponse(
                body, status_code=429, headers={"Retry-After": "30", **_NO_STORE}
            )

        async def stream() -> AsyncIterator[str]:
            try:
                yield "retry: 3000\n\n"
                sent: dict[str, Any] | None = None
                seq = -1
                while not live.closing:
                    current = await run_in_threadpool(live.view, token)
                    if current is None:
                        yield "event: gone\ndata: {}\n\n"
                        return
                    seq = current.seq
                    payload = pages.fragments(current, language, token, check)
                    if payload != sent:
                        sent = payload
                        data = json.dumps(payload, ensure_ascii=False)
                        yield f"event: update\ndata: {data}\n\n"
                    if not await live.wait_change(seq, KEEPALIVE_S):
                        if await request.is_disconnected():
                            return
                        yield ": keep-alive\n\n"
            finally:
                streams.release(client)

        return StreamingResponse(
            stream(),
            media_type="text/event-stream",
            headers={**_NO_STORE, "X-Accel-Buffering": "no"},
        )

    async def feedback(request: Request) -> Response:
        """A citizen's answer: one ``estimate_feedback`` event per ticket, nothing else.

        Without scripts the answer comes back to the ticket's page (303); the
        page's script asks for JSON and gets the new feedback region instead.
        """
        language = lang(request)
        token = request.path_params["token"]
        wants_json = "application/json" in request.headers.get("accept", "")
        view = await run_in_threadpool(live.view, token)
        if view is None:
            if wants_json:
                return JSONResponse({"result": "not_found"}, status_code=404, headers=_NO_STORE)
            return not_found(language)
        back = f"/t/{token}?lang={language}"

        def plain(code: int, title: str, text: str) -> Response:
            body = pages.message_page(language, live.hall_name(language), title, text, back)
            return HTMLResponse(body, status_code=code, headers=_NO_STORE)

        site = request.headers.get("sec-fetch-site")
        if site is not None and site not in _OWN_SITE:
            # a form on another site that learned a ticket's link
            return plain(403, "feedback_bad_title", "feedback_bad_body")
        body = b""
        async for chunk in request.stream():
            body += chunk
            if len(body) > MAX_FEEDBACK_BODY:
                break
        try:
            answer = parse_answer(body, request.headers.get("content-type"))
        except BadAnswer as exc:
            log.info("feedback refused: %s", exc)
            return plain(400, "feedback_bad_title", "feedback_bad_body")

        def answer_json(result: FeedbackResult, shown: TicketView, code: int) -> Response:
            region = pages.feedback_html(
                shown, language, token, form_check.make(token),
                failed=result is FeedbackResult.UNAVAILABLE,
            )
            return JSONResponse(
                {"result": result.value, "feedback": region}, status_code=code, headers=_NO_STORE
            )

        if not form_check.valid(token, answer.check):
            # a form from before a restart (or none of ours): show the current form again
            if wants_json:
                return answer_json(FeedbackResult.NOT_YET, view, 409)
            return RedirectResponse(back, status_code=303, headers=_NO_STORE)

        result = await run_in_threadpool(live.record_feedback, token, answer.right)
        if result is FeedbackResult.NOT_FOUND:
            # the day rolled over between the two looks
            if wants_json:
                return JSONResponse({"result": "not_found"}, status_code=404, headers=_NO_STORE)
            return not_found(language)
        if result is FeedbackResult.UNAVAILABLE:
            if wants_json:
                return answer_json(result, view, 503)
            return plain(503, "feedback_unsaved_title", "feedback_unsaved_body")
        if wants_json:
            now = await run_in_threadpool(live.view, token)
            code = 409 if result is FeedbackResult.NOT_YET else 200
            return answer_json(result, now or view, code)
        return RedirectResponse(back, status_code=303, headers=_NO_STORE)

    def about(request: Request) -> Response:
        language = lang(request)
        token = request.path_params.get("token")
        back = None
        if token is not None:
            if live.view(token) is None:
                return not_found(language)
            back = f"/t/{token}?lang={language}"
        body = pages.about_page(live.info(), language, live.hall_name(language), back)
        return HTMLResponse(body, headers=_NO_STORE)

    async def healthz(request: Request) -> Response:
        try:
            if not live.running:
                await run_in_threadpool(live.refresh)
            head = await run_in_threadpool(live.head)
        except Exception as exc:
            return JSONResponse(
                {"ok": False, "store": "unreachable", "error": str(exc) or type(exc).__name__},
                status_code=503,
                headers=_NO_STORE,
            )
        body = {
            "ok": live.health.ok,
            "store": "reachable",
            "store_kind": config.store.url.split(":", 1)[0],
            "head": head,
            "seen": live.seen,
            "watching": live.running,
            "tickets_today": live.token_count(),
            "day": live.service.state.day.isoformat() if live.service.state.day else None,
        }
        if not live.health.ok:
            body["error"] = live.health.error
        return JSONResponse(body, status_code=200 if live.health.ok else 503, headers=_NO_STORE)

    def root(request: Request) -> Response:
        language = lang(request)
        body = pages.message_page(
            language, live.hall_name(language), "page_missing_title", "page_missing_body"
        )
        return HTMLResponse(body, status_code=404, headers=_NO_STORE)

    def favicon(request: Request) -> Response:
        return Response(status_code=204, headers={"Cache-Control": "public, max-age=86400"})

    async def http_error(request: Request, exc: Exception) -> Response:
        code = exc.status_code if isinstance(exc, HTTPException) else 500
        language = lang(request)
        if code == 405:
            body = pages.message_page(
                language, live.hall_name(language), "method_title", "method_body"
            )
        else:
            code = 404 if code < 500 else code
            body = pages.message_page(
                language, live.hall_name(language), "page_missing_title", "page_missing_body"
            )
        return HTMLResponse(body, status_code=code, headers=_NO_STORE)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        live.start(asyncio.get_running_loop())
        try:
            yield
        finally:
            live.stop()
            if own_store:
                the_store.close()

    routes = [
        Route("/", root),
        Route("/healthz", healthz),
        Route("/favicon.ico", favicon),
        Route("/how", about),
        Route("/t/{token}", ticket),
        Route("/t/{token}/live", live_events),
        Route("/t/{token}/status.json", status_json),
        Route("/t/{token}/feedback", feedback, methods=["POST"]),
        Route("/t/{token}/how", about),
        Mount("/static", app=_Cached(StaticFiles(directory=_static_dir()))),
        Mount("/fonts", app=_Cached(_Fonts(StaticFiles(directory=_fonts_dir())))),
    ]
    app = Starlette(
        routes=routes,
        exception_handlers={HTTPException: http_error},
        lifespan=lifespan,
    )
    app.state.live = live
    # the server reads its connection limits from it (app.web.serve.build_server)
    app.state.config = config
    app.state.limiter = limiter
    app.state.streams = streams
    app.state.form_check = form_check
    app.add_middleware(Guard, limiter=limiter, hall_name=live.hall_name)
    return app


class _Fonts:
    """Serves only the bundled Noto Sans faces from the fonts folder."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        name = scope.get("path", "").rsplit("/", 1)[-1]
        if not _FONT_RE.fullmatch(name):
            raise HTTPException(status_code=404)
        await self.app(scope, receive, send)


class _Cached:
    """Lets phones keep the style, script and font for a day."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def send_cached(message: Message) -> None:
            if message["type"] == "http.response.start":
                cache = (b"cache-control", b"public, max-age=86400")
                headers = [*message.get("headers", []), cache]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_cached)
