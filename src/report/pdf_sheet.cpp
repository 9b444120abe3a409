#include "report/pdf_sheet.hpp"

#include <cairo-pdf.h>

#include <algorithm>
#include <memory>
#include <set>
#include <string>

#include "core/interpretation.hpp"
#include "report/pdf_page.hpp"
#include "report/pdf_plots.hpp"
#include "report/pdf_progress.hpp"
#include "support/atomic_file.hpp"

namespace stance::report {
namespace {

Rgb band_colour(Band band) {
  switch (band) {
    case Band::kGood:
      return kGood;
    case Band::kCaution:
      return kCaution;
    case Band::kConcern:
      return kBad;
    case Band::kNone:
      break;
  }
  return kInk;
}

// Key figures per condition: each side's mean ± SD of its valid trials, their symmetry in its
// band, and the published reference where one matches the condition.
void draw_summary(Page& page, const SheetData& data, const SheetCondition& c) {
  const ConditionSummary summary = condition_summary(data, c);
  if (summary.rows.empty()) return;
  page.heading(condition_name(c) + ": key figures");
  const std::vector<double> cols{0, 125, 160, 250, 340, 395};
  page.row(
      {"Figure", "Unit", "Left, mean ± SD", "Right, mean ± SD", "Symmetry", "Published reference"},
      cols, 8, true);
  for (const KeyFigure& f : summary.rows) {
    const auto it = summary.by_key.find(f.key);
    if (it == summary.by_key.end()) continue;
    const auto side = [&](const TrialSummary& s) {
      return s.trials == 0 ? std::string("-")
                           : fixed(s.mean, f.decimals) + " ± " + fixed(s.sd, f.decimals) + " (" +
                                 std::to_string(s.trials) + ")";
    };
    const SymmetryCell sym = symmetry_cell(it->second.symmetry);
    const auto reference = published_reference(c.task, c.eyes, f.key);
    page.row({f.label, f.unit, side(it->second.left), side(it->second.right), sym.text,
              reference ? reference_cell(*reference) : "none published"},
             cols, 8, {kInk, kInk, kInk, kInk, band_colour(sym.band), reference ? kInk : kMuted});
  }
}

// The published references of the figures this sheet shows, each once, by number.
std::vector<PublishedReference> sheet_references(const SheetData& d) {
  std::vector<PublishedReference> out;
  for (const SheetCondition& c : sheet_conditions(d)) {
    for (const KeyFigure& f : condition_summary(d, c).rows) {
      const auto r = published_reference(c.task, c.eyes, f.key);
      if (!r) continue;
      const bool seen = std::any_of(out.begin(), out.end(), [&](const PublishedReference& o) {
        return o.number == r->number;
      });
      if (!seen) out.push_back(*r);
    }
  }
  std::sort(out.begin(), out.end(),
            [](const auto& a, const auto& b) { return a.number < b.number; });
  return out;
}

bool has_camera(const SheetData& d) {
  for (const SheetTrial& t : d.trials) {
    for (const SheetRep& r : t.reps) {
      if (r.peak_fppa_deg) return true;
    }
  }
  return false;
}

void draw_reps(Page& page, const SheetData& data) {
  bool any = false;
  for (const SheetTrial& t : data.trials) any = any || !t.reps.empty();
  const bool camera = has_camera(data);
  if (!any) return;
  page.heading(camera ? "Squats: depth (cm), ML steadiness (0-100), knee's peak FPPA (°, camera)"
                      : "Squats: depth (cm) and ML squat steadiness (0 steady - 100 unsteady) of "
                        "each");
  const std::vector<double> cols =
      camera ? std::vector<double>{0, 100, 180, 295, 380} : std::vector<double>{0, 150, 250, 360};
  std::vector<std::string> header{"Trial", "Depth per squat", "Steadiness per squat",
                                  "Trial steadiness"};
  if (camera) header.emplace_back("Peak knee FPPA per squat");
  page.row(header, cols, 8, true);
  for (const SheetTrial& t : data.trials) {
    if (t.reps.empty()) continue;
    std::string depth, steadiness, fppa;
    for (const SheetRep& r : t.reps) {
      depth += (depth.empty() ? "" : " ") + fixed(r.depth_cm, 0) + (r.acceptable ? "" : "*");
      steadiness += (steadiness.empty() ? "" : " ") + fixed(r.steadiness_index, 0);
      fppa += (fppa.empty() ? "" : " ") + (r.peak_fppa_deg ? fixed(*r.peak_fppa_deg, 0) : "-");
    }
    std::vector<std::string> row{trial_name(t), depth, steadiness,
                                 t.steadiness_index ? fixed(*t.steadiness_index, 0) : "-"};
    if (camera) row.push_back(fppa);
    page.row(row, cols, 8, false, t.valid ? kInk : kMuted);
  }
  page.text(kMargin, page.y, "* not acceptable: too shallow, too fast or not completed", 7, false,
            kMuted);
  page.y += 10;
}

void draw_invalid(Page& page, const SheetData& data) {
  bool any = false;
  for (const SheetTrial& t : data.trials) any = any || !t.valid || !t.reasons.empty();
  if (!any) return;
  page.heading("Invalid trials and reservations (left out of the means when invalid)");
  for (const SheetTrial& t : data.trials) {
    if (t.valid && t.reasons.empty()) continue;
    std::string reasons;
    for (const std::string& r : t.reasons) reasons += (reasons.empty() ? "" : "; ") + r;
    page.paragraph((t.valid ? "qualified  " : "INVALID  ") + trial_name(t) + ": " + reasons, 7.5,
                   t.valid ? kMuted : kBad);
  }
}

// The clinic's logo fits a box of kLogoMaxW × kLogoMaxH pt at the top left, its aspect kept.
constexpr double kLogoMaxW = 90, kLogoMaxH = 34;

// Returns the width it took (0 without a logo).
double draw_logo(Page& page, cairo_surface_t* logo) {
  if (logo == nullptr) return 0;
  const double w = cairo_image_surface_get_width(logo), h = cairo_image_surface_get_height(logo);
  const double scale = std::min(kLogoMaxW / w, kLogoMaxH / h);
  cairo_t* cr = page.cr();
  cairo_save(cr);
  cairo_translate(cr, kMargin, page.y);
  cairo_scale(cr, scale, scale);
  cairo_set_source_surface(cr, logo, 0, 0);
  cairo_paint(cr);
  cairo_restore(cr);
  return w * scale + 8;
}

void draw_header(Page& page, const SheetData& d, cairo_surface_t* logo) {
  const double x = kMargin + draw_logo(page, logo);
  const double top = page.y;
  page.text(x, page.y, d.clinic, 14, true, kInk, kMargin + 320 - x);
  page.text(kMargin + 330, page.y, "Date: " + readable_local(d.date_utc), 8, false, kInk, 200);
  page.text(kMargin + 330, page.y + 11, "Clinician: " + d.clinician, 8, false, kInk, 200);
  page.text(kMargin + 330, page.y + 22, "Plate: " + d.plate, 8, false, kInk, 200);
  page.y += 20;
  page.text(x, page.y, "Single-leg balance and squat test sheet", 10, false, kMuted,
            kMargin + 320 - x);
  page.y = std::max(page.y + 16, logo ? top + kLogoMaxH + 2 : 0.0);
  std::string who = "Patient: " + d.patient_code;
  if (!d.patient_name.empty()) who += " - " + d.patient_name;
  if (d.birth_year > 0) who += ", born " + std::to_string(d.birth_year);
  if (d.pseudonymised) who += " (pseudonymised)";
  page.text(kMargin, page.y, who, 9, true, kInk, page.content_width());
  page.y += 12;
  page.text(kMargin, page.y,
            "Involved side: " + side_name(d.involved) + ".  Protocol: " + d.protocol, 8, false,
            kInk, page.content_width());
  page.y += 12;
  const auto unverified = std::count_if(d.trials.begin(), d.trials.end(),
                                        [](const SheetTrial& t) { return t.plate_not_verified; });
  if (unverified > 0) {
    page.text(kMargin, page.y,
              "Plate not verified: " + std::to_string(unverified) + " of " +
                  std::to_string(d.trials.size()) +
                  " trials recorded on a plate whose known-mass check failed or was out of date",
              8, true, kBad, page.content_width());
    page.y += 12;
  }
  page.rule();
}

void draw_legend_and_comment(Page& page, const SheetData& d, double bottom) {
  page.heading("Definitions");
  page.paragraph(
      "COP: centre of pressure under the standing foot; ML = medio-lateral, AP = antero-"
      "posterior. Mean COP velocity: path length / time, after a 4th-order 10 Hz zero-phase "
      "low-pass (Ruhe et al. 2010). 95% ellipse: confidence ellipse area (Prieto et al. 1996). "
      "Range: max - min. Depth: drop of the centre of mass, from vertical force. ML squat "
      "steadiness (0 steady - 100 unsteady): how much the load shakes side to side at 2-6 Hz "
      "in the squat beyond the person's own standing sway; a wobbling knee raises it (so can the "
      "hip or foot), but it cannot see a slow knee collapse (valgus) or give an angle. Means use "
      "valid trials only. " +
          (d.involved == Limb::kUnspecified ? asymmetry_equation_text() : lsi_equation_text()) +
          " Symmetry describes, it does not diagnose: healthy people often miss 90% too "
          "(Markstrom et al. 2022).",
      6.5, kMuted);
  std::string references;
  for (const PublishedReference& r : sheet_references(d)) {
    references += (references.empty() ? "" : " ") + reference_note(r);
  }
  page.paragraph(references.empty()
                     ? "Published references: none matches these tests; a figure is compared "
                       "with this patient's own earlier visits and other side."
                     : "Published references (other populations and devices: a guide, not a "
                       "norm): " +
                           references,
                 6.5, kMuted);
  if (has_camera(d)) {
    page.paragraph(
        "Knee FPPA (camera): frontal-plane projection angle between the thigh (hip-knee markers) "
        "and the shank (knee-ankle markers) on the frontal video, degrees, positive = knee "
        "inward of the hip-ankle line (valgus); peak per squat, and the mean of squats 1-4 "
        "(Kwok & Kong 2024). Between-day SEM 2.7-3.0°, smallest detectable difference 7.5-8.9° "
        "(Munro et al. 2012): a smaller change may be the test's own noise. A 2-D angle: a rotated "
        "limb or camera shows FPPA that "
        "is not there.",
        6.5, kMuted);
  }
  page.y = std::max(page.y + 4, bottom - 58);
  page.text(kMargin, page.y, "Clinician's comment:", 8, true);
  cairo_t* cr = page.cr();
  cairo_set_source_rgb(cr, kRule.r, kRule.g, kRule.b);
  cairo_rectangle(cr, kMargin, page.y + 12, page.content_width(), 40);
  cairo_stroke(cr);
  if (!d.comment.empty())
    page.text(kMargin + 4, page.y + 15, d.comment, 8, false, kInk, page.content_width() - 8);
}

// The footer: the software, and the versions that computed stored figures when they differ from
// this one (the plots and repetitions are always drawn by this version from the recordings).
std::string footer_text(const SheetData& data) {
  std::set<std::string> older;
  for (const SheetTrial& t : data.trials) {
    if (!t.analysed_by.empty() && t.analysed_by != STANCE_VERSION) older.insert(t.analysed_by);
  }
  std::string text = data.software;
  if (!older.empty()) {
    std::string versions;
    for (const std::string& v : older) versions += (versions.empty() ? "" : ", ") + v;
    text += "  -  figures as stored by Stance " + versions + " (stance reanalyze updates them)";
  }
  return text + "  -  page 1 of 1";
}

// A logo is a small picture; anything larger is not the clinic's logo.
constexpr std::uint64_t kMaxLogoBytes = 16u << 20;

struct PngBytes {
  const std::vector<std::uint8_t>& bytes;
  std::size_t at;
};

}  // namespace

Result<std::vector<std::uint8_t>> render_sheet_pdf(const SheetData& data, Paper paper) {
  const double width = paper == Paper::kA4 ? 595.28 : 612.0;
  const double height = paper == Paper::kA4 ? 841.89 : 792.0;
  std::unique_ptr<cairo_surface_t, decltype(&cairo_surface_destroy)> logo(nullptr,
                                                                          cairo_surface_destroy);
  if (!data.logo_png.empty()) {
    // Read by the bounded reader, never by cairo's fopen: a FIFO or a device named as the logo
    // is refused instead of waited on for ever.
    const auto png = read_file_bytes(data.logo_png, kMaxLogoBytes);
    if (!png) return Error{"the logo: " + png.error().message};
    PngBytes source{*png, 0};
    logo.reset(cairo_image_surface_create_from_png_stream(
        [](void* closure, unsigned char* to, unsigned int n) {
          auto* from = static_cast<PngBytes*>(closure);
          if (from->bytes.size() - from->at < n) return CAIRO_STATUS_READ_ERROR;
          std::copy_n(from->bytes.begin() + static_cast<std::ptrdiff_t>(from->at), n, to);
          from->at += n;
          return CAIRO_STATUS_SUCCESS;
        },
        &source));
    if (cairo_surface_status(logo.get()) != CAIRO_STATUS_SUCCESS) {
      return Error{"the logo " + data.logo_png.string() + " could not be read as a PNG image (" +
                   cairo_status_to_string(cairo_surface_status(logo.get())) + ")"};
    }
  }
  std::vector<std::uint8_t> bytes;
  cairo_surface_t* surface = cairo_pdf_surface_create_for_stream(
      [](void* closure, const unsigned char* d, unsigned int n) {
        auto* out = static_cast<std::vector<std::uint8_t>*>(closure);
        out->insert(out->end(), d, d + n);
        return CAIRO_STATUS_SUCCESS;
      },
      &bytes, width, height);
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE,
                                 ("Test sheet " + data.patient_code).c_str());
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, data.software.c_str());
  cairo_t* cr = cairo_create(surface);
  Page page(cr, width);
  draw_header(page, data, logo.get());
  for (const SheetCondition& c : sheet_conditions(data)) draw_summary(page, data, c);
  draw_reps(page, data);
  // With the progress section, or a visit of both protocols, the plots shrink so that the page
  // still holds 12 visits, or every condition.
  if (data.with_progress || sheet_conditions(data).size() > 2) {
    draw_plots(page, data, 80, 38);
  } else {
    draw_plots(page, data, 110, 55);
  }
  // Room kept below the progress for the definitions (more with the camera's), the comment box
  // and the footer.
  draw_progress(page, data, height - kMargin - (has_camera(data) ? 230 : 175));
  draw_invalid(page, data);
  draw_legend_and_comment(page, data, height - kMargin - 14);
  page.text(kMargin, height - kMargin, footer_text(data), 7, false, kMuted, page.content_width());
  cairo_show_page(cr);
  cairo_destroy(cr);
  cairo_surface_finish(surface);
  const cairo_status_t status = cairo_surface_status(surface);
  cairo_surface_destroy(surface);
  if (status != CAIRO_STATUS_SUCCESS) {
    return Error{std::string("the PDF could not be made: ") + cairo_status_to_string(status)};
  }
  return bytes;
}

Status write_sheet_pdf(const SheetData& data, Paper paper, const std::filesystem::path& path,
                       const WriteOptions& options) {
  if (Status s = check_write_target(path, options); !s) return s;
  auto bytes = render_sheet_pdf(data, paper);
  if (!bytes) return bytes.error();
  return write_file_atomically(path, *bytes, options);
}

}  // namespace stance::report
