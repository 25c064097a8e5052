#include "arguments.hpp"

#include "compose/locale.hpp"
#include "style/builtin_styles.hpp"
#include "support/language.hpp"
#include "support/strings.hpp"
#include "support/utf8.hpp"

#include <Poco/Util/OptionException.h>
#include <Poco/Util/OptionProcessor.h>
#include <Poco/Util/OptionSet.h>

#include <algorithm>
#include <charconv>
#include <optional>
#include <sstream>

namespace chronik::cli {

using Poco::Util::Option;
using Poco::Util::OptionSet;

namespace {

OptionSet render_options() {
    OptionSet set;
    set.addOption(Option("format", "f",
                         "output formats, comma-separated (default: all; see `chronik formats`)")
                      .argument("LIST")
                      .repeatable(true));
    // The built-in names from the sheets compiled in (styles/*.xml).
    std::vector<std::string_view> builtin;
    for (const auto& b : style::builtin_styles())
        builtin.push_back(b.name);
    set.addOption(Option("style", "s",
                         "style sheet: a file, or a built-in name (" + chronik::join(builtin) +
                             "); default: brochure")
                      .argument("STYLE"));
    set.addOption(Option("output", "o", "folder for the outputs, created if missing (default: .)")
                      .argument("DIR"));
    set.addOption(Option("from", "", "only milestones of this year and later").argument("YEAR"));
    set.addOption(Option("to", "", "only milestones of this year and earlier").argument("YEAR"));
    set.addOption(Option("category", "",
                         "only milestones of this category (repeat or comma-separate for several)")
                      .argument("NAME")
                      .repeatable(true));
    set.addOption(
        Option("lang", "",
               "language of dates and labels, a BCP 47 tag (de, en; default: the chronicle's lang)")
            .argument("TAG"));
    set.addOption(
        Option("order", "", "written (default), oldest or newest first").argument("ORDER"));
    set.addOption(Option("title", "", "replace the chronicle's title").argument("TEXT"));
    set.addOption(Option("pdf-standard", "",
                         "standards the PDF claims and meets, comma-separated: " +
                             render::known_pdf_standards() + " (default: ua-1,a-2a)")
                      .argument("LIST"));
    set.addOption(Option("option", "O",
                         "an option of a format, FORMAT.NAME=VALUE (html.images=embed); "
                         "repeatable; `chronik formats` lists them")
                      .argument("F.N=V")
                      .repeatable(true));
    set.addOption(
        Option("allow-outside-images", "",
               "allow image paths that are absolute or lead outside the chronicle's folder"));
    set.addOption(Option("quiet", "q", "print nothing but warnings and errors"));
    set.addOption(Option("help", "h", "show this help"));
    return set;
}

OptionSet check_options() {
    OptionSet set;
    std::vector<std::string_view> builtin;
    for (const auto& b : style::builtin_styles())
        builtin.push_back(b.name);
    set.addOption(Option("style", "s",
                         "style sheet to render the chronicles with: a file, or a built-in name (" +
                             chronik::join(builtin) + "); default: brochure")
                      .argument("STYLE"));
    set.addOption(Option("pdf-standard", "",
                         "standards the PDF claims and meets, comma-separated: " +
                             render::known_pdf_standards() + " (default: ua-1,a-2a)")
                      .argument("LIST"));
    set.addOption(Option("print", "",
                         "preflight: check the print PDF alone (x-4 added to --pdf-standard) and "
                         "warn about what a print shop would refuse"));
    set.addOption(
        Option("allow-outside-images", "",
               "allow image paths that are absolute or lead outside the chronicle's folder"));
    set.addOption(Option("quiet", "q", "print nothing but warnings and errors"));
    set.addOption(Option("help", "h", "show this help"));
    return set;
}

OptionSet batch_options() {
    OptionSet set;
    set.addOption(
        Option("jobs", "j", "run N jobs at a time (default: one per processor)").argument("N"));
    set.addOption(
        Option("dry-run", "n", "say what would be rendered and what is up to date; write nothing"));
    set.addOption(Option("force", "", "render every job, even those whose outputs are up to date"));
    set.addOption(Option("output", "o", "write into DIR instead of the job file's output folder")
                      .argument("DIR"));
    set.addOption(
        Option("allow-outside-images", "",
               "allow image paths that are absolute or lead outside the chronicle's folder"));
    set.addOption(Option("quiet", "q", "print nothing but errors"));
    set.addOption(Option("help", "h", "show this help"));
    return set;
}

OptionSet global_options() {
    OptionSet set;
    set.addOption(Option("help", "h", "show this help"));
    set.addOption(Option("version", "V", "show the version"));
    return set;
}

int year(const std::string& option, const std::string& v) {
    int y = 0;
    const auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), y);
    if (ec != std::errc() || p != v.data() + v.size() || y < 1 || y > 9999)
        throw UsageError("--" + option + " needs a year (1 to 9999), not '" + printable(v) + "'");
    return y;
}

unsigned job_count(const std::string& v) {
    unsigned n = 0;
    const auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
    if (ec != std::errc() || p != v.data() + v.size() || n < 1 || n > 256)
        throw UsageError("-j needs a number of jobs to run at a time (1 to 256), not '" +
                         printable(v) + "'");
    return n;
}

// Every string from the command line is checked as text in a chronicle is
// (docs/format.md, "Text"), before anything is read or written: text values
// (a title, formats, categories, a style name) must be UTF-8; no value may
// be empty, only white space, or hold a control character. Paths (FILE, -o,
// -s given a file) are bytes to the system and need not be UTF-8.
enum class Kind { text, path };

void check_value(const std::string& what, const std::string& v, Kind kind) {
    std::string shown = "'";
    shown += printable(v);
    shown += '\'';
    if (v.empty())
        throw UsageError(what + " is empty");
    const auto bad = utf8::first_invalid(v);
    if (kind == Kind::text && bad)
        throw UsageError(what + " " + shown + " is not UTF-8 (byte 0x" +
                         hex(static_cast<unsigned char>(v[*bad]), 2) + ")");
    bool blank = true;
    for (std::size_t i = 0; i < v.size();) {
        const std::size_t at = i;
        char32_t c = utf8::next(v, i);
        if (c == utf8::replacement && v.substr(at, 3) != "\xEF\xBF\xBD")
            c = static_cast<unsigned char>(v[at]); // a byte of a path that is not UTF-8
        if (utf8::is_control(c) && (c < 0x80 || !bad))
            throw UsageError(what + " " + shown + " contains control character U+" + hex(c, 4));
        blank = blank && utf8::is_white_space(c);
    }
    if (blank)
        throw UsageError(what + " " + shown + " is only white space");
}

// "a,b" -> {"a", "b"}; spaces around an item are dropped. An empty item
// ("", ",,", "md,") is a usage error: it names nothing, and a list of
// nothing would otherwise mean "all".
std::vector<std::string> split_list(const std::string& what, const std::string& v) {
    check_value(what, v, Kind::text);
    std::vector<std::string> out;
    std::size_t from = 0;
    while (true) {
        const std::size_t comma = std::min(v.find(',', from), v.size());
        std::string item = v.substr(from, comma - from);
        item.erase(0, item.find_first_not_of(' '));
        item.erase(item.find_last_not_of(' ') + 1);
        if (item.empty())
            throw UsageError(what + " '" + printable(v) + "' has an empty item");
        check_value(what, item, Kind::text);
        out.push_back(std::move(item));
        if (comma == v.size())
            return out;
        from = comma + 1;
    }
}

std::string command_name(Command c) {
    switch (c) {
    case Command::Render:
        return "render";
    case Command::Check:
        return "check";
    case Command::Batch:
        return "batch";
    default:
        return "";
    }
}

} // namespace

std::string help_text(Command c, const render::Registry& formats) {
    std::ostringstream out;
    // One line an option: "  -f, --format LIST   text", aligned.
    auto options = [&](const OptionSet& set) {
        std::vector<std::pair<std::string, std::string>> rows;
        std::size_t width = 0;
        for (const auto& o : set) {
            std::string left = o.shortName().empty() ? "    " : "-" + o.shortName() + ", ";
            left += "--" + o.fullName();
            if (o.takesArgument())
                left += " " + o.argumentName();
            width = std::max(width, left.size());
            rows.emplace_back(left, o.description());
        }
        for (const auto& [left, text] : rows)
            out << "  " << left << std::string(width - left.size() + 3, ' ') << text << '\n';
    };
    switch (c) {
    case Command::Render:
        // The format names from the registry: a new format shows up here.
        out << "usage: chronik render FILE... [-f " << join(formats.names(), ",")
            << "] [-s STYLE] [-o DIR] [--from YEAR]\n"
               "                      [--to YEAR] [--category NAME] [--lang TAG] [--order "
               "ORDER]\n"
               "                      [--pdf-standard LIST] [-O FORMAT.NAME=VALUE]\n\n"
               "Renders each chronicle FILE into DIR as FILE's base name with each format's\n"
               "extension (data/x.xml -f md -> DIR/x.md). Every output is written to a temporary\n"
               "file and renamed when complete: a failure leaves no partial file behind.\n\n"
               "The PDF is tagged and claims PDF/UA-1 and PDF/A-2a (--pdf-standard chooses\n"
               "another set: a-2b, ua-1,a-2u, none ...). Under ua-1 every image needs alt text\n"
               "(alt=\"\" for a decorative one); under PDF/A no image may be a CMYK JPEG.\n\n"
               "options:\n";
        options(render_options());
        out << "\nexit status: 0 all written, 1 bad input or a failed render, 2 usage error\n"
               "environment: SOURCE_DATE_EPOCH fixes the document date (reproducible output)\n";
        break;
    case Command::Check:
        out << "usage: chronik check FILE... [-s STYLE] [--pdf-standard LIST] [--print]\n\n"
               "Checks chronicle files (and style sheets and job files, told apart by their\n"
               "root element) and reports every error as file:line:col: error: message, and\n"
               "warnings as file:line: warning: message. A chronicle is rendered in every\n"
               "format with STYLE, into memory (nothing is written): check reports what\n"
               "render would refuse or warn about, with the same messages and exit status,\n"
               "and takes about as long as rendering every format. For a job file, every\n"
               "job is rendered so, as batch would, with its chronicle and style sheet.\n\n"
               "With --print a chronicle is checked as its print PDF alone (render\n"
               "--pdf-standard x-4), and a preflight warns, with the file and line to fix,\n"
               "about images under the style's warn-below-ppi (250) where they are placed,\n"
               "images that touch the trim without running into the bleed, text under 6 pt\n"
               "on more than one plate, style colours over 300 % total ink, characters the\n"
               "fonts lack, and a booklet whose pages are no multiple of 4. A print render\n"
               "gives the same warnings.\n\n"
               "options:\n";
        options(check_options());
        out << "\nexit status: 0 no errors (warnings allowed, preflight's too), 1 any error,\n"
               "             2 usage error\n";
        break;
    case Command::Batch:
        out << "usage: chronik batch JOBS.xml [-j N] [--dry-run] [--force] [--quiet] [-o DIR]\n\n"
               "Renders every job of the job file JOBS.xml (see docs/jobs.md): each job names a\n"
               "chronicle, formats, style, filters and an output path in the output folder.\n"
               "Jobs run N at a time; each chronicle and style sheet is loaded once. A job whose\n"
               "inputs, style, options and chronik version are unchanged since its outputs were\n"
               "written is skipped (see .chronik-manifest in the output folder). A job writes\n"
               "its outputs only when all of them rendered, each atomically; a failing job does\n"
               "not stop the others. Progress: a bar on a terminal, a line per job otherwise;\n"
               "then a summary table.\n\n"
               "options:\n";
        options(batch_options());
        out << "\nexit status: 0 every job written or up to date, 1 a job failed or the job file\n"
               "             has errors, 2 usage error, 130 interrupted (Ctrl-C)\n"
               "environment: SOURCE_DATE_EPOCH fixes the document date (reproducible output)\n";
        break;
    default:
        out << "usage: chronik COMMAND [options] FILE...\n\n"
               "chronik turns an XML chronicle (years, dated milestones, texts, pictures) into\n"
               "documents: a print-ready brochure, an editable word-processing file, Markdown.\n\n"
               "commands:\n"
               "    render FILE...   render chronicles into one file per format\n"
               "    check FILE...    check chronicles, style sheets and job files, report every "
               "error\n"
               "    batch JOBS.xml   render the jobs of a job file, in parallel and incrementally\n"
               "    formats          list the output formats\n"
               "    help [COMMAND]   show help (also: chronik COMMAND --help)\n\n"
               "options:\n";
        options(global_options());
        out << "\nexamples:\n"
               "    chronik render data/lecos-chronik.xml -o output\n"
               "    chronik render data/lecos-chronik.xml -f md -s booklet --from 2019 --lang en\n"
               "    chronik check data/*.xml\n"
               "    chronik batch data/press-kit.xml -j 2\n\n"
               "The chronicle format and the style sheets are described in README.md and docs/.\n";
        break;
    }
    return out.str();
}

Arguments parse_arguments(const std::vector<std::string>& argv) {
    Arguments a;
    std::size_t i = 0;
    // Global options before the command.
    for (; i < argv.size() && !argv[i].empty() && argv[i][0] == '-'; ++i) {
        const auto& s = argv[i];
        if (s == "-h" || s == "--help") {
            a.command = Command::Help;
            return a;
        }
        if (s == "-V" || s == "--version") {
            a.command = Command::Version;
            return a;
        }
        throw UsageError("unknown option '" + printable(s) +
                         "' (commands: render, check, batch, formats, help)");
    }
    if (i == argv.size())
        throw UsageError("no command given (commands: render, check, batch, formats, help)");
    const std::string& cmd = argv[i++];
    if (cmd == "render")
        a.command = Command::Render;
    else if (cmd == "check")
        a.command = Command::Check;
    else if (cmd == "batch")
        a.command = Command::Batch;
    else if (cmd == "formats")
        a.command = Command::Formats;
    else if (cmd == "help") {
        a.command = Command::Help;
        if (i < argv.size())
            a.help_for = argv[i] == "render"  ? Command::Render
                         : argv[i] == "check" ? Command::Check
                         : argv[i] == "batch" ? Command::Batch
                                              : Command::None;
        return a;
    } else if (cmd == "version")
        a.command = Command::Version;
    else
        throw UsageError("unknown command '" + printable(cmd) +
                         "' (commands: render, check, batch, formats, help)");

    if (a.command == Command::Formats || a.command == Command::Version) {
        if (i < argv.size())
            throw UsageError("'" + cmd + "' takes no arguments");
        return a;
    }

    const OptionSet set = a.command == Command::Render  ? render_options()
                          : a.command == Command::Batch ? batch_options()
                                                        : check_options();
    Poco::Util::OptionProcessor proc(set);
    proc.setUnixStyle(true);
    bool options_done = false;
    std::string arg;                         // the word being read, for messages
    std::optional<std::string> pdf_standard; // as given, checked with --print after the loop
    try {
        for (; i < argv.size(); ++i) {
            arg = argv[i];
            if (!options_done && arg == "--") {
                options_done = true;
                continue;
            }
            std::string name, value;
            if (options_done || !proc.process(arg, name, value)) {
                if (!options_done && arg.size() > 1 && arg[0] == '-')
                    throw UsageError("unknown option '" + printable(arg) + "'");
                check_value("the FILE argument", arg, Kind::path);
                a.files.push_back(arg);
                continue;
            }
            if (name.empty())
                continue; // an option whose argument follows as the next word
            if (name == "help") {
                a.help_for = a.command;
                a.command = Command::Help;
                return a;
            } else if (name == "format") {
                for (auto& f : split_list("--format", value))
                    a.formats.push_back(f);
            } else if (name == "style") {
                // A built-in name or a path: checked as a path, which a
                // built-in name passes too.
                check_value("--style", value, Kind::path);
                a.style = value;
            } else if (name == "output") {
                check_value("--output", value, Kind::path);
                a.output_dir = value;
                a.output_given = true;
            } else if (name == "jobs") {
                a.jobs = job_count(value);
            } else if (name == "dry-run") {
                a.dry_run = true;
            } else if (name == "force") {
                a.force = true;
            } else if (name == "from") {
                a.compose.from_year = year(name, value);
            } else if (name == "to") {
                a.compose.to_year = year(name, value);
            } else if (name == "category") {
                for (auto& c : split_list("--category", value))
                    a.compose.categories.push_back(c);
            } else if (name == "lang") {
                if (!is_language_tag(value))
                    throw UsageError("--lang '" + printable(value) +
                                     "' is not a BCP 47 language tag");
                if (!compose::find_locale(value))
                    throw UsageError("--lang '" + printable(value) +
                                     "': no built-in words for it (de, en)");
                a.compose.language = value;
            } else if (name == "order") {
                if (value == "written" || value == "as-written")
                    a.compose.order = compose::Order::AsWritten;
                else if (value == "oldest" || value == "oldest-first")
                    a.compose.order = compose::Order::OldestFirst;
                else if (value == "newest" || value == "newest-first")
                    a.compose.order = compose::Order::NewestFirst;
                else
                    throw UsageError("--order '" + printable(value) +
                                     "' is not one of: written, oldest, newest");
            } else if (name == "title") {
                check_value("--title", value, Kind::text);
                a.compose.title = value;
            } else if (name == "pdf-standard") {
                const auto items = split_list("--pdf-standard", value);
                try {
                    a.pdf_standards = render::parse_pdf_standards(items);
                } catch (const render::PdfStandardsError& e) {
                    throw UsageError("--pdf-standard '" + printable(value) + "' " + e.what());
                }
                pdf_standard = value;
            } else if (name == "option") {
                // Checked against the formats' declarations by the command,
                // which has the registry.
                check_value("-O", value, Kind::text);
                a.format_options.push_back(value);
            } else if (name == "print") {
                a.print = true;
            } else if (name == "allow-outside-images") {
                a.allow_outside_images = true;
            } else if (name == "quiet") {
                a.quiet = true;
            }
        }
        proc.checkRequired();
    } catch (const Poco::Util::UnknownOptionException&) {
        throw UsageError("unknown option '" + printable(arg) + "'");
    } catch (const Poco::Util::MissingArgumentException&) {
        throw UsageError("option '" + printable(arg) + "' needs a value");
    } catch (const Poco::Util::OptionException& e) {
        throw UsageError(e.displayText() + " ('" + printable(arg) + "')");
    }
    // --print checks the print PDF: whatever --pdf-standard names, and x-4
    // (alone when it names nothing), as `render --pdf-standard x-4` makes it.
    if (a.print) {
        auto items =
            pdf_standard ? split_list("--pdf-standard", *pdf_standard) : std::vector<std::string>{};
        items.push_back("x-4");
        try {
            a.pdf_standards = render::parse_pdf_standards(items);
        } catch (const render::PdfStandardsError& e) {
            throw UsageError("--print with --pdf-standard '" +
                             printable(pdf_standard.value_or("")) + "' " + e.what());
        }
    }
    if (a.compose.from_year && a.compose.to_year && *a.compose.from_year > *a.compose.to_year)
        throw UsageError("--from " + std::to_string(*a.compose.from_year) + " lies after --to " +
                         std::to_string(*a.compose.to_year));
    if (a.command == Command::Batch && a.files.size() != 1)
        throw UsageError(a.files.empty()
                             ? std::string("'batch' needs a job file")
                             : "'batch' takes one job file, not " + std::to_string(a.files.size()));
    if (a.files.empty())
        throw UsageError("'" + command_name(a.command) + "' needs at least one FILE");
    return a;
}

} // namespace chronik::cli
