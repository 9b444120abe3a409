#include "usb_emulation/umockdev_testbed.hpp"

#include <dlfcn.h>
#include <sys/fsuid.h>

namespace stance::usbemu {
namespace {

constexpr unsigned kNobody = 65534;

}  // namespace

Testbed::Testbed() : testbed_(umockdev_testbed_new()) {
  gchar* root = umockdev_testbed_get_root_dir(testbed_);
  root_dir_ = root;
  g_free(root);
}

Testbed::~Testbed() {
  g_object_unref(testbed_);
}

bool Testbed::preload_active() {
  // umockdev_in_mock_environment() looks at LD_PRELOAD only; this finds the linked library.
  return dlsym(RTLD_DEFAULT, "ioctl_tree_execute") != nullptr;
}

UnprivilegedScope::UnprivilegedScope()
    : previous_fsuid_(static_cast<unsigned>(setfsuid(kNobody))) {}

UnprivilegedScope::~UnprivilegedScope() {
  setfsuid(previous_fsuid_);
}

}  // namespace stance::usbemu
