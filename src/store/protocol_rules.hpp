#pragma once
// What the store accepts as a clinic's protocol: checked by Store::add_protocol and, as it is
// typed, by the dashboard's protocol editor, so both faces give the same words.
#include "store/model.hpp"
#include "support/result.hpp"

namespace stance::store {

// The error says which field is wrong and the allowed range.
Status validate_protocol(const Protocol& protocol);

}  // namespace stance::store
