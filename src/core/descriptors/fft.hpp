#pragma once
// A small discrete Fourier transform for the spectral and diffusion descriptors: iterative radix-2
// for powers of two, Bluestein's chirp-z for any other length (Bluestein 1970, IEEE Trans Audio
// Electroacoust 18:451), so no FFT library is needed. Plans are built once and reused.
#include <complex>
#include <cstddef>
#include <vector>

namespace stance {

using Complex = std::complex<double>;

// Radix-2 FFT of a fixed power-of-two length, unnormalised in both directions.
class Radix2Fft {
 public:
  explicit Radix2Fft(std::size_t n);  // n must be a power of two (>= 1)
  std::size_t size() const { return n_; }
  void forward(Complex* data) const { run(data, false); }
  void inverse(Complex* data) const { run(data, true); }  // without the 1/n factor

 private:
  void run(Complex* data, bool inverse) const;
  std::size_t n_;
  std::vector<std::size_t> swap_pairs_;  // bit-reversal permutation as (i, j) pairs, i < j
  std::vector<Complex> twiddles_;  // per stage of half-size m: exp(-iπk/m), k < m, at m − 1
  // Radix-4 steps (two radix-2 stages m and 2m at once) from m = 4: for k < m, W^k, W^2k, W^3k
  // with W = exp(−2πi / 4m), stored one step after another.
  std::vector<Complex> twiddles4_;
};

// DFT of any length n >= 1: X_k = Σ_j x_j exp(−2πi jk/n).
class Dft {
 public:
  explicit Dft(std::size_t n);
  std::size_t size() const { return n_; }
  // In place on n values. `scratch` is resized as needed (kept by the caller to avoid allocation).
  void forward(Complex* data, std::vector<Complex>& scratch) const;

 private:
  std::size_t n_;
  bool pow2_;
  Radix2Fft fft_;                         // length n (pow2) or the Bluestein convolution length
  std::vector<Complex> chirp_;            // exp(−iπ j²/n), j < n
  std::vector<Complex> kernel_spectrum_;  // FFT of the conjugate chirp, wrapped
};

bool is_power_of_two(std::size_t n);
std::size_t next_power_of_two(std::size_t n);

// Plans reused across calls on the same thread (the last few sizes), since building one costs
// about as much as a transform.
const Radix2Fft& cached_radix2_fft(std::size_t n);
const Dft& cached_dft(std::size_t n);

}  // namespace stance
