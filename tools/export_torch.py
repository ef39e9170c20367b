#!/usr/bin/env python3
"""Export a PyTorch recurrent model to the JSON that ``edgernn import torch`` reads.

The model is one ``nn.RNN`` (tanh or relu), ``nn.LSTM`` or ``nn.GRU`` -- any number of layers (EdgeRnn runs 1 to 4),
``batch_first`` or not, unidirectional or ``bidirectional=True``, ``bias=True``, no LSTM projection -- followed by one
``nn.Linear`` head that is applied to the last layer's hidden state at every step (for a bidirectional model, the
concatenated forward and reverse states, 2H; EdgeRnn runs it over a buffered window, not step by step). That is the
shape of a step-by-step forecaster::

    class Forecaster(nn.Module):
        def __init__(self):
            super().__init__()
            self.lstm = nn.LSTM(input_size=3, hidden_size=32, num_layers=2, batch_first=True)
            self.head = nn.Linear(32, 3)

        def forward(self, x):              # x: [batch, steps, 3]
            h, _ = self.lstm(x)
            return self.head(h)            # [batch, steps, 3]

The JSON (the format of tests/golden, see its README) holds PyTorch's own parameter names and layouts, renamed to the
prefixes ``rnn.`` and ``head.`` whatever the attributes are called in your module:
``rnn.weight_ih_l{k}`` [G*H, in], ``rnn.weight_hh_l{k}`` [G*H, H], ``rnn.bias_ih_l{k}`` and ``rnn.bias_hh_l{k}`` [G*H]
(G = 1, 4, 3 for RNN, LSTM, GRU; gate order LSTM i, f, g, o and GRU r, z, n, unchanged), ``head.weight`` [out, H] and
``head.bias`` [out], each as ``{"shape": [...], "data": [...]}`` in row-major order; plus ``cell``, ``nonlinearity``,
``input_size``, ``hidden_size``, ``num_layers`` and ``output_size``. A bidirectional model adds ``"bidirectional": true``
and the reverse direction's ``rnn.weight_ih_l{k}_reverse`` etc. (same shapes); layer k > 0 then reads 2H inputs and the
head takes [out, 2H]. Optional EdgeRnn fields: ``feature_names``,
``target_channels``, ``sample_period_seconds``, ``task``, ``input_normalization`` / ``output_normalization``
(``{"mean": [...], "std": [...]}``: the normalisation your training applied outside the module, so that the device can
feed raw sensor values), ``name`` and ``properties``. With ``--example-steps N`` the file also carries a reference run
(``input``, ``output``, ``final_h`` and, for an LSTM, ``final_c``, computed in float64 from zero initial states; inputs and
outputs in raw units when normalisations are given), which the importer ignores but which lets you check the import:
feed ``input`` to ``edgernn predict`` and compare with ``output``.

Usage::

    # 1. A module built by a factory in your code (``package.module:callable``; the callable takes no arguments),
    #    with its weights loaded from a state_dict saved by torch.save(model.state_dict(), "weights.pt"):
    python tools/export_torch.py --factory mypackage.models:build_model --state-dict weights.pt --out model.json

    # 2. A bare state_dict: the recurrent and head parameters are found by their names (any prefix, e.g. "lstm." and
    #    "fc."); the cell kind is inferred from the shapes (pass --cell rnn --nonlinearity relu for a ReLU RNN):
    python tools/export_torch.py --state-dict weights.pt --out model.json

    # 3. A self-contained example: builds a seeded 2-layer LSTM (3 inputs, 16 hidden, 3 outputs) and exports it:
    python tools/export_torch.py --example --example-steps 50 --out example.json

    # then
    edgernn import torch --in model.json --out model.ernn
    edgernn inspect model.ernn

Metadata options: ``--feature-names a,b,c``, ``--target-channels 0,1,2``, ``--sample-period 0.01``, ``--task forecast``,
``--name my-model``, ``--normalization stats.json`` (a JSON file with ``input_normalization`` and/or
``output_normalization`` objects as above).

From Python, call :func:`export` directly::

    import torch, torch.nn as nn
    from export_torch import export
    torch.manual_seed(0)
    rnn, head = nn.GRU(4, 24, num_layers=2, batch_first=True), nn.Linear(24, 4)
    export(rnn, head, "gru.json", feature_names=["ax", "ay", "az", "temp"], example_steps=20)

Requires PyTorch (any 1.x or 2.x). Only CPU float tensors are written; weights are exported as float64 values of the
float32 parameters, so nothing is rounded twice.
"""

import argparse
import copy
import importlib
import json
import math
import re
import sys

import torch
from torch import nn

_GATES = {"RNN_TANH": 1, "RNN_RELU": 1, "LSTM": 4, "GRU": 3}
_CELLS = {"RNN_TANH": ("rnn", "tanh"), "RNN_RELU": ("rnn", "relu"), "LSTM": ("lstm", None), "GRU": ("gru", None)}
_RECURRENT = re.compile(r"^(?P<prefix>.*?)(?P<kind>weight_ih|weight_hh|bias_ih|bias_hh|weight_hr)_l(?P<layer>\d+)(?P<reverse>_reverse)?$")


def _tensor_json(name, tensor):
    values = tensor.detach().cpu().double().reshape(-1).tolist()
    for index, value in enumerate(values):
        if not math.isfinite(value):
            raise ValueError(f"parameter {name}: expected finite values; found {value} at flat index {index}")
    return {"shape": list(tensor.shape), "data": values}


def _check_recurrent(rnn):
    if not isinstance(rnn, nn.RNNBase) or rnn.mode not in _GATES:
        raise ValueError(f"expected an nn.RNN, nn.LSTM or nn.GRU; found {type(rnn).__name__}")
    if not rnn.bias:
        raise ValueError("expected bias=True; for a model trained without biases, add zero biases before exporting")
    if getattr(rnn, "proj_size", 0):
        raise ValueError(f"expected proj_size=0; found {rnn.proj_size}")
    if not 1 <= rnn.num_layers <= 4:
        raise ValueError(f"expected 1 to 4 layers; found {rnn.num_layers}")


def _denormalize(values, normalization):
    """Maps normalised values back to raw units, v * std + mean per channel (identity when normalization is None)."""
    if not normalization:
        return values
    mean = torch.tensor(normalization["mean"], dtype=torch.float64)
    std = torch.tensor(normalization["std"], dtype=torch.float64)
    return values * std + mean


def _reference_run(rnn, head, steps, seed, input_normalization, output_normalization):
    """Runs a float64 copy of the model over seeded random input from zero states; returns the golden-format fields.

    The module sees standard-normal normalised inputs z; the file records the raw inputs z * std + mean and the raw
    outputs, which is what EdgeRnn takes and gives when the normalisations are stored in the model.
    """
    generator = torch.Generator().manual_seed(seed)
    z = torch.randn(steps, rnn.input_size, generator=generator, dtype=torch.float64)
    rnn64 = copy.deepcopy(rnn).cpu().double().eval()   # eval(): no dropout between layers
    head64 = copy.deepcopy(head).cpu().double().eval()
    with torch.no_grad():
        batch = z.unsqueeze(0) if rnn.batch_first else z.unsqueeze(1)   # [1, steps, in] or [steps, 1, in]
        hidden, state = rnn64(batch)
        hidden = hidden[0] if rnn.batch_first else hidden[:, 0]         # [steps, H]
        y = head64(hidden)
    h_n, c_n = state if isinstance(state, tuple) else (state, None)
    fields = {
        "steps": steps,
        "input": _tensor_json("input", _denormalize(z, input_normalization)),
        "output": _tensor_json("output", _denormalize(y, output_normalization)),
        "final_h": _tensor_json("final_h", h_n[:, 0]),
    }
    if c_n is not None:
        fields["final_c"] = _tensor_json("final_c", c_n[:, 0])
    return fields


def export(rnn, head, path, *, feature_names=None, target_channels=None, sample_period_seconds=None, task=None,
           input_normalization=None, output_normalization=None, name=None, properties=None, example_steps=0,
           example_seed=0):
    """Writes ``rnn`` (nn.RNN/nn.LSTM/nn.GRU) and ``head`` (nn.Linear) to ``path`` as EdgeRnn import JSON.

    ``input_normalization`` / ``output_normalization``: ``{"mean": [...], "std": [...]}`` per input / output channel, or
    None for the identity. ``example_steps`` > 0 adds a float64 reference run over seeded random input (see the module
    docstring). Returns the written dictionary.
    """
    _check_recurrent(rnn)
    if not isinstance(head, nn.Linear):
        raise ValueError(f"expected an nn.Linear head; found {type(head).__name__}")
    directions = 2 if rnn.bidirectional else 1
    if head.in_features != directions * rnn.hidden_size:
        raise ValueError(f"expected the head to take {directions * rnn.hidden_size} inputs "
                         f"({'twice ' if directions == 2 else ''}the hidden size); found {head.in_features}")
    if head.bias is None:
        raise ValueError("expected a head with a bias (nn.Linear(..., bias=True))")

    cell, nonlinearity = _CELLS[rnn.mode]
    params = {}
    for key, value in rnn.state_dict().items():
        params["rnn." + key] = _tensor_json("rnn." + key, value)
    params["head.weight"] = _tensor_json("head.weight", head.weight)
    params["head.bias"] = _tensor_json("head.bias", head.bias)

    document = {"cell": cell}
    if nonlinearity:
        document["nonlinearity"] = nonlinearity
    document.update({
        "input_size": rnn.input_size,
        "hidden_size": rnn.hidden_size,
        "num_layers": rnn.num_layers,
        "output_size": head.out_features,
        **({"bidirectional": True} if rnn.bidirectional else {}),
        "gate_order": {"lstm": "i,f,g,o", "gru": "r,z,n"}.get(cell, "-"),
        "params": params,
    })
    optional = {
        "name": name,
        "feature_names": list(feature_names) if feature_names else None,
        "target_channels": list(target_channels) if target_channels else None,
        "sample_period_seconds": sample_period_seconds,
        "task": task,
        "input_normalization": input_normalization,
        "output_normalization": output_normalization,
    }
    document.update({k: v for k, v in optional.items() if v is not None})
    document["properties"] = {"exported_by": "tools/export_torch.py", "torch_version": torch.__version__,
                              "batch_first": str(bool(rnn.batch_first)).lower(), **(properties or {})}
    if example_steps > 0:
        document.update(_reference_run(rnn, head, example_steps, example_seed, input_normalization, output_normalization))

    with open(path, "w", encoding="utf-8") as stream:
        json.dump(document, stream)
    return document


def _find_modules(model):
    recurrent = [m for m in model.modules() if isinstance(m, nn.RNNBase)]
    linear = [m for m in model.modules() if isinstance(m, nn.Linear)]
    if len(recurrent) != 1:
        raise ValueError(f"expected exactly one nn.RNN/nn.LSTM/nn.GRU in the model; found {len(recurrent)}")
    if not linear:
        raise ValueError("expected an nn.Linear head in the model; found none")
    if len(linear) > 1:
        print(f"note: {len(linear)} nn.Linear modules found; using the last registered one as the head", file=sys.stderr)
    return recurrent[0], linear[-1]


def _from_state_dict(state, cell, nonlinearity):
    """Rebuilds nn.RNN/LSTM/GRU + nn.Linear from a bare state_dict, finding the parameters by their names."""
    recurrent, prefixes = {}, set()
    for key, value in state.items():
        match = _RECURRENT.match(key)
        if match:
            if match["kind"] == "weight_hr":
                raise ValueError(f"{key}: expected proj_size=0; found an LSTM with projections")
            prefixes.add(match["prefix"])
            recurrent[f"{match['kind']}_l{match['layer']}{match['reverse'] or ''}"] = value
    if len(prefixes) != 1:
        raise ValueError(f"expected the parameters of exactly one recurrent module; found prefixes {sorted(prefixes)}")
    prefix = prefixes.pop()
    heads = [k[: -len("weight")] for k, v in state.items()
             if k.endswith("weight") and not _RECURRENT.match(k) and v.dim() == 2]
    if len(heads) != 1:
        raise ValueError(f"expected one 2-D '<name>.weight' head besides the recurrent module; found {heads}")
    head_prefix = heads[0]
    if head_prefix + "bias" not in state:
        raise ValueError(f"expected {head_prefix}bias; found none")

    weight_hh = recurrent.get("weight_hh_l0")
    if weight_hh is None:
        raise ValueError(f"expected {prefix}weight_hh_l0; found none")
    hidden = weight_hh.shape[1]
    gates = weight_hh.shape[0] // hidden
    inferred = {1: "rnn", 3: "gru", 4: "lstm"}.get(gates) if weight_hh.shape[0] == gates * hidden else None
    if inferred is None:
        raise ValueError(f"{prefix}weight_hh_l0: expected shape [G*H, H] with G = 1, 3 or 4; found {list(weight_hh.shape)}")
    if cell and cell != inferred:
        raise ValueError(f"--cell {cell} does not match {prefix}weight_hh_l0 {list(weight_hh.shape)}, which is a {inferred}")
    cell = inferred
    layers = len([k for k in recurrent if k.startswith("weight_ih_l") and not k.endswith("_reverse")])
    bidirectional = "weight_ih_l0_reverse" in recurrent
    inputs = recurrent["weight_ih_l0"].shape[1]
    if cell == "rnn":
        if not nonlinearity:
            print("note: a state_dict does not say an nn.RNN's nonlinearity; assuming tanh (pass --nonlinearity relu "
                  "for a ReLU RNN)", file=sys.stderr)
        rnn = nn.RNN(inputs, hidden, num_layers=layers, nonlinearity=nonlinearity or "tanh",
                     bidirectional=bidirectional)
    else:
        rnn = (nn.LSTM if cell == "lstm" else nn.GRU)(inputs, hidden, num_layers=layers, bidirectional=bidirectional)
    rnn.load_state_dict(recurrent)   # strict: a missing bias or layer fails here with PyTorch's message
    head_weight = state[head_prefix + "weight"]
    head = nn.Linear(head_weight.shape[1], head_weight.shape[0])
    head.load_state_dict({"weight": head_weight, "bias": state[head_prefix + "bias"]})
    return rnn, head


def _example():
    torch.manual_seed(0)
    return nn.LSTM(3, 16, num_layers=2, batch_first=True), nn.Linear(16, 3)


def _load_state_dict(path):
    try:
        state = torch.load(path, map_location="cpu", weights_only=True)
    except TypeError:   # torch < 1.13 has no weights_only
        state = torch.load(path, map_location="cpu")
    if not isinstance(state, dict):
        raise ValueError(f"{path}: expected a state_dict (torch.save(model.state_dict(), path)); found {type(state).__name__}")
    return state


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     epilog="See the module docstring (python -m pydoc tools/export_torch.py) for details.")
    source = parser.add_argument_group("model source (one of)")
    source.add_argument("--factory", help="package.module:callable returning the model (an nn.Module holding one "
                                          "nn.RNN/LSTM/GRU and an nn.Linear head)")
    source.add_argument("--state-dict", help="a saved state_dict; loaded into --factory's model, or used alone")
    source.add_argument("--example", action="store_true", help="export a seeded 2-layer LSTM 3 -> 16 -> 3")
    parser.add_argument("--cell", choices=["rnn", "lstm", "gru"], help="cell kind of a bare state_dict (default: inferred)")
    parser.add_argument("--nonlinearity", choices=["tanh", "relu"], help="of a bare state_dict's nn.RNN (default tanh)")
    parser.add_argument("--out", required=True, help="the JSON file to write")
    parser.add_argument("--feature-names", help="comma-separated input channel names")
    parser.add_argument("--target-channels", help="comma-separated input channel index predicted by each output")
    parser.add_argument("--sample-period", type=float, help="seconds between samples")
    parser.add_argument("--task", choices=["forecast", "classify", "label", "text"])
    parser.add_argument("--name", help="a name stored with the model")
    parser.add_argument("--normalization", help="JSON file with input_normalization / output_normalization objects")
    parser.add_argument("--example-steps", type=int, default=0, help="add a reference run of N steps (default 0)")
    args = parser.parse_args(argv)

    if args.example:
        rnn, head = _example()
    elif args.factory:
        module_name, _, attribute = args.factory.partition(":")
        if not attribute:
            parser.error("--factory expects package.module:callable")
        model = getattr(importlib.import_module(module_name), attribute)()
        if args.state_dict:
            model.load_state_dict(_load_state_dict(args.state_dict))
        rnn, head = _find_modules(model)
    elif args.state_dict:
        rnn, head = _from_state_dict(_load_state_dict(args.state_dict), args.cell, args.nonlinearity)
    else:
        parser.error("give --factory, --state-dict or --example")

    normalization = {}
    if args.normalization:
        with open(args.normalization, encoding="utf-8") as stream:
            normalization = json.load(stream)
    document = export(
        rnn, head, args.out,
        feature_names=args.feature_names.split(",") if args.feature_names else None,
        target_channels=[int(c) for c in args.target_channels.split(",")] if args.target_channels else None,
        sample_period_seconds=args.sample_period,
        task=args.task,
        input_normalization=normalization.get("input_normalization"),
        output_normalization=normalization.get("output_normalization"),
        name=args.name,
        example_steps=args.example_steps,
    )
    count = sum(len(p["data"]) for p in document["params"].values())
    print(f"wrote {args.out}: {document['cell']} {document['input_size']} -> "
          f"{' -> '.join([str(document['hidden_size'])] * document['num_layers'])} -> {document['output_size']}, "
          f"{count} parameters")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except ValueError as error:
        print(f"error: {error}", file=sys.stderr)
        sys.exit(1)
