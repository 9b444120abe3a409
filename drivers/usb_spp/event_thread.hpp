#pragma once
// The plate's USB event thread: it runs libusb's event handling (so transfer and hotplug
// callbacks run here) and, between two rounds, a supervision step that may block briefly (clear
// a halt, reopen a plate that came back). Stop: an atomic flag, libusb_interrupt_event_handler
// to wake the thread if it waits in poll(), join.
#include <atomic>
#include <functional>
#include <thread>

struct libusb_context;

namespace stance::usb {

class EventThread {
 public:
  // `supervise` runs on the event thread after every round of event handling (at least every
  // 100 ms); it must be cheap when there is nothing to do.
  EventThread(libusb_context* context, std::function<void()> supervise);
  ~EventThread();  // stop()
  EventThread(const EventThread&) = delete;
  EventThread& operator=(const EventThread&) = delete;

  void stop();

 private:
  void run();

  libusb_context* context_;
  std::function<void()> supervise_;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

}  // namespace stance::usb
