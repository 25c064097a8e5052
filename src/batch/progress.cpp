#include "progress.hpp"

#include <algorithm>
#include <charconv>

namespace chronik::batch {

namespace {

std::string fixed(double v, int decimals) {
    char buf[32];
    const auto end =
        std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, decimals).ptr;
    return std::string(buf, end);
}

std::string seconds_text(double s) {
    return fixed(s, 2) + " s";
}

std::string count(std::size_t n, std::string_view one, std::string_view many) {
    return std::to_string(n) + " " + std::string(n == 1 ? one : many);
}

} // namespace

std::string_view status_word(Status s) {
    switch (s) {
    case Status::Written:
        return "written";
    case Status::UpToDate:
        return "up to date";
    case Status::Failed:
        return "failed";
    case Status::Cancelled:
        return "cancelled";
    case Status::WouldRender:
        return "would render";
    }
    return "";
}

Progress::Progress(const Plan& plan, Display display, std::ostream& out, std::ostream& err,
                   int columns)
    : plan_(plan), display_(display), out_(out), err_(err), columns_(std::max(columns, 20)),
      start_(std::chrono::steady_clock::now()), waiting_(plan.jobs.size()) {}

void Progress::started(std::size_t job) {
    const std::lock_guard lock(mutex_);
    running_.insert(job);
    if (display_ == Display::Bar)
        draw();
}

void Progress::finished(std::size_t job, const JobResult& result) {
    const std::lock_guard lock(mutex_);
    running_.erase(job);
    ++done_;
    if (display_ == Display::Bar) {
        if (!result.diags.items().empty()) {
            erase(); // messages go above the bar
            print(result.diags);
        }
        draw();
        return;
    }
    // In job file order: hold a result until the jobs before it are done.
    waiting_.at(job) = result;
    while (next_line_ < waiting_.size() && waiting_[next_line_]) {
        print_line(next_line_, *waiting_[next_line_]);
        waiting_[next_line_].reset();
        ++next_line_;
    }
}

void Progress::print_line(std::size_t job, const JobResult& r) {
    print(r.diags);
    if (display_ != Display::Lines)
        return;
    const auto& p = plan_.jobs[job];
    out_ << '[' << job + 1 << '/' << plan_.jobs.size() << "] " << p.job->name << ": "
         << status_word(r.status);
    if (r.status == Status::Written)
        out_ << " (" << count(r.outputs.size(), "output", "outputs") << ", "
             << seconds_text(r.seconds) << ')';
    else if (p.action == Action::Fail)
        out_ << " (" << p.reason << ')';
    out_ << '\n';
    out_.flush();
}

void Progress::print(const Diagnostics& d) {
    bool any = false;
    for (const auto& item : d.items()) {
        if (display_ == Display::Quiet && item.severity != Severity::Error)
            continue;
        if (!any)
            out_.flush(); // what came before stays before, when both go to one file
        any = true;
        err_ << format(item) << '\n';
    }
    if (any)
        err_.flush();
}

void Progress::tick() {
    const std::lock_guard lock(mutex_);
    if (display_ == Display::Bar)
        draw();
}

void Progress::note(std::string_view text) {
    const std::lock_guard lock(mutex_);
    if (display_ == Display::Bar)
        erase();
    err_ << "chronik: " << text << '\n';
    err_.flush();
    if (display_ == Display::Bar)
        draw();
}

void Progress::close() {
    const std::lock_guard lock(mutex_);
    if (display_ == Display::Bar)
        erase();
}

void Progress::erase() {
    if (!drawn_)
        return;
    out_ << "\r\033[K";
    out_.flush();
    drawn_ = false;
}

void Progress::draw() {
    const std::size_t total = plan_.jobs.size();
    constexpr std::size_t width = 24;
    const std::size_t filled = total ? done_ * width / total : width;
    const auto elapsed = static_cast<long>(
        std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() - start_)
            .count());
    std::string line = "[";
    line.append(filled, '#').append(width - filled, '-').append("] ");
    line.append(std::to_string(done_)).append("/").append(std::to_string(total));
    line.append("  ").append(std::to_string(elapsed / 60)).append(elapsed % 60 < 10 ? ":0" : ":");
    line.append(std::to_string(elapsed % 60));
    const char* separator = "  ";
    for (const auto i : running_) {
        line.append(separator).append(plan_.jobs[i].job->name);
        separator = ", ";
    }
    // Job names are ASCII: bytes are columns. Stay off the last column,
    // where some terminals wrap.
    const auto room = static_cast<std::size_t>(columns_ - 1);
    if (line.size() > room)
        line = line.substr(0, room - 3) + "...";
    out_ << '\r' << line << "\033[K";
    out_.flush();
    drawn_ = true;
}

void print_summary(const Plan& plan, const std::vector<JobResult>& results, double seconds,
                   bool dry_run, std::ostream& out) {
    struct Row {
        std::string job, output, pages = "-", bytes = "-", time, status;
    };
    std::vector<Row> rows;
    std::size_t by_status[5] = {};
    std::uint64_t written_bytes = 0;
    std::size_t written_outputs = 0;
    for (std::size_t i = 0; i < plan.jobs.size(); ++i) {
        const auto& p = plan.jobs[i];
        const auto& r = results.at(i);
        ++by_status[static_cast<int>(r.status)];
        std::string status(status_word(r.status));
        if (r.status == Status::WouldRender ||
            (r.status == Status::Failed && p.action == Action::Fail))
            status += " (" + p.reason + ")";
        const bool timed = r.status == Status::Written || r.status == Status::Failed;
        for (std::size_t k = 0; k < p.outputs.size(); ++k) {
            Row row;
            if (k == 0) {
                row.job = p.job->name;
                row.time = timed && p.action != Action::Fail ? seconds_text(r.seconds) : "-";
                row.status = status;
            }
            row.output = p.outputs[k].path;
            if (k < r.outputs.size()) {
                const auto& o = r.outputs[k];
                row.bytes = std::to_string(o.bytes);
                if (o.pages)
                    row.pages = std::to_string(*o.pages);
                if (r.status == Status::Written || r.status == Status::Failed) {
                    written_bytes += o.bytes;
                    ++written_outputs;
                }
            }
            rows.push_back(std::move(row));
        }
    }
    Row head{"job", "output", "pages", "bytes", "time", "status"};
    std::size_t w[5] = {head.job.size(), head.output.size(), head.pages.size(), head.bytes.size(),
                        head.time.size()};
    for (const auto& r : rows) {
        w[0] = std::max(w[0], r.job.size());
        w[1] = std::max(w[1], r.output.size());
        w[2] = std::max(w[2], r.pages.size());
        w[3] = std::max(w[3], r.bytes.size());
        w[4] = std::max(w[4], r.time.size());
    }
    auto print = [&](const Row& r) {
        std::string line;
        auto left = [&](const std::string& s, std::size_t width) {
            line += s + std::string(width - s.size(), ' ') + "  ";
        };
        auto right = [&](const std::string& s, std::size_t width) {
            line += std::string(width - s.size(), ' ') + s + "  ";
        };
        left(r.job, w[0]);
        left(r.output, w[1]);
        right(r.pages, w[2]);
        right(r.bytes, w[3]);
        right(r.time, w[4]);
        line += r.status;
        line.erase(line.find_last_not_of(' ') + 1);
        out << line << '\n';
    };
    print(head);
    for (const auto& r : rows)
        print(r);

    std::string totals;
    for (const auto s : {Status::Written, Status::WouldRender, Status::UpToDate, Status::Failed,
                         Status::Cancelled})
        if (const auto n = by_status[static_cast<int>(s)])
            totals += (totals.empty() ? "" : ", ") + std::to_string(n) + " " +
                      std::string(status_word(s));
    out << count(plan.jobs.size(), "job", "jobs") << ": " << totals;
    if (!dry_run)
        out << "; " << count(written_outputs, "file", "files") << " written (" << written_bytes
            << " bytes) in " << seconds_text(seconds);
    else
        out << " (dry run: nothing written)";
    out << '\n';
    out.flush();
}

} // namespace chronik::batch
