#!/usr/bin/env bash
# Runs the KernelRig tests (tests/EdgeRnn.Device.Tests, Category=KernelRig) against real Linux drivers: i2c-stub on
# /dev/i2c-0 (chips at 0x68 MPU-6050, 0x48 ADS1115, 0x76 BME280, 0x77 BMP280, 0x40 INA219, 0x18 MCP9808, 0x19 LIS3DH)
# and gpio-sim on /dev/gpiochip0 (driven through System.Device.Gpio's libgpiod driver), inside the QEMU VM
# of ../shared/kernel-rig. Nothing is copied from the rig into the repository.
#   KERNEL_RIG_DIR  the rig's directory (default: shared/kernel-rig beside the repository or its parent)
#   RIG_WORK        the rig's cache (default ~/.cache/kernel-rig); setup.sh runs once when it is empty
# Exit status: the tests' (98 = rig not set up, 99 = the VM gave no result).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
RIG=${KERNEL_RIG_DIR:-}
if [ -z "$RIG" ]; then
  for candidate in "$ROOT/../shared/kernel-rig" "$ROOT/../../shared/kernel-rig"; do
    [ -x "$candidate/boot.sh" ] && { RIG=$(cd "$candidate" && pwd); break; }
  done
fi
[ -n "$RIG" ] && [ -x "$RIG/boot.sh" ] || { echo "[kernel-rig] rig not found: set KERNEL_RIG_DIR"; exit 1; }

t0=$SECONDS
if [ ! -f "${RIG_WORK:-$HOME/.cache/kernel-rig}/KVER" ]; then
  echo "[kernel-rig] first use: running $RIG/setup.sh"
  "$RIG/setup.sh"
fi

# The VM mounts this machine's root read-only and has empty /tmp and /run: a checkout there is copied out first.
case "$ROOT" in
  /tmp/*|/run/*)
    copy="$HOME/.cache/edgernn-kernel-rig/repo"
    echo "[kernel-rig] $ROOT is invisible inside the VM; copying the repository to $copy"
    rm -rf "$copy" && mkdir -p "$copy" && cp -a "$ROOT/." "$copy/"
    ROOT=$copy
    ;;
esac
# System.Device.Gpio's libgpiod driver loads libgpiod (Debian 12: package libgpiod2, libgpiod.so.2). The VM runs on this
# machine's root file system, so it is installed here, on the host.
if ! ldconfig -p | grep -q 'libgpiod\.so\.2'; then
  echo "[kernel-rig] installing libgpiod2 for System.Device.Gpio's libgpiod driver"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libgpiod2 \
    || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libgpiod2; }
fi
# Build here, in the repository, before booting.
dotnet build "$ROOT/tests/EdgeRnn.Device.Tests" -c Release --nologo -v quiet
echo "[kernel-rig] built at $((SECONDS - t0)) s; booting the VM"

export RIG_APPEND="${RIG_APPEND:-} rig_i2c_addr=0x68,0x48,0x76,0x77,0x40,0x18,0x19"
set +e
# Inside: the loopback interface starts down and vstest talks to its test host over 127.0.0.1; emulation is slow, so the
# test host gets more time to connect.
"$RIG/boot.sh" "ip link set lo up && cd '$ROOT' && EDGERNN_KERNEL_RIG=1 VSTEST_CONNECTION_TIMEOUT=600 dotnet test tests/EdgeRnn.Device.Tests --no-build -c Release --filter Category=KernelRig --logger 'console;verbosity=normal'"
rc=$?
set -e
echo "[kernel-rig] exit $rc after $((SECONDS - t0)) s"
exit $rc
