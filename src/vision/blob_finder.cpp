#include "vision/blob_finder.hpp"

#include <opencv2/imgproc.hpp>

namespace stance::vision {

std::vector<Blob> find_blobs(const cv::Mat& mask, const cv::Rect& roi, const BlobLimits& limits,
                             BlobBuffers& b) {
  const cv::Rect whole(0, 0, mask.cols, mask.rows);
  const cv::Rect area = roi.area() > 0 ? (roi & whole) : whole;
  std::vector<Blob> blobs;
  if (area.area() == 0) return blobs;
  const cv::Mat part = mask(area);
  cv::findContours(part, b.contours, cv::RETR_EXTERNAL, cv::CHAIN_APPROX_SIMPLE);
  for (const auto& contour : b.contours) {
    const cv::Rect box = cv::boundingRect(contour);
    if (box.area() < limits.min_area_px) continue;  // a speck of noise
    const cv::Moments m = cv::moments(part(box), true);
    if (m.m00 < limits.min_area_px || m.m00 > limits.max_area_px) continue;
    Blob blob;
    // Pixel centres are at integer coordinates.
    blob.centre = {m.m10 / m.m00 + box.x + area.x, m.m01 / m.m00 + box.y + area.y};
    blob.area_px = m.m00;
    blob.fill = m.m00 / box.area();
    blobs.push_back(blob);
  }
  return blobs;
}

}  // namespace stance::vision
