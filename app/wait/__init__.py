"""Wait estimates: a small on-device model learned from the hall's own log.

Start-up (the kiosk, the board, the phone page: this is the one loader)::

    from app.wait import load_estimator
    estimator = load_estimator(config, hall)   # hall: a HallService, optional
    follower = load_estimator(config, hall, records=False)   # the phone page

:func:`load_estimator` verifies the model folder named by
``estimates.model_dir`` (manifest hash, signature when a public key is
configured, card, feature list, onnxruntime session; see
:mod:`app.wait.model`). When anything is wrong it returns an estimator that
uses the best plain method and says why in ``info().fallback_reason``; with
a hall it also records an ``incident`` (source ``wait_model``, code
``model_refused``). Given a hall it installs itself as ``hall.estimator``
(so every ``issued`` event gets its ``estimated`` event from it), folds the
staff settings already in the log, and follows the hall's events.

What screens read from the returned :class:`~app.wait.estimator.WaitEstimator`:

``batch(state)`` / ``current_estimates() -> dict[str, Estimate]``
    the latest estimate of every waiting ticket, keyed by ticket number,
    recomputed whenever the queue changes (never on a timer). ``Estimate.ai``
    tells whether the model made it; method ``"none"`` means "show only the
    number of people ahead".
``info() -> EstimatorInfo``
    for the AI panel: model in use or not and why, the model card, live
    coverage and error, and whether staff hid the estimates.
``alerts`` / ``add_alert_listener(fn)``
    staff alerts (the model stepped aside); the same news is in the log as
    an ``incident`` event.

Staff control (corrections, hide, AI off, reinstate) is in
:mod:`app.wait.control`; training in :mod:`app.wait.train` (``[train]``
extra); replay in :mod:`app.wait.replay`; the command line in
:mod:`app.wait.cli`.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from app.config import Config
from app.wait.estimator import WaitEstimator
from app.wait.model import ModelRefused, load_model

log = logging.getLogger(__name__)

#: the project folder: a relative model_dir not found beside the config is looked up here
_ROOT = Path(__file__).resolve().parent.parent.parent


def model_dir(config: Config) -> Path:
    """The model folder of a configuration.

    ``estimates.model_dir`` is relative to the configuration file's folder;
    when nothing is there and the path is relative, the project's own
    ``models/`` folder is used (the shipped model, e.g. with
    ``config/default.toml``).
    """
    p = config.resolve(config.estimates.model_dir)
    if not p.exists() and not Path(config.estimates.model_dir).is_absolute():
        alt = _ROOT / config.estimates.model_dir
        if alt.exists():
            return alt
    return p


def load_estimator(config: Config, hall: Any = None, records: bool = True) -> WaitEstimator:
    """The one way to get the hall's estimator: the verified model, or the plain method and why.

    Never raises: a model that cannot be loaded for any reason gives the
    plain method, with the reason in ``info().fallback_reason``. Given a hall,
    the estimator becomes ``hall.estimator`` and follows it. ``records``: the
    estimator writes its incidents (model refused, model stepped aside)
    through the hall; a follower that must not write, the phone page, passes
    False and learns of the kiosk's incidents from the log.
    """
    path = model_dir(config)
    try:
        model = load_model(path, config.estimates.public_key,
                           config.estimates.require_signature)
        refusal = None
    except ModelRefused as exc:
        model, refusal = None, exc.reason
        log.warning("wait model not used (%s): %s", exc.reason, exc.detail)
    except Exception as exc:  # a broken model must never stop a screen
        model, refusal = None, f"the wait model could not be loaded ({type(exc).__name__})"
        log.exception("the wait model could not be loaded; using the plain estimate")
    # the fallback is always the snapshot estimate: it takes, of the plain replays, the
    # one that fits this hall's recent tickets, whatever the model's training days said
    est = WaitEstimator(config, model, refusal, "snapshot")
    if refusal is not None and path.is_dir():
        # a folder that is there but refused may have been tampered with: staff must know
        est.alerts.append(f"The wait model was refused ({refusal}); the kiosk shows the "
                          "plain estimate. Re-install the model and report it.")
    if hall is not None:
        hall.estimator = est
        if refusal is not None and records:
            try:
                hall.record("incident", config.kiosk.id, source="wait_model",
                            code="model_refused", detail=refusal)
            except Exception:
                log.exception("could not record the model refusal")
        est.attach(hall, records=records)
    return est


__all__ = ["ModelRefused", "WaitEstimator", "load_estimator", "model_dir"]
