#!/usr/bin/env bash
# Re-makes the per-step cycle estimate of docs/step-benchmarks.md ("The cost on a Pi, estimated"): publishes Driver for
# linux-arm64, runs it under qemu-aarch64-static as a Cortex-A72 and a Cortex-A76 with the JIT printing the arm64 code of
# every method a step runs, times the innermost loops with llvm-mca and prints the table. Not part of CI. As root:
# installs qemu-user-static, the arm64 libraries .NET needs, llvm-22 (whose llvm-mca has a Neoverse N1 model) and llvm-19.
# BEFORE=<commit> also estimates that commit and prints both side by side (see the end).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out=${OUT:-/tmp/arm64-estimate}
mkdir -p "$out"

export DEBIAN_FRONTEND=noninteractive
dpkg --print-foreign-architectures | grep -qx arm64 || dpkg --add-architecture arm64
apt-get update -qq
apt-get install -y -qq --no-install-recommends qemu-user-static libc6:arm64 libstdc++6:arm64 libssl3:arm64 libicu72:arm64 \
  zlib1g:arm64 llvm-22 llvm-19 >/dev/null

git -C "$root" show 680eab6:models/pump/pump-lstm.ernn > "$out/pump-lstm.ernn"

# FullOpts at once (no tiering), W^X off under qemu-user (see .ci/arm64.sh).
methods='EdgeRnn.Runtime.Kernels.FloatGemv:* EdgeRnn.Runtime.Kernels.Int8Gemv:* EdgeRnn.Runtime.Kernels.Int8Quantizer:*
EdgeRnn.Runtime.Kernels.CellEpilogues:* EdgeRnn.Runtime.Kernels.RowGemv:* EdgeRnn.Runtime.Cells.CompiledLayer:Recur
EdgeRnn.Runtime.Cells.CompiledHead:* EdgeRnn.Runtime.RnnState:Step EdgeRnn.Runtime.RnnState:StepLayer
EdgeRnn.Runtime.Cells.InputNormalizer:Normalize'

# listings TREE DIR: publishes TREE's Driver into DIR, runs it as both cores and times the loops of each listing.
# LLVM's cortex-a76 is scheduled with its Cortex-A57 model; its Neoverse N1 model (the A76's server twin) stands in.
listings() {
  local tree=$1 dir=$2
  mkdir -p "$dir"
  dotnet publish "$tree/tools/arm64-estimate/Driver" -c Release -r linux-arm64 --self-contained -o "$dir/driver" --nologo -v quiet
  for cpu in cortex-a72 cortex-a76; do
    rm -f "$dir/jit-$cpu.txt"
    (cd "$dir/driver" && env QEMU_CPU=$cpu DOTNET_EnableWriteXorExecute=0 DOTNET_TieredCompilation=0 \
      DOTNET_JitDisasm="$(echo $methods)" DOTNET_JitStdOutFile="$dir/jit-$cpu.txt" \
      qemu-aarch64-static ./arm64-estimate-driver "$root/models/pump/pump.ernn" "$out/pump-lstm.ernn" >"$dir/driver-$cpu.log")
  done
  python3 "$here/loops.py" "$dir/jit-cortex-a72.txt" cortex-a72 >"$dir/loops-a72.json"
  python3 "$here/loops.py" "$dir/jit-cortex-a76.txt" neoverse-n1 >"$dir/loops-a76.json"
  # How far the model moves the A76: llvm-19's N1 model (a wider dispatch) and LLVM's own cortex-a76 (its A57 model).
  LLVM_MCA=llvm-mca-19 python3 "$here/loops.py" "$dir/jit-cortex-a76.txt" neoverse-n1 >"$dir/loops-a76-llvm19.json"
  python3 "$here/loops.py" "$dir/jit-cortex-a76.txt" cortex-a76 >"$dir/loops-a76-a57model.json"
}

listings "$root" "$out"
python3 "$here/estimate.py" "$out/loops-a72.json" "$out/loops-a76.json"

# BEFORE=<commit>: the same estimate of that commit's runtime (its own Driver, this loops.py and estimate.py), then the
# int8 columns before and after side by side and the A76's ratios under the three models.
if [ -n "${BEFORE:-}" ]; then
  rm -rf "$out/before-src"
  git -C "$root" worktree add --detach "$out/before-src" "$BEFORE" >/dev/null 2>&1
  listings "$out/before-src" "$out/before"
  git -C "$root" worktree remove --force "$out/before-src"
  b=$out/before
  echo
  python3 "$here/estimate.py" "$b/loops-a72.json" "$b/loops-a76.json" "$out/loops-a72.json" "$out/loops-a76.json"
  echo
  python3 "$here/estimate.py" --ratios "N1 llvm-22 before=$b/loops-a76.json" "after=$out/loops-a76.json" \
    "N1 llvm-19 before=$b/loops-a76-llvm19.json" "after=$out/loops-a76-llvm19.json" \
    "A57 model before=$b/loops-a76-a57model.json" "after=$out/loops-a76-a57model.json"
fi
