#!/usr/bin/env bash
# The small-model step against RTNeural in one process (docs/step-benchmarks.md, "The last gap"): RTNeural's
# LSTMLayerT / GRULayerT <float, 8, 32> as a shared library, and each EdgeRnn.Runtime.dll given loaded in its own
# AssemblyLoadContext (COPIES times: where the JIT and the allocator place code and data moves a build by several per
# cent), stepped in interleaved blocks of 1,000 steps, the order rotating every round. Per copy: the median over the
# rounds of (its block time ÷ RTNeural's block time of the same round), so a slower machine moment cancels out.
# EdgeRnn steps RnnState.Step on a model with input and output normalisation and a dense head of 1 output.
# Fetches nothing; needs g++, libeigen3-dev, the .NET 10 SDK and an RTNeural checkout as RTNEURAL_DIR.
#   RTNEURAL_DIR=/path/to/RTNeural bash tools/rtneural-peer/interleaved.sh lstm 0 1500 before/EdgeRnn.Runtime.dll after/EdgeRnn.Runtime.dll
#   (KIND lstm|gru, INT8 0|1, ROUNDS; COPIES=3 by default, REVERSE=1 loads the builds in reverse order)
set -euo pipefail
: "${RTNEURAL_DIR:?set RTNEURAL_DIR to an RTNeural checkout}"
kind=$1 int8=$2 rounds=$3
shift 3
out=${OUT:-/tmp/rtneural-interleaved}
mkdir -p "$out/runner" "$out/host"
cat > "$out/lib.cpp" <<'CPP'
// RTNeural's LSTMLayerT / GRULayerT <float, 8, 32> (Eigen) behind two C functions: seeded random weights as in
// run.sh's driver, 256 distinct inputs cycled.
#include <RTNeural/RTNeural.h>
#include <cmath>
#include <random>
#include <vector>
constexpr int In = 8, Hidden = 32, Distinct = 256;
template <typename Layer> static void Fill(Layer& layer, int gates)
{
    std::mt19937 rng(42);
    float range = 1.f / std::sqrt((float)Hidden);
    std::uniform_real_distribution<float> u(-range, range);
    std::vector<std::vector<float>> w(In, std::vector<float>(gates * Hidden)), r(Hidden, std::vector<float>(gates * Hidden));
    for(auto& row : w) for(auto& v : row) v = u(rng);
    for(auto& row : r) for(auto& v : row) v = u(rng);
    layer.setWVals(w);
    layer.setUVals(r);
    if constexpr(std::is_same_v<Layer, RTNeural::GRULayerT<float, In, Hidden>>)
    {
        std::vector<std::vector<float>> b(2, std::vector<float>(gates * Hidden));
        for(auto& row : b) for(auto& v : row) v = u(rng);
        layer.setBVals(b);
    }
    else
    {
        std::vector<float> b(gates * Hidden);
        for(auto& v : b) v = u(rng);
        layer.setBVals(b);
    }
}
static RTNeural::LSTMLayerT<float, In, Hidden> lstm;
static RTNeural::GRULayerT<float, In, Hidden> gru;
static std::vector<Eigen::Matrix<float, In, 1>> inputs(Distinct);
static long step = 0;
static bool isGru = false;
extern "C" void rtn_setup(int gruKind)
{
    isGru = gruKind != 0;
    std::mt19937 rng(7);
    std::uniform_real_distribution<float> u(-1.f, 1.f);
    for(auto& v : inputs) for(int i = 0; i < In; i++) v(i) = u(rng);
    if(isGru) { Fill(gru, 3); gru.reset(); } else { Fill(lstm, 4); lstm.reset(); }
}
template <typename Layer> static float Run(Layer& layer, int steps)
{
    float acc = 0;
    for(int k = 0; k < steps; k++, step++)
    {
        layer.forward(inputs[step % Distinct]);
        acc += layer.outs(0);
    }
    return acc;
}
extern "C" float rtn_block(int steps) { return isGru ? Run(gru, steps) : Run(lstm, steps); }
CPP
g++ -O3 -march=native -std=c++17 -shared -fPIC -DRTNEURAL_USE_EIGEN=1 -DRTNEURAL_DEFAULT_ALIGNMENT=32 -DRTNEURAL_NAMESPACE=RTNeural \
  -I/usr/include/eigen3 -I"$RTNEURAL_DIR" "$out/lib.cpp" -o "$out/librtn.so"

cat > "$out/runner/runner.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><TargetFramework>net10.0</TargetFramework><ImplicitUsings>enable</ImplicitUsings><Nullable>enable</Nullable><AssemblyName>Runner</AssemblyName></PropertyGroup>
  <ItemGroup><Reference Include="EdgeRnn.Runtime"><HintPath>$(realpath "$1")</HintPath></Reference></ItemGroup>
</Project>
XML
cat > "$out/runner/Runner.cs" <<'CS'
using EdgeRnn.Runtime;
using EdgeRnn.Runtime.Model;

namespace Peer;

/// <summary>RnnState.Step of an 8 → 32 model with input and output normalisation and a dense head of 1 output (run.sh's setup).</summary>
public static class Runner
{
    private const int Distinct = 256, Input = 8, Hidden = 32;
    private static RnnState? _state;
    private static float[] _inputs = [];
    private static readonly float[] Output = new float[1];
    private static long _step;

    public static void Setup(string kindName, bool int8)
    {
        var kind = kindName == "gru" ? CellKind.Gru : CellKind.Lstm;
        var random = new Random(42);
        int gates = kind.GateCount() * Hidden;
        float range = 1f / MathF.Sqrt(Hidden);
        float[] U(int n, float r) => Enumerable.Range(0, n).Select(_ => (float)(((random.NextDouble() * 2) - 1) * r)).ToArray();
        var layer = new RecurrentLayer(kind, WeightMatrix.FromFloat(gates, Input, U(gates * Input, range)), WeightMatrix.FromFloat(gates, Hidden, U(gates * Hidden, range)), U(gates, range), U(gates, range));
        var definition = new ModelDefinition([layer], new DenseLayer(WeightMatrix.FromFloat(1, Hidden, U(Hidden, range)), U(1, range)),
            new ChannelNormalization(U(Input, 1f), U(Input, 0.5f).Select(v => 1.5f + v).ToArray()),
            new ChannelNormalization(U(1, 1f), U(1, 0.5f).Select(v => 1.5f + v).ToArray()));
        _state = RnnModel.FromDefinition(int8 ? ModelQuantizer.Quantize(definition, out _) : definition).CreateState();
        var rng = new Random(7);
        _inputs = Enumerable.Range(0, Distinct * Input).Select(_ => (float)((rng.NextDouble() * 2) - 1)).ToArray();
    }

    public static double Block(int steps)
    {
        var state = _state!;
        float acc = 0;
        for (int k = 0; k < steps; k++, _step++)
        {
            state.Step(_inputs.AsSpan((int)(_step % Distinct) * Input, Input), Output);
            acc += Output[0];
        }

        return acc;
    }
}
CS
dotnet build "$out/runner/runner.csproj" -c Release -o "$out/runner/bin" -v q -nologo >/dev/null

cat > "$out/host/host.csproj" <<'XML'
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><OutputType>Exe</OutputType><TargetFramework>net10.0</TargetFramework><ImplicitUsings>enable</ImplicitUsings><Nullable>enable</Nullable><AllowUnsafeBlocks>true</AllowUnsafeBlocks></PropertyGroup>
</Project>
XML
cat > "$out/host/Program.cs" <<'CS'
using System.Diagnostics;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Loader;

// host LIB KIND INT8 ROUNDS DIR...: see interleaved.sh.
string kind = args[1];
bool int8 = args[2] == "1";
int rounds = int.Parse(args[3]);
const int BlockSteps = 1000;
var names = new List<string> { "RTNeural" };
var blocks = new List<Func<int, double>>();
unsafe
{
    nint lib = NativeLibrary.Load(args[0]);
    var setup = (delegate* unmanaged<int, void>)NativeLibrary.GetExport(lib, "rtn_setup");
    var block = (delegate* unmanaged<int, float>)NativeLibrary.GetExport(lib, "rtn_block");
    setup(kind == "gru" ? 1 : 0);
    blocks.Add(n => block(n));
}

int copies = int.Parse(Environment.GetEnvironmentVariable("COPIES") ?? "3");
var order = Enumerable.Range(0, copies).SelectMany(_ => args.Skip(4)).ToList();
if (Environment.GetEnvironmentVariable("REVERSE") == "1")
{
    order.Reverse();
}

foreach (string dir in order)
{
    string main = Path.GetFullPath(Path.Combine(dir, "Runner.dll"));
    var runner = new VariantContext(main).LoadFromAssemblyPath(main).GetType("Peer.Runner")!;
    runner.GetMethod("Setup")!.Invoke(null, [kind, int8]);
    blocks.Add(runner.GetMethod("Block")!.CreateDelegate<Func<int, double>>());
    names.Add(Path.GetFileName(Path.GetFullPath(dir).TrimEnd('/')));
}

// Warm-up by CPU time, so that on a shared core the callers reach tier-1 code.
var process = Process.GetCurrentProcess();
double sink = 0;
while (process.TotalProcessorTime.TotalSeconds < 8)
{
    foreach (var b in blocks)
    {
        for (int k = 0; k < 20; k++)
        {
            sink += b(BlockSteps);
        }
    }

    process.Refresh();
}

int m = blocks.Count;
var times = new double[m, rounds];
for (int r = 0; r < rounds; r++)
{
    for (int j = 0; j < m; j++)
    {
        int i = (r + j) % m;
        long t0 = Stopwatch.GetTimestamp();
        sink += blocks[i](BlockSteps);
        times[i, r] = (Stopwatch.GetTimestamp() - t0) * 1e6 / Stopwatch.Frequency / BlockSteps;
    }
}

Console.WriteLine($"{kind} {(int8 ? "int8" : "float32")} 8x32x1, {rounds} rounds of {BlockSteps}-step blocks, {copies} copies per build (sink {sink:G3})");
Console.WriteLine($"  RTNeural: median {Enumerable.Range(0, rounds).Select(r => times[0, r]).Order().ElementAt(rounds / 2):F4} us per step");
foreach (var group in Enumerable.Range(1, m - 1).GroupBy(i => names[i]))
{
    var ratios = group.Select(i => Enumerable.Range(0, rounds).Select(r => times[i, r] / times[0, r]).Order().ElementAt(rounds / 2)).ToArray();
    var step = group.Select(i => Enumerable.Range(0, rounds).Select(r => times[i, r]).Order().ElementAt(rounds / 2)).ToArray();
    Console.WriteLine($"  {group.Key}: ratio to RTNeural per copy {string.Join(" ", ratios.Select(v => v.ToString("F3")))} (median {ratios.Order().ElementAt(ratios.Length / 2):F3}); us per step {string.Join(" ", step.Select(v => v.ToString("F4")))}");
}

sealed class VariantContext(string main) : AssemblyLoadContext(isCollectible: false)
{
    private readonly AssemblyDependencyResolver _resolver = new(main);

    protected override Assembly? Load(AssemblyName name) => _resolver.ResolveAssemblyToPath(name) is { } path ? LoadFromAssemblyPath(path) : null;
}
CS
dotnet build "$out/host/host.csproj" -c Release -o "$out/host/bin" -v q -nologo >/dev/null

dirs=()
n=0
for dll in "$@"; do
  n=$((n + 1))
  d="$out/build$n"
  rm -rf "$d" && mkdir -p "$d"
  cp "$out/runner/bin/Runner.dll" "$out/runner/bin/Runner.deps.json" "$d/"
  cp "$dll" "$d/EdgeRnn.Runtime.dll"
  echo "build$n: $dll"
  dirs+=("$d")
done
taskset -c 1 dotnet "$out/host/bin/host.dll" "$out/librtn.so" "$kind" "$int8" "$rounds" "${dirs[@]}"
