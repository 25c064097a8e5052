// What a batch worker process sends back to the runner over its socket
// (runner.cpp): frames of one type byte, a 4-byte length and the payload.
//
//   'O'  an output the job has written (OutputResult), as soon as it is on
//        disk: if the worker dies later, the runner knows what is new
//   'R'  the job's whole result (JobResult), when it is done
//
// Integers are little-endian, strings length-prefixed; both ends are the
// same binary, so there is no versioning.
#pragma once

#include "runner.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace chronik::batch::wire {

std::string output_frame(const OutputResult& o);
std::string result_frame(const JobResult& r);

struct Frame {
    char type = 0;
    std::string payload;
};
// The first whole frame of `buffer`, removed from it; nullopt while it is incomplete.
std::optional<Frame> take_frame(std::string& buffer);

// Throw std::runtime_error on a payload that does not decode.
OutputResult decode_output(std::string_view payload);
JobResult decode_result(std::string_view payload);

} // namespace chronik::batch::wire
