#include "cli/progress.hpp"

#include <unistd.h>

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

namespace corridor::cli {

Progress::Mode Progress::mode_for(bool quiet, std::FILE* out) {
  if (quiet) return Mode::kQuiet;
  return isatty(fileno(out)) ? Mode::kBar : Mode::kLines;
}

Progress::Progress(Mode mode, std::FILE* out) : mode_(mode), out_(out) {}

std::string format_duration(double seconds) {
  auto s = static_cast<int64_t>(std::llround(std::max(0.0, seconds)));
  if (s >= 3600) return fmt::format("{}:{:02}:{:02}", s / 3600, (s / 60) % 60, s % 60);
  return fmt::format("{}:{:02}", s / 60, s % 60);
}

void Progress::update(int64_t done, int64_t total) {
  if (mode_ == Mode::kQuiet || total <= 0) return;
  std::lock_guard lock(mutex_);
  done_ = std::clamp(std::max(done_, done), int64_t{0}, total);
  const auto now = std::chrono::steady_clock::now();
  const double seconds = std::chrono::duration<double>(now - start_).count();

  if (mode_ == Mode::kLines) {
    const int decile = static_cast<int>(done_ * 10 / total);
    if (decile <= last_decile_) return;
    last_decile_ = decile;
    fmt::print(out_, "progress: {:3}% ({}/{} months, {})\n", decile * 10, done_, total,
               format_duration(seconds));
    std::fflush(out_);
    return;
  }

  const int permille = static_cast<int>(done_ * 1000 / total);
  if (permille == last_permille_) return;
  // At most ten redraws a second, but always draw the end.
  if (done_ < total && now - last_draw_ < std::chrono::milliseconds(100)) return;
  last_permille_ = permille;
  last_draw_ = now;
  draw_bar(done_, total, seconds);
}

void Progress::draw_bar(int64_t done, int64_t total, double seconds) {
  constexpr int kWidth = 30;
  const double fraction = static_cast<double>(done) / static_cast<double>(total);
  const int filled = static_cast<int>(fraction * kWidth);
  std::string bar(static_cast<size_t>(filled), '#');
  bar.append(static_cast<size_t>(kWidth - filled), '.');
  std::string eta = "";
  if (done > 0 && done < total)
    eta = "  about " + format_duration(seconds * (1.0 - fraction) / fraction) + " left";
  // \r back to the start of the line, \x1b[K clears what a longer earlier line left.
  fmt::print(out_, "\r[{}] {:5.1f}%  {}/{} months  {}{}\x1b[K", bar, fraction * 100.0, done, total,
             format_duration(seconds), eta);
  std::fflush(out_);
  bar_open_ = true;
}

void Progress::finish() {
  std::lock_guard lock(mutex_);
  if (bar_open_) {
    std::fputc('\n', out_);
    std::fflush(out_);
    bar_open_ = false;
  }
}

}  // namespace corridor::cli
