#pragma once
// A trial's kept pictures written as a video file (Motion-JPEG in AVI, which every player
// opens) at a path the store chose (store::Store::new_video_path). Written under a temporary
// name in the same folder and then linked to `path`, so a reader never sees half a video and an
// existing file is never replaced. Owner-only (0600).
#include <filesystem>

#include "core/knee/kept_video.hpp"
#include "support/result.hpp"

namespace stance::vision {

Status write_kept_video(const std::filesystem::path& path, const knee::KeptVideo& video);

}  // namespace stance::vision
