#include "app/task_queue.hpp"

namespace stance::app {

TaskQueue::TaskQueue() : thread_([this] { run(); }) {}

TaskQueue::~TaskQueue() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void TaskQueue::post(Task task) {
  {
    std::lock_guard lock(mutex_);
    tasks_.push_back(std::move(task));
  }
  wake_.notify_one();
}

int TaskQueue::run_finished() {
  std::vector<UiStep> steps;
  {
    std::lock_guard lock(mutex_);
    steps.swap(finished_);
  }
  for (UiStep& step : steps) {
    if (step) step();
  }
  return static_cast<int>(steps.size());
}

bool TaskQueue::idle() const {
  std::lock_guard lock(mutex_);
  return tasks_.empty() && !running_task_ && finished_.empty();
}

bool TaskQueue::busy() const {
  std::lock_guard lock(mutex_);
  return !tasks_.empty() || running_task_;
}

void TaskQueue::run() {
  std::unique_lock lock(mutex_);
  for (;;) {
    wake_.wait(lock, [this] { return stop_ || !tasks_.empty(); });
    if (tasks_.empty()) return;  // stopping, and everything posted is done
    Task task = std::move(tasks_.front());
    tasks_.pop_front();
    running_task_ = true;
    lock.unlock();
    UiStep step = task();
    lock.lock();
    running_task_ = false;
    finished_.push_back(std::move(step));
  }
}

}  // namespace stance::app
