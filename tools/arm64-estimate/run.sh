#!/usr/bin/env bash
# Re-makes the per-step cycle estimate of docs/step-benchmarks.md ("The cost on a Pi, estimated"): publishes Driver for
# linux-arm64, runs it under qemu-aarch64-static as a Cortex-A72 and a Cortex-A76 with the JIT printing the arm64 code of
# every method a step runs, times the innermost loops with llvm-mca and prints the table. Not part of CI. As root:
# installs qemu-user-static, the arm64 libraries .NET needs, and llvm-22 (whose llvm-mca has a Neoverse N1 model).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out=${OUT:-/tmp/arm64-estimate}
mkdir -p "$out"

export DEBIAN_FRONTEND=noninteractive
dpkg --print-foreign-architectures | grep -qx arm64 || dpkg --add-architecture arm64
apt-get update -qq
apt-get install -y -qq --no-install-recommends qemu-user-static libc6:arm64 libstdc++6:arm64 libssl3:arm64 libicu72:arm64 \
  zlib1g:arm64 llvm-22 >/dev/null

dotnet publish "$here/Driver" -c Release -r linux-arm64 --self-contained -o "$out/driver" --nologo -v quiet
git -C "$root" show 680eab6:models/pump/pump-lstm.ernn > "$out/pump-lstm.ernn"

# FullOpts at once (no tiering), W^X off under qemu-user (see .ci/arm64.sh).
methods='EdgeRnn.Runtime.Kernels.FloatGemv:* EdgeRnn.Runtime.Kernels.Int8Gemv:* EdgeRnn.Runtime.Kernels.Int8Quantizer:*
EdgeRnn.Runtime.Kernels.CellEpilogues:* EdgeRnn.Runtime.Kernels.RowGemv:* EdgeRnn.Runtime.Cells.CompiledLayer:Recur
EdgeRnn.Runtime.Cells.CompiledHead:* EdgeRnn.Runtime.RnnState:Step EdgeRnn.Runtime.RnnState:StepLayer
EdgeRnn.Runtime.Cells.InputNormalizer:Normalize'
for cpu in cortex-a72 cortex-a76; do
  rm -f "$out/jit-$cpu.txt"
  (cd "$out/driver" && env QEMU_CPU=$cpu DOTNET_EnableWriteXorExecute=0 DOTNET_TieredCompilation=0 \
    DOTNET_JitDisasm="$(echo $methods)" DOTNET_JitStdOutFile="$out/jit-$cpu.txt" \
    qemu-aarch64-static ./arm64-estimate-driver "$root/models/pump/pump.ernn" "$out/pump-lstm.ernn" >"$out/driver-$cpu.log")
done

# LLVM's cortex-a76 is scheduled with its Cortex-A57 model; its Neoverse N1 model (the A76's server twin) stands in.
python3 "$here/loops.py" "$out/jit-cortex-a72.txt" cortex-a72 >"$out/loops-a72.json"
python3 "$here/loops.py" "$out/jit-cortex-a76.txt" neoverse-n1 >"$out/loops-a76.json"
python3 "$here/estimate.py" "$out/loops-a72.json" "$out/loops-a76.json"
