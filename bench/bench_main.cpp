// The benchmarks' main: the allocator as the `stance` program sets it (core/memory_reuse.hpp),
// so the figures are those of the product, then Google Benchmark's usual command line.
#include <benchmark/benchmark.h>

#include "core/memory_reuse.hpp"

int main(int argc, char** argv) {
  stance::keep_freed_memory_for_reuse();
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
