#pragma once
// Every plate driver of this build, registered in one place (explicit, no static-init tricks):
// the dashboard and the command line open plates through the same registry.
#include "device/driver_registry.hpp"

namespace stance {

void register_all_drivers(DriverRegistry& registry);

}  // namespace stance
