#include "core/descriptors/fft.hpp"

#include <cmath>
#include <deque>
#include <memory>
#include <numbers>

namespace stance {

bool is_power_of_two(std::size_t n) {
  return n != 0 && (n & (n - 1)) == 0;
}

std::size_t next_power_of_two(std::size_t n) {
  std::size_t p = 1;
  while (p < n) p <<= 1;
  return p;
}

Radix2Fft::Radix2Fft(std::size_t n) : n_(is_power_of_two(n) ? n : next_power_of_two(n)) {
  // Bit-reversal pairs, built incrementally (Gold & Rader).
  for (std::size_t i = 0, j = 0; i < n_; ++i) {
    if (i < j) {
      swap_pairs_.push_back(i);
      swap_pairs_.push_back(j);
    }
    std::size_t bit = n_ >> 1;
    while (bit != 0 && (j & bit) != 0) {
      j ^= bit;
      bit >>= 1;
    }
    j |= bit;
  }
  if (n_ < 2) return;
  // exp(−2πik/n) for k < n/2 from an eighth of a turn of sin/cos and the circle's symmetries.
  std::vector<Complex> base(n_ / 2);
  const double step = 2.0 * std::numbers::pi / static_cast<double>(n_);
  if (n_ < 8) {
    for (std::size_t k = 0; k < n_ / 2; ++k) {
      base[k] = std::polar(1.0, -step * static_cast<double>(k));
    }
  } else {
    const std::size_t quarter = n_ / 4, eighth = n_ / 8;
    for (std::size_t k = 0; k <= eighth; ++k) {
      const double c = std::cos(step * static_cast<double>(k));
      const double si = std::sin(step * static_cast<double>(k));
      base[k] = {c, -si};
      base[quarter - k] = {si, -c};
      if (k > 0) base[quarter + k] = {-si, -c};
      if (k > 0 && quarter + eighth + k < n_ / 2) base[n_ / 2 - k] = {-c, -si};
    }
  }
  // Twiddles of every stage stored contiguously so the inner loop reads them in order:
  // stage of half-size m uses exp(−iπk/m) = base[k · n/(2m)].
  twiddles_.resize(n_ - 1);
  for (std::size_t m = 1; m < n_; m <<= 1) {
    const std::size_t stride = n_ / (2 * m);
    for (std::size_t k = 0; k < m; ++k) twiddles_[m - 1 + k] = base[k * stride];
  }
  for (std::size_t m = 4; 4 * m <= n_; m <<= 2) {
    const std::size_t stride = n_ / (4 * m);  // W^j = base[j · stride], j < 2m
    for (std::size_t k = 0; k < m; ++k) {
      twiddles4_.push_back(base[k * stride]);
      twiddles4_.push_back(base[2 * k * stride]);
      const std::size_t j3 = 3 * k * stride;  // may pass n/2: W^(j + n/2) = −W^j
      twiddles4_.push_back(j3 < n_ / 2 ? base[j3] : -base[j3 - n_ / 2]);
    }
  }
}

void Radix2Fft::run(Complex* data, bool inverse) const {
  for (std::size_t p = 0; p < swap_pairs_.size(); p += 2) {
    std::swap(data[swap_pairs_[p]], data[swap_pairs_[p + 1]]);
  }
  // Plain arithmetic on re/im: std::complex multiplication carries NaN/inf checks we do not need.
  auto* d = reinterpret_cast<double*>(data);  // NOLINT: std::complex<double> is array-compatible
  const double sign = inverse ? -1.0 : 1.0;
  if (n_ >= 4) {
    // The first two stages have twiddles 1 and ∓i: no multiplications, one pass over 4 values.
    for (std::size_t s = 0; s < 2 * n_; s += 8) {
      const double ar = d[s] + d[s + 2], ai = d[s + 1] + d[s + 3];
      const double br = d[s] - d[s + 2], bi = d[s + 1] - d[s + 3];
      const double cr = d[s + 4] + d[s + 6], ci = d[s + 5] + d[s + 7];
      const double er = d[s + 4] - d[s + 6], ei = d[s + 5] - d[s + 7];
      // e · (−i) for the forward transform, e · i for the inverse.
      const double fr = sign * ei, fi = -sign * er;
      d[s] = ar + cr;
      d[s + 1] = ai + ci;
      d[s + 4] = ar - cr;
      d[s + 5] = ai - ci;
      d[s + 2] = br + fr;
      d[s + 3] = bi + fi;
      d[s + 6] = br - fr;
      d[s + 7] = bi - fi;
    }
  }
  std::size_t m = n_ >= 4 ? 4 : 1;
  // Radix-4 steps: with a = W^2k·x1, b = W^k·x2, c = W^3k·x3 (W = e^(∓2πi/4m)), the two
  // stages give x0 + a ± (b + c) and x0 − a ∓ i(b − c).
  const Complex* w4 = twiddles4_.data();
  for (; 4 * m <= n_; m <<= 2) {
    for (std::size_t start = 0; start < n_; start += 4 * m) {
      for (std::size_t k = 0; k < m; ++k) {
        const Complex* w = w4 + 3 * k;
        const std::size_t i0 = 2 * (start + k), i1 = i0 + 2 * m, i2 = i1 + 2 * m, i3 = i2 + 2 * m;
        const double w1r = w[1].real(), w1i = sign * w[1].imag();  // W^2k, for x1
        const double w2r = w[0].real(), w2i = sign * w[0].imag();  // W^k, for x2
        const double w3r = w[2].real(), w3i = sign * w[2].imag();  // W^3k, for x3
        const double ar = w1r * d[i1] - w1i * d[i1 + 1], ai = w1r * d[i1 + 1] + w1i * d[i1];
        const double br = w2r * d[i2] - w2i * d[i2 + 1], bi = w2r * d[i2 + 1] + w2i * d[i2];
        const double cr = w3r * d[i3] - w3i * d[i3 + 1], ci = w3r * d[i3 + 1] + w3i * d[i3];
        const double x0r = d[i0], x0i = d[i0 + 1];
        const double pr = x0r + ar, pi = x0i + ai, qr = x0r - ar, qi = x0i - ai;
        const double sr = br + cr, si = bi + ci;
        // −i·(b − c) forward, +i·(b − c) inverse.
        const double tr = sign * (bi - ci), ti = -sign * (br - cr);
        d[i0] = pr + sr;
        d[i0 + 1] = pi + si;
        d[i2] = pr - sr;
        d[i2 + 1] = pi - si;
        d[i1] = qr + tr;
        d[i1 + 1] = qi + ti;
        d[i3] = qr - tr;
        d[i3 + 1] = qi - ti;
      }
    }
    w4 += 3 * m;
  }
  for (; m < n_; m <<= 1) {  // a last radix-2 stage when the stage count is odd
    const Complex* w = twiddles_.data() + (m - 1);
    for (std::size_t start = 0; start < n_; start += 2 * m) {
      for (std::size_t k = 0; k < m; ++k) {
        const double wr = w[k].real(), wi = sign * w[k].imag();
        const std::size_t a = 2 * (start + k), b = 2 * (start + k + m);
        const double tr = wr * d[b] - wi * d[b + 1];
        const double ti = wr * d[b + 1] + wi * d[b];
        d[b] = d[a] - tr;
        d[b + 1] = d[a + 1] - ti;
        d[a] += tr;
        d[a + 1] += ti;
      }
    }
  }
}

Dft::Dft(std::size_t n)
    : n_(n), pow2_(is_power_of_two(n)), fft_(pow2_ ? n : next_power_of_two(2 * n - 1)) {
  if (pow2_) return;
  const std::size_t m = fft_.size();
  chirp_.resize(n);
  for (std::size_t j = 0; j < n; ++j) {
    // j² mod 2n keeps the angle small, so it stays exact for long transforms.
    const std::size_t j2 = (j * j) % (2 * n);
    const double angle = -std::numbers::pi * static_cast<double>(j2) / static_cast<double>(n);
    chirp_[j] = {std::cos(angle), std::sin(angle)};
  }
  kernel_spectrum_.assign(m, Complex{});
  kernel_spectrum_[0] = std::conj(chirp_[0]);
  for (std::size_t j = 1; j < n; ++j) {
    kernel_spectrum_[j] = std::conj(chirp_[j]);
    kernel_spectrum_[m - j] = std::conj(chirp_[j]);
  }
  fft_.forward(kernel_spectrum_.data());
}

void Dft::forward(Complex* data, std::vector<Complex>& scratch) const {
  if (pow2_) {
    fft_.forward(data);
    return;
  }
  // Bluestein: jk = (j² + k² − (k − j)²) / 2 turns the DFT into a convolution with a chirp.
  const std::size_t m = fft_.size();
  scratch.assign(m, Complex{});
  for (std::size_t j = 0; j < n_; ++j) scratch[j] = data[j] * chirp_[j];
  fft_.forward(scratch.data());
  for (std::size_t i = 0; i < m; ++i) scratch[i] *= kernel_spectrum_[i];
  fft_.inverse(scratch.data());
  const double scale = 1.0 / static_cast<double>(m);
  for (std::size_t k = 0; k < n_; ++k) data[k] = scratch[k] * chirp_[k] * scale;
}

namespace {

template <typename Plan>
const Plan& cached(std::size_t n) {
  constexpr std::size_t kPlans = 4;
  thread_local std::deque<std::unique_ptr<Plan>> plans;
  for (const auto& p : plans) {
    if (p->size() == n) return *p;
  }
  if (plans.size() == kPlans) plans.pop_back();
  plans.push_front(std::make_unique<Plan>(n));
  return *plans.front();
}

}  // namespace

const Radix2Fft& cached_radix2_fft(std::size_t n) {
  return cached<Radix2Fft>(is_power_of_two(n) ? n : next_power_of_two(n));
}

const Dft& cached_dft(std::size_t n) {
  return cached<Dft>(n);
}

}  // namespace stance
