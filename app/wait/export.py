"""Write gradient-boosted quantile trees as one small ONNX model.

scikit-learn's :class:`~sklearn.ensemble.HistGradientBoostingRegressor` is
fast to train, but skl2onnx of this generation cannot convert it (it passes
numpy booleans where ONNX wants integers). The trees are simple, so this
module writes them directly as one ``ai.onnx.ml.TreeEnsembleRegressor`` with
three targets (the low, middle and high percentiles), followed by the inverse
of the training transform, so the model's output is seconds of wait.

Two transforms exist. Without an anchor the trees predict log1p(wait in
minutes). With an anchor (a column of the input holding a plain estimate,
seconds) they predict the log of the ratio of the wait to that estimate,
both plus :data:`ANCHOR_PAD_S`: the model learns how far the plain estimate
is off, and the graph multiplies it back. Per-target offsets (the range's
calibration on validation days) are added to the trees' base values.

    input  ``features``  float32 [N, len(FEATURES)]
    output ``wait_s``    float32 [N, 3]   (p10, p50, p90; not yet sorted or clamped)

Opsets: ``ai.onnx.ml`` 3 and the default domain 15, IR version 8, which
onnxruntime builds for ARM and x86 load alike. Imported only by training
(the ``[train]`` extra provides ``onnx`` and scikit-learn).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

#: the targets are log1p(wait in minutes); the graph undoes it
TARGET_SCALE_S = 60.0
#: seconds added to the wait and the anchor before their ratio (a zero estimate is common)
ANCHOR_PAD_S = 60.0
OUTPUT = "wait_s"
INPUT = "features"


def trees_of(model: Any) -> tuple[float, list[Any]]:
    """The baseline and the tree node arrays of a fitted single-output HGB regressor."""
    baseline = float(np.asarray(model._baseline_prediction).ravel()[0])
    trees = [predictors[0].nodes for predictors in model._predictors]
    return baseline, trees


def build_onnx(models: Sequence[Any], n_features: int, metadata: Mapping[str, str],
               anchor: int | None = None, offsets: Sequence[float] | None = None) -> bytes:
    """One ONNX model computing every regressor of ``models`` as one output column each.

    ``anchor``: the input column the trees' output is a log ratio to (None: log1p
    minutes); ``offsets``: added to each target's base value (calibration).
    """
    import onnx
    from onnx import TensorProto, helper

    attrs: dict[str, list[Any]] = {
        k: [] for k in (
            "nodes_treeids", "nodes_nodeids", "nodes_featureids", "nodes_values",
            "nodes_modes", "nodes_truenodeids", "nodes_falsenodeids",
            "nodes_missing_value_tracks_true", "target_treeids", "target_nodeids",
            "target_ids", "target_weights",
        )
    }
    base_values: list[float] = []
    tree_id = 0
    for target, model in enumerate(models):
        baseline, trees = trees_of(model)
        base_values.append(baseline + (float(offsets[target]) if offsets is not None else 0.0))
        for nodes in trees:
            for i, node in enumerate(nodes):
                attrs["nodes_treeids"].append(tree_id)
                attrs["nodes_nodeids"].append(i)
                if int(node["is_leaf"]):
                    attrs["nodes_featureids"].append(0)
                    attrs["nodes_values"].append(0.0)
                    attrs["nodes_modes"].append("LEAF")
                    attrs["nodes_truenodeids"].append(0)
                    attrs["nodes_falsenodeids"].append(0)
                    attrs["nodes_missing_value_tracks_true"].append(0)
                    attrs["target_treeids"].append(tree_id)
                    attrs["target_nodeids"].append(i)
                    attrs["target_ids"].append(target)
                    attrs["target_weights"].append(float(node["value"]))
                else:
                    if int(node["is_categorical"]):
                        raise ValueError("categorical splits are not supported")
                    attrs["nodes_featureids"].append(int(node["feature_idx"]))
                    attrs["nodes_values"].append(float(node["num_threshold"]))
                    attrs["nodes_modes"].append("BRANCH_LEQ")
                    attrs["nodes_truenodeids"].append(int(node["left"]))
                    attrs["nodes_falsenodeids"].append(int(node["right"]))
                    attrs["nodes_missing_value_tracks_true"].append(
                        int(bool(node["missing_go_to_left"]))
                    )
            tree_id += 1

    n_out = len(models)
    tree_attrs: dict[str, Any] = {
        "n_targets": n_out, "aggregate_function": "SUM", "post_transform": "NONE",
        "base_values": base_values, **attrs,
    }
    trees_node = helper.make_node(
        "TreeEnsembleRegressor", [INPUT], ["log_wait"], domain="ai.onnx.ml", **tree_attrs
    )
    if anchor is None:
        init = [helper.make_tensor("one", TensorProto.FLOAT, [], [1.0]),
                helper.make_tensor("scale", TensorProto.FLOAT, [], [TARGET_SCALE_S])]
        nodes = [
            trees_node,
            helper.make_node("Exp", ["log_wait"], ["exp_wait"]),
            helper.make_node("Sub", ["exp_wait", "one"], ["minutes"]),
            helper.make_node("Mul", ["minutes", "scale"], [OUTPUT]),
        ]
    else:
        init = [helper.make_tensor("start", TensorProto.INT64, [1], [anchor]),
                helper.make_tensor("end", TensorProto.INT64, [1], [anchor + 1]),
                helper.make_tensor("axis", TensorProto.INT64, [1], [1]),
                helper.make_tensor("zero", TensorProto.FLOAT, [], [0.0]),
                helper.make_tensor("pad", TensorProto.FLOAT, [], [ANCHOR_PAD_S])]
        nodes = [
            trees_node,
            helper.make_node("Exp", ["log_wait"], ["ratio"]),
            helper.make_node("Slice", [INPUT, "start", "end", "axis"], ["anchor"]),
            helper.make_node("Max", ["anchor", "zero"], ["anchor_pos"]),
            helper.make_node("Add", ["anchor_pos", "pad"], ["anchor_padded"]),
            helper.make_node("Mul", ["ratio", "anchor_padded"], ["padded_wait"]),
            helper.make_node("Sub", ["padded_wait", "pad"], [OUTPUT]),
        ]
    graph = helper.make_graph(
        nodes,
        "motcua_wait",
        [helper.make_tensor_value_info(INPUT, TensorProto.FLOAT, [None, n_features])],
        [helper.make_tensor_value_info(OUTPUT, TensorProto.FLOAT, [None, n_out])],
        initializer=init,
    )
    model = helper.make_model(
        graph,
        opset_imports=[helper.make_opsetid("", 15), helper.make_opsetid("ai.onnx.ml", 3)],
        producer_name="motcua",
    )
    model.ir_version = 8
    for k, v in metadata.items():
        entry = model.metadata_props.add()
        entry.key, entry.value = k, v
    onnx.checker.check_model(model)
    data: bytes = model.SerializeToString()
    return data


def target(waits: np.ndarray, x: np.ndarray, anchor: int | None) -> np.ndarray:
    """What the trees learn for waits (seconds) with features ``x``."""
    if anchor is None:
        out: np.ndarray = np.log1p(waits / TARGET_SCALE_S)
        return out
    base = np.maximum(x[:, anchor].astype(np.float64), 0.0) + ANCHOR_PAD_S
    out = np.log((np.maximum(waits, 0.0) + ANCHOR_PAD_S) / base)
    return out


def from_target(raw: np.ndarray, x: np.ndarray, anchor: int | None) -> np.ndarray:
    """Seconds of wait from the trees' summed output (the inverse of :func:`target`)."""
    if anchor is None:
        out: np.ndarray = np.expm1(raw) * TARGET_SCALE_S
        return out
    base = np.maximum(x[:, anchor].astype(np.float64), 0.0) + ANCHOR_PAD_S
    out = np.exp(raw) * base[:, None] - ANCHOR_PAD_S
    return out


def predict_python(models: Sequence[Any], x: np.ndarray, anchor: int | None = None,
                   offsets: Sequence[float] | None = None) -> np.ndarray:
    """What the ONNX graph computes, in scikit-learn (for the equivalence test)."""
    cols = [m.predict(x.astype(np.float64)) for m in models]
    raw = np.stack(cols, axis=1)
    if offsets is not None:
        raw = raw + np.asarray(offsets, dtype=np.float64)[None, :]
    return from_target(raw, x, anchor)
