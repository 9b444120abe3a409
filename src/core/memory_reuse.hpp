#pragma once
// The analysis allocates arrays of a trial's length (a 30-s trial at 1000 Hz: 240 kB per axis)
// on every call. By default glibc gives allocations that large straight back to the kernel when
// they are freed, and the next call takes them again a page at a time: on the project machine
// the page faults and copies into fresh pages cost more than the whole analysis (1.57 against
// 0.73 ms for the clinical descriptor set, docs/performance.md). Called once at the start of
// the program, this keeps freed memory in the process for reuse (up to 64 MiB of it).
namespace stance {

void keep_freed_memory_for_reuse();

}  // namespace stance
