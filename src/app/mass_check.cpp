#include "app/mass_check.hpp"

#include "core/units.hpp"
#include "recording/plate_adjustment_file.hpp"
#include "services/data_dirs.hpp"
#include "services/plate_calibration.hpp"
#include "support/format.hpp"

namespace stance::app {

std::string MassCheck::step_address(const LiveSource& source, bool with_mass, double mass_kg,
                                    std::optional<CellPosition> at) {
  if (!source.simulated()) return source.address();
  std::string a = source.address() + (source.address() == "sim" ? ":" : ",");
  if (!with_mass) return a + "load=none";
  a += "load=mass,mass=" + fixed(mass_kg, 1);
  if (at) a += ",mass_at_mm=" + fixed(mm_from_m(at->x_m), 1) + ":" + fixed(mm_from_m(at->y_m), 1);
  return a;
}

void MassCheck::restart() {
  if (busy()) return;
  stage_ = Stage::kTare;
  message_.clear();
  failed_ = false;
  tare_.reset();
  check_.reset();
}

void MassCheck::start_tare(LiveSource& source) {
  if (busy()) return;
  stage_ = Stage::kTaring;
  message_ = "Recording the empty plate for " + fixed(seconds, 1) + " s: nobody touches it.";
  launch(source, false);
}

void MassCheck::start_check(LiveSource& source) {
  if (busy()) return;
  stage_ = Stage::kChecking;
  message_ = "Recording the mass for " + fixed(seconds, 1) + " s: hands off the plate.";
  launch(source, true);
}

void MassCheck::launch(LiveSource& source, bool with_mass) {
  failed_ = false;
  std::optional<CellPosition> at;
  if (position_known) at = CellPosition{m_from_mm(at_x_mm), m_from_mm(at_y_mm)};
  const std::string address =
      step_address(source, with_mass, simulated_mass_kg > 0.0 ? simulated_mass_kg : mass_kg, at);
  source.close();  // the plate streams to one reader: the live view pauses meanwhile
  const DriverRegistry& drivers = source.drivers();
  running_ = std::async(std::launch::async, [&drivers, address, with_mass, at, this_mass = mass_kg,
                                             s = seconds]() {
    Outcome out;
    auto opened = open_for_calibration(drivers, address, s, !with_mass);
    if (!opened) {
      out.error = opened.error().message;
      return out;
    }
    if (with_mass) {
      auto check = known_mass_step(*opened, this_mass, at);
      if (!check) {
        out.error = check.error().message;
        return out;
      }
      out.check = *check;
    } else {
      auto tare = tare_step(*opened);
      if (!tare) {
        out.error = tare.error().message;
        return out;
      }
      out.tare = *tare;
    }
    if (Status saved = save_plate_adjustment(plate_adjustments_dir(), opened->adjustment); !saved) {
      out.error = "not saved: " + saved.error().message;
      return out;
    }
    out.saved_to =
        plate_adjustment_path(plate_adjustments_dir(), opened->adjustment.serial).string();
    return out;
  });
}

void MassCheck::poll(LiveSource& source) {
  if (!busy() || !running_.valid()) return;
  if (running_.wait_for(std::chrono::seconds(0)) != std::future_status::ready) return;
  const Outcome out = running_.get();
  const bool was_tare = stage_ == Stage::kTaring;
  (void)source.idle();  // the live plate again (an error shows in the device view)
  if (!out.error.empty()) {
    failed_ = true;
    stage_ = was_tare ? Stage::kTare : Stage::kPlaceMass;
    message_ = out.error;
    return;
  }
  if (was_tare) {
    tare_ = out.tare;
    stage_ = Stage::kPlaceMass;
    message_ = "Zero set and saved to " + out.saved_to + ".";
    for (const std::string& w : tare_->warnings) message_ += " Warning: " + w;
    return;
  }
  check_ = out.check;
  stage_ = Stage::kDone;
  failed_ = !check_->passed;
  message_ =
      "Check " + check_->summary + " (saved with the plate's calibration in " + out.saved_to + ").";
}

}  // namespace stance::app
