#include "app/store_worker.hpp"

namespace stance::app {

StoreWorker::StoreWorker(store::Store store)
    : store_(std::move(store)), path_(store_.path()), thread_([this] { run(); }) {}

StoreWorker::~StoreWorker() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void StoreWorker::post(Job job) {
  {
    std::lock_guard lock(mutex_);
    jobs_.push_back(std::move(job));
  }
  wake_.notify_one();
}

int StoreWorker::run_finished() {
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

bool StoreWorker::idle() const {
  std::lock_guard lock(mutex_);
  return jobs_.empty() && !running_job_ && finished_.empty();
}

void StoreWorker::run() {
  std::unique_lock lock(mutex_);
  for (;;) {
    wake_.wait(lock, [this] { return stop_ || !jobs_.empty(); });
    if (stop_) return;
    Job job = std::move(jobs_.front());
    jobs_.pop_front();
    running_job_ = true;
    lock.unlock();
    UiStep step = job(store_);
    lock.lock();
    running_job_ = false;
    finished_.push_back(std::move(step));
  }
}

}  // namespace stance::app
