// The dashboard's frame time under Xvfb (Mesa llvmpipe, software OpenGL): the idle dashboard
// (set-up screen, no plate data) against the live test view with a full 60 s window at 1000 Hz
// (600 force columns, a 6000-point COP trace, the ellipse), and the delay from a frame's arrival
// on the host to its first snapshot on a real-time simulated plate. A bench command, not a test:
// run it under `xvfb-run -a -s "-screen 0 1280x900x24"`; figures in docs/performance.md.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <thread>
#include <vector>

#include "app/platform.hpp"
#include "app/session_model.hpp"
#include "app/theme.hpp"
#include "app/views.hpp"
#include "services/drivers.hpp"

namespace {

using Clock = std::chrono::steady_clock;
using namespace stance;
using namespace stance::app;

struct FrameTimes {
  double mean_ms = 0, median_ms = 0, p95_ms = 0;
};

FrameTimes time_frames(Platform& platform, SessionModel& session, LiveSource& source,
                       const live::LiveSnapshot& s, int frames) {
  ClinicModel no_store(nullptr);
  MassCheck mass_check;
  PlateSearch plates;
  Screen shown = session.screen;
  CameraTexture camera_texture;
  std::vector<double> ms;
  for (int i = 0; i < frames + 20; ++i) {  // 20 warm-up frames
    const auto t0 = Clock::now();
    platform.begin_frame();
    ViewContext v{session, no_store,         source, mass_check,    plates,
                  s,       platform.fonts(), shown,  camera_texture};
    draw_dashboard(v);
    (void)platform.end_frame();
    if (i >= 20) ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
  }
  std::sort(ms.begin(), ms.end());
  FrameTimes f;
  for (double m : ms) f.mean_ms += m / static_cast<double>(ms.size());
  f.median_ms = ms[ms.size() / 2];
  f.p95_ms = ms[ms.size() * 95 / 100];
  return f;
}

}  // namespace

int main() {
  auto platform = Platform::open("Stance frame-time bench", 1280, 900, true);
  if (!platform) {
    std::fprintf(stderr, "dashboard_bench: %s\n", platform.error().message.c_str());
    return 1;
  }
  theme::apply((*platform)->fonts());
  ImGui::GetIO().IniFilename = nullptr;
  DriverRegistry drivers;
  register_all_drivers(drivers);
  constexpr int kFrames = 300;

  // Idle: the set-up screen, no plate.
  LiveSource none(drivers, "sim:realtime=0");
  TrialFileSink files(std::filesystem::temp_directory_path() / "stance-dashboard-bench");
  SessionModel idle(none, files);

  // Live: a 60 s trial recorded on the virtual clock, then its last snapshot drawn repeatedly.
  LiveSource source(drivers, "sim:realtime=0");
  SessionModel session(source, files);
  session.protocols[1].trials_per_side = 1;
  session.protocols[1].seconds = 60;
  session.protocol_index = 1;
  if (!session.begin_session()) return 1;
  for (int i = 0; i < 2400 && session.current_result() == nullptr; ++i) {
    session.poll();
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
  }
  std::shared_ptr<const live::LiveSnapshot> full;
  for (int i = 0; i < 100 && !(full && full->last_trial); ++i) {
    full = source.current()->snapshot();
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  source.close();  // its thread must not compete with the drawing for the CPU
  std::printf("live snapshot: %zu force columns over %.0f s, %zu COP trace points\n",
              full->force.size(), full->force_window_s, full->cop_trace.size());
  session.screen = Screen::kTest;
  // Alternating runs, so that a change in the machine's load hits both alike.
  FrameTimes idle_times, live_times;
  for (int round = 0; round < 3; ++round) {
    const FrameTimes i = time_frames(**platform, idle, none, live::LiveSnapshot{}, kFrames);
    const FrameTimes l = time_frames(**platform, session, source, *full, kFrames);
    if (round == 0 || i.median_ms < idle_times.median_ms) idle_times = i;
    if (round == 0 || l.median_ms < live_times.median_ms) live_times = l;
  }

  std::printf("best of 3 runs of %d frames (ms): idle mean %.2f median %.2f p95 %.2f\n", kFrames,
              idle_times.mean_ms, idle_times.median_ms, idle_times.p95_ms);
  std::printf("                               live mean %.2f median %.2f p95 %.2f\n",
              live_times.mean_ms, live_times.median_ms, live_times.p95_ms);
  std::printf("ratio live / idle (median): %.2f\n", live_times.median_ms / idle_times.median_ms);

  // Frame arrival to snapshot, on the real-time simulated plate for 5 s.
  LiveSource realtime(drivers, "sim");
  auto live = realtime.idle();
  if (!live) return 1;
  std::this_thread::sleep_for(std::chrono::seconds(5));
  const auto s = (*live)->snapshot();
  std::printf("frame arrival to snapshot over 5 s at 1000 Hz: mean %.2f ms, max %.2f ms\n",
              s->frame_to_snapshot_mean_ms, s->frame_to_snapshot_max_ms);
  realtime.close();

  // The simulated camera beside the simulated plate (30 frames/s, 640x480): capture stamp to
  // the picture in the camera's snapshot, over 5 s.
  LiveSource filmed(drivers, "sim");
  filmed.use_camera("auto");
  if (!filmed.idle()) return 1;
  std::this_thread::sleep_for(std::chrono::seconds(5));
  const auto cam = filmed.camera_view();
  if (!cam) return 1;
  std::printf(
      "camera capture to view over 5 s: %llu frames, %llu dropped, mean %.2f ms, max %.2f ms\n",
      static_cast<unsigned long long>(cam->frames), static_cast<unsigned long long>(cam->dropped),
      cam->capture_to_view_mean_ms, cam->capture_to_view_max_ms);
  return 0;
}
