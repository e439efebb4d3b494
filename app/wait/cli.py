"""``motcua wait train|replay|status|keygen|sign``: the wait model from the command line."""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path
from typing import Any

from app.errors import UserError
from app.events import EventFormatError, read_jsonl


def add_parser(subparsers: Any) -> None:
    """Register ``wait`` and its actions on the main parser."""
    wait = subparsers.add_parser(
        "wait", help="the wait-estimate model: train, replay, status, keygen, sign"
    )
    sub = wait.add_subparsers(dest="wait_command", metavar="ACTION", required=True)

    p = sub.add_parser("train", help="learn a model from event logs (needs the [train] extra)")
    p.add_argument("--events", action="append", required=True, metavar="LOG.jsonl",
                   help="an event log; repeat for more (LOG.toml beside it is its hall config)")
    p.add_argument("--out", required=True, metavar="DIR", help="where model, card and manifest go")
    p.add_argument("--holdout-days", type=int, default=None,
                   help="last days of each log kept for validation (default: a fifth)")
    p.add_argument("--validation-days", type=int, default=None,
                   help="days before the held-out ones that calibrate the range "
                        "(default: as many as held out)")
    p.add_argument("--max-iter", type=int, default=None,
                   help="boosting rounds per quantile (default: 250)")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--prior", metavar="DIR", default=None,
                   help="the model the hall has now (e.g. the shipped one): the new model is "
                        "refused when this one does better on the hall's own days")
    p.add_argument("--force", action="store_true",
                   help="write the model even if it loses to the plain estimate")
    p.add_argument("--sign-key", metavar="KEY", default=None,
                   help="sign the written model with this private key (from `wait keygen`)")
    p.set_defaults(func=cmd_train)

    p = sub.add_parser("replay", help="estimate every ticket of a log as the kiosk would")
    p.add_argument("--model", required=True, metavar="DIR")
    p.add_argument("--history", action="append", default=[], metavar="TRAIN.jsonl",
                   help="events before the test log (warm-up; no rows written)")
    p.add_argument("--events", required=True, metavar="TEST.jsonl")
    p.add_argument("--out", required=True, metavar="PRED.csv", help="'-' for stdout")
    p.set_defaults(func=cmd_replay)

    p = sub.add_parser("status", help="is the model installed, verified and in use?")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_status)

    p = sub.add_parser("keygen", help="make an Ed25519 key pair for signing models")
    p.add_argument("--out", required=True, metavar="KEY",
                   help="the private key file (mode 0600); KEY.pub gets the public half")
    p.add_argument("--force", action="store_true", help="replace an existing key")
    p.set_defaults(func=cmd_keygen)

    p = sub.add_parser("sign", help="sign a model folder (model, manifest and card)")
    p.add_argument("model", metavar="DIR", help="the model folder")
    p.add_argument("--key", required=True, metavar="KEY", help="the private key (wait keygen)")
    p.set_defaults(func=cmd_sign)


def _read(path: str) -> list[Any]:
    p = Path(path)
    try:
        with p.open(encoding="utf-8") as f:
            return list(read_jsonl(f, str(p)))
    except OSError as exc:
        raise UserError(f"{p}: cannot read ({exc.strerror})") from None
    except EventFormatError as exc:
        raise UserError(str(exc)) from None


def cmd_train(ctx: Any) -> int:
    from app.wait.train import train

    a = ctx.args
    # read the key first: a bad key is found before twenty minutes of training
    key = _private_key(a.sign_key) if a.sign_key else None
    prior = None
    if a.prior:
        from app.wait.model import ModelRefused, load_model

        try:
            prior = load_model(Path(a.prior), ctx.config.estimates.public_key)
        except ModelRefused as exc:
            raise UserError(f"--prior {a.prior}: {exc.reason}", exc.detail) from None
    try:
        result = train([Path(x) for x in a.events], Path(a.out), ctx.config,
                       holdout_days=a.holdout_days, force=a.force, max_iter=a.max_iter,
                       seed=a.seed, validation_days=a.validation_days, prior=prior)
    except ImportError as exc:
        raise UserError("training needs the [train] extra: pip install 'motcua[train]'",
                        repr(exc)) from None
    r = result.report
    print(f"held-out tickets: {r['tickets']}")
    for k in ("model", "queue", "skill", "erlang", "snapshot"):
        e = r[k]
        print(f"  {k:7s} MAE {e['mae_s'] / 60:6.2f} min   median {e['median_abs_s'] / 60:6.2f}"
              f"   RMSE {e['rmse_s'] / 60:6.2f}")
    print(f"best plain: {r['best_plain']}; model/best ratio {r['mae_ratio']:.3f}; "
          f"80% range coverage {r['coverage_80']:.1%}")
    ro = r.get("rolling") or {}
    if ro:
        cuts = ", ".join(f"{f['cut']} {f['mae_ratio']:.2f}" for f in ro["folds"])
        print(f"rolling evaluation over {len(ro['folds'])} cut dates: model/{ro['best_plain']} "
              f"ratio {ro['mae_ratio']:.3f}, coverage {ro['coverage_80']:.1%} ({cuts})")
    if not result.passed:
        print("WARNING: the model is worse than the plain estimate; written because of --force")
    print(f"wrote {result.card['version']} ({result.model_bytes} bytes) to {a.out}")
    if key is not None:
        _sign(Path(a.out), key)
    else:
        stale = Path(a.out) / "signature.json"
        if stale.exists():
            # it signed the files just replaced: kiosks would refuse the folder as altered
            stale.unlink()
            print(f"removed the old signature in {a.out}; sign the new model with "
                  "`motcua wait sign`")
    return 0


def _private_key(path: str) -> Any:
    from app.wait.signing import load_private_key

    return load_private_key(Path(path))


def _sign(model: Path, key: Any) -> None:
    from app.wait.model import ModelRefused, load_model
    from app.wait.signing import public_key_text, sign_model_dir

    # only a folder the kiosk would load is worth a signature
    try:
        loaded = load_model(model)
    except ModelRefused as exc:
        raise UserError(f"{model}: not signed: {exc.reason}", exc.detail) from None
    name = str(loaded.manifest.get("model_file", "model.onnx"))
    signed = sign_model_dir(model, (name, "manifest.json", "card.json"), key)
    public = public_key_text(key)
    print(f"signed {loaded.version} in {model} with key {signed.key_id} ({signed.path.name})")
    print(f'kiosks trust it with: [estimates] public_key = "{public}"')


def cmd_keygen(ctx: Any) -> int:
    from app.wait.signing import generate_key, key_id

    out = Path(ctx.args.out)
    public = generate_key(out, force=ctx.args.force)
    print(f"private key: {out} (keep it off the kiosks and out of version control)")
    print(f"public key:  {out}.pub (key {key_id(public)})")
    print(f'kiosks trust it with: [estimates] public_key = "{public}"')
    return 0


def cmd_sign(ctx: Any) -> int:
    _sign(Path(ctx.args.model), _private_key(ctx.args.key))
    return 0


def cmd_replay(ctx: Any) -> int:
    from app.wait.estimator import WaitEstimator
    from app.wait.model import ModelRefused, load_model
    from app.wait.replay import replay, write_csv, write_csv_file

    a = ctx.args
    cfg = ctx.config
    try:
        model = load_model(Path(a.model), cfg.estimates.public_key,
                           cfg.estimates.require_signature)
        refusal = None
    except ModelRefused as exc:
        model, refusal = None, exc.reason
        print(f"model not used: {exc.reason}; replaying with the plain estimate", file=sys.stderr)
    est = WaitEstimator(cfg, model, refusal, "snapshot")
    history = [e for h in a.history for e in _read(h)]
    result = replay(cfg, est, _read(a.events), history)
    if a.out == "-":
        write_csv(result, sys.stdout)
    else:
        write_csv_file(result, Path(a.out))
    for inc in result.incidents:
        print(f"incident: {inc.get('code')}: {inc.get('detail')}", file=sys.stderr)
    print(f"{len(result.rows)} tickets estimated; {len(result.incidents)} incident(s)",
          file=sys.stderr)
    return 0


def cmd_status(ctx: Any) -> int:
    from app.wait import model_dir
    from app.wait.model import ModelRefused, load_model

    cfg = ctx.config
    path = model_dir(cfg)
    out: dict[str, Any] = {"model_dir": str(path)}
    try:
        m = load_model(path, cfg.estimates.public_key, cfg.estimates.require_signature)
        held = m.card.held_out
        out.update(verified=True, version=m.version, bytes=m.model_bytes, signed_by=m.signed_by,
                   best_plain=held.best_plain, mae_ratio=held.mae_ratio,
                   coverage_80=held.coverage_80,
                   trained=m.card.training.model_dump(mode="json"))
    except ModelRefused as exc:
        out.update(verified=False, reason=exc.reason, detail=exc.detail)
    fit = None
    try:
        from app.calling import rule_fit

        store = ctx.store
        fit = rule_fit(cfg, store.read_after(max(0, int(store.head()) - 50_000)))
        out["calling_rule"] = fit.as_dict()
    except Exception as exc:  # the model's status must not depend on the log being readable
        out["calling_rule"] = {"error": str(exc)}
    if ctx.args.json:
        print(json.dumps(out, indent=2, ensure_ascii=False))
        return 0 if out["verified"] else 1
    if out["verified"]:
        ratio = out.get("mae_ratio")
        shown = f"{ratio:.2f}" if isinstance(ratio, float) and math.isfinite(ratio) else "?"
        signed = f"signed by key {m.signed_by}" if m.signed_by else "not signed"
        print(f"model {out['version']} in {path}: verified ({out['bytes']} bytes, {signed})")
        print(f"held-out error vs best plain ({out['best_plain']}): {shown}; "
              f"80% range coverage {out.get('coverage_80')}")
        _print_rule_fit(fit)
        return 0
    print(f"model in {path} not used: {out['reason']}")
    print(f"  {out['detail']}")
    _print_rule_fit(fit)
    return 1


def _print_rule_fit(fit: Any) -> None:
    if fit is None:
        return
    shares = ", ".join(f"{r} {fit.share(r):.0%}" for r in fit.explained)
    print(f"calling rule: {fit.configured}; of {fit.telling} recent calls where the rules "
          f"differ, each explains: {shares}")
    warning = fit.warning()
    if warning:
        print(f"WARNING: {warning}")


__all__ = ["add_parser"]

