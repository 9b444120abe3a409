#include "squat_test_util.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "core/recording_samples.hpp"
#include "device/trial_recorder.hpp"
#include "simulated/simulated_driver.hpp"

namespace stance::test {

SimTrial simulate(const std::string& options, double seconds, double extra_s) {
  SimTrial t;
  auto plate = sim::SimulatedDriver::open_simulated("realtime=0," + options);
  if (!plate) {
    ADD_FAILURE() << options << ": " << plate.error().message;
    return t;
  }
  t.truth = (*plate)->subject().truth();
  RecordRequest request;
  request.seconds = seconds > 0.0 ? seconds : t.truth.trial_end_s + extra_s;
  auto outcome = record_trial(**plate, request);
  if (!outcome) {
    ADD_FAILURE() << options << ": " << outcome.error().message;
    return t;
  }
  t.samples = samples_from_recording(outcome->recording);
  t.plate = outcome->recording.plate;
  t.faults = (*plate)->fault_truth();
  return t;
}

namespace {
std::vector<double> ranks(const std::vector<double>& x) {
  std::vector<std::size_t> order(x.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return x[a] < x[b]; });
  std::vector<double> r(x.size());
  for (std::size_t i = 0; i < order.size();) {
    std::size_t j = i;
    while (j + 1 < order.size() && x[order[j + 1]] == x[order[i]]) ++j;
    for (std::size_t k = i; k <= j; ++k) r[order[k]] = 0.5 * static_cast<double>(i + j);
    i = j + 1;
  }
  return r;
}
}  // namespace

double spearman(const std::vector<double>& a, const std::vector<double>& b) {
  const std::vector<double> ra = ranks(a), rb = ranks(b);
  const double n = static_cast<double>(a.size());
  const double ma = std::accumulate(ra.begin(), ra.end(), 0.0) / n;
  const double mb = std::accumulate(rb.begin(), rb.end(), 0.0) / n;
  double sab = 0, saa = 0, sbb = 0;
  for (std::size_t i = 0; i < ra.size(); ++i) {
    sab += (ra[i] - ma) * (rb[i] - mb);
    saa += (ra[i] - ma) * (ra[i] - ma);
    sbb += (rb[i] - mb) * (rb[i] - mb);
  }
  return saa > 0 && sbb > 0 ? sab / std::sqrt(saa * sbb) : 0.0;
}

}  // namespace stance::test
