#include "output/hdf5_writer.hpp"

#include <fcntl.h>
#include <hdf5.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <limits>
#include <map>
#include <mutex>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace corridor {
namespace {

// Largest chunk, in doubles (1 MiB).
constexpr hsize_t kMaxChunkElements = (hsize_t{1} << 20) / sizeof(double);
constexpr unsigned kDeflateLevel = 4;
constexpr const char* kCompleteAttribute = "file_complete";

// ---------------------------------------------------------------------------------------
// Errors

// Thrown by the checks below; the message already names the file.
[[noreturn]] void fail(const std::string& file, const std::string& what) {
  throw std::runtime_error("write_results_hdf5: cannot write '" + file + "': " + what);
}

// The innermost entry of HDF5's error stack for this thread, e.g. "unable to open file:
// name = '...', errno = 2, error message = 'No such file or directory'".
std::string hdf5_error_detail() {
  struct Walk {
    std::string desc;
    std::string minor;
  } walk;
  auto callback = [](unsigned, const H5E_error2_t* err, void* data) -> herr_t {
    auto* w = static_cast<Walk*>(data);
    w->desc = err->desc != nullptr ? err->desc : "";
    char minor[256] = {0};
    if (H5Eget_msg(err->min_num, nullptr, minor, sizeof minor) < 0) minor[0] = '\0';
    w->minor = minor;
    return 0;
  };
  if (H5Ewalk2(H5E_DEFAULT, H5E_WALK_DOWNWARD, callback, &walk) < 0) return {};
  H5Eclear2(H5E_DEFAULT);
  std::string out = walk.desc;
  if (!walk.minor.empty() && walk.minor != walk.desc)
    out += out.empty() ? walk.minor : " (" + walk.minor + ")";
  return out;
}

[[noreturn]] void fail_hdf5(const std::string& file, const char* call, const std::string& object) {
  std::string detail = hdf5_error_detail();
  std::string what = std::string(call) + " failed for " + object;
  if (!detail.empty()) what += ": " + detail;
  fail(file, what);
}

// Switches HDF5's automatic error printing off and restores the previous handler.
class ErrorPrintingOff {
 public:
  ErrorPrintingOff() {
    if (H5Eget_auto2(H5E_DEFAULT, &func_, &data_) < 0) {
      func_ = nullptr;
      data_ = nullptr;
    }
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
  }
  ~ErrorPrintingOff() { H5Eset_auto2(H5E_DEFAULT, func_, data_); }
  ErrorPrintingOff(const ErrorPrintingOff&) = delete;
  ErrorPrintingOff& operator=(const ErrorPrintingOff&) = delete;

 private:
  H5E_auto2_t func_ = nullptr;
  void* data_ = nullptr;
};

// ---------------------------------------------------------------------------------------
// RAII handle

class Handle {
 public:
  using Closer = herr_t (*)(hid_t);
  Handle() = default;
  Handle(hid_t id, Closer closer) : id_(id), closer_(closer) {}
  ~Handle() { close(); }
  Handle(Handle&& other) noexcept
      : id_(std::exchange(other.id_, H5I_INVALID_HID)), closer_(other.closer_) {}
  Handle& operator=(Handle&& other) noexcept {
    if (this != &other) {
      close();
      id_ = std::exchange(other.id_, H5I_INVALID_HID);
      closer_ = other.closer_;
    }
    return *this;
  }
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;

  hid_t get() const { return id_; }
  // Closes now; returns the closer's status (0 when already closed).
  herr_t close() {
    herr_t rc = 0;
    if (id_ >= 0 && closer_ != nullptr) rc = closer_(id_);
    id_ = H5I_INVALID_HID;
    return rc;
  }

 private:
  hid_t id_ = H5I_INVALID_HID;
  Closer closer_ = nullptr;
};

// Removes the temporary file (if it is a regular file) unless released.
class TempFileGuard {
 public:
  explicit TempFileGuard(std::string path) : path_(std::move(path)) {}
  ~TempFileGuard() {
    if (released_) return;
    // Only a regular file: anything else at that name was not created by us.
    std::error_code ec;
    if (std::filesystem::is_regular_file(std::filesystem::symlink_status(path_, ec)))
      std::filesystem::remove(path_, ec);
  }
  TempFileGuard(const TempFileGuard&) = delete;
  TempFileGuard& operator=(const TempFileGuard&) = delete;
  void release() { released_ = true; }

 private:
  std::string path_;
  bool released_ = false;
};

// ---------------------------------------------------------------------------------------
// Validation

bool valid_utf8(const std::string& s) {
  size_t i = 0;
  const size_t n = s.size();
  while (i < n) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c == 0) return false;
    size_t extra = 0;
    uint32_t cp = 0;
    if (c < 0x80) {
      ++i;
      continue;
    } else if ((c & 0xE0) == 0xC0) {
      extra = 1;
      cp = c & 0x1Fu;
    } else if ((c & 0xF0) == 0xE0) {
      extra = 2;
      cp = c & 0x0Fu;
    } else if ((c & 0xF8) == 0xF0) {
      extra = 3;
      cp = c & 0x07u;
    } else {
      return false;
    }
    if (i + extra >= n) return false;
    for (size_t k = 1; k <= extra; ++k) {
      const auto cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3Fu);
    }
    // Overlong forms, surrogates and values beyond U+10FFFF.
    if ((extra == 1 && cp < 0x80) || (extra == 2 && cp < 0x800) || (extra == 3 && cp < 0x10000) ||
        (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
      return false;
    i += extra + 1;
  }
  return true;
}

void check_text(const std::string& file, const std::string& text, const std::string& what) {
  if (!valid_utf8(text)) fail(file, what + " is not valid UTF-8 text (or contains a NUL)");
}

std::string shape_text(const std::vector<size_t>& shape) {
  std::ostringstream out;
  out << '[';
  for (size_t i = 0; i < shape.size(); ++i) out << (i ? "," : "") << shape[i];
  out << ']';
  return out.str();
}

// "a/b/c" (a leading '/' dropped) split into components, validated.
std::vector<std::string> split_path(const std::string& file, const std::string& path) {
  std::string p = path;
  if (!p.empty() && p.front() == '/') p.erase(0, 1);
  if (p.empty()) fail(file, "a dataset has an empty path");
  std::vector<std::string> parts;
  size_t start = 0;
  while (true) {
    const size_t slash = p.find('/', start);
    std::string part =
        p.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
    if (part.empty() || part == "." || part == "..")
      fail(file, "dataset path '" + path + "' has an empty, '.' or '..' component");
    parts.push_back(std::move(part));
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  return parts;
}

std::string join(const std::vector<std::string>& parts, size_t count) {
  std::string out;
  for (size_t i = 0; i < count; ++i) {
    if (i) out += '/';
    out += parts[i];
  }
  return out;
}

// Checks everything that can be checked before a file is created; returns each dataset's
// path components.
std::vector<std::vector<std::string>> validate(const std::string& file, const RunResults& r) {
  for (const auto& [name, value] : r.text_attributes) {
    if (name.empty()) fail(file, "a root text attribute has an empty name");
    check_text(file, name, "root attribute name '" + name + "'");
    check_text(file, value, "root attribute '" + name + "'");
    if (name == kCompleteAttribute) fail(file, "root attribute name 'file_complete' is reserved");
    if (r.number_attributes.count(name))
      fail(file, "root attribute '" + name + "' is both a text and a number attribute");
  }
  for (const auto& [name, value] : r.number_attributes) {
    (void)value;
    if (name.empty()) fail(file, "a root number attribute has an empty name");
    check_text(file, name, "root attribute name '" + name + "'");
    if (name == kCompleteAttribute) fail(file, "root attribute name 'file_complete' is reserved");
  }
  for (const auto& [name, labels] : r.axes) {
    if (name.empty() || name.find('/') != std::string::npos || name == "." || name == "..")
      fail(file, "axis name '" + name + "' is empty or not a plain name");
    check_text(file, name, "axis name '" + name + "'");
    for (const auto& label : labels) check_text(file, label, "a label of axis '" + name + "'");
  }
  check_text(file, r.scenario_resolved, "the resolved scenario text");

  std::vector<std::vector<std::string>> paths;
  std::set<std::string> datasets;
  std::set<std::string> groups;
  for (const auto& d : r.datasets) {
    auto parts = split_path(file, d.path);
    const std::string full = join(parts, parts.size());
    check_text(file, full, "dataset path '" + full + "'");
    if (parts.front() == "index" || parts.front() == "scenario")
      fail(file, "dataset path '" + full + "' is under the reserved group '" + parts.front() + "'");
    if (!datasets.insert(full).second) fail(file, "dataset path '" + full + "' is used twice");
    for (size_t i = 1; i < parts.size(); ++i) groups.insert(join(parts, i));
    check_text(file, d.units, "the units of dataset '" + full + "'");
    check_text(file, d.description, "the description of dataset '" + full + "'");
    for (const auto& dim : d.dims) check_text(file, dim, "a dim name of dataset '" + full + "'");
    if (d.dims.size() != d.shape.size())
      fail(file, "dataset '" + full + "' has " + std::to_string(d.dims.size()) +
                     " dims but shape " + shape_text(d.shape));
    size_t n = 1;
    for (size_t extent : d.shape) {
      if (extent != 0 && n > std::numeric_limits<size_t>::max() / extent)
        fail(file,
             "dataset '" + full + "' has a shape too large to address: " + shape_text(d.shape));
      n *= extent;
    }
    if (d.data.size() != n)
      fail(file, "dataset '" + full + "' has shape " + shape_text(d.shape) + " (" +
                     std::to_string(n) + " values) but " + std::to_string(d.data.size()) +
                     " data values");
    paths.push_back(std::move(parts));
  }
  for (const auto& g : groups)
    if (datasets.count(g)) fail(file, "'" + g + "' is used both as a dataset and as a group");
  return paths;
}

// Chunk shape: whole inner axes first, the first axis that does not fit cut to fit, outer
// axes 1; at most kMaxChunkElements. Only for non-empty datasets of rank >= 1.
std::vector<hsize_t> chunk_shape(const std::vector<size_t>& shape) {
  std::vector<hsize_t> chunk(shape.size(), 1);
  hsize_t acc = 1;
  for (size_t i = shape.size(); i-- > 0;) {
    const auto extent = static_cast<hsize_t>(shape[i]);
    if (extent <= kMaxChunkElements / acc) {
      chunk[i] = extent;
      acc *= extent;
    } else {
      chunk[i] = std::max<hsize_t>(1, kMaxChunkElements / acc);
      break;
    }
  }
  return chunk;
}

// ---------------------------------------------------------------------------------------
// Writer

class Writer {
 public:
  explicit Writer(std::string file) : file_(std::move(file)) {}

  hid_t check(hid_t id, const char* call, const std::string& object) const {
    if (id < 0) fail_hdf5(file_, call, object);
    return id;
  }
  void check_status(herr_t rc, const char* call, const std::string& object) const {
    if (rc < 0) fail_hdf5(file_, call, object);
  }

  void create(const std::string& tmp_path) {
    const std::string what = "file '" + tmp_path + "'";
    Handle fapl(check(H5Pcreate(H5P_FILE_ACCESS), "H5Pcreate", what), H5Pclose);
    // Closing the file closes anything still open, so an error path never leaks it.
    check_status(H5Pset_fclose_degree(fapl.get(), H5F_CLOSE_STRONG), "H5Pset_fclose_degree", what);
    file_id_ = Handle(check(H5Fcreate(tmp_path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, fapl.get()),
                            "H5Fcreate", what),
                      H5Fclose);

    string_type_ = Handle(check(H5Tcopy(H5T_C_S1), "H5Tcopy", "the string type"), H5Tclose);
    check_status(H5Tset_size(string_type_.get(), H5T_VARIABLE), "H5Tset_size", "the string type");
    check_status(H5Tset_cset(string_type_.get(), H5T_CSET_UTF8), "H5Tset_cset", "the string type");

    gcpl_ = Handle(check(H5Pcreate(H5P_GROUP_CREATE), "H5Pcreate", "group properties"), H5Pclose);
    // No timestamps, so two runs with the same inputs give the same bytes.
    check_status(H5Pset_obj_track_times(gcpl_.get(), 0), "H5Pset_obj_track_times",
                 "group properties");
  }

  // Opens (creating if needed) the group at the first `count` components of `parts`.
  hid_t group(const std::vector<std::string>& parts, size_t count) {
    if (count == 0) return file_id_.get();
    const std::string key = join(parts, count);
    auto it = groups_.find(key);
    if (it != groups_.end()) return it->second.get();
    const hid_t parent = group(parts, count - 1);
    Handle g(
        check(H5Gcreate2(parent, parts[count - 1].c_str(), H5P_DEFAULT, gcpl_.get(), H5P_DEFAULT),
              "H5Gcreate2", "group '" + key + "'"),
        H5Gclose);
    return groups_.emplace(key, std::move(g)).first->second.get();
  }

  void string_attribute(hid_t obj, const std::string& name, const std::string& value,
                        const std::string& object) {
    const std::string what = "attribute '" + name + "' of " + object;
    Handle space(check(H5Screate(H5S_SCALAR), "H5Screate", what), H5Sclose);
    Handle attr(check(H5Acreate2(obj, name.c_str(), string_type_.get(), space.get(), H5P_DEFAULT,
                                 H5P_DEFAULT),
                      "H5Acreate2", what),
                H5Aclose);
    const char* p = value.c_str();
    check_status(H5Awrite(attr.get(), string_type_.get(), &p), "H5Awrite", what);
    check_status(attr.close(), "H5Aclose", what);
  }

  void string_array_attribute(hid_t obj, const std::string& name,
                              const std::vector<std::string>& values, const std::string& object) {
    const std::string what = "attribute '" + name + "' of " + object;
    const hsize_t n = values.size();
    Handle space(check(H5Screate_simple(1, &n, nullptr), "H5Screate_simple", what), H5Sclose);
    Handle attr(check(H5Acreate2(obj, name.c_str(), string_type_.get(), space.get(), H5P_DEFAULT,
                                 H5P_DEFAULT),
                      "H5Acreate2", what),
                H5Aclose);
    if (n > 0) {
      std::vector<const char*> ptrs;
      ptrs.reserve(values.size());
      for (const auto& v : values) ptrs.push_back(v.c_str());
      check_status(H5Awrite(attr.get(), string_type_.get(), ptrs.data()), "H5Awrite", what);
    }
    check_status(attr.close(), "H5Aclose", what);
  }

  void number_attribute(hid_t obj, const std::string& name, double value,
                        const std::string& object) {
    const std::string what = "attribute '" + name + "' of " + object;
    Handle space(check(H5Screate(H5S_SCALAR), "H5Screate", what), H5Sclose);
    Handle attr(
        check(H5Acreate2(obj, name.c_str(), H5T_IEEE_F64LE, space.get(), H5P_DEFAULT, H5P_DEFAULT),
              "H5Acreate2", what),
        H5Aclose);
    check_status(H5Awrite(attr.get(), H5T_NATIVE_DOUBLE, &value), "H5Awrite", what);
    check_status(attr.close(), "H5Aclose", what);
  }

  // A string dataset: scalar when `scalar`, else 1-D with one element per value.
  Handle string_dataset(hid_t parent, const std::string& name,
                        const std::vector<std::string>& values, bool scalar,
                        const std::string& object) {
    const hsize_t n = values.size();
    Handle space(scalar ? check(H5Screate(H5S_SCALAR), "H5Screate", object)
                        : check(H5Screate_simple(1, &n, nullptr), "H5Screate_simple", object),
                 H5Sclose);
    Handle dcpl(check(H5Pcreate(H5P_DATASET_CREATE), "H5Pcreate", object), H5Pclose);
    check_status(H5Pset_obj_track_times(dcpl.get(), 0), "H5Pset_obj_track_times", object);
    Handle ds(check(H5Dcreate2(parent, name.c_str(), string_type_.get(), space.get(), H5P_DEFAULT,
                               dcpl.get(), H5P_DEFAULT),
                    "H5Dcreate2", object),
              H5Dclose);
    if (!values.empty()) {
      std::vector<const char*> ptrs;
      ptrs.reserve(values.size());
      for (const auto& v : values) ptrs.push_back(v.c_str());
      check_status(
          H5Dwrite(ds.get(), string_type_.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, ptrs.data()),
          "H5Dwrite", object);
    }
    return ds;
  }

  void root_attributes(const RunResults& r) {
    for (const auto& [name, value] : r.text_attributes)
      string_attribute(file_id_.get(), name, value, "the root group");
    for (const auto& [name, value] : r.number_attributes)
      number_attribute(file_id_.get(), name, value, "the root group");
  }

  void axes(const RunResults& r) {
    const std::vector<std::string> index{"index"};
    const hid_t g = group(index, 1);
    for (const auto& [name, labels] : r.axes) {
      const std::string object = "dataset 'index/" + name + "'";
      Handle ds = string_dataset(g, name, labels, false, object);
      string_array_attribute(ds.get(), "dims", {name}, object);
      check_status(ds.close(), "H5Dclose", object);
    }
  }

  void scenario(const RunResults& r) {
    const std::vector<std::string> scenario{"scenario"};
    const hid_t g = group(scenario, 1);
    const std::string object = "dataset 'scenario/resolved'";
    Handle ds = string_dataset(g, "resolved", {r.scenario_resolved}, true, object);
    check_status(ds.close(), "H5Dclose", object);
  }

  void dataset(const Dataset& d, const std::vector<std::string>& parts) {
    const std::string full = join(parts, parts.size());
    const std::string object = "dataset '" + full + "'";
    const hid_t parent = group(parts, parts.size() - 1);

    const auto rank = static_cast<int>(d.shape.size());
    const std::vector<hsize_t> dims(d.shape.begin(), d.shape.end());
    Handle space(
        rank == 0 ? check(H5Screate(H5S_SCALAR), "H5Screate", object)
                  : check(H5Screate_simple(rank, dims.data(), nullptr), "H5Screate_simple", object),
        H5Sclose);
    Handle dcpl(check(H5Pcreate(H5P_DATASET_CREATE), "H5Pcreate", object), H5Pclose);
    check_status(H5Pset_obj_track_times(dcpl.get(), 0), "H5Pset_obj_track_times", object);
    if (rank > 0 && !d.data.empty()) {
      const std::vector<hsize_t> chunk = chunk_shape(d.shape);
      check_status(H5Pset_chunk(dcpl.get(), rank, chunk.data()), "H5Pset_chunk", object);
      check_status(H5Pset_shuffle(dcpl.get()), "H5Pset_shuffle", object);
      check_status(H5Pset_deflate(dcpl.get(), kDeflateLevel), "H5Pset_deflate", object);
    }
    Handle ds(check(H5Dcreate2(parent, parts.back().c_str(), H5T_IEEE_F64LE, space.get(),
                               H5P_DEFAULT, dcpl.get(), H5P_DEFAULT),
                    "H5Dcreate2", object),
              H5Dclose);
    if (!d.data.empty())
      check_status(
          H5Dwrite(ds.get(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, d.data.data()),
          "H5Dwrite", object);
    string_attribute(ds.get(), "units", d.units, object);
    string_attribute(ds.get(), "description", d.description, object);
    string_array_attribute(ds.get(), "dims", d.dims, object);
    check_status(ds.close(), "H5Dclose", object);
  }

  // Marks the file complete, then closes everything; after this the file is on disk.
  void finish(const std::string& tmp_path) {
    groups_.clear();
    const std::string what = "file '" + tmp_path + "'";
    {
      const std::string attr_what = "attribute 'file_complete' of the root group";
      Handle space(check(H5Screate(H5S_SCALAR), "H5Screate", attr_what), H5Sclose);
      Handle attr(check(H5Acreate2(file_id_.get(), kCompleteAttribute, H5T_STD_I32LE, space.get(),
                                   H5P_DEFAULT, H5P_DEFAULT),
                        "H5Acreate2", attr_what),
                  H5Aclose);
      const int one = 1;
      check_status(H5Awrite(attr.get(), H5T_NATIVE_INT, &one), "H5Awrite", attr_what);
      check_status(attr.close(), "H5Aclose", attr_what);
    }
    string_type_.close();
    gcpl_.close();
    check_status(file_id_.close(), "H5Fclose", what);
  }

 private:
  std::string file_;  // the final path, for messages
  Handle file_id_;
  Handle string_type_;
  Handle gcpl_;
  std::map<std::string, Handle> groups_;  // declared after file_id_: closed before it
};

void sync_file(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return;
  (void)::fsync(fd);
  (void)::close(fd);
}

std::mutex& hdf5_mutex() {
  static std::mutex m;
  return m;
}

}  // namespace

void write_results_hdf5(const std::string& path, const RunResults& results) {
  if (path.empty()) fail(path, "the path is empty");
  const std::vector<std::vector<std::string>> paths = validate(path, results);

  std::lock_guard<std::mutex> lock(hdf5_mutex());
  ErrorPrintingOff quiet;

  const std::string tmp_path = path + ".tmp-" + std::to_string(::getpid());
  TempFileGuard guard(tmp_path);  // declared before the writer: removes the file after closing
  {
    Writer w(path);
    w.create(tmp_path);
    w.root_attributes(results);
    w.axes(results);
    w.scenario(results);
    for (size_t i = 0; i < results.datasets.size(); ++i) w.dataset(results.datasets[i], paths[i]);
    w.finish(tmp_path);
  }
  sync_file(tmp_path);

  std::error_code ec;
  std::filesystem::rename(tmp_path, path, ec);
  if (ec) fail(path, "renaming '" + tmp_path + "' over it failed: " + ec.message());
  guard.release();

  // Make the rename itself durable (best effort).
  std::filesystem::path dir = std::filesystem::path(path).parent_path();
  if (dir.empty()) dir = ".";
  sync_file(dir.string());
}

}  // namespace corridor
