#include "vision/kept_video_file.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/videoio.hpp>

namespace stance::vision {

Status write_kept_video(const std::filesystem::path& path, const knee::KeptVideo& video) {
  if (video.pictures.empty()) return Error{"no pictures to keep"};
  // The pictures' own spacing (a slow host drops frames), else the camera's rate.
  const double fps = video.pictures.size() > 1 && video.seconds() > 0.0
                         ? static_cast<double>(video.pictures.size() - 1) / video.seconds()
                         : (video.rate_hz > 0.0 ? video.rate_hz : 30.0);
  // OpenCV's Motion-JPEG writer picks the container by the extension: the temporary keeps it.
  std::filesystem::path temp = path;
  temp.replace_extension(".part" + path.extension().string());
  std::error_code ec;
  std::filesystem::remove(temp, ec);  // a half video left by a crash: only ever ours
  cv::VideoWriter writer;
  cv::Mat first = cv::imdecode(video.pictures.front().jpeg, cv::IMREAD_COLOR);
  if (first.empty()) return Error{"the kept pictures cannot be decoded"};
  if (!writer.open(temp.string(), cv::CAP_OPENCV_MJPEG, cv::VideoWriter::fourcc('M', 'J', 'P', 'G'),
                   fps, first.size())) {
    return Error{"cannot write the video " + temp.string() +
                 " (check the disk and the folder's permissions)"};
  }
  ::chmod(temp.c_str(), 0600);
  writer.write(first);
  for (std::size_t i = 1; i < video.pictures.size(); ++i) {
    const cv::Mat bgr = cv::imdecode(video.pictures[i].jpeg, cv::IMREAD_COLOR);
    if (bgr.size() != first.size()) continue;  // never happens with one camera; not a frame
    writer.write(bgr);
  }
  writer.release();
  struct stat st {};
  if (::stat(temp.c_str(), &st) != 0 || st.st_size == 0) {
    std::filesystem::remove(temp, ec);
    return Error{"the video " + path.string() + " could not be written (is the disk full?)"};
  }
  if (::link(temp.c_str(), path.c_str()) != 0) {
    const int e = errno;
    std::filesystem::remove(temp, ec);
    return Error{"cannot keep the video as " + path.string() + ": " + std::strerror(e) +
                 (e == EEXIST ? " (a file is there already and is not replaced)" : "")};
  }
  std::filesystem::remove(temp, ec);
  return {};
}

}  // namespace stance::vision
