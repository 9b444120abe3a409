#pragma once
// A serial plate emulated on a pseudo-terminal: the driver opens the terminal's port (a real tty,
// real termios), the test writes what the plate's firmware would print from the plate's own
// thread. The emulator reads nothing the driver might send, but can tell whether it sent anything.
#include <array>
#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <thread>

#include "core/plate.hpp"

namespace stance::serial::test {

class EmulatedSerialPlate {
 public:
  EmulatedSerialPlate();  // both ends raw, no echo
  ~EmulatedSerialPlate();
  EmulatedSerialPlate(const EmulatedSerialPlate&) = delete;
  EmulatedSerialPlate& operator=(const EmulatedSerialPlate&) = delete;

  const std::string& path() const { return path_; }
  // The test's own handle of the port: the termios the driver set, the bytes not yet read.
  int port_fd() const { return slave_fd_; }

  // Writes all of `bytes` (waiting while the port's queue is full), from the calling thread.
  void write(std::string_view bytes);
  // Runs `firmware` on the plate's own thread; join() waits for it.
  void run(std::function<void(EmulatedSerialPlate&)> firmware);
  void join();
  // Waits until the driver has read every byte written so far.
  void wait_drained();
  // The cable pulled: the terminal's other end closes, the driver's port hangs up. On the
  // firmware's thread; from another thread, ask with pull_cable() and let the firmware see it.
  void hang_up();
  void pull_cable() { cable_pulled_ = true; }
  bool cable_pulled() const { return cable_pulled_; }
  // The emulator is being taken down: a free-running firmware stops.
  bool closing() const { return closing_; }
  // Whether anything was ever written to the plate (Stance must never write to a serial port).
  bool received_anything();

 private:
  int master_fd_ = -1;
  int slave_fd_ = -1;
  std::string path_;
  std::thread firmware_;
  std::atomic<bool> closing_{false};
  std::atomic<bool> cable_pulled_{false};
};

// A rectangle of four cells, in the driver's order (rear-left, rear-right, front-right,
// front-left), its gain and each cell's zero offset.
struct EmulatedCells {
  double half_width_m = 0.18;
  double half_length_m = 0.18;
  double newtons_per_count = 0.002;
  std::array<std::int32_t, 4> zero_counts{12000, -8000, 5000, 30000};
  // Each cell's newtons per count over the plate file's: what the known-mass gain fit finds.
  std::array<double, 4> true_gain_factor{1.0, 1.0, 1.0, 1.0};
  std::array<CellPosition, 4> positions() const;
};

// The counts for a vertical force at `cop` (plate frame), shared bilinearly over the cells (so
// the cells' moment puts the COP exactly there), plus a small deterministic ripple from `k`.
std::array<std::int32_t, 4> counts_for_load(const EmulatedCells& cells, double fz_n,
                                            CellPosition cop, std::uint32_t k);

// "t,c1,c2,c3,c4\n" with t = k × period.
std::string sample_line(std::uint32_t t_us, const std::array<std::int32_t, 4>& counts);

}  // namespace stance::serial::test
