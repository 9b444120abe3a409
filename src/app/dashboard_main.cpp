// `stance-dashboard`: the dashboard's executable, started by `stance` and `stance gui`.
#include <iostream>
#include <string>
#include <vector>

#include "app/gui_main.hpp"
#include "core/memory_reuse.hpp"

int main(int argc, char** argv) {
  stance::keep_freed_memory_for_reuse();
  return stance::app::gui_command({argv + 1, argv + argc}, std::cout, std::cerr);
}
