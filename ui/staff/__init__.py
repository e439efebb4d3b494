"""The staff side of the screens in Python: the backend QML binds to, in parts.

:mod:`ui.staff.backend` (the object QML sees) is made of :mod:`ui.staff.session`
(sign-in, the idle timer), :mod:`ui.staff.hall` (the queue, the counters, the
estimate switches), :mod:`ui.staff.actions` (prepare, confirm, the console's
buttons) and :mod:`ui.staff.oversight` (report, audit trail, today, device
tests) over :mod:`ui.staff.base`; :mod:`ui.staff.texts` holds their words. The
QML is in ``ui/qml/staff/``.
"""
