// Speed of the USB driver (figures in docs/performance.md):
// - the decode path a transfer callback runs: SPP bytes to frames with the stream rules, the
//   device clock, and the hand-over buffer (stance::usb::StreamIntake); no USB;
// - a whole acquisition at 2000 Hz through the real libusb against an emulated plate (umockdev,
//   as in tests/usb_emulation), with the CPU time of each thread over the wall time. The
//   emulated device node is always ready, so libusb's event thread polls it in a loop and
//   umockdev's thread answers every poll: both are inflated compared with real usbfs, where the
//   event thread sleeps in poll() until a transfer completes.
#include <benchmark/benchmark.h>
#include <dirent.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "spp_wire/spp_wire.hpp"
#include "usb_emulation/emulated_plate.hpp"
#include "usb_emulation/umockdev_testbed.hpp"
#include "usb_spp/stream_intake.hpp"
#include "usb_spp/usb_options.hpp"
#include "usb_spp/usb_plate.hpp"

namespace stance::usb {
namespace {

using Clock = std::chrono::steady_clock;

std::vector<std::vector<std::uint8_t>> encoded_transfers(int channels, int frames,
                                                         int per_transfer) {
  std::vector<std::vector<std::uint8_t>> out;
  for (int first = 0; first < frames; first += per_transfer) {
    std::vector<std::uint8_t> bytes;
    for (int i = first; i < std::min(frames, first + per_transfer); ++i) {
      RawFrame f;
      f.seq = static_cast<std::uint32_t>(i);
      f.t_us = 1000000u + 500u * f.seq;
      for (int c = 0; c < channels; ++c) f.counts[static_cast<std::size_t>(c)] = 100000 * c + i;
      spp::encode_frame(f, channels, bytes);
    }
    out.push_back(std::move(bytes));
  }
  return out;
}

// One second of a 2000 Hz stream per iteration, decoded as the callbacks would.
void BM_UsbDecodePath(benchmark::State& state) {
  const auto channels = static_cast<int>(state.range(0));
  const auto per_transfer = static_cast<int>(state.range(1));
  constexpr int kFrames = 2000;
  const auto transfers = encoded_transfers(channels, kFrames, per_transfer);
  StreamIntake intake(channels, kFrames, static_cast<std::size_t>(per_transfer));
  std::vector<RawFrame> frames;
  std::vector<RecordingEvent> events;
  frames.reserve(kFrames);
  events.reserve(256);
  const auto t0 = Clock::now();
  for (auto _ : state) {
    intake.start(t0, 2000);
    for (std::size_t i = 0; i < transfers.size(); ++i) {
      const auto arrival =
          t0 + std::chrono::microseconds(500 * per_transfer * static_cast<long>(i + 1) + 300);
      intake.on_transfer(transfers[i], arrival);
    }
    frames.clear();
    events.clear();
    intake.swap_pending(frames, events);
    benchmark::DoNotOptimize(frames.data());
  }
  if (frames.size() != kFrames) state.SkipWithError("frames went missing");
  const auto total = static_cast<double>(state.iterations()) * kFrames;
  state.SetItemsProcessed(static_cast<std::int64_t>(total));
  state.counters["frames_per_s"] = benchmark::Counter(total, benchmark::Counter::kIsRate);
  state.counters["cpu_s_per_1000_frames"] =
      benchmark::Counter(total / 1000.0, benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}
BENCHMARK(BM_UsbDecodePath)
    ->ArgsProduct({{4, 6}, {1, 4, 16}})
    ->ArgNames({"channels", "frames_per_transfer"});

// The shared StreamDecoder alone on the same bytes: how much of the path is SPP decoding.
void BM_SppStreamDecoderOnly(benchmark::State& state) {
  const auto channels = static_cast<int>(state.range(0));
  constexpr int kFrames = 2000;
  const auto transfers = encoded_transfers(channels, kFrames, 4);
  std::vector<RawFrame> frames;
  std::vector<RecordingEvent> events;
  frames.reserve(kFrames);
  for (auto _ : state) {
    spp::StreamDecoder decoder(channels);
    decoder.on_start_stream();
    frames.clear();
    for (const auto& t : transfers) decoder.decode(t, frames, events);
    benchmark::DoNotOptimize(frames.data());
  }
  const auto total = static_cast<double>(state.iterations()) * kFrames;
  state.SetItemsProcessed(static_cast<std::int64_t>(total));
  state.counters["cpu_s_per_1000_frames"] =
      benchmark::Counter(total / 1000.0, benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}
BENCHMARK(BM_SppStreamDecoderOnly)->Arg(4)->Arg(6)->ArgName("channels");

// CPU time of every thread of this process, by thread id, with names, from /proc (ns).
struct ThreadTimes {
  std::map<long, std::uint64_t> cpu_ns;
  std::map<long, std::string> names;
};

ThreadTimes thread_times() {
  ThreadTimes t;
  DIR* dir = opendir("/proc/self/task");
  if (dir == nullptr) return t;
  while (dirent* entry = readdir(dir)) {
    if (entry->d_name[0] == '.') continue;
    const long tid = std::stol(entry->d_name);
    const std::string base = std::string("/proc/self/task/") + entry->d_name;
    std::ifstream schedstat(base + "/schedstat");
    std::uint64_t on_cpu_ns = 0;
    schedstat >> on_cpu_ns;
    std::ifstream comm(base + "/comm");
    std::string name;
    std::getline(comm, name);
    t.cpu_ns[tid] = on_cpu_ns;
    t.names[tid] = name;
  }
  closedir(dir);
  return t;
}

double process_cpu_s() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

// args: layout, high speed (0/1), emulator's idle reap delay in microseconds.
void BM_UsbAcquisition2000Hz(benchmark::State& state) {
  usbemu::Testbed testbed;
  usbemu::PlateSpec spec;
  spec.layout = state.range(0) == 2 ? PlateLayout::kSixComponent : PlateLayout::kFourCell;
  spec.speed = state.range(1) != 0 ? usbemu::BusSpeed::kHigh : usbemu::BusSpeed::kFull;
  spec.idle_reap_delay = std::chrono::microseconds(state.range(2));
  usbemu::EmulatedPlate emulated(testbed, spec);
  emulated.plug();
  {
    Result<std::unique_ptr<UsbPlate>> opened = UsbPlate::open(UsbOptions{});
    if (!opened) {
      state.SkipWithError(opened.error().message.c_str());
      return;
    }
    UsbPlate& plate = **opened;
    if (!plate.set_rate(2000)) {
      state.SkipWithError("rate refused");
      return;
    }
    std::vector<RawFrame> frames;
    std::vector<RecordingEvent> events;
    frames.reserve(4000);
    double wall_s = 0;
    double cpu_s = 0;
    double event_thread_s = 0;
    double reader_s = 0;
    std::uint64_t received = 0;
    std::uint64_t lost = 0;
    double latency_ms = 0;
    const long main_tid = static_cast<long>(getpid());
    for (auto _ : state) {
      frames.clear();
      const ThreadTimes before = thread_times();
      const double cpu0 = process_cpu_s();
      const auto t0 = Clock::now();
      if (!plate.start()) state.SkipWithError("start failed");
      while (Clock::now() - t0 < std::chrono::seconds(1)) {
        (void)plate.read(frames, events, std::chrono::milliseconds(20));
      }
      (void)plate.stop();
      (void)plate.read(frames, events, std::chrono::milliseconds(1));
      const double wall = std::chrono::duration<double>(Clock::now() - t0).count();
      const double cpu = process_cpu_s() - cpu0;
      const ThreadTimes after = thread_times();
      for (const auto& [tid, ns] : after.cpu_ns) {
        const auto it = before.cpu_ns.find(tid);
        const double used_s =
            static_cast<double>(ns - (it == before.cpu_ns.end() ? 0 : it->second)) * 1e-9;
        if (after.names.at(tid) == "stance-usb") event_thread_s += used_s;
        if (tid == main_tid) reader_s += used_s;
      }
      state.SetIterationTime(wall);
      wall_s += wall;
      cpu_s += cpu;
      const PlateHealth h = plate.health();
      received += h.stream.frames_received;
      lost += h.stream.frames_lost;
      latency_ms += h.mean_latency_ms;
    }
    const auto n = static_cast<double>(state.iterations());
    state.counters["cpu_process_pct"] = 100.0 * cpu_s / wall_s;
    state.counters["cpu_event_thread_pct"] = 100.0 * event_thread_s / wall_s;
    state.counters["cpu_reader_pct"] = 100.0 * reader_s / wall_s;
    state.counters["cpu_emulation_and_other_pct"] =
        100.0 * (cpu_s - event_thread_s - reader_s) / wall_s;
    state.counters["frames_per_s"] = static_cast<double>(received) / wall_s;
    state.counters["frames_lost"] = static_cast<double>(lost);
    state.counters["latency_ms"] = latency_ms / n;
  }
}
BENCHMARK(BM_UsbAcquisition2000Hz)
    ->ArgNames({"layout", "high_speed", "idle_delay_us"})
    ->Args({1, 1, 200})
    ->Args({2, 1, 200})
    ->Args({2, 0, 200})
    ->Args({2, 0, 0})
    ->Iterations(3)
    ->UseManualTime()
    ->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace stance::usb
