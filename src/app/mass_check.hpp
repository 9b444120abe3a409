#pragma once
// The device view's guided tare and known-mass check (docs/calibration.md): the same steps as
// `stance calibrate tare` and `check`, run on a thread of their own while the live plate is
// closed (a plate streams to one reader), then saved for the plate's serial and the live plate
// reopened. On the simulated plate each step gets the simulated load it needs (an empty plate,
// then the mass), so the procedure can be practised and tested.
#include <future>
#include <optional>
#include <string>

#include "app/live_source.hpp"
#include "core/calibration_check.hpp"

namespace stance::app {

class MassCheck {
 public:
  enum class Stage : std::uint8_t { kTare, kTaring, kPlaceMass, kChecking, kDone };

  // Set in the view before each step.
  double mass_kg = 20.0;
  bool position_known = false;  // the mass stands on a marked spot: its COP is checked too
  double at_x_mm = 0.0, at_y_mm = 0.0;
  double seconds = 2.0;
  // The simulated plate carries this mass instead of mass_kg: a wrong mass typed, so a check
  // fails (scripts and tests); 0: the mass typed.
  double simulated_mass_kg = 0.0;

  Stage stage() const { return stage_; }
  bool busy() const { return stage_ == Stage::kTaring || stage_ == Stage::kChecking; }
  const std::string& message() const { return message_; }  // what happened, what to do next
  bool failed() const { return failed_; }
  const std::optional<TareResult>& tare() const { return tare_; }
  const std::optional<KnownMassCheck>& check() const { return check_; }

  void start_tare(LiveSource& source);
  void start_check(LiveSource& source);
  void skip_tare() { stage_ = Stage::kPlaceMass; }
  void restart();  // back to the tare, keeping the mass and where it stands
  // UI thread, once per frame: takes a finished step, saves it, reopens the live plate.
  void poll(LiveSource& source);

  // The address each step opens: the plate's own, or the simulated plate with that step's load.
  static std::string step_address(const LiveSource& source, bool with_mass, double mass_kg,
                                  std::optional<CellPosition> at);

 private:
  struct Outcome {
    std::optional<TareResult> tare;
    std::optional<KnownMassCheck> check;
    std::string error, saved_to;
  };
  void launch(LiveSource& source, bool with_mass);

  Stage stage_ = Stage::kTare;
  std::string message_;
  bool failed_ = false;
  std::optional<TareResult> tare_;
  std::optional<KnownMassCheck> check_;
  std::future<Outcome> running_;
};

}  // namespace stance::app
