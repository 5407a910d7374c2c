// Writes a RunResults to one HDF5 file (MODEL.md section 6). This layer is the only code
// that knows HDF5; it writes any RunResults without knowing what the numbers mean.
//
// Layout:
//   /                         attributes: every text_attributes entry (variable-length UTF-8
//                             string), every number_attributes entry (64-bit float), and
//                             file_complete = 1 (32-bit int), written last.
//   /index/<axis>             1-D variable-length UTF-8 string dataset per axis, with
//                             attribute dims = [<axis>].
//   /scenario/resolved        scalar variable-length UTF-8 string: the resolved scenario.
//   /<dataset.path>           64-bit float with the dataset's shape (groups created as needed),
//                             attributes units, description (strings) and dims (1-D string
//                             array, outermost axis first). Non-empty datasets of rank >= 1
//                             are chunked (at most 1 MiB a chunk, whole inner rows first) and
//                             compressed with shuffle + deflate level 4; scalar (rank 0) and
//                             zero-size datasets are stored contiguous.
#pragma once

#include <string>

#include "model/results.hpp"

namespace corridor {

// Writes everything in `results` to `path`.
//
// The file is written first under a temporary name in the same folder ("<path>.tmp-<pid>")
// and renamed over `path` only when it is complete, closed and synced. On any failure the
// temporary file is removed, an existing file at `path` is left untouched, and
// std::runtime_error is thrown with a message naming `path` and the HDF5 call (or the
// validation check) that failed.
//
// `results` is validated before anything is created: each dataset needs a non-empty path
// of '/'-separated names (a leading '/' is ignored; no empty, "." or ".." components; not
// under "index" or "scenario"; no path used twice or both as a dataset and as a group),
// dims.size() == shape.size() and data.size() == product(shape). Attribute names must be
// non-empty, unique across text and number attributes, and not "file_complete"; axis
// names must be non-empty and contain no '/'. Every string must be valid UTF-8 without
// NUL characters.
//
// HDF5's automatic error printing is switched off for the duration of the call (and
// restored afterwards). Calls are serialised by a process-wide mutex, because the serial
// HDF5 library is not thread-safe; other code must not use HDF5 concurrently with it.
void write_results_hdf5(const std::string& path, const RunResults& results);

}  // namespace corridor
