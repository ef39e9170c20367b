#!/usr/bin/env bash
# NuGet: packs the runtime and training libraries and the two .NET tools, installs the tools from that folder as a user
# would (dotnet tool install --tool-path), runs them, and builds a project outside the solution that consumes the
# runtime package from the folder and steps the bundled model. Exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
list() { unzip -l "$1" 2>/dev/null || python3 -m zipfile -l "$1"; }
version=$(sed -n 's:.*<VersionPrefix>\(.*\)</VersionPrefix>.*:\1:p' Directory.Build.props)

dotnet pack EdgeRnn.sln -c Release -o "$work/packages" -p:ContinuousIntegrationBuild=true
ls -l "$work/packages"
for id in EdgeRnn.Runtime EdgeRnn.Recordings EdgeRnn.Training edgernn edgernn-device; do
  test -f "$work/packages/$id.$version.nupkg" || { echo "missing package $id $version" >&2; exit 1; }
  test -f "$work/packages/$id.$version.snupkg" || { echo "missing symbols package $id $version" >&2; exit 1; }
done
runtime=$(list "$work/packages/EdgeRnn.Runtime.$version.nupkg")
grep -q 'lib/net10.0/EdgeRnn.Runtime.xml' <<<"$runtime" || { echo "EdgeRnn.Runtime: no XML docs in the package" >&2; exit 1; }
grep -q 'README.md' <<<"$runtime" || { echo "EdgeRnn.Runtime: no README in the package" >&2; exit 1; }

# A package of this version restored by an earlier run would be used instead of the one just packed.
rm -rf "${NUGET_PACKAGES:-$HOME/.nuget/packages}"/{edgernn.runtime,edgernn.recordings,edgernn.training,edgernn,edgernn-device}/"$version"

dotnet tool install edgernn --tool-path "$work/tools" --add-source "$work/packages" --version "$version"
dotnet tool install edgernn-device --tool-path "$work/tools" --add-source "$work/packages" --version "$version"
"$work/tools/edgernn" --help >/dev/null
"$work/tools/edgernn-device" demo --speed max | tee "$work/demo.txt"
grep -q '5 caught, 0 missed; 0 false alarms' "$work/demo.txt" || { echo "edgernn-device demo (tool): unexpected summary" >&2; exit 1; }

dotnet run --project tests/EdgeRnn.PackageConsumer -c Release -p:RestoreAdditionalProjectSources="$work/packages" -- models/pump/pump.ernn models/pump/pump-demo.csv
echo "packages: 5 packed with symbols, 2 tools installed and run, the runtime package consumed by a project outside the solution"
