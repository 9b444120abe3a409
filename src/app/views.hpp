#pragma once
// One function per view (DESIGN, after ImHex): each draws only its own content from the session
// model and the latest live snapshot; the dashboard registers them in one place.
#include <imgui.h>

#include <memory>
#include <utility>

#include "app/actions.hpp"
#include "app/camera_texture.hpp"
#include "app/clinic_model.hpp"
#include "app/live_source.hpp"
#include "app/mass_check.hpp"
#include "app/plate_search.hpp"
#include "app/platform.hpp"
#include "app/session_model.hpp"
#include "live/live_snapshot.hpp"

namespace stance::app {

struct ViewContext {
  SessionModel& session;
  ClinicModel& clinic;
  LiveSource& source;
  MassCheck& mass_check;
  PlateSearch& plates;
  const live::LiveSnapshot& live;  // an empty snapshot when no plate is open
  const Fonts& fonts;
  Screen& shown_tab;
  CameraTexture& camera_texture;  // the tab ImGui shows (the model's screen may ask for another)
};

void draw_setup_view(ViewContext& v);
void draw_test_view(ViewContext& v);
void draw_results_view(ViewContext& v);
void draw_history_view(ViewContext& v);
void draw_device_view(ViewContext& v);

// The whole window: a header with the tabs, and the chosen view.
void draw_dashboard(ViewContext& v);

// The set-up view's parts: the patient search, list and form (view_patients.cpp), and the
// protocols with the form that adds a clinic's own (view_protocol_editor.cpp).
void draw_patient_chooser(ViewContext& v);
void draw_protocol_editor(ViewContext& v);

// The plate's trust (view_plate_trust.cpp): a line while it is not verified (also when it is,
// with `verified_too`), and the question "Begin session" asks first on a plate that needs its
// known-mass check.
void draw_plate_trust(ViewContext& v, bool verified_too);
void draw_plate_question(ViewContext& v);

// Parts shared by views.
void draw_cop_plot(const live::LiveSnapshot& s, ImVec2 size);
void draw_force_plot(const live::LiveSnapshot& s, ImVec2 size);
void draw_key_figures_table(const TrialAnalysis& analysis);
// The live plots' time axis, shared by the force and FPPA plots: the last force window, in seconds
// from the trial's first sample once it has one (so "touch-down at 5.3 s" sits at 5.3 s on the
// plots, as the verdict and the sheet count it), before that in the plate's own time.
struct TimeAxis {
  double min_s = 0.0, max_s = 0.0;  // the span shown, in the axis's time
  double origin_s = 0.0;            // plate time of the axis's 0
  std::string label;
};
TimeAxis live_time_axis(const live::LiveSnapshot& s);

// The camera (view_camera.cpp): what it shows now, live or replayed (null: no camera).
std::shared_ptr<const vision::CameraView> shown_camera(const ViewContext& v);
void draw_camera_picture(ViewContext& v, const vision::CameraView& cam, float width);
void draw_camera_advice(const vision::CameraView& cam);
void draw_fppa_plot(const live::LiveSnapshot& s, const vision::CameraView& cam, ImVec2 size);

}  // namespace stance::app
