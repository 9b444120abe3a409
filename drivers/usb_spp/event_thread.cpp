#include "usb_spp/event_thread.hpp"

#include <libusb.h>
#include <pthread.h>

namespace stance::usb {

EventThread::EventThread(libusb_context* context, std::function<void()> supervise)
    : context_(context), supervise_(std::move(supervise)), thread_([this] { run(); }) {}

EventThread::~EventThread() {
  stop();
}

void EventThread::run() {
  pthread_setname_np(pthread_self(), "stance-usb");  // for top, perf and the benchmark
  while (!stop_.load()) {
    timeval timeout{0, 100000};  // 100 ms: the longest supervision ever waits
    (void)libusb_handle_events_timeout_completed(context_, &timeout, nullptr);
    if (stop_.load()) break;
    if (supervise_) supervise_();
  }
}

void EventThread::stop() {
  if (!thread_.joinable()) return;
  stop_.store(true);
  // The interruption is remembered by libusb, so a thread not yet in poll() returns at once too.
  libusb_interrupt_event_handler(context_);
  thread_.join();
}

}  // namespace stance::usb
