// The one `stance` executable. The command line never needs a display.
#include "cli/cli.hpp"

int main(int argc, char** argv) {
  return stance::cli::run(argc, argv);
}
