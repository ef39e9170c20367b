#!/usr/bin/env python3
"""Writes the embedding reference cases of tests/golden (PyTorch 1.13, float64).

Run from the repository root with Debian's python3-torch::

    /usr/bin/python3 tools/golden_embedding.py        # writes tests/golden/emb_*.json

Each case is the text task's network: an nn.Embedding(V, E) of the tokens, an nn.RNN/LSTM/GRU over the embedded
sequence and an nn.Linear(H, V) head at every step, in float64 from seeded weights (PyTorch's default initialisation,
the embedding N(0, 1)) and zero initial states. A batch of token windows, drawn from fewer tokens than the steps so that
tokens repeat (and one token of the vocabulary never appears, so its row gets no gradient), each step labelled with a
class; the loss is nn.CrossEntropyLoss with its default mean over every (window, step), the text task's per-step loss.
Besides the forward run (logits, final states) every case carries the loss and the gradient of every parameter: full
backpropagation through time over the whole window into the embedding rows of the tokens seen.
The layout of the files is described in tests/golden/README.md.
"""

import json
import os
import sys

import torch
from torch import nn

# name, cell, nonlinearity, vocabulary V, embedding E, hidden H, layers, steps, windows
CASES = [
    ("emb_lstm_11x5x7", "lstm", None, 11, 5, 7, 1, 13, 2),
    ("emb_lstm_9x6x5x2", "lstm", None, 9, 6, 5, 2, 10, 3),
    ("emb_gru_12x4x9", "gru", None, 12, 4, 9, 1, 12, 2),
    ("emb_gru_7x8x6x2", "gru", None, 7, 8, 6, 2, 11, 2),
    ("emb_rnn_tanh_10x3x6", "rnn", "tanh", 10, 3, 6, 1, 14, 2),
    ("emb_rnn_relu_8x5x4x2", "rnn", "relu", 8, 5, 4, 2, 9, 3),
]


def _tensor(tensor):
    return {"shape": list(tensor.shape), "data": tensor.detach().reshape(-1).tolist()}


def make_case(name, cell, nonlinearity, vocabulary, width, hidden, layers, steps, windows, seed):
    torch.manual_seed(seed)
    embedding = nn.Embedding(vocabulary, width)
    if cell == "rnn":
        rnn = nn.RNN(width, hidden, num_layers=layers, nonlinearity=nonlinearity)
    else:
        rnn = (nn.LSTM if cell == "lstm" else nn.GRU)(width, hidden, num_layers=layers)
    head = nn.Linear(hidden, vocabulary)
    embedding, rnn, head = embedding.double(), rnn.double(), head.double()

    # Tokens from 1 .. V-1 only, fewer than the steps: repeats within each window, token 0 never seen.
    tokens = torch.randint(1, vocabulary, (windows, steps))
    labels = torch.randint(0, vocabulary, (windows, steps))

    x = embedding(tokens.t())                      # [steps, windows, E]
    sequence, state = rnn(x)                       # [steps, windows, H]
    logits = head(sequence)                        # [steps, windows, V]
    loss = nn.CrossEntropyLoss()(logits.reshape(-1, vocabulary), labels.t().reshape(-1))
    loss.backward()
    h_n, c_n = state if isinstance(state, tuple) else (state, None)

    params, grads = {}, {}
    for prefix, module in (("embedding.", embedding), ("rnn.", rnn), ("head.", head)):
        for key, value in module.named_parameters():
            params[prefix + key] = _tensor(value)
            grads[prefix + key] = _tensor(value.grad)
    document = {
        "name": name, "cell": cell, "nonlinearity": nonlinearity,
        "input_size": vocabulary, "embedding_size": width, "hidden_size": hidden, "num_layers": layers,
        "output_size": vocabulary, "steps": steps, "windows": windows,
        "gate_order": {"lstm": "i,f,g,o", "gru": "r,z,n"}.get(cell, "-"),
        "note": "embedding.weight [V, E] feeds layer 0 (weight_ih_l0 is [G*H, E]); tokens and labels [windows, steps]; "
                "output (logits) [steps, windows, V]; final_h/final_c [num_layers, windows, H]; initial states zero.",
        "params": params,
        "tokens": tokens.tolist(),
        "labels": labels.tolist(),
        "loss": "cross-entropy, mean over every (window, step)",
        "loss_value": loss.item(),
        "grads": grads,
        "output": _tensor(logits),
        "final_h": _tensor(h_n),
    }
    if c_n is not None:
        document["final_c"] = _tensor(c_n)
    return document


def main():
    folder = sys.argv[1] if len(sys.argv) > 1 else os.path.join("tests", "golden")
    for seed, case in enumerate(CASES):
        document = make_case(*case, seed=1800 + seed)
        path = os.path.join(folder, case[0] + ".json")
        with open(path, "w", encoding="utf-8") as stream:
            json.dump(document, stream)
        print(f"wrote {path} (torch {torch.__version__})")


if __name__ == "__main__":
    main()
