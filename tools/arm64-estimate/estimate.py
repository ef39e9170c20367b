#!/usr/bin/env python3
"""Per-step cycle estimate of EdgeRnn's single-stream step on a Cortex-A72 and a Cortex-A76, float32 against int8.

Usage: estimate.py LOOPS_A72.json LOOPS_A76.json   (the output of loops.py on the JIT listings; see README.md)

Each timed loop costs first + (n - 1) × cycles for a run of n iterations (llvm-mca: steady state, plus the pipeline's
fill and drain once per run). The code around the loops (calls, argument checks, accumulator set-up and stores, the
per-layer and per-step glue) is charged at one cycle per instruction, counted from the same listings (below, per call
or per outer iteration): a labelled guess, pessimistic for cores that retire 2-3 instructions a cycle on such code.
Prints a markdown table.
"""
import json
import sys

# Instructions outside the timed loops, counted in the JIT's arm64 listings (DOTNET_JitDisasm, FullOpts), rounded.
FLOAT_CALL = 55          # FloatGemv.MultiplyAdd + Vector128Path entry and exit
FLOAT_PAIR = 60          # per pair of 16-row units: offsets, 8 accumulator loads from init, 8 stores
FLOAT_SINGLE = 40        # per odd unit
ROW_CALL = 60            # RowGemv (a float head of fewer than 16 outputs)
ROW_PAIR = 40
DP_CALL = 75             # Int8Gemv.MultiplyAdd (its checks and dispatch) + DotProductNeon entry and exit
DP_PAIR = 90             # per pair of units: 8 zeroed accumulators, two Finish (16 rows: load, convert, scale, add, store)
DP_SINGLE = 50
PAIRWISE_CALL = 75       # Int8Gemv.MultiplyAdd (its checks and dispatch) + PairwiseNeon entry and exit (A72)
PAIRWISE_UNIT = 58       # per unit: 8 zeroed accumulators, 4 ADDP, Finish (16 rows), the unit loop's test
PAIRWISE_TAIL = 23       # per unit when the groups of 4 columns are odd: the last group alone
TILE_CALL = 65           # PairwiseNeonTile entry and exit (A72, four vectors per weight load)
TILE_UNIT = 14           # per unit: the unit loop's address and test
TILE_HALF = 107          # per half unit (8 rows): 16 zeroed accumulators, the loop's set-up, 8 ADDP and 8 × 4 rows finished
TILE_TAIL = 47           # per half unit when the groups of 4 columns are odd: the last group for the four vectors
QUANT_CALL = 70          # Int8Quantizer.Quantize + MaxAbs outside their loops
LAYER = 230              # RnnState.StepLayer + CompiledLayer.Recur (+ the inlined CompiledMatrix calls) per layer
STEP = 120               # RnnState.Step and the inlined head apply, outside loops
NORMALIZE_CALL = 42

CONFIGS = [("Lstm", 8, 32, 1), ("Lstm", 8, 64, 2), ("Lstm", 16, 128, 2), ("Lstm", 32, 256, 1),
           ("Gru", 8, 32, 1), ("Gru", 8, 64, 2), ("Gru", 16, 128, 2), ("Gru", 32, 256, 1)]
PUMP = [("Gru", 3, 32, 1, 3, "pump.ernn (GRU 3→32, head 32→3)"), ("Lstm", 3, 32, 1, 3, "pump-lstm.ernn (LSTM 3→32, head 32→3)")]


def load(path):
    loops = {}
    for line in open(path):
        r = json.loads(line)
        loops[(r["method"].split(".")[-1], r["index"])] = r
    return loops


def run(loop, n):
    return 0 if n <= 0 else loop["first"] + (n - 1) * loop["cycles"]


def float_gemv(L, rows, cols):
    units = -(-rows // 16)
    pairs, single = units // 2, units % 2
    return (FLOAT_CALL + pairs * (FLOAT_PAIR + run(L["FloatGemv:Vector128Path", 0], cols))
            + single * (FLOAT_SINGLE + run(L["FloatGemv:Vector128Path", 1], cols)))


def row_gemv(L, rows, cols):
    whole = cols // 8
    return ROW_CALL + (rows // 2) * (ROW_PAIR + run(L["RowGemv:Vector128Path", 0], whole)) + (rows % 2) * (ROW_PAIR + run(L["RowGemv:Vector128Path", 1], whole))


def quantize(L, n):
    vec4 = n // 4 if n >= 4 else 0
    tail4 = n - 4 * vec4
    vec16 = n // 16
    return (QUANT_CALL + run(L["Int8Quantizer:MaxAbs", 0], vec4) + run(L["Int8Quantizer:MaxAbs", 1], tail4)
            + run(L["Int8Quantizer:Quantize", 0], vec16) + run(L["Int8Quantizer:Quantize", 1], n - 16 * vec16))


def int8_gemv(L, rows, cols, dot):
    units = -(-rows // 16)
    if dot:
        groups = -(-cols // 4)
        pairs, single = units // 2, units % 2
        return (DP_CALL + pairs * (DP_PAIR + run(L["Int8Gemv:DotProductNeon", 0], groups))
                + single * (DP_SINGLE + run(L["Int8Gemv:DotProductNeon", 1], groups)))
    groups = -(-cols // 4)
    return PAIRWISE_CALL + units * (PAIRWISE_UNIT + run(L["Int8Gemv:PairwiseNeon", 0], groups // 2) + (groups % 2) * PAIRWISE_TAIL)


def int8_tile(L, rows, cols):
    """Four vectors through PairwiseNeonTile (the A72's batched kernel)."""
    units = -(-rows // 16)
    groups = -(-cols // 4)
    half = TILE_HALF + run(L["Int8Gemv:PairwiseNeonTile", 0], groups // 2) + (groups % 2) * TILE_TAIL
    return TILE_CALL + units * (TILE_UNIT + 2 * half)


def batched(L, kind, inputs, hidden, layers, outputs):
    """The int8 matrix-vector products of one batched step of four streams on the A72: per stream, then tiled."""
    gates = (4 if kind == "Lstm" else 3) * hidden
    shapes = [(gates, inputs if k == 0 else hidden) for k in range(layers)] + [(gates, hidden)] * layers + [(outputs, hidden)]
    single = sum(4 * int8_gemv(L, r, c, False) for r, c in shapes)
    tile = sum(int8_tile(L, r, c) for r, c in shapes)
    return single, tile


def step(L, kind, inputs, hidden, layers, outputs, int8, dot):
    gates = (4 if kind == "Lstm" else 3) * hidden
    epilogue = L["CellEpilogues:" + kind, 0]
    total = STEP + NORMALIZE_CALL + run(L["InputNormalizer:Normalize", 0], inputs)
    for k in range(layers):
        cols = inputs if k == 0 else hidden
        total += LAYER + run(epilogue, hidden // 4) + (run(L["CellEpilogues:" + kind, 1], hidden % 4))
        if int8:
            total += quantize(L, cols) + int8_gemv(L, gates, cols, dot) + quantize(L, hidden) + int8_gemv(L, gates, hidden, dot)
        else:
            total += float_gemv(L, gates, cols) + float_gemv(L, gates, hidden)
    if int8:
        total += quantize(L, hidden) + int8_gemv(L, outputs, hidden, dot)
    elif outputs < 16:
        total += row_gemv(L, outputs, hidden)
    else:
        total += float_gemv(L, outputs, hidden)
    return total


def weight_bytes(kind, inputs, hidden, layers, outputs, int8):
    gates = (4 if kind == "Lstm" else 3) * hidden
    pad = lambda r: -(-r // 16) * 16
    def matrix(rows, cols):
        if int8:
            return pad(rows) * (-(-cols // 4) * 4) + 4 * pad(rows)  # packed int8 + row scales
        return pad(rows) * cols * 4
    total = 0
    for k in range(layers):
        total += matrix(gates, inputs if k == 0 else hidden) + matrix(gates, hidden) + 2 * 4 * gates
    return total + matrix(outputs, hidden) + 4 * outputs


def main():
    a72, a76 = load(sys.argv[1]), load(sys.argv[2])
    rows = [(k, i, h, l, i, f"{k.upper()} {i}×{h}×{l}") for k, i, h, l in CONFIGS] + [(k, i, h, l, o, name) for k, i, h, l, o, name in PUMP]
    print("| model | A72 float | A72 int8 | A72 int8÷float | A76 float | A76 int8 | A76 int8÷float | µs Pi 4 (1.5 GHz) float / int8 | µs Pi 5 (2.4 GHz) float / int8 | weights float / int8 (KiB) | fits L2 (Pi 4 1 MB / Pi 5 2 MB) float, int8 | goal |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for kind, i, h, l, o, name in rows:
        f72, q72 = step(a72, kind, i, h, l, o, False, False), step(a72, kind, i, h, l, o, True, False)
        f76, q76 = step(a76, kind, i, h, l, o, False, True), step(a76, kind, i, h, l, o, True, True)
        wf, wq = weight_bytes(kind, i, h, l, o, False), weight_bytes(kind, i, h, l, o, True)
        fits = lambda b: ("yes" if b <= 1 << 20 else "no") + " / " + ("yes" if b <= 2 << 20 else "no")
        if h >= 64:
            goal = f"A72 {'met' if q72 <= 0.8 * f72 else 'not met'}, A76 {'met' if q76 <= 0.5 * f76 else 'not met'}"
        else:
            goal = "(hidden < 64: no goal)"
        print(f"| {name} | {f72:,.0f} | {q72:,.0f} | {q72 / f72:.2f} | {f76:,.0f} | {q76:,.0f} | {q76 / f76:.2f} | "
              f"{f72 / 1500:.2f} / {q72 / 1500:.2f} | {f76 / 2400:.2f} / {q76 / 2400:.2f} | {wf / 1024:,.1f} / {wq / 1024:,.1f} | "
              f"{fits(wf)}, {fits(wq)} | {goal} |")

    loop, tiled = a72["Int8Gemv:PairwiseNeon", 0], a72["Int8Gemv:PairwiseNeonTile", 0]
    print()
    print(f"A72 int8 loops: PairwiseNeon {loop['cycles']:.1f} cycles per 16 rows × 8 columns × 1 vector "
          f"({loop['cycles'] / 128:.3f} per multiply-add), PairwiseNeonTile {tiled['cycles']:.1f} per 8 rows × 8 columns × 4 vectors "
          f"({tiled['cycles'] / 256:.3f} per multiply-add)")
    print()
    print("| model | A72 int8 products of a 4-stream batched step: per stream | tiled | tiled ÷ per stream |")
    print("|---|---|---|---|")
    for kind, i, h, l, o, name in rows:
        single, tile = batched(a72, kind, i, h, l, o)
        print(f"| {name} | {single:,.0f} | {tile:,.0f} | {tile / single:.2f} |")


if __name__ == "__main__":
    main()
