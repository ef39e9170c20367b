#!/usr/bin/env python3
"""Writes the encoder-decoder reference cases of tests/golden (PyTorch 1.13, float64). The model here is the spec.

Run from the repository root with Debian's python3-torch::

    /usr/bin/python3 tools/golden_seq2seq.py          # writes tests/golden/s2s_*.json

The model (one sequence, batch 1; every layer starts from zero state):

    encoder   nn.LSTM or nn.GRU(F, H, L) over x[1..T]; E[s] = the top layer's h after step s, s = 1..T
    decoder   the same kind, nn.LSTM or nn.GRU(O, H, L), starting from the encoder's final state (every layer, h and c)
    y_in[1]   = start (the case's start vector: zeros, or the last input step's target channels)
    for k in 1..N:
        d     = the decoder's top-layer h after reading y_in[k]
        none:     z = d
        dot:      score[s] = d . E[s]
        general:  score[s] = d . (W_a E[s])                         W_a = attention.general.weight [H, H]
        additive: score[s] = v . tanh(W_k E[s] + W_q d)             W_k = attention.memory.weight [A, H],
                                                                    W_q = attention.query.weight [A, H],
                                                                    v   = attention.v.weight [1, A]
        (with attention) a = softmax(score over s), c = sum_s a[s] E[s], z = tanh(W_c [c; d])
                                                                    W_c = attention.combine.weight [H, 2H]
        y[k]  = W_out z + b_out                                     head.weight [O, H], head.bias [O]
        y_in[k + 1] = target[k] if teacher[k] else y[k]             (the prediction is fed back undetached)

Luong et al. 2015's global attention after the decoder cell (their dot, general and concat scores; the additive score
is Bahdanau's, placed the same way) without input feeding; no attention layer has a bias.

Each file holds the parameters, the input, the start vector, the target [N, O], the teacher mask [N] (1 = the true
value is fed back after step k), the outputs under that mask, the mean squared error over all N*O outputs, its
gradient with respect to every parameter (full backpropagation through the decoder, the attention and the encoder),
the encoder's final h and c, and free_output: the N outputs when every step feeds back its own prediction, which is
what inference does.
"""

import json
import os
import sys

import torch
from torch import nn

# name, cell, F, H, L, O, T, N, attention, attention width A, start, teacher mask, weight scale
CASES = [
    ("s2s_lstm_none_3x8x2", "lstm", 3, 8, 2, 2, 9, 4, "none", 0, "last", [1, 0, 1, 0], 1.0),
    ("s2s_gru_dot_2x6", "gru", 2, 6, 1, 2, 7, 5, "dot", 0, "last", [0, 0, 1, 1, 0], 1.0),
    ("s2s_lstm_general_4x7", "lstm", 4, 7, 1, 3, 8, 3, "general", 0, "zeros", [1, 1, 0], 1.0),
    ("s2s_gru_additive_3x5x2", "gru", 3, 5, 2, 1, 10, 6, "additive", 4, "last", [0, 1, 0, 1, 0, 1], 1.0),
    ("s2s_lstm_additive_2x17", "lstm", 2, 17, 1, 2, 12, 10, "additive", 9, "last", [0] * 10, 1.5),
    ("s2s_lstm_dot_reconstruct_3x9", "lstm", 3, 9, 1, 3, 7, 7, "dot", 0, "zeros", [1] * 7, 1.0),
]


def _tensor(tensor):
    return {"shape": list(tensor.shape), "data": tensor.detach().reshape(-1).tolist()}


class Seq2Seq(nn.Module):
    def __init__(self, cell, inputs, hidden, layers, outputs, attention, width):
        super().__init__()
        kind = nn.LSTM if cell == "lstm" else nn.GRU
        self.encoder = kind(inputs, hidden, num_layers=layers)
        self.decoder = kind(outputs, hidden, num_layers=layers)
        self.attention_kind = attention
        self.attention = nn.ModuleDict()
        if attention == "general":
            self.attention["general"] = nn.Linear(hidden, hidden, bias=False)
        if attention == "additive":
            self.attention["memory"] = nn.Linear(hidden, width, bias=False)
            self.attention["query"] = nn.Linear(hidden, width, bias=False)
            self.attention["v"] = nn.Linear(width, 1, bias=False)
        if attention != "none":
            self.attention["combine"] = nn.Linear(2 * hidden, hidden, bias=False)
        self.head = nn.Linear(hidden, outputs)

    def forward(self, x, start, target, teacher):
        encoded, state = self.encoder(x)                      # [T, 1, H]
        memory = encoded[:, 0]                                # [T, H]
        y_in = start.reshape(1, 1, -1)
        outputs = []
        for k in range(target.shape[0]):
            out, state = self.decoder(y_in, state)
            d = out[0, 0]                                     # [H]
            if self.attention_kind == "none":
                z = d
            else:
                if self.attention_kind == "dot":
                    score = memory @ d
                elif self.attention_kind == "general":
                    score = self.attention["general"](memory) @ d
                else:
                    score = self.attention["v"](torch.tanh(self.attention["memory"](memory) + self.attention["query"](d)))[:, 0]
                a = torch.softmax(score, dim=0)
                context = a @ memory
                z = torch.tanh(self.attention["combine"](torch.cat([context, d])))
            y = self.head(z)
            outputs.append(y)
            y_in = (target[k] if teacher[k] else y).reshape(1, 1, -1)
        return torch.stack(outputs), encoded


def make_case(name, cell, inputs, hidden, layers, outputs, steps, horizon, attention, width, start_kind, teacher, scale, seed):
    torch.manual_seed(seed)
    model = Seq2Seq(cell, inputs, hidden, layers, outputs, attention, width).double()
    with torch.no_grad():
        for parameter in model.parameters():
            parameter.mul_(scale)
    x = torch.randn(steps, 1, inputs, dtype=torch.float64)
    target = torch.randn(horizon, outputs, dtype=torch.float64)
    start = x[-1, 0, :outputs].clone() if start_kind == "last" else torch.zeros(outputs, dtype=torch.float64)

    y, _ = model(x, start, target, teacher)
    loss = ((y - target) ** 2).mean()
    loss.backward()
    with torch.no_grad():
        free, _ = model(x, start, target, [0] * horizon)
        _, encoder_state = model.encoder(x)
    h_n, c_n = encoder_state if isinstance(encoder_state, tuple) else (encoder_state, None)

    params, grads = {}, {}
    for key, value in model.named_parameters():
        params[key] = _tensor(value)
        grads[key] = _tensor(value.grad)
    document = {
        "name": name, "cell": cell,
        "input_size": inputs, "hidden_size": hidden, "num_layers": layers, "output_size": outputs,
        "steps": steps, "horizon": horizon, "attention": attention, "attention_size": width, "start": start_kind,
        "gate_order": {"lstm": "i,f,g,o", "gru": "r,z,n"}[cell],
        "note": "See tools/golden_seq2seq.py for the model; encoder.* and decoder.* in PyTorch's nn.LSTM/nn.GRU layout.",
        "params": params,
        "input": _tensor(x[:, 0]),
        "start_vector": _tensor(start),
        "target": _tensor(target),
        "teacher": list(teacher),
        "output": _tensor(y),
        "loss": "mean squared error over all horizon steps and outputs",
        "loss_value": loss.item(),
        "grads": grads,
        "free_output": _tensor(free),
        "encoder_final_h": _tensor(h_n[:, 0]),
    }
    if c_n is not None:
        document["encoder_final_c"] = _tensor(c_n[:, 0])
    return document


def main():
    folder = sys.argv[1] if len(sys.argv) > 1 else os.path.join("tests", "golden")
    for seed, case in enumerate(CASES):
        document = make_case(*case, seed=2100 + seed)
        path = os.path.join(folder, case[0] + ".json")
        with open(path, "w", encoding="utf-8") as stream:
            json.dump(document, stream)
        print(f"wrote {path} (torch {torch.__version__})")


if __name__ == "__main__":
    main()
