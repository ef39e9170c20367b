#!/usr/bin/env bash
# ARM64 stage: the runtime tests, the recordings tests (the board reads its CSV through EdgeRnn.Recordings) and the device
# tests that need no kernel drivers, published for linux-arm64 and run under
# qemu-aarch64-static on an emulated Pi 4 core (Cortex-A72: NEON, no dot product) and Pi 5 core (Cortex-A76: NEON and
# SDOT); InstructionSetTests fails if .NET does not see the emulated core's instruction sets (EDGERNN_EXPECT_CPU). Then
# edgernn-device is published for linux-arm64 self-contained and as NativeAOT (cross-compiled with clang and lld against
# Debian's arm64 libraries), and the NativeAOT binary's demo summary under qemu must equal the x64 program's.
# Installs what it needs (as root, idempotent). Prints 'Passed: N' per test run for .ci/run's totals; xunit.v3 prints
# the 'Failed: N'. Exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
out="$root/out/arm64"
t0=$SECONDS

echo "[arm64] installing qemu-user-static, the arm64 libraries and the cross toolchain"
export DEBIAN_FRONTEND=noninteractive
if ! dpkg --print-foreign-architectures | grep -qx arm64; then
  dpkg --add-architecture arm64
fi
apt-get update -qq
apt-get install -y -qq --no-install-recommends qemu-user-static \
  libc6:arm64 libstdc++6:arm64 libssl3:arm64 libicu72:arm64 zlib1g:arm64 \
  clang lld llvm binutils-aarch64-linux-gnu libc6-dev:arm64 libgcc-12-dev:arm64 libstdc++-12-dev:arm64 zlib1g-dev:arm64 \
  >/dev/null
echo "[arm64] installed at $((SECONDS - t0)) s"

# .NET's W^X double mapping writes code through a second mapping, which qemu-user does not see: its translated copy of
# the old code then runs (NullReferenceException in stubs, illegal instructions). Off under emulation only.
emulate() {
  env QEMU_CPU="$1" EDGERNN_EXPECT_CPU="$1" DOTNET_EnableWriteXorExecute=0 qemu-aarch64-static "${@:2}"
}

rm -rf "$out"
mkdir -p "$out"
dotnet publish tests/EdgeRnn.Runtime.Tests -c Release -r linux-arm64 --self-contained -o "$out/runtime-tests" --nologo -v quiet
dotnet publish tests/EdgeRnn.Recordings.Tests -c Release -r linux-arm64 --self-contained -o "$out/recordings-tests" --nologo -v quiet
dotnet publish tests/EdgeRnn.Device.Tests -c Release -r linux-arm64 --self-contained -o "$out/device-tests" --nologo -v quiet
echo "[arm64] tests published at $((SECONDS - t0)) s"

# Runs one published xunit.v3 test program under qemu; prints its summary and a 'Passed: N' line.
run_emulated() {
  local cpu=$1 name=$2 dir=$3
  shift 3
  local log="$out/$name-$cpu.log" rc=0 start=$SECONDS
  (cd "$dir" && emulate "$cpu" "./$name" -noColor -parallel collections "$@") >"$log" 2>&1 || rc=$?
  grep -E '\[FAIL\]|^ +(Assert|System\.)' "$log" | head -40 || true
  local summary
  summary=$(grep -E 'Total: [0-9]+, Errors: [0-9]+, Failed: [0-9]+, Skipped: [0-9]+, Not Run: [0-9]+' "$log" | tail -1 || true)
  if [ -z "$summary" ]; then
    tail -20 "$log"
    echo "[arm64] $name on $cpu: no summary (exit $rc)"
    echo "Failed: 1"
    return 1
  fi
  echo "$summary"
  local total errors failed skipped notrun
  read -r total errors failed skipped notrun < <(echo "$summary" | sed -E 's/.*Total: ([0-9]+), Errors: ([0-9]+), Failed: ([0-9]+), Skipped: ([0-9]+), Not Run: ([0-9]+).*/\1 \2 \3 \4 \5/')
  echo "[arm64] $name on $cpu ($((SECONDS - start)) s): Passed: $((total - failed - skipped - notrun)), skipped $skipped, errors $errors, exit $rc"
  [ "$rc" -eq 0 ] && [ "$errors" -eq 0 ] && [ "$failed" -eq 0 ]
}

status=0
for cpu in cortex-a72 cortex-a76; do
  # Left out: the allocation tests (ten thousand steps of every cell kind, 9 minutes per core under emulation; the
  # allocation-free step is proved on x64 in stage 1).
  run_emulated "$cpu" EdgeRnn.Runtime.Tests "$out/runtime-tests" -class- EdgeRnn.Runtime.Tests.Cells.AllocationTests || status=1
  run_emulated "$cpu" EdgeRnn.Recordings.Tests "$out/recordings-tests" || status=1
  # Left out: the kernel-rig tests (they need Linux drivers: .ci/kernel-rig.sh); the tests that start the device program
  # or the test-only state writer (tests/EdgeRnn.Device.StateWriter) as a child process through the x64 dotnet host
  # (there is no arm64 host in a self-contained publish); two that expect the kernel's ENOTTY for an ioctl on a plain
  # file (qemu-user answers unknown ioctls with ENOSYS); and two whole demo runs that have 20 s, too little for
  # JIT-compiled code under emulation (the NativeAOT demo below runs it in full). And the MQTT tests against mosquitto
  # (Category=Mosquitto): half of them start the device program as a child, and all are timed against a broker; the MQTT
  # output's logic runs here through its in-memory tests.
  run_emulated "$cpu" EdgeRnn.Device.Tests "$out/device-tests" -trait- Category=KernelRig -trait- Category=Mosquitto \
    -class- EdgeRnn.Device.Tests.Pipeline.RunProcessTests -class- EdgeRnn.Device.Tests.Pipeline.RunCrashTests \
    -class- EdgeRnn.Device.Tests.Persistence.StateCrashTests \
    -method- EdgeRnn.Device.Tests.Hardware.I2c.SmbusI2cDeviceTests.Constructor_FileThatIsNotAnI2cBus_ThrowsNotATypewriterFromI2cFuncs \
    -method- EdgeRnn.Device.Tests.Hardware.Gpio.GpioChipTests.Constructor_FileThatIsNotAGpioChip_ThrowsFromTheChipInfoIoctl \
    -method- EdgeRnn.Device.Tests.Pipeline.DeviceRunTests.RunAsync_BundledDemoAsFastAsPossible_CatchesEveryLabelledFaultAndDrivesTheLine \
    -method- EdgeRnn.Device.Tests.Pipeline.DeviceRunTests.RunAsync_MalformedLines_CountedLoggedAndTheRunGoesOn || status=1
done
echo "[arm64] tests done at $((SECONDS - t0)) s"

echo "[arm64] publishing edgernn-device for linux-arm64: self-contained, and NativeAOT"
dotnet publish src/EdgeRnn.Device -c Release -r linux-arm64 --self-contained -o "$out/device" --nologo -v quiet
dotnet publish src/EdgeRnn.Device -c Release -r linux-arm64 -p:PublishAot=true -p:ObjCopyName=aarch64-linux-gnu-objcopy \
  -p:LinkerFlavor=lld -o "$out/device-aot" --nologo -v quiet
ls -l "$out/device-aot/edgernn-device"
echo "[arm64] published at $((SECONDS - t0)) s; NativeAOT arm64 binary: $(stat -c %s "$out/device-aot/edgernn-device") bytes"

# The demo's summary without its timings: samples, input, alarms, and caught, missed and false alarms.
summary() {
  sed -nE 's/^ *samples +([0-9,]+) .*/samples \1/p; s/^ *(input|alarms|labelled) +(.*)/\1 \2/p'
}
dotnet build src/EdgeRnn.Device -c Release --nologo -v quiet
x64=$(dotnet src/EdgeRnn.Device/bin/Release/net10.0/edgernn-device.dll demo --speed max --view none 2>&1 | summary)
echo "[arm64] x64 demo summary:"
echo "$x64"
for cpu in cortex-a72 cortex-a76; do
  arm=$(emulate "$cpu" "$out/device-aot/edgernn-device" demo --speed max --view none 2>&1 | summary)
  if [ -n "$x64" ] && [ "$arm" = "$x64" ]; then
    echo "[arm64] NativeAOT arm64 demo on $cpu: same summary as x64"
  else
    echo "[arm64] NativeAOT arm64 demo on $cpu: summary differs from x64:"
    echo "$arm"
    status=1
  fi
done

# The simulated source with a query, as a board user starts it (a NativeAOT-only parsing bug once refused every one).
sim='sim:pump?seed=2&count=3000&speed=max&fault=noise@1500'
x64=$(dotnet src/EdgeRnn.Device/bin/Release/net10.0/edgernn-device.dll run --model models/pump/pump.ernn --source "$sim" --view none 2>&1 | summary)
arm=$(emulate cortex-a72 "$out/device-aot/edgernn-device" run --model models/pump/pump.ernn --source "$sim" --view none 2>&1 | summary)
if [ -n "$x64" ] && [ "$arm" = "$x64" ]; then
  echo "[arm64] NativeAOT arm64 run on $sim: same summary as x64"
else
  echo "[arm64] NativeAOT arm64 run on $sim: summary differs from x64's:"
  echo "x64: $x64"
  echo "arm64: $arm"
  status=1
fi

echo "[arm64] stage done in $((SECONDS - t0)) s, status $status"
exit $status
