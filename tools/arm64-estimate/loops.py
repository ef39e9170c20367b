#!/usr/bin/env python3
"""Finds the innermost loops in a DOTNET_JitDisasm listing (arm64) and times each with llvm-mca.

Usage: loops.py LISTING MCA_CPU [--show]
Prints one JSON object per method with index -1 and its instruction count, then one per innermost loop: method, index (in code order within the method), first label, instruction
count and llvm-mca's cycles per iteration ("cycles": Total Cycles / iterations, steady state: loop-carried dependencies count,
caches are perfect, branches are predicted) and for one iteration alone ("first": with the pipeline's fill and
drain, what a short loop pays on entry). --show also prints each loop's assembly.
"""
import json
import os
import re
import subprocess
import sys

MCA = os.environ.get("LLVM_MCA", "llvm-mca-22")
ITERATIONS = 200
ALIASES = {"fp": "x29", "lr": "x30", "xip0": "x16", "xip1": "x17", "wip0": "w16", "wip1": "w17"}
BRANCH = re.compile(r"^(b|b\.\w+|beq|bne|blt|ble|bgt|bge|blo|bls|bhi|bhs|bcc|bcs|bmi|bpl|cbz|cbnz|tbz|tbnz)\s+(.*)$")


def methods(text):
    for chunk in text.split("; Assembly listing for method ")[1:]:
        name = chunk.split("(", 1)[0]
        body = chunk.split("; Total bytes of code", 1)[0]
        blocks, order, current = {}, [], None
        for line in body.splitlines():
            m = re.match(r"^(G_M\d+_IG\d+):", line)
            if m:
                current = m.group(1)
                blocks[current] = []
                order.append(current)
                continue
            line = line.split(";", 1)[0].strip()
            if current is None or not line or line.startswith("align") or line.startswith("RWD"):
                continue
            blocks[current].append(line)
        yield name, blocks, order


def target(instr):
    op = instr.split()[0]
    if not BRANCH.match(instr) and op not in ("cbz", "cbnz", "tbz", "tbnz"):
        return None
    label = instr.split(",")[-1].split()[-1]
    return label if label.startswith("G_M") else None


def loops(blocks, order):
    """(start, end) index pairs of backward branches, innermost only."""
    found = []
    for k, label in enumerate(order):
        for instr in blocks[label]:
            t = target(instr)
            if t in order and order.index(t) <= k:
                found.append((order.index(t), k))
    return [(s, e) for s, e in found if not any((s2, e2) != (s, e) and s <= s2 and e2 <= e for s2, e2 in found)]


def assembly(blocks, order, start, end):
    lines = []
    for label in order[start:end + 1]:
        lines.append(label.replace("G_M", "L") + ":")
        for instr in blocks[label]:
            for alias, reg in ALIASES.items():
                instr = re.sub(rf"\b{alias}\b", reg, instr)
            instr = re.sub(r"(#\S+) LSL #", r"\1, LSL #", instr)
            instr = re.sub(r"^sxtw(\s+w\d+, w\d+)$", r"mov\1", instr)  # the JIT's name for a 32-bit move
            instr = re.sub(r"^(ldrs?b|strb)(.*), (SXTW|UXTW) #\d+\]$", r"\1\2, \3]", instr)  # byte index: printed with a shift
            instr = re.sub(r"\[@RWD\d+\]", "[x28]", instr)  # a constant in the read-only data: any load will do
            t = target(instr)
            if t:
                instr = instr.replace(t, t.replace("G_M", "L") if t in order[start:end + 1] else order[start].replace("G_M", "L"))
            lines.append("    " + instr)
    return "\n".join(lines) + "\n"


def mca(asm, cpu, iterations=ITERATIONS):
    proc = subprocess.run([MCA, "-mtriple=aarch64", f"-mcpu={cpu}", "-mattr=+dotprod", f"-iterations={iterations}"],
                         input=asm, capture_output=True, text=True)
    if proc.returncode:
        sys.exit(f"llvm-mca failed on:\n{asm}\n{proc.stderr}")
    out = proc.stdout
    cycles = int(re.search(r"Total Cycles:\s+(\d+)", out).group(1))
    return cycles / iterations


def main():
    listing, cpu = sys.argv[1], sys.argv[2]
    show = "--show" in sys.argv
    for name, blocks, order in methods(open(listing).read()):
        if name.endswith(":.ctor"):
            continue
        # index -1: the whole method's instruction count, so estimate.py can tell which version of a kernel it reads.
        print(json.dumps({"method": name, "index": -1, "instructions": sum(len(b) for b in blocks.values())}))
        for i, (s, e) in enumerate(sorted(loops(blocks, order))):
            asm = assembly(blocks, order, s, e)
            count = sum(len(blocks[label]) for label in order[s:e + 1])
            print(json.dumps({"method": name, "index": i, "label": order[s], "instructions": count, "cycles": mca(asm, cpu), "first": mca(asm, cpu, 1)}))
            if show:
                print(asm)


if __name__ == "__main__":
    main()
