#include "video_file.hpp"

#include <opencv2/videoio.hpp>

namespace stance::test {

bool write_mjpeg_avi(const SyntheticSquat& scene, const std::string& path, int frames) {
  cv::VideoWriter writer(path, cv::CAP_OPENCV_MJPEG, cv::VideoWriter::fourcc('M', 'J', 'P', 'G'),
                         scene.options().fps, cv::Size(640, 480));
  if (!writer.isOpened()) return false;
  const int n = frames < 0 ? scene.frame_count() : frames;
  for (int i = 0; i < n; ++i) writer.write(scene.render(i));
  writer.release();
  return true;
}

}  // namespace stance::test
