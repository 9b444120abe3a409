// The importers of plain recordings: the real public files (counts checked independently with awk
// and again here by a separate parse), hand-computed CSV cases, malformed files and random bytes.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "recording/csv_table.hpp"
#include "recording/import_any.hpp"
#include "temp_dir.hpp"

namespace stance {
namespace {

namespace fs = std::filesystem;
using ::testing::AllOf;
using ::testing::HasSubstr;

fs::path shared(const char* name) {
  return fs::path(STANCE_SHARED_DATA) / name;
}

// Every channel finite; lost samples all zero; unloaded samples with COP exactly 0.
void expect_clean(const ForceSamples& s) {
  ASSERT_EQ(s.fx_n.size(), s.size());
  ASSERT_EQ(s.fy_n.size(), s.size());
  ASSERT_EQ(s.cop_ml_m.size(), s.size());
  ASSERT_EQ(s.cop_ap_m.size(), s.size());
  ASSERT_EQ(static_cast<Eigen::Index>(s.flags.size()), s.size());
  EXPECT_TRUE(std::isfinite(s.rate_hz) && s.rate_hz > 0.0);
  EXPECT_TRUE(std::isfinite(s.t0_s));
  for (const Eigen::ArrayXd* c : {&s.fx_n, &s.fy_n, &s.fz_n, &s.cop_ml_m, &s.cop_ap_m}) {
    EXPECT_TRUE(c->allFinite());
  }
  for (Eigen::Index i = 0; i < s.size(); ++i) {
    if (has_flag(s.flags[i], SampleFlag::kMissing)) {
      EXPECT_EQ(s.fz_n[i], 0.0);
      EXPECT_EQ(s.fx_n[i], 0.0);
      EXPECT_EQ(s.cop_ml_m[i], 0.0);
    }
    if (has_flag(s.flags[i], SampleFlag::kLowForce)) {
      EXPECT_EQ(s.cop_ml_m[i], 0.0);
      EXPECT_EQ(s.cop_ap_m[i], 0.0);
    }
  }
}

// The rows of a Motive export after its header, parsed here without the library.
struct MotiveRow {
  double fz = 0, mx = 0, my = 0, cx = 0, cy = 0;
  bool all_zero = false;
};

std::vector<MotiveRow> read_motive_independently(const fs::path& path) {
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line) && line.rfind("MocapFrame", 0) != 0) {
  }
  std::vector<MotiveRow> rows;
  while (std::getline(in, line)) {
    std::vector<double> v;
    std::stringstream fields(line);
    std::string f;
    while (std::getline(fields, f, ',')) v.push_back(std::strtod(f.c_str(), nullptr));
    if (v.size() != 12) continue;
    MotiveRow r{v[5], v[6], v[7], v[9], v[10], false};
    r.all_zero = v[3] == 0 && v[4] == 0 && v[5] == 0 && v[6] == 0 && v[7] == 0 && v[8] == 0;
    rows.push_back(r);
  }
  return rows;
}

using test::TempDir;

ImportedRecording import_ok(const fs::path& path, ImportOptions options = {}) {
  Result<ImportedRecording> r = import_recording(path, options);
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
  if (!r.ok()) return {};
  expect_clean(r->samples);
  return std::move(r).value();
}

std::string import_error(const fs::path& path, ImportOptions options = {}) {
  Result<ImportedRecording> r = import_recording(path, options);
  EXPECT_FALSE(r.ok()) << "imported " << path;
  return r.ok() ? std::string() : r.error().message;
}

// ---- the real recordings -------------------------------------------------------------------

// awk -F, 'NR>35 && $4==0 && $5==0 && $6==0 && $7==0 && $8==0 && $9==0' gives 7 rows: frames
// 1, 2 and 15600..15604; 15598 loaded rows with mean Fz 582.2776 N.
constexpr Eigen::Index kMotiveRows = 15605;
constexpr Eigen::Index kMotiveAllZeroRows = 7;

TEST(MotiveImport, GridLostRowsAndMetadata) {
  const ImportedRecording rec = import_ok(shared("amti-quiet-stance-100hz.csv"));
  EXPECT_EQ(rec.format, "motive");
  EXPECT_EQ(rec.samples.size(), kMotiveRows);
  EXPECT_EQ(rec.rows_read, kMotiveRows);
  EXPECT_DOUBLE_EQ(rec.samples.rate_hz, 100.0);
  EXPECT_DOUBLE_EQ(rec.samples.t0_s, 0.0);
  EXPECT_TRUE(rec.samples.has_shear);
  EXPECT_EQ(rec.lost_samples, kMotiveAllZeroRows);
  EXPECT_EQ(rec.samples.count_flagged(SampleFlag::kMissing), kMotiveAllZeroRows);
  EXPECT_EQ(rec.samples.count_flagged(SampleFlag::kLowForce), 0);
  for (Eigen::Index i : {1, 2, 15600, 15601, 15602, 15603, 15604}) {
    EXPECT_TRUE(has_flag(rec.samples.flags[i], SampleFlag::kMissing)) << i;
  }
  EXPECT_EQ(rec.metadata.at("Take Name"), "sujet1droite");
  EXPECT_EQ(rec.metadata.at("Device Name"), "AMTI 3265 3265");
  EXPECT_EQ(rec.metadata.at("PlateLength"), "19.750000");
  EXPECT_EQ(rec.metadata.at("PlateWidth"), "19.750000");

  // The same count from an independent parse of the file.
  const std::vector<MotiveRow> rows =
      read_motive_independently(shared("amti-quiet-stance-100hz.csv"));
  ASSERT_EQ(static_cast<Eigen::Index>(rows.size()), kMotiveRows);
  Eigen::Index zero_rows = 0;
  for (const MotiveRow& r : rows) zero_rows += r.all_zero ? 1 : 0;
  EXPECT_EQ(zero_rows, kMotiveAllZeroRows);
}

TEST(MotiveImport, BodyWeightMatchesTheFile) {
  const ImportedRecording rec = import_ok(shared("amti-quiet-stance-100hz.csv"));
  const std::vector<MotiveRow> rows =
      read_motive_independently(shared("amti-quiet-stance-100hz.csv"));
  double sum = 0.0;
  int n = 0;
  for (const MotiveRow& r : rows) {
    if (!r.all_zero) {
      sum += r.fz;
      ++n;
    }
  }
  const double file_mean_n = sum / n;
  EXPECT_NEAR(file_mean_n, 582.2776, 0.001);  // awk, see above

  double imported_sum = 0.0;
  int used = 0;
  for (Eigen::Index i = 0; i < rec.samples.size(); ++i) {
    if (rec.samples.usable_for_cop(i)) {
      imported_sum += rec.samples.fz_n[i];
      ++used;
    }
  }
  EXPECT_EQ(used, 15598);
  EXPECT_NEAR(imported_sum / used, file_mean_n, 0.01 * file_mean_n);
  EXPECT_NEAR(imported_sum / used, file_mean_n, 1e-9);  // in fact exactly the same rows
}

TEST(MotiveImport, CopReproducesTheFilesCxCy) {
  const ImportedRecording rec = import_ok(shared("amti-quiet-stance-100hz.csv"));
  const std::vector<MotiveRow> rows =
      read_motive_independently(shared("amti-quiet-stance-100hz.csv"));
  ASSERT_EQ(static_cast<Eigen::Index>(rows.size()), rec.samples.size());
  int compared = 0;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto k = static_cast<Eigen::Index>(i);
    if (!rec.samples.usable_for_cop(k)) continue;
    ASSERT_NEAR(rec.samples.cop_ml_m[k], rows[i].cx, 1e-5) << "row " << i;
    ASSERT_NEAR(rec.samples.cop_ap_m[k], rows[i].cy, 1e-5) << "row " << i;
    ++compared;
  }
  EXPECT_EQ(compared, 15598);
}

struct OpenSimCase {
  const char* file;
  Eigen::Index rows;
  Eigen::Index flight_plate1;  // awk: rows with ground_force1_vy == 0
  Eigen::Index flight_plate2;
};

class OpenSimImport : public ::testing::TestWithParam<OpenSimCase> {};

TEST_P(OpenSimImport, CountsAndFlightRows) {
  const OpenSimCase c = GetParam();
  const ImportedRecording p1 = import_ok(shared(c.file), {.plate = 1});
  const ImportedRecording p2 = import_ok(shared(c.file), {.plate = 2});
  for (const ImportedRecording* rec : {&p1, &p2}) {
    EXPECT_EQ(rec->format, "opensim");
    EXPECT_EQ(rec->samples.size(), c.rows);
    EXPECT_EQ(rec->rows_read, c.rows);
    EXPECT_EQ(rec->lost_samples, 0);
    EXPECT_EQ(rec->samples.count_flagged(SampleFlag::kMissing), 0);
    EXPECT_DOUBLE_EQ(rec->samples.rate_hz, 1000.0);
    EXPECT_TRUE(rec->samples.has_shear);
  }
  // Flight: an unloaded plate, not lost samples.
  EXPECT_EQ(p1.samples.count_flagged(SampleFlag::kLowForce), c.flight_plate1);
  EXPECT_EQ(p2.samples.count_flagged(SampleFlag::kLowForce), c.flight_plate2);
  EXPECT_EQ(p1.metadata.at("plate"), "1");
  EXPECT_EQ(p2.metadata.at("plate"), "2");
  EXPECT_FALSE(p1.samples.fz_n.isApprox(p2.samples.fz_n));
  EXPECT_FALSE(p1.samples.cop_ml_m.isApprox(p2.samples.cop_ml_m));

  const std::string e = import_error(shared(c.file), {.plate = 3});
  EXPECT_THAT(e, AllOf(HasSubstr(c.file), HasSubstr("plate 3"), HasSubstr("plates 1 to 2")));
}

INSTANTIATE_TEST_SUITE_P(
    RealFiles, OpenSimImport,
    ::testing::Values(OpenSimCase{"acl-squat-jump-BFR003.csv", 12080, 902, 948},
                      OpenSimCase{"acl-squat-jump-BFR010.csv", 7850, 983, 957}));

TEST(OpenSimImportMapping, FirstRowOfPlateOne) {
  // time,vx,vy,vz,px,py,pz = 0,4.181424,392.891296,53.375225,0.241716,0,-1.105239
  const ImportedRecording rec = import_ok(shared("acl-squat-jump-BFR003.csv"));
  const ForceSamples& s = rec.samples;
  EXPECT_DOUBLE_EQ(s.t0_s, 0.0);
  EXPECT_DOUBLE_EQ(s.fz_n[0], 392.891296);
  EXPECT_DOUBLE_EQ(s.fx_n[0], -53.375225);     // ML shear on the plate = −v_z
  EXPECT_DOUBLE_EQ(s.fy_n[0], -4.181424);      // AP shear on the plate = −v_x
  EXPECT_DOUBLE_EQ(s.cop_ml_m[0], -1.105239);  // ML = p_z
  EXPECT_DOUBLE_EQ(s.cop_ap_m[0], 0.241716);   // AP = p_x
  EXPECT_EQ(rec.metadata.at("nRows"), "12080");
}

// ---- plain CSV shapes, hand-computed -------------------------------------------------------

TEST(PlainCsvImport, WrenchCentredLoadAndOriginDepth) {
  TempDir dir;
  const ImportedRecording centred = import_ok(dir.write("c.csv",
                                                        "t_s,fx_n,fy_n,fz_n,mx_nm,my_nm,mz_nm\n"
                                                        "0,0,0,600,0,0,0\n"
                                                        "0.001,0,0,600,0,0,0\n"));
  EXPECT_EQ(centred.format, "csv-wrench");
  EXPECT_DOUBLE_EQ(centred.samples.rate_hz, 1000.0);
  EXPECT_EQ(centred.samples.cop_ml_m[0], 0.0);
  EXPECT_EQ(centred.samples.cop_ap_m[1], 0.0);
  EXPECT_EQ(centred.samples.flags[0], 0);

  // x = -(My + dz Fx)/Fz = -(-40 + 0.04*10)/500 = 0.0792; y = (Mx - dz Fy)/Fz = (30 + 0.8)/500
  const ImportedRecording deep = import_ok(dir.write("d.csv",
                                                     "# origin_dz_m=0.04\n"
                                                     "t_s,fx_n,fy_n,fz_n,mx_nm,my_nm,mz_nm\n"
                                                     "0,10,-20,500,30,-40,1\n"
                                                     "0.01,10,-20,500,30,-40,1\n"));
  EXPECT_NEAR(deep.samples.cop_ml_m[0], 0.0792, 1e-12);
  EXPECT_NEAR(deep.samples.cop_ap_m[0], 0.0616, 1e-12);
  EXPECT_DOUBLE_EQ(deep.samples.fx_n[1], 10.0);
  EXPECT_DOUBLE_EQ(deep.samples.fy_n[1], -20.0);
  EXPECT_TRUE(deep.samples.has_shear);
  EXPECT_EQ(deep.metadata.at("origin_dz_m"), "0.04");
}

TEST(PlainCsvImport, CornerForces) {
  TempDir dir;
  const ImportedRecording rec =
      import_ok(dir.write("cells.csv",
                          "# cells_m=-0.2,-0.3;0.2,-0.3;0.2,0.3;-0.2,0.3\n"
                          "t_s,f0_n,f1_n,f2_n,f3_n\n"
                          "0.00,150,150,150,150\n"  // centred
                          "0.01,0,0,600,0\n"        // on cell 2
                          "0.02,0,300,300,0\n"      // between 1 and 2
                          "0.03,400,0,0,0\n"));     // on cell 0
  EXPECT_EQ(rec.format, "csv-cells");
  EXPECT_FALSE(rec.samples.has_shear);
  const ForceSamples& s = rec.samples;
  EXPECT_NEAR(s.cop_ml_m[0], 0.0, 1e-15);
  EXPECT_NEAR(s.cop_ap_m[0], 0.0, 1e-15);
  EXPECT_DOUBLE_EQ(s.fz_n[0], 600.0);
  EXPECT_DOUBLE_EQ(s.cop_ml_m[1], 0.2);
  EXPECT_DOUBLE_EQ(s.cop_ap_m[1], 0.3);
  EXPECT_DOUBLE_EQ(s.cop_ml_m[2], 0.2);
  EXPECT_NEAR(s.cop_ap_m[2], 0.0, 1e-15);
  EXPECT_DOUBLE_EQ(s.cop_ml_m[3], -0.2);
  EXPECT_DOUBLE_EQ(s.cop_ap_m[3], -0.3);
  EXPECT_EQ(s.fx_n[0], 0.0);
}

TEST(PlainCsvImport, CopShapeWithBomCrlfSpacesCommentsAndFreeColumnOrder) {
  TempDir dir;
  const ImportedRecording rec = import_ok(dir.write("cop.csv",
                                                    "\xEF\xBB\xBF# subject=S01\r\n"
                                                    "# free text without a value\r\n"
                                                    " fz_n , note, cop_ap_m ,T_S, cop_ml_m\r\n"
                                                    "700, first, -0.01, 0.5, 0.02\r\n"
                                                    "# a comment between rows\r\n"
                                                    "701,,-0.02,0.52,+0.03\r\n"
                                                    "\r\n"));
  EXPECT_EQ(rec.format, "csv-cop");
  EXPECT_EQ(rec.samples.size(), 2);
  EXPECT_DOUBLE_EQ(rec.samples.rate_hz, 50.0);
  EXPECT_DOUBLE_EQ(rec.samples.t0_s, 0.5);
  EXPECT_DOUBLE_EQ(rec.samples.cop_ml_m[0], 0.02);
  EXPECT_DOUBLE_EQ(rec.samples.cop_ap_m[0], -0.01);
  EXPECT_DOUBLE_EQ(rec.samples.cop_ml_m[1], 0.03);
  EXPECT_DOUBLE_EQ(rec.samples.fz_n[1], 701.0);
  EXPECT_EQ(rec.metadata.at("subject"), "S01");
}

TEST(PlainCsvImport, GapsAllZeroRowsAndEmptyCellsAreLost) {
  TempDir dir;
  const ImportedRecording rec = import_ok(dir.write("gaps.csv",
                                                    "t_s,cop_ml_m,cop_ap_m,fz_n\n"
                                                    "0.00,0.01,0.02,600\n"
                                                    "0.01,0,0,0\n"          // all zero: lost
                                                    "0.02,0.01,,600\n"      // empty cell: lost
                                                    "0.05,0.01,0.02,600\n"  // 2 missing before
                                                    "0.06,0.01,0.02,600\n"));
  const ForceSamples& s = rec.samples;
  ASSERT_EQ(s.size(), 7);
  EXPECT_EQ(rec.rows_read, 5);
  EXPECT_EQ(rec.lost_samples, 4);
  const std::vector<bool> lost = {false, true, true, true, true, false, false};
  for (Eigen::Index i = 0; i < 7; ++i) {
    EXPECT_EQ(has_flag(s.flags[i], SampleFlag::kMissing), lost[i]) << i;
    EXPECT_FALSE(has_flag(s.flags[i], SampleFlag::kLowForce)) << i;
  }
  EXPECT_DOUBLE_EQ(s.rate_hz, 100.0);
  EXPECT_NEAR(s.time_s(5), 0.05, 1e-12);
}

TEST(PlainCsvImport, SmallForceIsLowForceWithCopExactlyZero) {
  TempDir dir;
  const ImportedRecording wrench = import_ok(dir.write("w.csv",
                                                       "t_s,fx_n,fy_n,fz_n,mx_nm,my_nm\n"
                                                       "0,1,0,0,0,0\n"       // Fz = 0, not lost
                                                       "1,0,0,1e-300,3,4\n"  // would be huge
                                                       "2,0,0,-5,3,4\n"      // below 10 N
                                                       "3,0,0,50,1,1\n"));
  const ForceSamples& s = wrench.samples;
  ASSERT_EQ(s.size(), 4);
  for (Eigen::Index i = 0; i < 3; ++i) {
    EXPECT_TRUE(has_flag(s.flags[i], SampleFlag::kLowForce)) << i;
    EXPECT_FALSE(has_flag(s.flags[i], SampleFlag::kMissing)) << i;
    EXPECT_EQ(s.cop_ml_m[i], 0.0);
    EXPECT_EQ(s.cop_ap_m[i], 0.0);
  }
  EXPECT_DOUBLE_EQ(s.fz_n[2], -5.0);
  EXPECT_EQ(s.flags[3], 0);

  const fs::path cop =
      dir.write("c.csv", "t_s,cop_ml_m,cop_ap_m,fz_n\n0,0.1,0.1,9.99\n1,0.1,0.1,10\n");
  const ImportedRecording low = import_ok(cop);
  EXPECT_EQ(low.samples.flags[0], bit(SampleFlag::kLowForce));
  EXPECT_EQ(low.samples.cop_ml_m[0], 0.0);
  EXPECT_EQ(low.samples.flags[1], 0);
  // The threshold is the caller's.
  const ImportedRecording strict = import_ok(cop, {.min_fz_n = 20.0});
  EXPECT_EQ(strict.samples.count_flagged(SampleFlag::kLowForce), 2);
}

// ---- malformed files -----------------------------------------------------------------------

TEST(ImportErrors, MalformedFilesSayWhatAndWhere) {
  TempDir dir;
  const std::string header = "t_s,cop_ml_m,cop_ap_m,fz_n\n";
  EXPECT_THAT(import_error(dir.write("missing.csv", "t_s,cop_ml_m,fz_n\n0,0,0\n")),
              AllOf(HasSubstr("missing.csv"), HasSubstr("missing cop_ap_m"), HasSubstr("f0_n"),
                    HasSubstr("mx_nm"), HasSubstr("cop_ml_m")));
  EXPECT_THAT(import_error(dir.write("nan.csv", header + "0,0,0,1\n0.1,0,0,1\n0.2,0,0,abc\n")),
              AllOf(HasSubstr("nan.csv: line 4: 'abc' in column fz_n is not a number")));
  EXPECT_THAT(import_error(dir.write("inf.csv", header + "0,0,0,1\n0.1,0,0,inf\n")),
              HasSubstr("line 3: 'inf' in column fz_n is not a number"));
  EXPECT_THAT(import_error(dir.write("huge.csv", header + "0,0,0,1\n0.1,0,0,1e400\n")),
              HasSubstr("line 3: '1e400' in column fz_n is out of range"));
  EXPECT_THAT(import_error(dir.write("cut.csv", header + "0,0,0,1\n0.1,0,0,1\n0.2,0.")),
              AllOf(HasSubstr("line 4"), HasSubstr("truncated last line")));
  EXPECT_THAT(import_error(dir.write("short.csv", header + "0,0,0,1\n0.1,0\n0.2,0,0,1\n")),
              AllOf(HasSubstr("line 3"), HasSubstr("wrong number of columns")));
  EXPECT_THAT(import_error(dir.write("irregular.csv",
                                     header + "0,0,0,1\n0.01,0,0,1\n0.02,0,0,1\n0.037,0,0,1\n")),
              HasSubstr("irregular sampling at line 5"));
  EXPECT_THAT(import_error(dir.write("back.csv", header + "0,0,0,1\n0.01,0,0,1\n0.005,0,0,1\n")),
              AllOf(HasSubstr("line 4"), HasSubstr("time does not increase")));
  EXPECT_THAT(import_error(dir.write("one.csv", header + "0,0,0,1\n")), HasSubstr("at least two"));
  EXPECT_THAT(import_error(dir.write("notime.csv", header + "0,0,0,1\n,0,0,1\n")),
              AllOf(HasSubstr("line 3"), HasSubstr("t_s is empty")));
  EXPECT_THAT(
      import_error(dir.write("jump.csv", header + "0,0,0,1\n0.01,0,0,1\n0.02,0,0,1\n1e9,0,0,1\n")),
      AllOf(HasSubstr("line 5"), HasSubstr("gap")));
  EXPECT_THAT(import_error(dir.write("nocells.csv", "t_s,f0_n,f1_n,f2_n,f3_n\n0,1,1,1,1\n")),
              AllOf(HasSubstr("nocells.csv"), HasSubstr("# cells_m=")));
  EXPECT_THAT(import_error(dir.write("badcells.csv",
                                     "# cells_m=0,0;1,1;2\nt_s,f0_n,f1_n,f2_n,f3_n\n0,1,1,1,1\n")),
              AllOf(HasSubstr("line 1"), HasSubstr("cells_m must be four")));
  EXPECT_THAT(import_error(dir.write("baddz.csv",
                                     "# origin_dz_m=4cm\n"
                                     "t_s,fx_n,fy_n,fz_n,mx_nm,my_nm\n0,0,0,1,0,0\n")),
              AllOf(HasSubstr("line 1"), HasSubstr("origin_dz_m")));
}

TEST(ImportErrors, FilesThatAreNotRecordings) {
  TempDir dir;
  EXPECT_THAT(import_error(dir.path("absent.csv")),
              AllOf(HasSubstr("absent.csv"), HasSubstr("no such file")));
  EXPECT_THAT(import_error(dir.write("empty.csv", "")),
              AllOf(HasSubstr("empty.csv"), HasSubstr("empty file")));
  EXPECT_THAT(import_error(dir.write("blank.csv", "\xEF\xBB\xBF\n \r\n")), HasSubstr("empty file"));
  EXPECT_THAT(import_error(dir.write("words.txt", "hello, world\n1,2\n")),
              AllOf(HasSubstr("words.txt"), HasSubstr("not a recording Stance can read"),
                    HasSubstr("docs/importers.md")));
  EXPECT_THAT(import_error(dir.write("bin.dat", std::string("t_s\0\1\2", 6))), HasSubstr("binary"));
  EXPECT_THAT(import_error(dir.write("trial.stance", "\x89STNC\r\n\x1a\1\0\0\0\0\0\0\0")),
              HasSubstr("Stance trial file"));
  EXPECT_EQ(detect_recording_kind("\x89STNC\r\n\x1a rest"), RecordingKind::kTrialFile);
  const fs::path ok = dir.write("ok.csv", "t_s,cop_ml_m,cop_ap_m,fz_n\n0,0,0,1\n1,0,0,1\n");
  EXPECT_THAT(import_error(ok, {.plate = 2}), HasSubstr("plate 2"));
  EXPECT_THAT(import_error(ok, {.min_fz_n = -1.0}), HasSubstr("threshold"));
}

TEST(ImportErrors, TruncatedRealFiles) {
  for (const char* name : {"amti-quiet-stance-100hz.csv", "acl-squat-jump-BFR010.csv"}) {
    std::ifstream in(shared(name), std::ios::binary);
    std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    // Cut mid-line: the last line is short.
    const std::size_t end = content.rfind('\n', content.size() / 2);
    Result<ImportedRecording> cut = import_recording_text(content.substr(0, end + 1 + 7), name);
    ASSERT_FALSE(cut.ok()) << name;
    EXPECT_THAT(cut.error().message, AllOf(HasSubstr(name), HasSubstr("truncated last line")));
    // Cut at a line end: fewer rows than the header announces.
    Result<ImportedRecording> whole_lines = import_recording_text(content.substr(0, end + 1), name);
    ASSERT_FALSE(whole_lines.ok()) << name;
    EXPECT_THAT(whole_lines.error().message, HasSubstr("truncated"));
  }
}

TEST(MotiveImportSmall, MissingFrameNumbersAreLost) {
  const std::string head =
      "Format Version,1.0,\nTake Name,t,\nCapture Frame Rate,100.00,\nExport Frame Rate,100.00,\n"
      "\nMocapFrame, MocapTime, DeviceFrame, Fx, Fy, Fz, Mx, My, Mz, Cx, Cy, Cz\n";
  Result<ImportedRecording> rec = import_recording_text(head +
                                                            "10,0.10,10,0,0,500,5,-10,0,0,0,0\n"
                                                            "11,0.11,11,0,0,0,0,0,0,0,0,0\n"
                                                            "14,0.14,14,0,0,500,5,-10,0,0,0,0\n",
                                                        "small.csv");
  ASSERT_TRUE(rec.ok()) << rec.error().message;
  EXPECT_EQ(rec->samples.size(), 5);
  EXPECT_EQ(rec->lost_samples, 3);
  EXPECT_DOUBLE_EQ(rec->samples.t0_s, 0.10);
  EXPECT_DOUBLE_EQ(rec->samples.cop_ml_m[4], 0.02);
  EXPECT_DOUBLE_EQ(rec->samples.cop_ap_m[4], 0.01);

  Result<ImportedRecording> wrong_rate = import_recording_text(
      head + "0,0.0,0,0,0,500,5,-10,0,0,0,0\n100,0.5,100,0,0,500,5,-10,0,0,0,0\n", "rate.csv");
  ASSERT_FALSE(wrong_rate.ok());
  EXPECT_THAT(wrong_rate.error().message, HasSubstr("MocapTime"));
}

// ---- robustness ----------------------------------------------------------------------------

TEST(ImportFuzz, RandomBytesNeverCrash) {
  std::mt19937 rng(20240611);
  const std::vector<std::string> seeds = {
      "t_s,cop_ml_m,cop_ap_m,fz_n\n0,0.01,0.02,600\n0.01,0,0,0\n0.03,0.01,0.02,5\n",
      "# "
      "cells_m=-0.2,-0.3;0.2,-0.3;0.2,0.3;-0.2,0.3\nt_s,f0_n,f1_n,f2_n,f3_n\n0,1,2,3,4\n1,0,0,0,"
      "0\n",
      "# "
      "origin_dz_m=0.04\nt_s,fx_n,fy_n,fz_n,mx_nm,my_nm,mz_nm\n0,1,2,300,4,5,6\n0.5,1,2,3,4,5,6\n",
      "Format Version,1.0,\nExport Frame "
      "Rate,100,\nMocapFrame,MocapTime,DeviceFrame,Fx,Fy,Fz,Mx,My,"
      "Mz\n0,0,0,1,2,500,3,4,5\n2,0.02,2,0,0,0,0,0,0\n",
      "x\nnRows=2\nendheader\ntime,ground_force1_vx,ground_force1_vy,ground_force1_vz,ground_force1"
      "_px,ground_force1_pz\n0,1,400,2,0.3,-1\n0.001,0,0,0,0.3,-1.354\n"};
  const std::string alphabet = "0123456789.,-+e\n\r# =;t_sfznmlcopab\xEF\xBB\xBF";
  std::uniform_int_distribution<int> byte(0, 255);
  std::uniform_int_distribution<std::size_t> pick(0, 1000000);
  int imported = 0;
  for (int iteration = 0; iteration < 3000; ++iteration) {
    std::string text;
    const int mode = iteration % 3;
    if (mode == 0) {  // random bytes
      text.resize(pick(rng) % 300);
      for (char& c : text) c = static_cast<char>(byte(rng));
    } else if (mode == 1) {  // random CSV-like characters
      text.resize(pick(rng) % 300);
      for (char& c : text) c = alphabet[pick(rng) % alphabet.size()];
    } else {  // a valid file, mutated and cut
      text = seeds[pick(rng) % seeds.size()];
      for (int m = static_cast<int>(pick(rng) % 4); m > 0; --m) {
        text[pick(rng) % text.size()] = alphabet[pick(rng) % alphabet.size()];
      }
      text.resize(text.size() - pick(rng) % 5);
    }
    Result<ImportedRecording> r =
        import_recording_text(text, "fuzz.csv", {.plate = 1, .min_fz_n = 10.0});
    if (r.ok()) {
      ++imported;
      expect_clean(r->samples);
      EXPECT_LE(r->lost_samples, r->samples.size());
    } else {
      EXPECT_THAT(r.error().message, HasSubstr("fuzz.csv"));
    }
    if (::testing::Test::HasFailure()) FAIL() << "input: " << ::testing::PrintToString(text);
  }
  EXPECT_GT(imported, 10);  // the mutated files do get through sometimes
}

}  // namespace
}  // namespace stance
