#include "core/sos_cascade.hpp"

#include "core/butterworth.hpp"

namespace stance {
namespace {

// Where one sample of the signal lives, in each channel.
struct Cursor {
  double* x = nullptr;
  double* y = nullptr;
};

struct OneChannel {
  using Lane = double;
  static Cursor at(const SignalPiece& p, Eigen::Index i) { return {p.x + i, nullptr}; }
  static Lane load(Cursor c) { return *c.x; }
  static void store(Cursor c, Lane v) { *c.x = v; }
};

// A sample of two channels. Plain doubles: with four recursions in flight a step is still bound
// by the latency of one recursion, not by the number of operations, so SIMD would gain nothing.
struct Pair {
  double x, y;
};
inline Pair operator*(double k, Pair v) {
  return {k * v.x, k * v.y};
}
inline Pair operator+(Pair a, Pair b) {
  return {a.x + b.x, a.y + b.y};
}
inline Pair operator-(Pair a, Pair b) {
  return {a.x - b.x, a.y - b.y};
}

struct TwoChannels {
  using Lane = Pair;
  static Cursor at(const SignalPiece& p, Eigen::Index i) { return {p.x + i, p.y + i}; }
  static Lane load(Cursor c) { return {*c.x, *c.y}; }
  static void store(Cursor c, Lane v) {
    *c.x = v.x;
    *c.y = v.y;
  }
};

template <class Lane>
struct State {
  Lane z1, z2;
};

// Resting state of a section under a constant input `first` (transposed direct form II): the
// section starts without a start-up transient.
template <class Lane>
State<Lane> steady_state(const Biquad& s, Lane first) {
  const double y = (s.b0 + s.b1 + s.b2) / (1.0 + s.a1 + s.a2);  // DC gain
  const double z2 = s.b2 - s.a2 * y;
  const double z1 = s.b1 - s.a1 * y + z2;
  return {z1 * first, z2 * first};
}

template <class Lane>
inline Lane tick(const Biquad& s, State<Lane>& st, Lane in) {
  const Lane y = s.b0 * in + st.z1;
  st.z1 = s.b1 * in - s.a1 * y + st.z2;
  st.z2 = s.b2 * in - s.a2 * y;
  return y;
}

// The pieces in the order of the pass; the first sample of the pass is primed by the caller.
struct Walk {
  std::span<const SignalPiece> pieces;
  bool backward;

  const SignalPiece& piece(std::size_t k) const {
    return pieces[backward ? pieces.size() - 1 - k : k];
  }
  Eigen::Index stride() const { return backward ? -1 : 1; }
  // Index of the k-th piece's first sample to visit, and how many follow it.
  Eigen::Index begin(std::size_t k) const {
    const Eigen::Index skip = k == 0 ? 1 : 0;
    return backward ? piece(k).count - 1 - skip : skip;
  }
  Eigen::Index count(std::size_t k) const { return piece(k).count - (k == 0 ? 1 : 0); }
  template <class Ch>
  Cursor first() const {
    return Ch::at(piece(0), backward ? piece(0).count - 1 : 0);
  }
};

template <class Ch>
void run_one(const Biquad& a, const Walk& walk) {
  using Lane = typename Ch::Lane;
  const Cursor c0 = walk.first<Ch>();
  const Lane in0 = Ch::load(c0);
  State<Lane> sa = steady_state(a, in0);
  Ch::store(c0, tick(a, sa, in0));
  for (std::size_t k = 0; k < walk.pieces.size(); ++k) {
    const SignalPiece& p = walk.piece(k);
    const Eigen::Index begin = walk.begin(k), count = walk.count(k), stride = walk.stride();
    for (Eigen::Index i = 0; i < count; ++i) {
      const Cursor c = Ch::at(p, begin + stride * i);
      Ch::store(c, tick(a, sa, Ch::load(c)));
    }
  }
}

// Sections a then b, b one sample behind a: the two recursions are independent within a step.
template <class Ch>
void run_two(const Biquad& a, const Biquad& b, const Walk& walk) {
  using Lane = typename Ch::Lane;
  Cursor pending = walk.first<Ch>();  // where b's next output goes
  const Lane in0 = Ch::load(pending);
  State<Lane> sa = steady_state(a, in0);
  Lane ya = tick(a, sa, in0);  // a's output for the pending sample, still to go through b
  State<Lane> sb = steady_state(b, ya);
  for (std::size_t k = 0; k < walk.pieces.size(); ++k) {
    const SignalPiece& p = walk.piece(k);
    const Eigen::Index begin = walk.begin(k), count = walk.count(k), stride = walk.stride();
    for (Eigen::Index i = 0; i < count; ++i) {
      const Cursor c = Ch::at(p, begin + stride * i);
      const Lane in = Ch::load(c);
      const Lane yb = tick(b, sb, ya);
      ya = tick(a, sa, in);
      Ch::store(pending, yb);
      pending = c;
    }
  }
  Ch::store(pending, tick(b, sb, ya));
}

template <class Ch>
void run_all(const std::vector<Biquad>& sections, const Walk& walk) {
  std::size_t k = 0;
  for (; k + 1 < sections.size(); k += 2) run_two<Ch>(sections[k], sections[k + 1], walk);
  if (k < sections.size()) run_one<Ch>(sections[k], walk);
}

}  // namespace

void run_cascade(const std::vector<Biquad>& sections, std::span<const SignalPiece> pieces,
                 bool backward) {
  if (pieces.empty()) return;
  const Walk walk{pieces, backward};
  if (pieces.front().y != nullptr) {
    run_all<TwoChannels>(sections, walk);
  } else {
    run_all<OneChannel>(sections, walk);
  }
}

}  // namespace stance
