// Progress of a run on stderr: a bar redrawn in place on a terminal, a plain line every
// tenth of the run otherwise (logs, CI), nothing when quiet.
#pragma once

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <mutex>
#include <string>

namespace corridor::cli {

class Progress {
 public:
  enum class Mode { kQuiet, kLines, kBar };

  // kQuiet when `quiet`, else kBar when `out` is a terminal, else kLines.
  static Mode mode_for(bool quiet, std::FILE* out);

  Progress(Mode mode, std::FILE* out);
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  // Months done out of `total`. Safe to call from several threads at once; calls may
  // arrive out of order (the largest `done` seen wins).
  void update(int64_t done, int64_t total);
  // Ends the bar's line, so that what follows starts on a fresh one. Idempotent.
  void finish();

 private:
  void draw_bar(int64_t done, int64_t total, double seconds);

  Mode mode_;
  std::FILE* out_;
  std::mutex mutex_;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
  std::chrono::steady_clock::time_point last_draw_{};
  int64_t done_ = 0;
  int last_decile_ = 0;     // kLines: last tenth reported
  int last_permille_ = -1;  // kBar: last drawn state
  bool bar_open_ = false;   // kBar: a bar line is on screen
};

// "m:ss" (or "h:mm:ss" past an hour).
std::string format_duration(double seconds);

}  // namespace corridor::cli
