// `stance record … --camera DEVICE`, `stance session record … --camera DEVICE` and `stance demo`
// in stance-knee: the plate's trials with the markers filmed beside them (the camera and its
// tracker need OpenCV, which `stance` itself never loads).
#include "cli/command.hpp"
#include "cli/store_commands.hpp"
#include "vision/marker_filming.hpp"

namespace stance::cli {
namespace {

class CameraFilming : public TrialFilming {
 public:
  explicit CameraFilming(std::unique_ptr<vision::MarkerFilming> filming)
      : filming_(std::move(filming)) {}
  Status start() override { return filming_->start(); }
  knee::MarkerTrack finish(double plate_end_s) override { return filming_->finish(plate_end_s); }

 private:
  std::unique_ptr<vision::MarkerFilming> filming_;
};

Result<std::unique_ptr<TrialFilming>> open_camera_filming(const std::string& camera,
                                                          const std::string& plate_device,
                                                          double plate_seconds) {
  auto filming = vision::open_marker_filming(camera, plate_device, plate_seconds);
  if (!filming) return filming.error();
  return std::unique_ptr<TrialFilming>(std::make_unique<CameraFilming>(std::move(*filming)));
}

int run_record_with_camera(const ParsedArgs& args, Context& context) {
  return record_to_file(args, context, open_camera_filming);
}

int run_session_record_with_camera(const ParsedArgs& args, Context& context) {
  return record_session(args, context, open_camera_filming);
}

int run_demo_with_camera(const ParsedArgs& args, Context& context) {
  return run_demo_filmed(args, context, open_camera_filming);
}

}  // namespace

std::vector<Command> filming_commands() {
  Command record = record_command();
  record.run = run_record_with_camera;
  Command session = session_record_command();
  session.run = run_session_record_with_camera;
  Command demo = demo_command();
  demo.run = run_demo_with_camera;
  return {record, session, demo};
}

}  // namespace stance::cli
