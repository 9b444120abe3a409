// The set-up view's protocol editor: the store's protocols (the built-in ones read-only) and a
// form that adds a clinic's own through the store worker, checked by the store as `stance
// protocol add` is; the new protocol is the protocol choice's at once.
#include <imgui.h>
#include <imgui_stdlib.h>

#include "app/protocol_form.hpp"
#include "app/theme.hpp"
#include "app/views.hpp"
#include "support/format.hpp"

namespace stance::app {
namespace {

std::string eyes_text(const std::vector<Eyes>& eyes) {
  std::string out;
  for (const Eyes e : eyes) out += (out.empty() ? "" : " and ") + std::string(to_string(e));
  return out;
}

void draw_protocol_table(const std::vector<TestProtocol>& protocols) {
  if (!ImGui::BeginTable(
          "##protocols", 6,
          ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp)) {
    return;
  }
  ImGui::TableSetupColumn("Name", ImGuiTableColumnFlags_None, 2.0f);
  ImGui::TableSetupColumn("Task", ImGuiTableColumnFlags_None, 0.7f);
  ImGui::TableSetupColumn("Trial", ImGuiTableColumnFlags_None, 0.8f);
  ImGui::TableSetupColumn("Trials/side", ImGuiTableColumnFlags_None, 0.8f);
  ImGui::TableSetupColumn("Eyes", ImGuiTableColumnFlags_None, 1.1f);
  ImGui::TableSetupColumn("Kind", ImGuiTableColumnFlags_None, 1.2f);
  ImGui::TableHeadersRow();
  for (const TestProtocol& p : protocols) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(p.name.c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(to_string(p.task));
    ImGui::TableNextColumn();
    if (p.task == Task::kSingleLegSquat) {
      ImGui::Text("%d squats", p.repetitions);
    } else {
      ImGui::Text("%s s", fixed(p.seconds, 0).c_str());
    }
    ImGui::TableNextColumn();
    ImGui::Text("%d", p.trials_per_side);
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(eyes_text(p.eyes).c_str());
    ImGui::TableNextColumn();
    const bool builtin = is_builtin_protocol(p.name);
    ImGui::TextColored(theme::colour(builtin ? theme::kMuted : theme::kGood), "%s",
                       builtin ? "built-in (read-only)" : "the clinic's");
  }
  ImGui::EndTable();
}

void draw_protocol_form(ViewContext& v) {
  ProtocolForm& f = v.clinic.protocol_form;
  ImGui::PushID("protocol_form");
  ImGui::TextUnformatted("Add a clinic protocol:");
  ImGui::SetNextItemWidth(260);
  ImGui::InputText("Name (e.g. squat-3x4)", &f.name);
  ImGui::TextUnformatted("Task:");
  ImGui::SameLine();
  if (ImGui::RadioButton("Single-leg stance", f.task == Task::kSingleLegStance)) {
    f.task = Task::kSingleLegStance;
  }
  ImGui::SameLine();
  if (ImGui::RadioButton("Single-leg squat", f.task == Task::kSingleLegSquat)) {
    f.task = Task::kSingleLegSquat;
  }
  ImGui::SetNextItemWidth(120);
  ImGui::InputDouble(f.task == Task::kSingleLegSquat ? "Longest trial (s)" : "Trial (s)",
                     &f.seconds, 0.0, 0.0, "%.0f");
  if (f.task == Task::kSingleLegSquat) {
    ImGui::SetNextItemWidth(120);
    ImGui::InputInt("Squats per trial", &f.repetitions, 0);
  }
  ImGui::SetNextItemWidth(120);
  ImGui::InputInt("Trials per side", &f.trials_per_side, 0);
  ImGui::TextUnformatted("Eyes:");
  ImGui::SameLine();
  ImGui::RadioButton("Open", &f.eyes, 0);
  ImGui::SameLine();
  ImGui::RadioButton("Closed", &f.eyes, 1);
  ImGui::SameLine();
  ImGui::RadioButton("Both (open, then closed)", &f.eyes, 2);
  ImGui::SetNextItemWidth(420);
  ImGui::InputText("Description (one line)", &f.description);
  const bool busy = f.saving || (v.session.active() && !v.session.finished());
  if (busy) ImGui::BeginDisabled();
  if (ImGui::Button("Add protocol")) add_protocol_form(v.session, v.clinic);
  if (busy) ImGui::EndDisabled();
  if (!f.outcome.empty()) {
    ImGui::TextColored(theme::colour(f.failed ? theme::kBad : theme::kGood), "%s",
                       f.outcome.c_str());
  }
  ImGui::PopID();
}

}  // namespace

void draw_protocol_editor(ViewContext& v) {
  if (v.clinic.protocol_form.reveal) {
    ImGui::SetNextItemOpen(true);
    v.clinic.protocol_form.reveal = false;
  }
  if (!ImGui::CollapsingHeader("Protocols: the store's, and adding the clinic's own")) return;
  draw_protocol_table(v.session.protocols);
  if (!v.clinic.has_store()) {
    ImGui::TextColored(theme::colour(theme::kMuted),
                       "Protocols are added to the clinic's store, and none is open.");
    return;
  }
  draw_protocol_form(v);
}

}  // namespace stance::app
