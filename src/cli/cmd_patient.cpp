// `stance patient add | list | show | edit | delete`: the patients of the store, and
// `stance clinic video-keeping`: whether the clinic keeps trial videos of consenting patients.
#include "cli/cli.hpp"
#include "cli/command.hpp"
#include "cli/store_access.hpp"
#include "cli/store_commands.hpp"
#include "support/format.hpp"

namespace stance::cli {
namespace {

std::vector<OptionSpec> patient_field_options() {
  return {
      {"name", "TEXT", "name (optional; reports show the code)"},
      {"birth-year", "YYYY", "year of birth", whole_number_in(1900, 2200)},
      {"sex", "SEX", "female, male or other", one_of({"female", "male", "other"})},
      {"height", "CM", "height in cm (40 to 260)"},
      {"mass", "KG", "body mass in kg (10 to 350)"},
      {"involved", "SIDE", "the painful or operated side: left or right (for the LSI)",
       one_of({"left", "right"})},
      {"notes", "TEXT", "free text"},
      db_option(),
  };
}

// Sets the fields the options name; the others stay as they are.
Status apply_options(const ParsedArgs& args, store::Patient& p) {
  if (const auto v = args.value("name")) p.name = *v;
  if (const auto v = args.value("notes")) p.notes = *v;
  if (const auto v = args.value("sex"); v && !store::parse_sex(*v, p.sex)) {
    return Error{"--sex must be female, male or other, not '" + *v + "'"};
  }
  if (const auto v = args.value("involved"); v && !parse_limb(*v, p.involved_side)) {
    return Error{"--involved must be left or right, not '" + *v + "'"};
  }
  if (args.value("birth-year")) {
    const auto y = args.whole_number("birth-year", 0);
    if (!y) return y.error();
    p.birth_year = static_cast<int>(*y);
  }
  if (args.value("height")) {
    const auto h = args.number("height", 0);
    if (!h) return h.error();
    p.height_cm = *h;
  }
  if (args.value("mass")) {
    const auto m = args.number("mass", 0);
    if (!m) return m.error();
    p.mass_kg = *m;
  }
  return {};
}

std::string or_dash(const std::optional<double>& v, int decimals, const std::string& unit) {
  return v ? fixed(*v, decimals) + " " + unit : "-";
}

int run_add(const ParsedArgs& args, Context& context) {
  store::Patient p;
  p.code = args.positionals[0];
  // A code or a value that cannot be a patient's is wrong usage (exit 2), found before the store.
  if (Status s = apply_options(args, p); !s) return usage_error(context, s.error().message);
  if (Status s = store::validate_patient(p); !s) return usage_error(context, s.error().message);
  auto store = open_store(args, context);
  if (!store) return fail(context, store.error().message);
  const auto id = store->add_patient(p);
  if (!id) return fail(context, id.error().message);
  context.out << "Added patient " << p.code << " to " << store->path().string() << "\n";
  return kExitOk;
}

int run_edit(const ParsedArgs& args, Context& context) {
  auto store = open_store(args, context);
  if (!store) return fail(context, store.error().message);
  auto p = store->patient(args.positionals[0]);
  if (!p) return fail(context, p.error().message);
  if (const auto code = args.value("code")) p->code = *code;
  if (Status s = apply_options(args, *p); !s) return usage_error(context, s.error().message);
  if (Status s = store::validate_patient(*p); !s) return usage_error(context, s.error().message);
  if (Status s = store->update_patient(*p); !s) return fail(context, s.error().message);
  if (const auto consent = args.value("video-consent")) {
    const Status s = *consent == "yes"
                         ? store->record_video_consent(p->id, args.value("clinician").value_or(""))
                         : store->withdraw_video_consent(p->id);
    if (!s) return fail(context, s.error().message);
  }
  context.out << "Updated patient " << p->code << "\n";
  return kExitOk;
}

int run_delete(const ParsedArgs& args, Context& context) {
  const std::string& code = args.positionals[0];
  if (args.value("confirm").value_or("") != code) {
    context.err << "stance: deleting patient " << code
                << " removes every visit, trial, recording and kept video of theirs for good: "
                   "give --confirm "
                << code << " to do it (make a backup first: stance backup)\n";
    return kExitUsage;
  }
  auto store = open_store(args, context);
  if (!store) return fail(context, store.error().message);
  const auto p = store->patient(code);
  if (!p) return fail(context, p.error().message);
  const auto videos = store->videos(p->id);
  if (!videos) return fail(context, videos.error().message);
  if (Status s = store->delete_patient(p->id); !s) return fail(context, s.error().message);
  context.out << "Deleted patient " << code << " and " << videos->size() << " kept video(s) from "
              << store->path().string() << "\n";
  return kExitOk;
}

int run_video_keeping(const ParsedArgs& args, Context& context) {
  auto store = args.value("set") ? open_store(args, context) : open_store_to_read(args, context);
  if (!store) return fail(context, store.error().message);
  if (const auto set = args.value("set")) {
    if (Status s = store->set_video_keeping(*set == "on"); !s) {
      return fail(context, s.error().message);
    }
  }
  const auto on = store->video_keeping();
  if (!on) return fail(context, on.error().message);
  context.out << "Video keeping is " << (*on ? "on" : "off") << " in " << store->path().string()
              << (*on ? ": the trial videos of patients whose consent is recorded are kept in " +
                            store->video_folder().string()
                      : ": no picture is kept, only the markers")
              << "\n";
  return kExitOk;
}

int run_mass_check_interval(const ParsedArgs& args, Context& context) {
  auto store = args.value("set") ? open_store(args, context) : open_store_to_read(args, context);
  if (!store) return fail(context, store.error().message);
  if (args.value("set")) {
    const auto days = args.whole_number("set", 0);
    if (!days) return fail(context, days.error().message);
    if (Status s = store->set_mass_check_interval_days(static_cast<int>(*days)); !s) {
      return fail(context, s.error().message);
    }
  }
  const auto days = store->mass_check_interval_days();
  if (!days) return fail(context, days.error().message);
  context.out << "A plate's known-mass check is good for " << *days << " days in "
              << store->path().string()
              << ": a plate whose last check failed or is older is marked \"plate not verified\" "
                 "on every screen, trial and sheet\n";
  return kExitOk;
}

int run_list(const ParsedArgs& args, Context& context) {
  auto store = open_store_to_read(args, context);
  if (!store) return fail(context, store.error().message);
  const auto patients = store->patients();
  if (!patients) return fail(context, patients.error().message);
  std::ostream& out = context.out;
  out << pad("Code", 14) << pad("Name", 20) << pad("Born", 6) << pad("Sex", 12) << pad("Height", 10)
      << pad("Mass", 10) << pad("Involved", 10) << "Visits\n";
  for (const store::Patient& p : *patients) {
    const auto visits = store->visits(p.id);
    out << pad(p.code, 14) << pad(p.name.empty() ? "-" : p.name, 20)
        << pad(p.birth_year ? std::to_string(*p.birth_year) : "-", 6)
        << pad(store::to_string(p.sex), 12) << pad(or_dash(p.height_cm, 0, "cm"), 10)
        << pad(or_dash(p.mass_kg, 1, "kg"), 10) << pad(to_string(p.involved_side), 10)
        << (visits ? visits->size() : 0) << "\n";
  }
  out << patients->size() << " patient(s) in " << store->path().string() << "\n";
  return kExitOk;
}

int run_show(const ParsedArgs& args, Context& context) {
  auto store = open_store_to_read(args, context);
  if (!store) return fail(context, store.error().message);
  const auto p = store->patient(args.positionals[0]);
  if (!p) return fail(context, p.error().message);
  std::ostream& out = context.out;
  out << "Patient " << p->code << (p->name.empty() ? "" : " (" + p->name + ")") << "\n"
      << "  Birth year     " << (p->birth_year ? std::to_string(*p->birth_year) : "-") << "\n"
      << "  Sex            " << store::to_string(p->sex) << "\n"
      << "  Height         " << or_dash(p->height_cm, 1, "cm") << "\n"
      << "  Mass           " << or_dash(p->mass_kg, 1, "kg") << "\n"
      << "  Involved side  " << to_string(p->involved_side) << "\n"
      << "  Notes          " << (p->notes.empty() ? "-" : p->notes) << "\n"
      << "  Added          " << p->created_utc << "\n";
  const auto visits = store->visits(p->id);
  if (!visits) return fail(context, visits.error().message);
  out << "Visits: " << visits->size() << " (`stance report VISIT` makes a visit's sheet)\n";
  for (const store::Visit& v : *visits) {
    out << "  Visit " << v.id << ", " << v.local_date << "\n";
    const auto sessions = store->visit_sessions(v.id);
    if (!sessions) return fail(context, sessions.error().message);
    for (const store::Session& s : *sessions) {
      const auto trials = store->trials(s.id);
      out << "    session " << pad(std::to_string(s.id), 6)
          << pad(readable_local(s.started_utc), 22) << pad(s.protocol, 20)
          << (trials ? trials->size() : 0) << " trial(s)\n";
    }
  }
  return kExitOk;
}

}  // namespace

std::vector<Command> patient_commands() {
  std::vector<OptionSpec> edit_options = patient_field_options();
  edit_options.insert(edit_options.begin(), {"code", "CODE", "a new pseudonymous code"});
  edit_options.push_back({"video-consent", "yes|no",
                          "the patient's consent to keeping their trial videos (no: withdrawn, "
                          "their kept videos deleted)",
                          one_of({"yes", "no"})});
  edit_options.push_back({"clinician", "NAME", "who records the consent"});
  return {
      store_command("patient add", "add a patient (pseudonymous code, body data, involved side)",
                    "stance patient add CODE [options]", {"CODE"}, patient_field_options(),
                    run_add),
      store_command("patient list", "list the patients of the store",
                    "stance patient list [--db FILE]", {}, {db_option()}, run_list),
      store_command("patient show", "a patient's data and visits",
                    "stance patient show CODE [--db FILE]", {"CODE"}, {db_option()}, run_show),
      store_command("patient edit", "change a patient's data (only the options given)",
                    "stance patient edit CODE [options]", {"CODE"}, edit_options, run_edit),
      store_command("patient delete",
                    "delete a patient with every visit, trial and kept video (for good)",
                    "stance patient delete CODE --confirm CODE [--db FILE]", {"CODE"},
                    {{"confirm", "CODE", "the patient's code again"}, db_option()}, run_delete),
      store_command(
          "clinic video-keeping",
          "show, or switch on or off, keeping the trial videos of consenting patients",
          "stance clinic video-keeping [--set on|off] [--db FILE]", {},
          {{"set", "on|off", "switch keeping on or off", one_of({"on", "off"})}, db_option()},
          run_video_keeping),
      store_command(
          "clinic mass-check-interval",
          "show, or set, how many days a plate's known-mass check is good for",
          "stance clinic mass-check-interval [--set DAYS] [--db FILE]", {},
          {{"set", "DAYS", "days, 1 to 365 (default 30)", whole_number_in(1, 365)}, db_option()},
          run_mass_check_interval),
  };
}

}  // namespace stance::cli
