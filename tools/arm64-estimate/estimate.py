#!/usr/bin/env python3
"""Per-step cycle estimate of EdgeRnn's single-stream step on a Cortex-A72 and a Cortex-A76, float32 against int8.

Usage: estimate.py LOOPS_A72.json LOOPS_A76.json   (the output of loops.py on the JIT listings; see README.md)
       estimate.py BEFORE_A72.json BEFORE_A76.json AFTER_A72.json AFTER_A76.json   (int8 cycles and ratios, before and after)
       estimate.py --ratios NAME=LOOPS_A76.json ...   (the A76's int8 ÷ float under several llvm-mca models)

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
# The int8 kernels' code around their loops depends on the version of the kernel the listing holds; each version is
# recognised by its method's whole instruction count (loops.py, index -1) and counted block by block in that listing.
# ENTRY: Int8Gemv.MultiplyAdd from its checks to the kernel (before: a frame with 8 saved registers for the int32-block
# paths' stack buffer, a stack-cookie check, a call and return; after: MultiplyAddBlocks holds those, a tail call).
MULTIPLY_ADD = {166: 66, 45: 24}
# DotProductNeon (A76): (units per block, entry and exit with the unit loops' last tests, per block: accumulators zeroed,
# loop set-up, the finishes and pointer bumps, per unit left over: the same for one unit). Before: blocks of two units,
# a broadcast of x per group of 4 columns (loops: per group, a block; per group, one unit). After: blocks of four
# units, SDOT by element (loops: per 16 columns and per group left, a block; the same, one unit).
DOT_PRODUCT = {208: (2, 27, 86, 49), 371: (4, 38, 129, 40)}
# PairwiseNeon (A72): (entry and exit, per unit: 8 zeroed accumulators, 4 ADDP, the finish, the unit loop's test, per
# unit when the groups of 4 columns are odd: the last group alone). After: the unit count without a signed division.
PAIRWISE = {144: (25, 58, 23), 141: (25, 55, 23)}
TILE_CALL = 65           # PairwiseNeonTile entry and exit (A72, four vectors per weight load)
TILE_UNIT = 14           # per unit: the unit loop's address and test
TILE_HALF = 107          # per half unit (8 rows): 16 zeroed accumulators, the loop's set-up, 8 ADDP and 8 × 4 rows finished
TILE_TAIL = 47           # per half unit when the groups of 4 columns are odd: the last group for the four vectors
# Int8Quantizer, recognised by (Quantize, MaxAbs) instruction counts: (their code around the loops on the 128-bit path,
# MaxAbs's loops over 16 and 4 values and its scalar tail, Quantize's the same), loop indices (None: no such loop).
# Before: MaxAbs 4 values a step, Quantize 16 then scalar; after: 16 (four maxima), 4, scalar, and FCVTNS.
QUANTIZER = {(129, 51): (56, (None, 0, 1), (0, None, 1)), (136, 77): (73, (0, 1, 2), (0, 1, 2))}
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
    fixed, maxabs, quant = counted(L, ("Int8Quantizer:Quantize", "Int8Quantizer:MaxAbs"), QUANTIZER)

    def loops(method, indices, vector):
        i16, i4, tail = indices
        if not vector:
            return run(L[method, tail], n)
        n16 = n // 16 if i16 is not None else 0
        n4 = (n - 16 * n16) // 4 if i4 is not None else 0
        return (run(L[method, i16], n16) if i16 is not None else 0) + (run(L[method, i4], n4) if i4 is not None else 0) + run(L[method, tail], n - 16 * n16 - 4 * n4)

    return fixed + loops("Int8Quantizer:MaxAbs", maxabs, n >= 4) + loops("Int8Quantizer:Quantize", quant, True)


def counted(L, method, table):
    """The counts for the version of method(s) in this listing, told apart by their whole instruction counts."""
    n = tuple(L[m, -1]["instructions"] for m in method) if isinstance(method, tuple) else L[method, -1]["instructions"]
    if n not in table:
        sys.exit(f"{method}: {n} instructions, a version not counted in estimate.py: count its code around the loops")
    return table[n]


def int8_gemv(L, rows, cols, dot):
    units = -(-rows // 16)
    groups = -(-cols // 4)
    entry = counted(L, "Int8Gemv:MultiplyAdd", MULTIPLY_ADD)
    if dot:
        size, call, block, single = counted(L, "Int8Gemv:DotProductNeon", DOT_PRODUCT)
        loop = lambda k: L["Int8Gemv:DotProductNeon", k]
        if size == 4:
            quads, rest = groups // 4, groups % 4
            per_block = run(loop(0), quads) + run(loop(1), rest)
            per_single = run(loop(2), quads) + run(loop(3), rest)
        else:
            per_block, per_single = run(loop(0), groups), run(loop(1), groups)
        return entry + call + (units // size) * (block + per_block) + (units % size) * (single + per_single)
    call, unit, tail = counted(L, "Int8Gemv:PairwiseNeon", PAIRWISE)
    return entry + call + units * (unit + run(L["Int8Gemv:PairwiseNeon", 0], groups // 2) + (groups % 2) * tail)


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


ROWS = [(k, i, h, l, i, f"{k.upper()} {i}×{h}×{l}") for k, i, h, l in CONFIGS] + [(k, i, h, l, o, name) for k, i, h, l, o, name in PUMP]


def compare(before72, before76, after72, after76):
    """Before and after, both estimated here (same tools, same counting): cycles and int8 ÷ float."""
    print("| model | A72 int8 before | after | int8÷float before | after | A76 int8 before | after | int8÷float before | after |")
    print("|---|---|---|---|---|---|---|---|---|")
    for kind, i, h, l, o, name in ROWS:
        cells = []
        for b, a, dot in ((before72, after72, False), (before76, after76, True)):
            qb, qa = step(b, kind, i, h, l, o, True, dot), step(a, kind, i, h, l, o, True, dot)
            fb, fa = step(b, kind, i, h, l, o, False, dot), step(a, kind, i, h, l, o, False, dot)
            cells += [f"{qb:,.0f}", f"{qa:,.0f}", f"{qb / fb:.2f}", f"{qa / fa:.2f}"]
        print(f"| {name} | " + " | ".join(cells) + " |")


def ratios(named):
    """A76 int8 ÷ float under several llvm-mca models: NAME=LOOPS.json (before and after)."""
    runs = [(n, load(f)) for n, f in (arg.split("=", 1) for arg in named)]
    print("| model | " + " | ".join(n for n, _ in runs) + " |")
    print("|---" * (len(runs) + 1) + "|")
    for kind, i, h, l, o, name in ROWS:
        cells = [f"{step(L, kind, i, h, l, o, True, True) / step(L, kind, i, h, l, o, False, True):.2f}" for _, L in runs]
        print(f"| {name} | " + " | ".join(cells) + " |")


def main():
    if sys.argv[1] == "--ratios":
        ratios(sys.argv[2:])
        return
    if len(sys.argv) == 5:
        compare(*(load(f) for f in sys.argv[1:5]))
        return
    a72, a76 = load(sys.argv[1]), load(sys.argv[2])
    rows = ROWS
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
