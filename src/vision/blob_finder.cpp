#include "vision/blob_finder.hpp"

#include <opencv2/imgproc.hpp>

namespace stance::vision {

std::vector<Blob> find_blobs(const cv::Mat& mask, const cv::Rect& roi, const BlobLimits& limits,
                             BlobBuffers& b) {
  const cv::Rect area = roi.area() > 0 ? (roi & cv::Rect(0, 0, mask.cols, mask.rows))
                                       : cv::Rect(0, 0, mask.cols, mask.rows);
  std::vector<Blob> blobs;
  if (area.area() == 0) return blobs;
  const int n =
      cv::connectedComponentsWithStats(mask(area), b.labels, b.stats, b.centroids, 8, CV_32S);
  for (int i = 1; i < n; ++i) {  // 0 is the background
    const double a = b.stats.at<int>(i, cv::CC_STAT_AREA);
    if (a < limits.min_area_px || a > limits.max_area_px) continue;
    const double box = static_cast<double>(b.stats.at<int>(i, cv::CC_STAT_WIDTH)) *
                       b.stats.at<int>(i, cv::CC_STAT_HEIGHT);
    Blob blob;
    // Pixel centres are at integer coordinates in OpenCV's centroids.
    blob.centre = {b.centroids.at<double>(i, 0) + area.x, b.centroids.at<double>(i, 1) + area.y};
    blob.area_px = a;
    blob.fill = a / box;
    blobs.push_back(blob);
  }
  return blobs;
}

}  // namespace stance::vision
