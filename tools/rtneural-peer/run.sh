#!/usr/bin/env bash
# How the RTNeural measurement peer of docs/step-benchmarks.md ("The small-model step") is built and run. Fetches nothing
# and puts nothing of RTNeural into this repository: give it a checkout of RTNeural (github.com/jatinchowdhury18/RTNeural,
# header-only) as RTNEURAL_DIR. Needs Debian's g++ and libeigen3-dev. The driver steps LSTMLayerT / GRULayerT<float, 8, 32>
# (Eigen backend, compile-time sizes) with seeded random weights: 10,000 warm-up steps, then 200,000 timed in 200 blocks
# of 1,000; it prints the median block's µs per step. Run it back to back with EdgeRnn under `taskset -c 1`.
#   RTNEURAL_DIR=/path/to/RTNeural bash tools/rtneural-peer/run.sh
set -euo pipefail
: "${RTNEURAL_DIR:?set RTNEURAL_DIR to an RTNeural checkout}"
out=${OUT:-/tmp/rtneural-peer}
mkdir -p "$out"
cat > "$out/driver.cpp" <<'CPP'
// Steps RTNeural's LSTMLayerT / GRULayerT <float, 8, 32> (Eigen) with seeded random weights: 10,000 warm-up steps,
// then 200,000 steps timed in 200 blocks of 1,000; prints the median block's µs per step (and the mean).
#include <RTNeural/RTNeural.h>
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <random>

constexpr int In = 8, Hidden = 32, Distinct = 256, Warmup = 10000, Blocks = 200, BlockSteps = 1000;
static volatile float sink;

template <typename Layer>
static void Run(const char* name, Layer& layer)
{
    std::mt19937 rng(7);
    std::uniform_real_distribution<float> u(-1.f, 1.f);
    std::vector<Eigen::Matrix<float, In, 1>> inputs(Distinct);
    for(auto& v : inputs)
        for(int i = 0; i < In; i++)
            v(i) = u(rng);
    layer.reset();
    float acc = 0;
    for(int s = 0; s < Warmup; s++)
    {
        layer.forward(inputs[s % Distinct]);
        acc += layer.outs(0);
    }
    std::vector<double> block(Blocks);
    int s = 0;
    for(int b = 0; b < Blocks; b++)
    {
        auto t0 = std::chrono::steady_clock::now();
        for(int k = 0; k < BlockSteps; k++, s++)
        {
            layer.forward(inputs[s % Distinct]);
            acc += layer.outs(0);
        }
        auto t1 = std::chrono::steady_clock::now();
        block[b] = std::chrono::duration<double, std::micro>(t1 - t0).count() / BlockSteps;
    }
    sink = acc;
    double mean = 0;
    for(double v : block) mean += v;
    mean /= Blocks;
    std::sort(block.begin(), block.end());
    std::printf("RTNeural %s %dx%dx1: median %.4f us/step, mean %.4f, min %.4f (outs[0] %.6f)\n", name, In, Hidden, block[Blocks / 2], mean, block[0], layer.outs(0));
}

template <typename Layer>
static void Fill(Layer& layer, int gates, bool gru)
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

int main(int argc, char** argv)
{
    bool lstm = argc < 2 || std::strcmp(argv[1], "gru") != 0;
    if(lstm)
    {
        static RTNeural::LSTMLayerT<float, In, Hidden> layer;
        Fill(layer, 4, false);
        Run("LSTM", layer);
    }
    else
    {
        static RTNeural::GRULayerT<float, In, Hidden> layer;
        Fill(layer, 3, true);
        Run("GRU", layer);
    }
}
CPP
g++ -O3 -march=native -std=c++17 -DRTNEURAL_USE_EIGEN=1 -DRTNEURAL_DEFAULT_ALIGNMENT=32 -DRTNEURAL_NAMESPACE=RTNeural \
  -I/usr/include/eigen3 -I"$RTNEURAL_DIR" "$out/driver.cpp" -o "$out/driver"
taskset -c 1 "$out/driver" lstm
taskset -c 1 "$out/driver" gru
