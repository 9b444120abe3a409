#include "app/script.hpp"

#include <algorithm>
#include <sstream>

namespace stance::app {
namespace {

bool state_reached(const std::string& state, const SessionModel& session,
                   const live::LiveSnapshot& live) {
  using live::FlowState;
  if (state == "result") return session.current_result() != nullptr || session.finished();
  if (state == "waiting") return live.state == FlowState::kWaitingForPatient;
  if (state == "settling") return live.state == FlowState::kSettling;
  if (state == "recording") return live.state == FlowState::kRecording;
  if (state == "done") return live.state == FlowState::kDone;
  if (state == "interrupted") return live.state == FlowState::kInterrupted;
  return false;
}

bool is_number(const std::string& text) {
  char* end = nullptr;
  std::strtod(text.c_str(), &end);
  return !text.empty() && end == text.c_str() + text.size();
}

std::string line_prefix(const ScriptCommand& c) {
  return "script line " + std::to_string(c.line) + " (" + c.verb + "): ";
}

}  // namespace

Result<std::vector<ScriptCommand>> parse_script(const std::string& text) {
  static const std::vector<std::pair<std::string, std::size_t>> kVerbs{
      {"patient", 1},   {"involved", 1},   {"protocol", 1},     {"trials", 1},
      {"autostart", 1}, {"begin", 0},      {"start", 0},        {"stop", 0},
      {"redo", 0},      {"next", 0},       {"tab", 1},          {"wait", 1},
      {"frames", 1},    {"screenshot", 1}, {"expect_saved", 1}, {"quit", 0}};
  std::vector<ScriptCommand> out;
  std::istringstream in(text);
  std::string line;
  for (int n = 1; std::getline(in, line); ++n) {
    if (const auto hash = line.find('#'); hash != std::string::npos) line.erase(hash);
    std::istringstream words(line);
    ScriptCommand c;
    c.line = n;
    if (!(words >> c.verb)) continue;
    for (std::string w; words >> w;) c.args.push_back(w);
    bool known = false;
    for (const auto& [verb, min_args] : kVerbs) {
      if (verb != c.verb) continue;
      known = true;
      if (c.args.size() < min_args) {
        return Error{line_prefix(c) + "needs " + std::to_string(min_args) + " argument(s)"};
      }
    }
    if (!known) {
      return Error{"script line " + std::to_string(n) + ": unknown command '" + c.verb + "'"};
    }
    const bool numeric = c.verb == "frames" || c.verb == "protocol" || c.verb == "trials" ||
                         c.verb == "expect_saved";
    if ((numeric && !is_number(c.args[0])) ||
        (c.verb == "wait" && c.args.size() > 1 && !is_number(c.args[1]))) {
      return Error{line_prefix(c) + "expects a number"};
    }
    out.push_back(std::move(c));
  }
  return out;
}

ScriptRunner::Step ScriptRunner::advance(SessionModel& session, const live::LiveSnapshot& live,
                                         double now_s) {
  Step step;
  while (next_ < commands_.size()) {
    const ScriptCommand& c = commands_[next_];
    const std::string& a = c.args.empty() ? std::string() : c.args[0];
    if (c.verb == "wait") {
      const double limit = c.args.size() > 1 ? std::stod(c.args[1]) : 120.0;
      if (wait_started_s_ < 0) wait_started_s_ = now_s;
      if (!state_reached(a, session, live)) {
        if (now_s - wait_started_s_ > limit) {
          step.error = line_prefix(c) + "'" + a + "' not reached in time; the live state is '" +
                       to_string(live.state) + "'";
        }
        return step;
      }
      wait_started_s_ = -1.0;
    } else if (c.verb == "frames") {
      if (frames_left_ < 0) frames_left_ = std::stoi(a);
      if (frames_left_-- > 0) return step;
      frames_left_ = -1;
    } else if (c.verb == "screenshot") {
      step.screenshot = a;
      ++next_;
      return step;  // one screenshot per frame
    } else if (c.verb == "quit") {
      step.quit = true;
      ++next_;
      return step;
    } else if (c.verb == "expect_saved") {
      if (session.saved_count() != std::stoi(a)) {
        step.error = line_prefix(c) + std::to_string(session.saved_count()) +
                     " trials were saved, not " + a + " (" + session.message() + ")";
        return step;
      }
    } else {
      Status s;
      if (c.verb == "patient") session.patient_code = a;
      if (c.verb == "involved") {
        session.involved = a == "left"    ? Limb::kLeft
                           : a == "right" ? Limb::kRight
                                          : Limb::kUnspecified;
      }
      if (c.verb == "protocol") {
        const int index = std::stoi(a);
        if (index < 0 || index >= static_cast<int>(session.protocols.size())) {
          step.error = line_prefix(c) + "there are " + std::to_string(session.protocols.size()) +
                       " protocols, numbered from 0";
          return step;
        }
        session.protocol_index = index;
      }
      if (c.verb == "autostart") session.auto_start = a == "on";
      if (c.verb == "trials") {  // per side, for the chosen protocol (a shorter session)
        session.protocols[static_cast<std::size_t>(session.protocol_index)].trials_per_side =
            std::max(1, std::stoi(a));
      }
      if (c.verb == "begin") s = session.begin_session();
      if (c.verb == "start") session.start_now();
      if (c.verb == "stop") session.stop();
      if (c.verb == "redo") s = session.redo();
      if (c.verb == "next") s = session.next();
      if (c.verb == "tab") {
        session.screen = a == "test"      ? Screen::kTest
                         : a == "results" ? Screen::kResults
                         : a == "device"  ? Screen::kDevice
                                          : Screen::kSetup;
      }
      if (!s) {
        step.error = line_prefix(c) + s.error().message;
        return step;
      }
    }
    ++next_;
  }
  return step;
}

}  // namespace stance::app
