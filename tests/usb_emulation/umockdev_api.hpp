#pragma once
// umockdev's and GLib's C headers, included without this project's warnings (they are C, with
// C casts in their macros); only the tests include them.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wold-style-cast"
#pragma GCC diagnostic ignored "-Wpedantic"
#pragma GCC diagnostic ignored "-Wconversion"
#include <umockdev.h>
#pragma GCC diagnostic pop
