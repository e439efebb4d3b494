"""Write gradient-boosted quantile trees as one small ONNX model.

scikit-learn's :class:`~sklearn.ensemble.HistGradientBoostingRegressor` is
fast to train, but skl2onnx of this generation cannot convert it (it passes
numpy booleans where ONNX wants integers). The trees are simple, so this
module writes them directly as one ``ai.onnx.ml.TreeEnsembleRegressor`` with
three targets (the 10th, 50th and 90th percentiles), followed by the inverse
of the training transform, so the model's output is seconds of wait:

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
OUTPUT = "wait_s"
INPUT = "features"


def trees_of(model: Any) -> tuple[float, list[Any]]:
    """The baseline and the tree node arrays of a fitted single-output HGB regressor."""
    baseline = float(np.asarray(model._baseline_prediction).ravel()[0])
    trees = [predictors[0].nodes for predictors in model._predictors]
    return baseline, trees


def build_onnx(models: Sequence[Any], n_features: int, metadata: Mapping[str, str]) -> bytes:
    """One ONNX model computing every regressor of ``models`` as one output column each."""
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
        base_values.append(baseline)
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
    one = helper.make_tensor("one", TensorProto.FLOAT, [], [1.0])
    scale = helper.make_tensor("scale", TensorProto.FLOAT, [], [TARGET_SCALE_S])
    graph = helper.make_graph(
        [
            trees_node,
            helper.make_node("Exp", ["log_wait"], ["exp_wait"]),
            helper.make_node("Sub", ["exp_wait", "one"], ["minutes"]),
            helper.make_node("Mul", ["minutes", "scale"], [OUTPUT]),
        ],
        "motcua_wait",
        [helper.make_tensor_value_info(INPUT, TensorProto.FLOAT, [None, n_features])],
        [helper.make_tensor_value_info(OUTPUT, TensorProto.FLOAT, [None, n_out])],
        initializer=[one, scale],
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


def predict_python(models: Sequence[Any], x: np.ndarray) -> np.ndarray:
    """What the ONNX graph computes, in scikit-learn (for the equivalence test)."""
    cols = [m.predict(x.astype(np.float64)) for m in models]
    out: np.ndarray = np.expm1(np.stack(cols, axis=1)) * TARGET_SCALE_S
    return out
