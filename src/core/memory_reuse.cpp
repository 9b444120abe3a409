#include "core/memory_reuse.hpp"

#include <cstdlib>  // defines __GLIBC__ on glibc systems

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace stance {

void keep_freed_memory_for_reuse() {
#if defined(__GLIBC__)
  // Blocks below 32 MiB come from the heap (not their own mmap), and the heap's top is handed
  // back to the kernel only beyond 64 MiB free. Fixed values also stop glibc's own adjustment.
  mallopt(M_MMAP_THRESHOLD, 32 * 1024 * 1024);
  mallopt(M_TRIM_THRESHOLD, 64 * 1024 * 1024);
#endif
}

}  // namespace stance
