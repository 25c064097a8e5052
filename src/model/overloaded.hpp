// The usual helper to std::visit with one lambda per alternative. Without a
// generic catch-all lambda, a new alternative is a compile error everywhere.
#pragma once

namespace chronik::model {

template <class... Ts> struct overloaded : Ts... { using Ts::operator()...; };
template <class... Ts> overloaded(Ts...) -> overloaded<Ts...>;

} // namespace chronik::model
