// The one mapping from the document model's paragraph roles to the style
// sheet's text roles, for every renderer and design that needs it.
#pragma once

#include "model/document.hpp"
#include "style.hpp"

namespace chronik::style {

constexpr Role role_of(model::Role r) {
    switch (r) {
    case model::Role::Title:
        return Role::Title;
    case model::Role::Subtitle:
        return Role::Subtitle;
    case model::Role::Organization:
        return Role::Organization;
    case model::Role::Intro:
        return Role::Intro;
    case model::Role::Body:
        return Role::Body;
    }
    return Role::Body;
}

} // namespace chronik::style
