#include "camera/camera_list.hpp"

#include <fcntl.h>
#include <linux/videodev2.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

namespace stance::camera {
namespace {

// -1 when the name is not videoN.
long video_number(const std::string& name) {
  if (name.rfind("video", 0) != 0 || name.size() == 5) return -1;
  const std::string digits = name.substr(5);
  if (!std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return -1;
  }
  return std::stol(digits);
}

// V4L2's answer to "can you capture video?"; true when the node does not answer (not V4L2).
bool can_capture(const std::string& node) {
  const int fd = ::open(node.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) return true;
  v4l2_capability cap{};
  const bool answered = ::ioctl(fd, VIDIOC_QUERYCAP, &cap) == 0;
  ::close(fd);
  if (!answered) return true;
  const std::uint32_t caps =
      (cap.capabilities & V4L2_CAP_DEVICE_CAPS) ? cap.device_caps : cap.capabilities;
  return (caps & (V4L2_CAP_VIDEO_CAPTURE | V4L2_CAP_VIDEO_CAPTURE_MPLANE)) != 0;
}

}  // namespace

std::vector<CameraListing> list_cameras(const std::string& dev_dir, const std::string& sys_dir) {
  std::vector<std::pair<long, CameraListing>> found;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dev_dir, ec)) {
    const std::string file = entry.path().filename().string();
    const long n = video_number(file);
    if (n < 0) continue;
    CameraListing c;
    c.address = entry.path().string();
    std::ifstream name_file(std::filesystem::path(sys_dir) / file / "name");
    std::getline(name_file, c.name);
    c.can_capture = can_capture(c.address);
    found.emplace_back(n, c);
  }
  std::sort(found.begin(), found.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<CameraListing> out;
  for (auto& [n, c] : found) out.push_back(std::move(c));
  return out;
}

}  // namespace stance::camera
