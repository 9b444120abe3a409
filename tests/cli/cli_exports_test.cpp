// The command line's refusals and exports (issue 16, item 5), through the real commands: usage
// errors exit 2, options the recording cannot take are refused, undefined figures are null, a
// two-feet recording is not called single-leg, and the CSV and JSON exports carry every
// descriptor, every sample and every visit.
#include <gmock/gmock.h>

#include <cctype>
#include <fstream>
#include <nlohmann/json.hpp>
#include <numeric>
#include <set>

#include "cli_fixture.hpp"
#include "core/descriptors/descriptor_set.hpp"
#include "core/knee/fppa.hpp"
#include "recording/trial_file.hpp"
#include "report/sheet_csv.hpp"

namespace stance::cli {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::Not;
using Json = nlohmann::json;

std::string file_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// RFC 4180 fields of one line.
std::vector<std::string> csv_fields(const std::string& line) {
  std::vector<std::string> out(1);
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted && c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
      out.back() += '"';
      ++i;
    } else if (c == '"') {
      quoted = !quoted;
    } else if (c == ',' && !quoted) {
      out.emplace_back();
    } else {
      out.back() += c;
    }
  }
  return out;
}

struct Csv {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> lines;  // the rows as written
  std::size_t column(const std::string& name) const {
    const auto it = std::find(header.begin(), header.end(), name);
    return it == header.end() ? header.size() : static_cast<std::size_t>(it - header.begin());
  }
};

Csv read_csv(const fs::path& path) {
  std::istringstream in(file_text(path));
  Csv csv;
  std::string line;
  if (std::getline(in, line)) csv.header = csv_fields(line);
  while (std::getline(in, line)) {
    csv.rows.push_back(csv_fields(line));
    csv.lines.push_back(line);
  }
  return csv;
}

Json analysis_json(const std::vector<std::string>& args) {
  std::vector<std::string> all = {"analyze"};
  all.insert(all.end(), args.begin(), args.end());
  all.emplace_back("--json");
  const CliRun r = stance(all);
  EXPECT_EQ(r.code, kExitOk) << r.err;
  return Json::parse(r.out);
}

TEST_F(CliTest, OptionsTheRecordingCannotTakeAreUsageErrors) {
  const std::string motive = data("amti-quiet-stance-100hz.csv");  // 100 Hz, 156.05 s
  struct Case {
    std::vector<std::string> args;
    std::string says;
  };
  const std::vector<Case> cases = {
      {{"--lowpass", "80"}, "at or above the Nyquist frequency (50 Hz, half the 100 Hz rate"},
      {{"--lowpass", "50"}, "give a cut-off below 50 Hz"},
      {{"--preset", "reference", "--lowpass", "20"}, "(12.5 Hz, half the 25 Hz grid"},
      {{"--lowpass", "0"}, "--lowpass must be a number from 1 to 100, not '0'"},
      {{"--lowpass", "nan"}, "--lowpass must be a number from 1 to 100, not 'nan'"},
      {{"--start", "-5"}, "--start must be a number from 0 to 86400, not '-5'"},
      {{"--start", "nan"}, "--start must be a number from 0 to 86400, not 'nan'"},
      {{"--start", "400"}, "--start 400 s is not within the recording, which lasts 156.050 s"},
      {{"--start", "100", "--end", "50"}, "--start (100 s) must be before --end (50 s)"},
      {{"--task", "jump"}, "--task must be stance or squat, not 'jump'"},
  };
  for (const Case& c : cases) {
    std::vector<std::string> args = {"analyze", motive};
    args.insert(args.end(), c.args.begin(), c.args.end());
    const CliRun r = stance(args);
    EXPECT_EQ(r.code, kExitUsage) << c.args[0] << " " << c.args.back() << ": " << r.err;
    EXPECT_THAT(r.err, HasSubstr(c.says));
    EXPECT_TRUE(one_line(r.err)) << r.err;
    EXPECT_TRUE(r.out.empty()) << r.out;  // nothing analysed with a value changed or ignored
  }
  // Just below Nyquist the cut-off asked for is the one applied.
  const Json j = analysis_json({motive, "--lowpass", "49"});
  EXPECT_EQ(j["preprocessing"]["lowpass_applied"], true);
  EXPECT_EQ(j["preprocessing"]["lowpass_cutoff_hz"], 49.0);
}

TEST_F(CliTest, EveryDocumentedUsageErrorExitsTwoAndFailuresExitOne) {
  const std::string db = (dir_ / "clinic.db").string();
  ASSERT_EQ(stance({"patient", "add", "P-1", "--db", db}).code, kExitOk);
  const std::string csv = (dir_ / "out.csv").string();
  const std::vector<std::vector<std::string>> usage = {
      {"session", "show", "abc"},
      {"history", "P-1", "--metric", "nonsense"},
      {"protocol", "add", "q", "--task", "stance", "--seconds", "5", "--eyes", "shut"},
      {"protocol", "add", "q", "--task", "stance", "--seconds", "5", "--reps", "3"},
      {"patient", "add", "P-2", "--height", "300"},
      {"patient", "add", "P 2"},
      {"patient", "edit", "P-1", "--mass", "5"},
      {"session", "record", "P-1", "--protocol", "single-leg-stance", "--device", "usb"},
      {"samples", "--out", csv},
      {"samples", data("amti-quiet-stance-100hz.csv")},
      {"samples", data("amti-quiet-stance-100hz.csv"), "--trial", "1", "--out", csv},
      {"table", "--out", csv},
      {"table", "P-1"},
      {"table", "P-1", "--all", "--out", csv},
  };
  for (std::vector<std::string> args : usage) {
    args.insert(args.end(), {"--db", db});
    const CliRun r = stance(args);
    EXPECT_EQ(r.code, kExitUsage) << args[0] << " " << args[1] << ": " << r.err;
    EXPECT_TRUE(one_line(r.err)) << r.err;
  }
  // A plate address no driver knows is like a file that is not there: a failure (exit 1), for
  // `devices --find` as for `record --device`.
  EXPECT_EQ(stance({"devices", "--find", "floppy"}).code, kExitFailed);
  const std::vector<std::vector<std::string>> failed = {
      {"patient", "show", "P-9"},
      {"table", "P-9", "--out", csv},
      {"samples", "--trial", "99", "--out", csv},
      {"samples", (dir_ / "none.csv").string(), "--out", csv},
  };
  for (std::vector<std::string> args : failed) {
    args.insert(args.end(), {"--db", db});
    const CliRun r = stance(args);
    EXPECT_EQ(r.code, kExitFailed) << args[0] << " " << args[1] << ": " << r.err;
    EXPECT_TRUE(one_line(r.err)) << r.err;
  }
  // Nothing refused was written.
  EXPECT_FALSE(fs::exists(csv));
  EXPECT_THAT(stance({"patient", "list", "--db", db}).out, HasSubstr("1 patient(s)"));
}

TEST_F(CliTest, UndefinedSquatFiguresAreNullAndNotApplicableNeverZero) {
  const std::string motive = data("amti-quiet-stance-100hz.csv");
  const Json j = analysis_json({motive, "--task", "squat"});
  const Json& w = j["ml_squat_steadiness"];
  // Quiet standing holds no repetition that can be used: nothing to measure the index on.
  ASSERT_EQ(w["reps_used"], 0) << w.dump();
  for (const char* key :
       {"index", "index_rep_sd", "ml_oscillation_2_6hz_mm", "ml_excess_mm", "medial_shift_mm"}) {
    EXPECT_TRUE(w[key].is_null()) << key << ": " << w.dump();
  }
  EXPECT_TRUE(w["standing_oscillation_2_6hz_mm"].is_number());  // measured while standing
  // Every descriptor the JSON cannot define is null, and the text says n/a for it.
  const CliRun text = stance({"analyze", motive, "--task", "squat", "--all"});
  ASSERT_EQ(text.code, kExitOk) << text.err;
  EXPECT_THAT(text.out, HasSubstr("ML squat steadiness  n/a (reps used: 0, SD between reps n/a)"));
  EXPECT_THAT(text.out, Not(HasSubstr("0 / 100")));
  for (const Json& d : j["descriptors"]) {
    const std::size_t at = text.out.find("\n    " + d["name"].get<std::string>() + " ");
    ASSERT_NE(at, std::string::npos) << d.dump();
    const std::string line = text.out.substr(at + 1, text.out.find('\n', at + 1) - at - 1);
    EXPECT_EQ(line.find("n/a") != std::string::npos, d["value"].is_null()) << line;
  }
}

TEST_F(CliTest, OnlyARecordingThatSaysSoIsCalledSingleLeg) {
  // The Motive export is quiet standing on both feet and does not say how many: never single-leg.
  const CliRun motive = stance({"analyze", data("amti-quiet-stance-100hz.csv")});
  ASSERT_EQ(motive.code, kExitOk) << motive.err;
  EXPECT_THAT(motive.out, HasSubstr("Task           quiet standing (the recording does not say"));
  EXPECT_THAT(motive.out, Not(HasSubstr("single-leg")));
  // One foot on each of two plates.
  const Json two = analysis_json({data("acl-squat-jump-BFR003.csv"), "--plate", "2"});
  EXPECT_EQ(two["task_label"], "quiet standing, plate 2 of 2 (one foot of 2; not single-leg)");
  EXPECT_EQ(two["metadata"]["plates"], "2");
  // A Stance trial names its task; without one it is not called single-leg either.
  const fs::path named = dir_ / "named.stance", unnamed = dir_ / "unnamed.stance";
  ASSERT_EQ(stance({"record", "--device", "sim:realtime=0", "--seconds", "2", "--out",
                    named.string(), "--task", "stance", "--limb", "left"})
                .code,
            kExitOk);
  ASSERT_EQ(
      stance({"record", "--device", "sim:realtime=0", "--seconds", "2", "--out", unnamed.string()})
          .code,
      kExitOk);
  EXPECT_EQ(analysis_json({named.string()})["task_label"], "single-leg stance");
  EXPECT_EQ(analysis_json({named.string(), "--task", "squat"})["task_label"], "single-leg squat");
  EXPECT_THAT(analysis_json({unnamed.string()})["task_label"].get<std::string>(),
              Not(HasSubstr("single-leg")));
}

TEST_F(CliTest, SamplesOfARecordingAsCsv) {
  const std::string motive = data("amti-quiet-stance-100hz.csv");
  const fs::path out = dir_ / "samples.csv";
  const CliRun r = stance({"samples", motive, "--out", out.string()});
  ASSERT_EQ(r.code, kExitOk) << r.err;
  EXPECT_THAT(r.out, HasSubstr("written to"));
  const Csv csv = read_csv(out);
  EXPECT_EQ(csv.header,
            (std::vector<std::string>{"t_s", "fx_n", "fy_n", "fz_n", "cop_ml_mm", "cop_ap_mm",
                                      "missing", "low_force", "overload", "adc_error"}));
  const Json j = analysis_json({motive});
  ASSERT_EQ(csv.rows.size(), j["samples"]["count"].get<std::size_t>());
  const double rate = j["samples"]["rate_hz"];
  std::size_t lost = 0;
  std::vector<double> fz;
  for (std::size_t i = 0; i < csv.rows.size(); ++i) {
    const auto& row = csv.rows[i];
    ASSERT_EQ(row.size(), csv.header.size()) << i;
    EXPECT_NEAR(std::stod(row[0]), static_cast<double>(i) / rate, 1e-9) << i;
    if (row[6] == "1") {
      ++lost;
      EXPECT_EQ(row[3], "") << "a lost sample has no force, not 0: row " << i;
      EXPECT_EQ(row[4], "") << i;
    } else {
      fz.push_back(std::stod(row[3]));
    }
  }
  EXPECT_EQ(lost, j["samples"]["lost"].get<std::size_t>());
  const double mean_fz =
      std::accumulate(fz.begin(), fz.end(), 0.0) / static_cast<double>(fz.size());
  EXPECT_NEAR(mean_fz, j["body_weight_n"].get<double>(), 1.0);
  // A file is never written over without --force, and the recording itself never.
  EXPECT_EQ(stance({"samples", motive, "--out", out.string()}).code, kExitFailed);
  EXPECT_EQ(stance({"samples", motive, "--out", out.string(), "--force"}).code, kExitOk);
  const fs::path copy = dir_ / "copy.csv";
  fs::copy_file(motive, copy);
  EXPECT_EQ(stance({"samples", copy.string(), "--out", copy.string(), "--force"}).code,
            kExitFailed);
  EXPECT_EQ(file_text(copy), file_text(motive));
}

TEST_F(CliTest, SamplesOfAFilmedTrialCarryTheKneeAngle) {
  const fs::path plain = dir_ / "plain.stance", filmed = dir_ / "filmed.stance";
  ASSERT_EQ(stance({"record", "--device", "sim:realtime=0", "--seconds", "2", "--out",
                    plain.string(), "--task", "squat", "--limb", "right"})
                .code,
            kExitOk);
  auto trial = read_trial_file(plain);
  ASSERT_TRUE(trial) << trial.error().message;
  // Markers at 30 frames per second; the knee drifts inward; frame 7 lost its knee marker.
  auto track = std::make_shared<knee::MarkerTrack>();
  track->camera = "test";
  track->rate_hz = 30;
  track->width_px = 640;
  track->height_px = 480;
  for (int i = 0; i < 45; ++i) {
    knee::MarkerFrame f;
    f.t_s = i / 30.0;
    f.at(knee::Marker::kHip) = knee::PointPx{320, 100};
    if (i != 7) f.at(knee::Marker::kKnee) = knee::PointPx{320.0 + i, 250};
    f.at(knee::Marker::kAnkle) = knee::PointPx{322, 400};
    track->frames.push_back(f);
  }
  trial->markers = track;
  ASSERT_TRUE(write_trial_file(filmed, *trial));
  const auto back = read_trial_file(filmed);
  ASSERT_TRUE(back && back->markers);

  const fs::path out = dir_ / "filmed.csv";
  const CliRun r = stance({"samples", filmed.string(), "--out", out.string()});
  ASSERT_EQ(r.code, kExitOk) << r.err;
  EXPECT_THAT(r.out, HasSubstr("FPPA of 45 camera frames"));
  const Csv csv = read_csv(out);
  ASSERT_EQ(csv.header.back(), "fppa_deg");
  const std::size_t t_col = csv.column("t_s"), fppa_col = csv.column("fppa_deg");
  std::size_t checked = 0;
  for (const auto& row : csv.rows) {
    const double t = std::stod(row[t_col]);
    if (t > back->markers->frames.back().t_s) break;
    // The nearest frame's FPPA, computed as the analysis does; none for the lost frame.
    const auto nearest = std::min_element(
        back->markers->frames.begin(), back->markers->frames.end(),
        [&](const auto& a, const auto& b) { return std::abs(a.t_s - t) < std::abs(b.t_s - t); });
    const auto expected = knee::fppa_deg(*nearest, Limb::kRight);
    if (!expected) {
      EXPECT_EQ(row[fppa_col], "") << t;
      continue;
    }
    ASSERT_FALSE(row[fppa_col].empty()) << t;
    EXPECT_NEAR(std::stod(row[fppa_col]), *expected, 1e-9) << t;
    ++checked;
  }
  EXPECT_GT(checked, 100u);
  // The recording without a camera has no FPPA column.
  ASSERT_EQ(stance({"samples", plain.string(), "--out", (dir_ / "plain.csv").string()}).code,
            kExitOk);
  EXPECT_EQ(read_csv(dir_ / "plain.csv").header.back(), "adc_error");
}

// The ids of the patient's sessions, from `stance session list` (a line per session that starts
// with its number).
std::vector<std::string> visit_ids(const std::string& db, const std::string& patient) {
  const CliRun r = stance({"visit", "list", patient, "--db", db});
  std::vector<std::string> ids;
  std::istringstream in(r.out);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || !std::isdigit(static_cast<unsigned char>(line[0]))) continue;
    ids.push_back(line.substr(0, line.find(' ')));
  }
  return ids;
}

TEST_F(CliTest, VisitExportsAndThePatientTableCarryEveryDescriptor) {
  const std::string db = (dir_ / "clinic.db").string();
  const auto with_db = [&](std::vector<std::string> args) {
    args.insert(args.end(), {"--db", db});
    return stance(args);
  };
  ASSERT_EQ(with_db({"patient", "add", "P-1", "--name", "Ann Example", "--involved", "left"}).code,
            kExitOk);
  ASSERT_EQ(with_db({"patient", "add", "P-2"}).code, kExitOk);
  ASSERT_EQ(with_db({"protocol", "add", "quick", "--task", "stance", "--seconds", "5",
                     "--trials-per-side", "1"})
                .code,
            kExitOk);
  for (const char* patient : {"P-1", "P-1", "P-2"}) {
    const CliRun r = with_db({"session", "record", patient, "--protocol", "quick"});
    ASSERT_EQ(r.code, kExitOk) << r.err;
  }
  // P-1's two sessions of today are one visit (issue 16).
  const std::vector<std::string> ids = visit_ids(db, "P-1");
  ASSERT_EQ(ids.size(), 1u);

  // The JSON has every descriptor of the stored analysis, in the one table's order, with units.
  const std::vector<DescriptorEntry> table = descriptor_entries(DescriptorSet{});
  std::string expected_header;
  std::vector<std::string> expected_rows;
  std::size_t trials = 0;
  for (const std::string& id : ids) {
    const fs::path json = dir_ / ("s" + id + ".json"), csv = dir_ / ("s" + id + ".csv");
    ASSERT_EQ(with_db({"report", id, "--out", json.string()}).code, kExitOk);
    ASSERT_EQ(with_db({"report", id, "--out", csv.string()}).code, kExitOk);
    const Json report = Json::parse(file_text(json));
    const Csv sheet = read_csv(csv);
    ASSERT_EQ(sheet.rows.size(), report["trials"].size());
    for (std::size_t t = 0; t < sheet.rows.size(); ++t) {
      const Json& descriptors = report["trials"][t]["descriptors"];
      ASSERT_EQ(descriptors.size(), table.size());
      for (std::size_t k = 0; k < table.size(); ++k) {
        const Json& d = descriptors[k];
        EXPECT_EQ(d["name"], std::string(table[k].name));
        // The CSV has its column, with the same value, or empty where the JSON has null.
        const std::string column = report::descriptor_column(d["name"], d["unit"]);
        const std::size_t c = sheet.column(column);
        ASSERT_LT(c, sheet.header.size()) << column;
        if (d["value"].is_null()) {
          EXPECT_EQ(sheet.rows[t][c], "") << column;
        } else {
          EXPECT_EQ(std::stod(sheet.rows[t][c]), d["value"].get<double>()) << column;
        }
      }
    }
    // Each column once.
    std::vector<std::string> sorted = sheet.header;
    std::sort(sorted.begin(), sorted.end());
    EXPECT_EQ(std::adjacent_find(sorted.begin(), sorted.end()), sorted.end());
    expected_header = file_text(csv).substr(0, file_text(csv).find('\n'));
    expected_rows.insert(expected_rows.end(), sheet.lines.begin(), sheet.lines.end());
    trials += sheet.rows.size();
  }
  EXPECT_GE(table.size(), 80u);

  // The patient's table: the same rows, every visit, one header.
  const fs::path out = dir_ / "p1.csv";
  const CliRun r = with_db({"table", "P-1", "--out", out.string()});
  ASSERT_EQ(r.code, kExitOk) << r.err;
  EXPECT_THAT(r.out, HasSubstr(std::to_string(trials) + " trial(s) of " +
                               std::to_string(ids.size()) + " visit(s) of 1 patient(s)"));
  const Csv patient = read_csv(out);
  EXPECT_EQ(file_text(out).substr(0, file_text(out).find('\n')), expected_header);
  EXPECT_EQ(patient.lines, expected_rows);
  // Every patient, pseudonymised: names left out, codes kept.
  const fs::path all = dir_ / "all.csv";
  ASSERT_EQ(with_db({"table", "--all", "--pseudonymise", "--out", all.string()}).code, kExitOk);
  const Csv everyone = read_csv(all);
  std::set<std::string> codes;
  for (const auto& row : everyone.rows) {
    codes.insert(row[everyone.column("patient_code")]);
    EXPECT_EQ(row[everyone.column("patient_name")], "");
  }
  EXPECT_EQ(codes, (std::set<std::string>{"P-1", "P-2"}));
  EXPECT_GT(everyone.rows.size(), patient.rows.size());
  // Never over the store, never over a file without --force.
  EXPECT_EQ(with_db({"table", "P-1", "--out", db, "--force"}).code, kExitFailed);
  EXPECT_EQ(with_db({"table", "P-1", "--out", out.string()}).code, kExitFailed);

  // A stored trial's samples, from its raw recording in the store: the protocol's 5 s.
  const Json first = Json::parse(file_text(dir_ / ("s" + ids[0] + ".json")));
  const std::string trial = std::to_string(first["trials"][0]["trial_id"].get<long long>());
  const fs::path samples = dir_ / "trial.csv";
  const CliRun stored = with_db({"samples", "--trial", trial, "--out", samples.string()});
  ASSERT_EQ(stored.code, kExitOk) << stored.err;
  const Csv rows = read_csv(samples);
  ASSERT_GE(rows.rows.size(), 2u);
  const double step_s = std::stod(rows.rows[1][0]) - std::stod(rows.rows[0][0]);
  EXPECT_NEAR(static_cast<double>(rows.rows.size()) * step_s, 5.0, 0.05);
  EXPECT_EQ(with_db({"samples", "--trial", trial, "--out", db, "--force"}).code, kExitFailed);
}

}  // namespace
}  // namespace stance::cli
