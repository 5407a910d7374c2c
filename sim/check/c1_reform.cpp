// Placeholder: replaced by the pattern's implementation in this session.
#include "check/check.hpp"

namespace corridor::check {

Result pattern_c1(const Options&) {
  Result r;
  r.implemented = false;
  return r;
}

}  // namespace corridor::check
