#pragma once
// Welch's averaged periodogram (Welch 1967, IEEE Trans Audio Electroacoust 15:70) of the ML and AP
// COP together, with the conventions of SciPy's scipy.signal.welch: periodic Hann window,
// per-segment detrending, zero padding to nfft, one-sided density (m²/Hz) scaled by
// 1 / (rate · Σw²), segments averaged by their mean.
#include <Eigen/Core>
#include <cstddef>

namespace stance {

enum class Detrend { kNone, kConstant, kLinear };
enum class FftLength {
  kSignalLength,    // nfft = number of samples (the published implementation's choice)
  kNextPowerOfTwo,  // nfft = smallest power of two >= zero_pad_factor × segment length
};

struct WelchSpec {
  double segment_s = 10.0;  // segment length; the whole signal when it is shorter
  double overlap = 0.5;     // fraction of a segment shared with the next
  Detrend detrend = Detrend::kLinear;
  FftLength fft_length = FftLength::kSignalLength;
  double zero_pad_factor = 1.0;  // for kNextPowerOfTwo
};

struct Psd {
  double rate_hz = 0.0;
  std::size_t nfft = 0, segment = 0, segments = 0;
  Eigen::ArrayXd freq_hz;   // k · rate / nfft, k = 0 … nfft/2
  Eigen::ArrayXd ml_m2_hz;  // one-sided power spectral density of ML
  Eigen::ArrayXd ap_m2_hz;  // and of AP
  double bin_hz() const { return nfft > 0 ? rate_hz / static_cast<double>(nfft) : 0.0; }
};

// Fewer than 2 samples give an empty Psd. ml and ap must have the same length.
Psd welch_psd(const Eigen::ArrayXd& ml, const Eigen::ArrayXd& ap, double rate_hz,
              const WelchSpec& spec);

}  // namespace stance
