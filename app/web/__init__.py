"""The phone page behind the ticket's QR code: a live view of one ticket.

Read-only to phones, but for one thing: once called, a citizen may say whether
the wait estimate was right (one ``estimate_feedback`` event per ticket).

:func:`app.web.server.create_app` builds the Starlette application;
``motcua web`` (:mod:`app.web.cli`) serves it with uvicorn. See
``docs/phone-page.md``.
"""
