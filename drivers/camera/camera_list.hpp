#pragma once
// The V4L2 cameras of this machine, for `stance devices`: /dev/video* nodes that can capture
// (a USB webcam also shows a metadata node, which cannot), with the name the kernel gives them.
#include <string>
#include <vector>

namespace stance::camera {

struct CameraListing {
  std::string address;      // what open_device takes, e.g. "/dev/video0"
  std::string name;         // e.g. "HD Pro Webcam C920" (/sys/class/video4linux/videoN/name)
  bool can_capture = true;  // false: a metadata node; unknown (not a V4L2 device) counts as true
};

// The folders are parameters for the tests; the defaults are the machine's.
std::vector<CameraListing> list_cameras(const std::string& dev_dir = "/dev",
                                        const std::string& sys_dir = "/sys/class/video4linux");

}  // namespace stance::camera
