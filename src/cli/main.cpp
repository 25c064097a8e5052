// chronik: XML chronicles into documents. See `chronik --help`.
#include "arguments.hpp"
#include "commands.hpp"
#include "render/renderer.hpp"

#include <exception>
#include <iostream>

#ifndef CHRONIK_VERSION
#define CHRONIK_VERSION "0.0.0"
#endif

int main(int argc, char** argv) {
    using namespace chronik::cli;
    std::ios::sync_with_stdio(false);
    try {
        const Arguments a = parse_arguments(std::vector<std::string>(argv + 1, argv + argc));
        const auto formats = chronik::render::builtin_registry();
        switch (a.command) {
        case Command::Help:
            std::cout << help_text(a.help_for, formats);
            return 0;
        case Command::Version:
            std::cout << "chronik " CHRONIK_VERSION "\n";
            return 0;
        case Command::Formats:
            return run_formats(formats, std::cout);
        case Command::Check:
            return run_check(a, formats, std::cout, std::cerr);
        case Command::Batch:
            return run_batch(a, formats, std::cout, std::cerr);
        case Command::Render:
            return run_render(a, formats, std::cout, std::cerr);
        case Command::None:
            break;
        }
        std::cerr << help_text(Command::None, formats);
        return 2;
    } catch (const UsageError& e) {
        std::cerr << "chronik: " << e.what() << "\n(see chronik --help)\n";
        return 2;
    } catch (const std::exception& e) {
        // Every expected failure is reported by the commands themselves;
        // this is the last line of defence, never a crash.
        std::cerr << "chronik: internal error: " << e.what() << '\n';
        return 1;
    }
}
