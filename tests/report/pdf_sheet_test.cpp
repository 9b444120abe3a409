// The PDF test sheet rendered for real and read back with poppler's command-line tools: the
// figures on the page are the analysis' figures, it is one page with embedded fonts, a long name
// does not break it, a missing side and invalid trials are shown, a pseudonymised sheet holds no
// name.
#include "report/pdf_sheet.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <memory>

#include "core/recording_samples.hpp"
#include "core/validity/plate_geometry.hpp"
#include "device/trial_recorder.hpp"
#include "shell_output.hpp"
#include "simulated/simulated_driver.hpp"
#include "temp_dir.hpp"

namespace stance::report {
namespace {

using test_support::run;

SheetTrial simulated_trial(Task task, Limb limb, const std::string& extra = "") {
  sim::SimulatedDriver driver;
  const std::string options = std::string("realtime=0,limb=") + to_string(limb) +
                              (task == Task::kSingleLegSquat ? ",task=squat" : "") + extra;
  auto plate = driver.open(options);
  EXPECT_TRUE(plate) << plate.error().message;
  RecordRequest request;
  request.seconds = task == Task::kSingleLegSquat ? 31 : 10;
  request.metadata.task = task;
  request.metadata.limb = limb;
  auto outcome = record_trial(**plate, request);
  EXPECT_TRUE(outcome);
  TrialAnalysisOptions o;
  o.task = task;
  o.limb = limb;
  o.plate = plate_geometry(outcome->recording.plate);
  auto analysis = analyze_trial(samples_from_recording(outcome->recording), o);
  EXPECT_TRUE(analysis) << analysis.error().message;
  return sheet_trial(outcome->recording, *analysis);
}

SheetData sample_sheet() {
  SheetData d;
  d.clinic = "Physio North";
  d.patient_code = "PFP-0042";
  d.patient_name = "Alexandra Example";
  d.birth_year = 1990;
  d.date_utc = "2026-11-25T10:00:00Z";
  d.clinician = "R. Tester";
  d.plate = "SIM-0001";
  d.protocol = "test";
  d.involved = Limb::kLeft;
  d.trials.push_back(simulated_trial(Task::kSingleLegStance, Limb::kLeft));
  d.trials.push_back(simulated_trial(Task::kSingleLegStance, Limb::kRight));
  d.trials.push_back(simulated_trial(Task::kSingleLegSquat, Limb::kLeft, ",wobble=0.7"));
  d.trials.push_back(simulated_trial(Task::kSingleLegSquat, Limb::kRight));
  return d;
}

class PdfSheetTest : public ::testing::Test {
 protected:
  std::string render_to_text(const SheetData& data, Paper paper = Paper::kA4) {
    const auto pdf = dir_.path("sheet-" + std::to_string(++sheets_) + ".pdf");
    EXPECT_TRUE(write_sheet_pdf(data, paper, pdf));
    info_ = run("pdfinfo " + pdf.string());
    fonts_ = run("pdffonts " + pdf.string());
    return run("pdftotext -layout " + pdf.string() + " -");
  }
  test::TempDir dir_{"stance-sheet"};
  std::string info_, fonts_;
  int sheets_ = 0;
};

std::string one_decimal(double v) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f", v);
  return text;
}

TEST_F(PdfSheetTest, FiguresOnTheSheetAreTheAnalysisFigures) {
  const SheetData data = sample_sheet();
  const std::string text = render_to_text(data);
  ASSERT_FALSE(text.empty()) << "pdftotext gave nothing (poppler-utils installed?)";
  EXPECT_NE(info_.find("Pages:           1"), std::string::npos) << info_;
  EXPECT_NE(info_.find("A4"), std::string::npos) << info_;
  EXPECT_EQ(fonts_.find(" no "), std::string::npos) << "every font embedded:\n" << fonts_;
  EXPECT_NE(text.find("Alexandra Example"), std::string::npos);
  EXPECT_NE(text.find("PFP-0042"), std::string::npos);
  EXPECT_NE(text.find("Date: 2026-11-25 10:00 UTC"), std::string::npos);  // for people, not ISO
  // Each side's mean velocity as the analysis gave it (one trial per side: mean = the value).
  for (const SheetTrial& t : data.trials) {
    for (const KeyFigure& f : t.figures) {
      if (f.key != "mean_velocity") continue;
      EXPECT_NE(text.find(one_decimal(f.value) + " ± 0.0 (1)"), std::string::npos)
          << f.value << "\n"
          << text;
    }
  }
  // Each squat's knee-wobble index of the left trial, in order.
  std::string wobble;
  for (const SheetRep& r : data.trials[2].reps) {
    char v[16];
    std::snprintf(v, sizeof v, "%.0f", r.steadiness_index);
    wobble += (wobble.empty() ? "" : " ") + std::string(v);
  }
  EXPECT_NE(text.find(wobble), std::string::npos) << wobble << "\n" << text;
  EXPECT_NE(text.find("Clinician's comment"), std::string::npos);
  EXPECT_NE(text.find("page 1 of 1"), std::string::npos);

  // US Letter too, and a PNG of the page renders.
  render_to_text(data, Paper::kLetter);
  EXPECT_NE(info_.find("letter"), std::string::npos) << info_;
  const auto png = dir_.path("page");
  run("pdftoppm -png -r 50 -singlefile " +
      dir_.path("sheet-" + std::to_string(sheets_) + ".pdf").string() + " " + png.string());
  EXPECT_GT(std::filesystem::file_size(png.string() + ".png"), 10000u);
}

TEST_F(PdfSheetTest, LongNamesMissingSidesInvalidTrialsAndPseudonyms) {
  SheetData data;
  data.patient_code = "PFP-7";
  data.patient_name = std::string(300, 'W');  // far wider than the page
  data.involved = Limb::kRight;
  data.trials.push_back(simulated_trial(Task::kSingleLegStance, Limb::kLeft));
  data.trials.push_back(
      simulated_trial(Task::kSingleLegStance, Limb::kLeft, ",touchdown_s=4,touchdown_share=0.5"));
  const std::string text = render_to_text(data);
  EXPECT_NE(info_.find("Pages:           1"), std::string::npos) << info_;
  EXPECT_NE(text.find("INVALID"), std::string::npos) << text;
  EXPECT_NE(text.find("(1)"), std::string::npos);  // the left side: one valid trial
  EXPECT_NE(text.find(" - "), std::string::npos);  // the right side: nothing
  EXPECT_EQ(text.find("figures as stored by"), std::string::npos);  // all by this version

  data.trials[0].analysed_by = "0.0.9";  // stored results of an older version: said so
  EXPECT_NE(render_to_text(data).find("figures as stored by Stance 0.0.9"), std::string::npos);

  const std::string anonymous = render_to_text(pseudonymised(data));
  EXPECT_EQ(anonymous.find("WWWW"), std::string::npos);
  EXPECT_NE(anonymous.find("PFP-7"), std::string::npos);
  EXPECT_NE(anonymous.find("pseudonymised"), std::string::npos);
}

}  // namespace
}  // namespace stance::report
