// `stance knee VIDEO` end to end on a video file the test writes.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <sstream>

#include "cli/cli.hpp"
#include "cli/command.hpp"
#include "temp_dir.hpp"
#include "video_file.hpp"

namespace stance::test {
namespace {

struct CliRun {
  int code;
  std::string out, err;
};

CliRun stance(const std::vector<std::string>& args) {
  std::ostringstream out, err;
  const int code = cli::run(args, out, err, {cli::knee_command()});  // as stance-knee runs it
  return {code, out.str(), err.str()};
}

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto p = text.find(what); p != std::string::npos; p = text.find(what, p + 1)) ++n;
  return n;
}

TEST(KneeCommand, JsonHasEveryFrameAndSquat) {
  TempDir dir("stance-knee");
  SceneOptions o;
  o.limb = Limb::kLeft;
  o.ankle_x_px = 350.0;
  const SyntheticSquat scene(o);
  const std::string path = dir.path("squat.avi").string();
  ASSERT_TRUE(write_mjpeg_avi(scene, path));
  const CliRun r = stance({"knee", path, "--limb", "left", "--json"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(count(r.out, "\"fppa_deg\":"), static_cast<std::size_t>(scene.frame_count()));
  EXPECT_EQ(count(r.out, "\"peak_fppa_deg\":"), 5u);
  EXPECT_EQ(count(r.out, "\"fppa_deg\": null"), 0u);
  EXPECT_NE(r.out.find("\"limb\": \"left\""), std::string::npos);
  EXPECT_NE(r.out.find("\"mean_peak_fppa_deg\": "), std::string::npos);
  EXPECT_NE(r.out.find("\"squats_in_mean\": 4"), std::string::npos);
  // Squat 3 was designed to 16° ± the wobble: the JSON's number, read back.
  std::vector<double> peaks;
  for (auto p = r.out.find("\"peak_fppa_deg\": "); p != std::string::npos;
       p = r.out.find("\"peak_fppa_deg\": ", p + 1)) {
    peaks.push_back(std::stod(r.out.substr(p + 17)));
  }
  ASSERT_EQ(peaks.size(), 5u);
  EXPECT_GT(peaks[2], 15.0);
  EXPECT_LT(peaks[2], 18.0);
}

TEST(KneeCommand, TextForPeople) {
  TempDir dir("stance-knee");
  const SyntheticSquat scene(SceneOptions{});
  const std::string path = dir.path("squat.avi").string();
  ASSERT_TRUE(write_mjpeg_avi(scene, path));
  const CliRun r = stance({"knee", path});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("peak FPPA (°)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Mean of squats 1–4"), std::string::npos);
  EXPECT_NE(r.out.find("valgus"), std::string::npos);
  std::printf("%s", r.out.c_str());
}

// A file cut short on disk: the squats it holds, and the reason said once.
TEST(KneeCommand, FileCutShortIsSaidOnce) {
  TempDir dir("stance-knee");
  const SyntheticSquat scene(SceneOptions{});
  const std::string path = dir.path("cut.avi").string();
  ASSERT_TRUE(write_mjpeg_avi(scene, path));
  std::filesystem::resize_file(path, std::filesystem::file_size(path) * 7 / 10);  // in squat 4
  const CliRun r = stance({"knee", path});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(count(r.out, "the file is cut short"), 1u) << r.out;
  EXPECT_NE(r.out.find("(not wholly on video)"), std::string::npos) << r.out;
}

TEST(KneeCommand, OneClearLineForEachError) {
  TempDir dir("stance-knee");
  const auto text = dir.write("notes.avi", "not a video\n");
  struct Case {
    std::vector<std::string> args;
    std::string expected;
    int code;  // 1 failed, 2 wrong usage (a value the option does not take)
  };
  for (const auto& [args, expected, code] :
       std::vector<Case>{{{"knee", dir.path("missing.avi").string()}, "no such file", 1},
                         {{"knee", text.string()}, "not a video", 1},
                         {{"knee", text.string(), "--limb", "up"},
                          "--limb must be left or right, not 'up'",
                          2}}) {
    const CliRun r = stance(args);
    EXPECT_EQ(r.code, code) << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
    EXPECT_NE(r.err.find(expected), std::string::npos) << r.err;
  }
  SceneOptions o;
  o.marker_radius_px = 0.0;
  o.peak_fppa_deg = {10.0};
  const SyntheticSquat scene(o);
  const std::string plain = dir.path("plain.avi").string();
  ASSERT_TRUE(write_mjpeg_avi(scene, plain, 20));
  const CliRun r = stance({"knee", plain});
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("no markers found"), std::string::npos) << r.err;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
}

}  // namespace
}  // namespace stance::test
