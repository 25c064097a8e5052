// The `chronik` commands. Each returns the process exit status and writes
// diagnostics to `err`, results to `out`.
#pragma once

#include "arguments.hpp"
#include "render/renderer.hpp"

#include <cstdint>
#include <ostream>

namespace chronik::cli {

int run_check(const Arguments& a, const render::Registry& formats, std::ostream& out,
              std::ostream& err);
int run_render(const Arguments& a, const render::Registry& formats, std::ostream& out,
               std::ostream& err);
// `out` is standard output: the progress bar is drawn when it is a terminal.
int run_batch(const Arguments& a, const render::Registry& formats, std::ostream& out,
              std::ostream& err);
int run_formats(const render::Registry& formats, std::ostream& out);

// SOURCE_DATE_EPOCH if set (throws UsageError if malformed), else now.
std::int64_t render_epoch();

} // namespace chronik::cli
