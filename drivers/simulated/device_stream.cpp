#include "simulated/device_stream.hpp"

#include "spp_wire/spp_wire.hpp"

namespace stance::sim {

DeviceStream::DeviceStream(const PlateModel& plate, const SubjectModel& subject,
                           const FaultPlan& plan, const DeviceStreamConfig& config)
    : plate_(plate),
      subject_(subject),
      config_(config),
      schedule_(plan, config.rate_hz),
      loss_probability_(plan.loss_probability),
      noise_rng_(config.noise_seed),
      loss_rng_(config.loss_seed),
      clock_start_us_(config.clock_start_us) {}

std::size_t DeviceStream::sample_transfer(std::size_t samples, std::vector<std::uint8_t>& bytes) {
  const int channels = plate_.channel_count();
  const std::uint64_t period_us = 1000000u / config_.rate_hz;  // exact for every SPP rate
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  std::size_t taken = 0;
  for (; taken < samples; ++taken) {
    const std::uint64_t n = next_sample_;
    const SampleFaults fault = schedule_.at(n);
    if (fault.unplugged) {
      truth_.unplugged = true;
      truth_.unplug_sample = n;
      break;
    }
    ++next_sample_;
    ++truth_.samples;
    if (fault.reset_before) {
      // A restarted device counts from 0 again and its clock restarts too.
      seq_ = 0;
      clock_origin_sample_ = n;
      clock_start_us_ = 0;
      flag_next_dropped_ = false;
      truth_.reset_samples.push_back(n);
    }

    const SubjectLoad load = subject_.load_at(sample_time_s(n));
    const SurfaceLoad surface{load.fx_n,     load.fy_n,     load.fz_n,
                              load.cop_ml_m, load.cop_ap_m, load.free_moment_nm};
    const AdcSample adc =
        plate_.convert(plate_.wrench_for(surface), noise_rng_, fault.saturate_mask);
    // Drawn for every sample so that the loss pattern does not depend on other faults.
    const bool lost_on_bus = unit(loss_rng_) < loss_probability_;

    RawFrame frame;
    frame.seq = seq_++;
    frame.t_us =
        static_cast<std::uint32_t>(clock_start_us_ + (n - clock_origin_sample_) * period_us);
    if (fault.adc_error) {
      frame.flags = frame_flag::kAdcError;  // stale: the last good conversion again
      frame.counts = last_counts_;
    } else {
      frame.flags = adc.overload_flags;
      frame.counts = adc.counts;
      last_counts_ = adc.counts;
    }

    if (fault.device_drop) {
      ++truth_.device_dropped;
      flag_next_dropped_ = true;
      continue;
    }
    if (flag_next_dropped_) {
      frame.flags = static_cast<std::uint16_t>(frame.flags | frame_flag::kDeviceDropped);
      flag_next_dropped_ = false;  // if this frame is lost on the bus, so is the flag
    }
    if (lost_on_bus) {
      ++truth_.bus_lost;
      continue;
    }

    const std::size_t at = bytes.size();
    spp::encode_frame(frame, channels, bytes);
    ++truth_.frames_sent;
    if ((frame.flags & frame_flag::kOverloadMask) != 0) ++truth_.overload_frames;
    if ((frame.flags & frame_flag::kAdcError) != 0) ++truth_.adc_error_frames;
    if (fault.sync_error) {
      bytes[at] ^= 0xFF;  // 0xA55A becomes 0xA5A5
      ++truth_.sync_corrupted;
    } else if (fault.crc_error) {
      bytes[at + 12] ^= 0x01;  // one bit of the first count: the CRC no longer matches
      ++truth_.crc_corrupted;
    }
  }
  return taken;
}

}  // namespace stance::sim
