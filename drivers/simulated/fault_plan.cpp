#include "simulated/fault_plan.hpp"

#include <cmath>
#include <string>

namespace stance::sim {
namespace {

Status check_time(const char* what, double t_s) {
  if (!std::isfinite(t_s) || t_s < 0.0) {
    return Error{std::string("fault time ") + what + "=" + std::to_string(t_s) +
                 " must be a time in seconds >= 0"};
  }
  return {};
}

Status check_bursts(const char* what, const std::vector<FrameBurst>& bursts) {
  for (const auto& b : bursts) {
    if (Status s = check_time(what, b.at_s); !s) return s;
    if (b.count == 0) return Error{std::string("fault ") + what + " needs at least one frame"};
  }
  return {};
}

}  // namespace

Status FaultPlan::validate(int channel_count) const {
  if (Status s = check_bursts("drop", device_drops); !s) return s;
  if (Status s = check_bursts("crc", crc_errors); !s) return s;
  if (Status s = check_bursts("sync", sync_errors); !s) return s;
  if (Status s = check_bursts("adc_error", adc_errors); !s) return s;
  if (!(loss_probability >= 0.0 && loss_probability < 1.0)) {
    return Error{"frame loss probability must be in [0, 1)"};
  }
  for (const auto& o : overloads) {
    if (Status s = check_time("overload", o.from_s); !s) return s;
    if (!(o.to_s > o.from_s)) return Error{"an overload must end after it starts"};
    if (o.channel < 0 || o.channel >= channel_count) {
      return Error{"overload channel " + std::to_string(o.channel) +
                   " does not exist; this plate has " + std::to_string(channel_count) +
                   " channels (0.." + std::to_string(channel_count - 1) + ")"};
    }
  }
  for (double t : resets_s) {
    if (Status s = check_time("reset", t); !s) return s;
  }
  if (unplug_s) return check_time("unplug", *unplug_s);
  return {};
}

std::uint64_t FaultSchedule::first_sample_at(double t_s, std::uint16_t rate_hz) {
  // Tolerate rounding so that t = n / rate lands on sample n.
  const double n = std::ceil(t_s * rate_hz - 1e-6);
  return n <= 0.0 ? 0 : static_cast<std::uint64_t>(n);
}

FaultSchedule::FaultSchedule(const FaultPlan& plan, std::uint16_t rate_hz) {
  const auto bursts = [rate_hz](const std::vector<FrameBurst>& in) {
    std::vector<Range> out;
    for (const auto& b : in) {
      const std::uint64_t first = first_sample_at(b.at_s, rate_hz);
      out.push_back({first, first + b.count});
    }
    return out;
  };
  drops_ = bursts(plan.device_drops);
  crc_ = bursts(plan.crc_errors);
  sync_ = bursts(plan.sync_errors);
  adc_ = bursts(plan.adc_errors);
  for (const auto& o : plan.overloads) {
    overloads_.push_back(
        {{first_sample_at(o.from_s, rate_hz), first_sample_at(o.to_s, rate_hz)}, o.channel});
  }
  for (double t : plan.resets_s) resets_.push_back(first_sample_at(t, rate_hz));
  if (plan.unplug_s) unplug_ = first_sample_at(*plan.unplug_s, rate_hz);
}

bool FaultSchedule::in_any(const std::vector<Range>& ranges, std::uint64_t sample) {
  for (const auto& r : ranges) {
    if (sample >= r.first && sample < r.end) return true;
  }
  return false;
}

SampleFaults FaultSchedule::at(std::uint64_t sample) const {
  SampleFaults f;
  f.unplugged = unplug_ && sample >= *unplug_;
  f.device_drop = in_any(drops_, sample);
  f.crc_error = in_any(crc_, sample);
  f.sync_error = in_any(sync_, sample);
  f.adc_error = in_any(adc_, sample);
  for (std::uint64_t r : resets_) f.reset_before = f.reset_before || (r == sample && r > 0);
  for (const auto& [range, channel] : overloads_) {
    if (sample >= range.first && sample < range.end) {
      f.saturate_mask = static_cast<std::uint16_t>(f.saturate_mask | (1u << channel));
    }
  }
  return f;
}

}  // namespace stance::sim
