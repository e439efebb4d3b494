"""The phone page behind the ticket's QR code: a read-only, live view of one ticket.

:func:`app.web.server.create_app` builds the Starlette application;
``motcua web`` (:mod:`app.web.cli`) serves it with uvicorn. See
``docs/phone-page.md``.
"""
