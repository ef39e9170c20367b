#!/usr/bin/env python3
"""Writes the bidirectional reference cases of tests/golden (PyTorch 1.13, float64).

Run from the repository root with Debian's python3-torch::

    /usr/bin/python3 tools/golden_torch.py            # writes tests/golden/bidi_*.json

Each case is an nn.RNN/LSTM/GRU(bidirectional=True) followed by an nn.Linear head over the concatenated forward and
reverse hidden states at every step, in float64 from seeded random weights and zero initial states. Besides the forward
run (output, final_h, final_c) every case carries a target, the mean squared error loss and the gradient of that loss
with respect to every parameter: full backpropagation through time over the whole window, both directions.
The layout of the files is described in tests/golden/README.md.
"""

import json
import os
import sys

import torch
from torch import nn

_GATES = {"rnn": 1, "lstm": 4, "gru": 3}

# name, cell, nonlinearity, input size, hidden size, layers, outputs, steps, weight scale
CASES = [
    ("bidi_lstm_3x7x2", "lstm", None, 3, 7, 2, 3, 11, 1.0),
    ("bidi_gru_4x9", "gru", None, 4, 9, 1, 2, 13, 1.0),
    ("bidi_gru_2x5x2", "gru", None, 2, 5, 2, 2, 9, 1.0),
    ("bidi_rnn_tanh_2x6x2", "rnn", "tanh", 2, 6, 2, 2, 10, 1.0),
    ("bidi_rnn_relu_3x5", "rnn", "relu", 3, 5, 1, 1, 8, 1.0),
    ("bidi_lstm_2x17", "lstm", None, 2, 17, 1, 2, 40, 1.5),
]


def _tensor(tensor):
    return {"shape": list(tensor.shape), "data": tensor.detach().reshape(-1).tolist()}


def make_case(name, cell, nonlinearity, inputs, hidden, layers, outputs, steps, scale, seed):
    torch.manual_seed(seed)
    if cell == "rnn":
        rnn = nn.RNN(inputs, hidden, num_layers=layers, nonlinearity=nonlinearity, bidirectional=True)
    else:
        rnn = (nn.LSTM if cell == "lstm" else nn.GRU)(inputs, hidden, num_layers=layers, bidirectional=True)
    head = nn.Linear(2 * hidden, outputs)
    rnn, head = rnn.double(), head.double()
    with torch.no_grad():
        for parameter in rnn.parameters():
            parameter.mul_(scale)
    x = torch.randn(steps, 1, inputs, dtype=torch.float64)
    target = torch.randn(steps, outputs, dtype=torch.float64)

    sequence, state = rnn(x)
    y = head(sequence[:, 0])
    loss = ((y - target) ** 2).mean()
    loss.backward()
    h_n, c_n = state if isinstance(state, tuple) else (state, None)

    params, grads = {}, {}
    for key, value in rnn.named_parameters():
        params["rnn." + key] = _tensor(value)
        grads["rnn." + key] = _tensor(value.grad)
    for key, value in head.named_parameters():
        params["head." + key] = _tensor(value)
        grads["head." + key] = _tensor(value.grad)
    document = {
        "name": name, "cell": cell, "nonlinearity": nonlinearity,
        "input_size": inputs, "hidden_size": hidden, "num_layers": layers, "output_size": outputs, "steps": steps,
        "bidirectional": True,
        "gate_order": {"lstm": "i,f,g,o", "gru": "r,z,n"}.get(cell, "-"),
        "note": "PyTorch layout, bidirectional=True: rnn.*_l{k} forward and rnn.*_l{k}_reverse reverse direction; "
                "layer k > 0 reads [h_forward, h_reverse] (2H); head is Linear(2H, out) over the last layer's "
                "[h_forward, h_reverse] at every step; initial states are zero; final_h[2k] forward (after the last "
                "step), final_h[2k+1] reverse (after the first step).",
        "params": params,
        "input": _tensor(x[:, 0]),
        "target": _tensor(target),
        "loss": "mean squared error over all steps and outputs",
        "loss_value": loss.item(),
        "grads": grads,
        "output": _tensor(y),
        "final_h": _tensor(h_n[:, 0]),
    }
    if c_n is not None:
        document["final_c"] = _tensor(c_n[:, 0])
    return document


def main():
    folder = sys.argv[1] if len(sys.argv) > 1 else os.path.join("tests", "golden")
    for seed, case in enumerate(CASES):
        document = make_case(*case, seed=1700 + seed)
        path = os.path.join(folder, case[0] + ".json")
        with open(path, "w", encoding="utf-8") as stream:
            json.dump(document, stream)
        print(f"wrote {path} (torch {torch.__version__})")


if __name__ == "__main__":
    main()
