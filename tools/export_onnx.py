#!/usr/bin/env python3
"""Exports a PyTorch nn.LSTM/nn.GRU/nn.RNN + nn.Linear model to ONNX, the file `edgernn import onnx` reads.

    python3 tools/export_onnx.py --factory mypackage.models:build --input-size 3 --out model.onnx
    python3 tools/export_onnx.py --test-files tests/EdgeRnn.Trainer.Tests/Import/TestData/onnx

`--factory` names a callable returning the model in eval mode, an nn.Module whose forward takes the input sequence
x [steps, 1, input_size] ([1, steps, input_size] with --batch-first) and returns the head's output first. It is exported
with torch.onnx.export at opset 14, the sequence axis dynamic and one stream (batch 1), as any torch.onnx export of such
a model would be: torch writes one ONNX LSTM/GRU/RNN node per layer (initial states from ConstantOfShape zeros, a Squeeze
between layers, Transposes around them with batch_first) and the nn.Linear head as MatMul + Add (Gemm for 2-D input).

`--test-files DIR` writes the seeded models the trainer tests import and run against ONNX Runtime (see the README this
writes beside them), and the files for the cases EdgeRnn refuses, some made by editing the exported graph with the onnx
package. Needs Debian's python3-torch (1.13) and python3-onnx (1.12).
"""

import argparse
import importlib
import os
import sys

import onnx
import torch
from onnx import helper, numpy_helper
from torch import nn

OPSET = 14


class SequenceModel(nn.Module):
    """An nn.LSTM/GRU/RNN and an nn.Linear head applied at every step; optionally also returns the last layer's output
    sequence and the final states, so a test can compare them step by step."""

    def __init__(self, rnn, head, *, flat=False, with_states=True):
        super().__init__()
        self.rnn = rnn
        self.head = head
        self.flat = flat
        self.with_states = with_states

    def forward(self, x):
        sequence, state = self.rnn(x)
        # flat: [steps, 1, H] -> [steps, H], so the head is a Gemm (torch exports nn.Linear on 2-D input as Gemm).
        y = self.head(sequence.squeeze(1) if self.flat else sequence)
        if not self.with_states:
            return y
        if isinstance(state, tuple):
            return y, sequence, state[0], state[1]
        return y, sequence, state


def export(model, path, input_size, *, batch_first=False, opset=OPSET, steps=5, initial_state=None):
    """Writes ``model`` to ``path`` with torch.onnx.export: input "x" with a dynamic sequence axis, batch 1; outputs
    "y" (the head), then "hidden", "h_n" and "c_n" when the model returns them. ``initial_state``: an extra input (a
    stateful export), which EdgeRnn refuses. Returns the output names."""
    model.eval()
    x = torch.randn(1, steps, input_size) if batch_first else torch.randn(steps, 1, input_size)
    args = (x,) if initial_state is None else (x, initial_state)
    with torch.no_grad():
        result = model(*args)
    count = len(result) if isinstance(result, tuple) else 1
    outputs = ["y", "hidden", "h_n", "c_n"][:count]
    time_axis = 1 if batch_first else 0
    dynamic = {"x": {time_axis: "steps"}, "y": {time_axis: "steps"}}
    if count > 1:
        dynamic["hidden"] = {time_axis: "steps"}
    inputs = ["x"] if initial_state is None else ["x", "h0"]
    torch.onnx.export(model, args, path, opset_version=opset, input_names=inputs, output_names=outputs,
                      dynamic_axes=dynamic, do_constant_folding=True)
    onnx.checker.check_model(onnx.load(path))
    return outputs


def _model(cell, input_size, hidden, layers, output, *, seed, nonlinearity="tanh", batch_first=False,
           bidirectional=False, flat=False, with_states=True):
    torch.manual_seed(seed)
    if cell == "lstm":
        rnn = nn.LSTM(input_size, hidden, num_layers=layers, batch_first=batch_first, bidirectional=bidirectional)
    elif cell == "gru":
        rnn = nn.GRU(input_size, hidden, num_layers=layers, batch_first=batch_first, bidirectional=bidirectional)
    else:
        rnn = nn.RNN(input_size, hidden, num_layers=layers, nonlinearity=nonlinearity, batch_first=batch_first,
                     bidirectional=bidirectional)
    head = nn.Linear(hidden * (2 if bidirectional else 1), output)
    return SequenceModel(rnn, head, flat=flat, with_states=with_states).eval()


# --- graph edits: one unsupported construct each, on a model torch exported -----------------------------------------

def _recurrent_node(model, op_type):
    nodes = [n for n in model.graph.node if n.op_type == op_type]
    if len(nodes) != 1:
        raise ValueError(f"expected one {op_type} node to edit; found {len(nodes)}")
    return nodes[0]


def _set_attribute(node, name, value):
    for attribute in list(node.attribute):
        if attribute.name == name:
            node.attribute.remove(attribute)
    node.attribute.append(helper.make_attribute(name, value))


def _set_input(node, index, name):
    while len(node.input) <= index:
        node.input.append("")
    node.input[index] = name


def _edit(path, op_type, change):
    model = onnx.load(path)
    change(model, _recurrent_node(model, op_type))
    onnx.checker.check_model(model)
    onnx.save(model, path)


def _peepholes(values):
    def change(model, node):
        hidden = helper.get_attribute_value(next(a for a in node.attribute if a.name == "hidden_size"))
        tensor = torch.full((1, 3 * hidden), values) if isinstance(values, float) else values(hidden)
        model.graph.initializer.append(numpy_helper.from_array(tensor.numpy(), name="peepholes"))
        _set_input(node, 7, "peepholes")
    return change


def _absent_states(model, node):
    for index in (5, 6):
        _set_input(node, index, "")


def _sequence_lens(model, node):
    model.graph.input.append(helper.make_tensor_value_info("sequence_lens", onnx.TensorProto.INT32, [1]))
    _set_input(node, 4, "sequence_lens")


class _LastStateHead(nn.Module):
    """A many-to-one model: the head reads the last layer's final state h_n[-1] (ONNX: the LSTM's Y_h)."""

    def __init__(self, seed):
        super().__init__()
        torch.manual_seed(seed)
        self.rnn = nn.LSTM(3, 4)
        self.head = nn.Linear(4, 2)

    def forward(self, x):
        _, (h, _) = self.rnn(x)
        return self.head(h[-1])


class _ReluBeforeHead(nn.Module):
    def __init__(self, seed):
        super().__init__()
        torch.manual_seed(seed)
        self.rnn = nn.GRU(3, 4)
        self.head = nn.Linear(4, 2)

    def forward(self, x):
        return self.head(torch.relu(self.rnn(x)[0]))


class _TwoDenseLayers(nn.Module):
    def __init__(self, seed):
        super().__init__()
        torch.manual_seed(seed)
        self.rnn = nn.RNN(3, 4)
        self.dense = nn.Linear(4, 4)
        self.head = nn.Linear(4, 2)

    def forward(self, x):
        return self.head(self.dense(self.rnn(x)[0]))


class _StatefulGru(nn.Module):
    def __init__(self, seed):
        super().__init__()
        torch.manual_seed(seed)
        self.rnn = nn.GRU(3, 4)
        self.head = nn.Linear(4, 2)

    def forward(self, x, h0):
        return self.head(self.rnn(x, h0)[0])


SUPPORTED = [
    # name, model, export options, what it covers
    ("lstm_3x8", lambda: _model("lstm", 3, 8, 1, 3, seed=1), {}, "LSTM, 1 layer"),
    ("lstm_5x12x2", lambda: _model("lstm", 5, 12, 2, 2, seed=2), {}, "LSTM, 2 layers (Slice of the zero states per layer, Squeeze between layers)"),
    ("gru_4x6", lambda: _model("gru", 4, 6, 1, 4, seed=3), {"opset": 11}, "GRU, 1 layer, opset 11 (Squeeze axes as an attribute)"),
    ("gru_6x16x2", lambda: _model("gru", 6, 16, 2, 3, seed=4, batch_first=True), {"batch_first": True}, "GRU, 2 layers, batch_first (Transposes around the layers)"),
    ("rnn_tanh_3x4", lambda: _model("rnn", 3, 4, 1, 2, seed=5, flat=True), {}, "RNN tanh, 1 layer, Gemm head on [steps, H]"),
    ("rnn_tanh_8x10x2", lambda: _model("rnn", 8, 10, 2, 8, seed=6), {}, "RNN tanh, 2 layers"),
    ("rnn_relu_4x5", lambda: _model("rnn", 4, 5, 1, 1, seed=7, nonlinearity="relu"), {}, "RNN relu, 1 layer"),
    ("lstm_plain_4x7", lambda: _model("lstm", 4, 7, 1, 4, seed=8, with_states=False), {}, "LSTM exported with the head's output only"),
]

# name, the supported model it edits, (op type, edit), what it covers
EDITED_SUPPORTED = [
    ("lstm_absent_states_3x8", "lstm_3x8", ("LSTM", _absent_states), "lstm_3x8 with initial_h and initial_c removed (absent inputs)"),
    ("lstm_zero_peepholes_3x8", "lstm_3x8", ("LSTM", _peepholes(0.0)), "lstm_3x8 with an all-zero peephole input P"),
]

# name, model, (op type, edit) or None, what EdgeRnn refuses
UNSUPPORTED = [
    ("lstm_bidirectional", lambda: _model("lstm", 3, 4, 1, 2, seed=11, bidirectional=True), None, "direction bidirectional (torch bidirectional=True)"),
    ("lstm_reverse", lambda: _model("lstm", 3, 4, 1, 2, seed=12), ("LSTM", lambda m, n: _set_attribute(n, "direction", "reverse")), "direction reverse"),
    ("gru_lbr0", lambda: _model("gru", 3, 4, 1, 2, seed=13), ("GRU", lambda m, n: _set_attribute(n, "linear_before_reset", 0)), "GRU linear_before_reset=0"),
    ("lstm_clip", lambda: _model("lstm", 3, 4, 1, 2, seed=14), ("LSTM", lambda m, n: _set_attribute(n, "clip", 2.5)), "clip=2.5"),
    ("lstm_peepholes", lambda: _model("lstm", 3, 4, 1, 2, seed=15), ("LSTM", _peepholes(lambda h: torch.linspace(-0.5, 0.5, 3 * h).reshape(1, -1))), "non-zero peepholes P"),
    ("lstm_input_forget", lambda: _model("lstm", 3, 4, 1, 2, seed=16), ("LSTM", lambda m, n: _set_attribute(n, "input_forget", 1)), "input_forget=1"),
    ("rnn_sigmoid", lambda: _model("rnn", 3, 4, 1, 2, seed=17), ("RNN", lambda m, n: _set_attribute(n, "activations", ["Sigmoid"])), "RNN activations [Sigmoid]"),
    ("lstm_sequence_lens", lambda: _model("lstm", 3, 4, 1, 2, seed=18), ("LSTM", _sequence_lens), "a sequence_lens graph input"),
    ("gru_h0_input", lambda: _StatefulGru(19), None, "initial_h from a graph input (a stateful export)"),
    ("lstm_last_state_head", lambda: _LastStateHead(20), None, "a head on Y_h, the final state, instead of the sequence"),
    ("gru_relu_head", lambda: _ReluBeforeHead(21), None, "a Relu between the GRU and the head"),
    ("rnn_two_dense", lambda: _TwoDenseLayers(22), None, "two Linear layers after the RNN"),
]


def write_test_files(directory):
    os.makedirs(directory, exist_ok=True)
    lines = []
    for name, build, options, what in SUPPORTED:
        model = build()
        export(model, os.path.join(directory, name + ".onnx"), model.rnn.input_size, **options)
        lines.append(f"| `{name}.onnx` | {what} |")
    by_name = {name: (build, options) for name, build, options, _ in SUPPORTED}
    for name, base, (op_type, change), what in EDITED_SUPPORTED:
        build, options = by_name[base]
        path = os.path.join(directory, name + ".onnx")
        model = build()
        export(model, path, model.rnn.input_size, **options)
        _edit(path, op_type, change)
        lines.append(f"| `{name}.onnx` | {what} (edited) |")
    lines.append("| | **refused, each with its own error** |")
    for name, build, edit, what in UNSUPPORTED:
        path = os.path.join(directory, name + ".onnx")
        model = build()
        initial = torch.zeros(1, 1, 4) if isinstance(model, _StatefulGru) else None
        export(model, path, 3, initial_state=initial)
        if edit:
            _edit(path, *edit)
        lines.append(f"| `{name}.onnx` | {what}{' (edited)' if edit else ''} |")
    with open(os.path.join(directory, "README.md"), "w", encoding="utf-8") as stream:
        stream.write(README.format(torch=torch.__version__, onnx=onnx.__version__, table="\n".join(lines)))
    print(f"wrote {len(lines) - 1} models to {directory}")


README = """# ONNX test models

Written by `python3 tools/export_onnx.py --test-files tests/EdgeRnn.Trainer.Tests/Import/TestData/onnx` with Debian's
python3-torch {torch} and python3-onnx {onnx}: seeded `nn.LSTM`/`nn.GRU`/`nn.RNN` + `nn.Linear` models exported by
`torch.onnx.export` (opset 14 unless said; input `x` [steps, 1, in], or [1, steps, in] with batch_first; the sequence
axis dynamic). Most return, after the head's output `y`, the last layer's output sequence `hidden` and the final
states `h_n` (and `c_n`), so `OnnxAgreementTests` compares each step with ONNX Runtime's run of the same file; the
refused ones are `OnnxImporterTests`' cases. Files marked "edited" were exported the same way and then changed with the
onnx package, as the script shows.

| file | what it covers |
|---|---|
{table}

Regenerating rewrites every file (the weights come from fixed seeds; the bytes may differ between torch versions).
"""


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     epilog="See the module docstring (python3 -m pydoc tools/export_onnx.py) for details.")
    parser.add_argument("--factory", help="package.module:callable returning the model (nn.Module, eval mode)")
    parser.add_argument("--input-size", type=int, help="input channels of the factory's model")
    parser.add_argument("--batch-first", action="store_true", help="the model takes x as [1, steps, input_size]")
    parser.add_argument("--opset", type=int, default=OPSET, help=f"ONNX opset (default {OPSET})")
    parser.add_argument("--out", help="the .onnx file to write")
    parser.add_argument("--test-files", metavar="DIR", help="write the trainer tests' models to DIR")
    args = parser.parse_args(argv)

    if args.test_files:
        write_test_files(args.test_files)
        return 0
    if not (args.factory and args.input_size and args.out):
        parser.error("give --factory, --input-size and --out, or --test-files DIR")
    module_name, _, attribute = args.factory.partition(":")
    if not attribute:
        parser.error("--factory expects package.module:callable")
    model = getattr(importlib.import_module(module_name), attribute)()
    outputs = export(model, args.out, args.input_size, batch_first=args.batch_first, opset=args.opset)
    print(f"wrote {args.out}: outputs {', '.join(outputs)}; import with: edgernn import onnx --in {args.out} --out model.ernn")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except ValueError as error:
        print(f"error: {error}", file=sys.stderr)
        sys.exit(1)
