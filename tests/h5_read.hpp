// A small read-only HDF5 reader for tests (HDF5 C API, header-only).
//
//   h5read::File f(path);                       // throws h5read::Error if it cannot be opened
//   f.datasets();                               // {"index/schemes", "scenario/resolved", ...}
//   h5read::Array a = f.read("timeseries/deployments");   // a.shape, a.data, a.at({r, m, s, x})
//   f.read_strings("index/schemes");            // 1-D (or scalar) string dataset
//   f.read_string("scenario/resolved");         // scalar string dataset
//   f.string_attribute("timeseries/deployments", "units");
//   f.string_array_attribute("timeseries/deployments", "dims");
//   f.root_text("scenario_name");  f.root_number("seed");  f.is_complete();
//
// Object paths may be written with or without a leading '/'; "/" (or "") is the root group.
// Every failure throws h5read::Error naming the file and object; HDF5's own error printing
// is switched off inside each call. Reads both variable-length and fixed-length strings and
// any integer or float numeric type (converted to double). Not thread-safe (HDF5 is serial).
#pragma once

#include <hdf5.h>

#include <cstddef>
#include <cstring>
#include <initializer_list>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace h5read {

struct Error : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// A numeric dataset: shape (empty for a scalar) and row-major values.
struct Array {
  std::vector<size_t> shape;
  std::vector<double> data;

  size_t rank() const { return shape.size(); }
  size_t size() const { return data.size(); }
  // The element at a multi-index (one index per axis); throws on a bad index.
  double at(std::initializer_list<size_t> index) const {
    if (index.size() != shape.size()) throw Error("h5read::Array::at: wrong number of indices");
    size_t flat = 0;
    size_t axis = 0;
    for (size_t i : index) {
      if (i >= shape[axis]) throw Error("h5read::Array::at: index out of range");
      flat = flat * shape[axis] + i;
      ++axis;
    }
    return data.at(flat);
  }
};

// How a dataset is stored.
struct Layout {
  bool chunked = false;
  std::vector<size_t> chunk;  // chunk shape when chunked
  std::vector<int> filters;   // filter ids in pipeline order (H5Z_FILTER_SHUFFLE, _DEFLATE ...)
  int deflate_level = -1;     // when deflate is among the filters
};

namespace detail {

class Handle {
 public:
  using Closer = herr_t (*)(hid_t);
  Handle() = default;
  Handle(hid_t id, Closer closer) : id_(id), closer_(closer) {}
  ~Handle() {
    if (id_ >= 0 && closer_ != nullptr) closer_(id_);
  }
  Handle(Handle&& o) noexcept : id_(std::exchange(o.id_, H5I_INVALID_HID)), closer_(o.closer_) {}
  Handle& operator=(Handle&& o) noexcept {
    if (this != &o) {
      if (id_ >= 0 && closer_ != nullptr) closer_(id_);
      id_ = std::exchange(o.id_, H5I_INVALID_HID);
      closer_ = o.closer_;
    }
    return *this;
  }
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;
  hid_t get() const { return id_; }

 private:
  hid_t id_ = H5I_INVALID_HID;
  Closer closer_ = nullptr;
};

// Switches HDF5's automatic error printing off for a scope.
class Quiet {
 public:
  Quiet() {
    if (H5Eget_auto2(H5E_DEFAULT, &func_, &data_) < 0) {
      func_ = nullptr;
      data_ = nullptr;
    }
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
  }
  ~Quiet() { H5Eset_auto2(H5E_DEFAULT, func_, data_); }
  Quiet(const Quiet&) = delete;
  Quiet& operator=(const Quiet&) = delete;

 private:
  H5E_auto2_t func_ = nullptr;
  void* data_ = nullptr;
};

inline std::string normalise(const std::string& object) {
  std::string p = object;
  while (!p.empty() && p.front() == '/') p.erase(0, 1);
  return p.empty() ? "/" : p;
}

// Reads `n` strings of file type `ftype` via `read(memtype, buffer)` (dataset or attribute).
template <class Read>
std::vector<std::string> read_string_values(hid_t ftype, hid_t space, size_t n, Read read,
                                            const std::string& what) {
  if (H5Tget_class(ftype) != H5T_STRING) throw Error(what + " is not a string");
  std::vector<std::string> out;
  if (n == 0) return out;
  Handle mtype(H5Tcopy(H5T_C_S1), H5Tclose);
  if (mtype.get() < 0) throw Error(what + ": H5Tcopy failed");
  H5Tset_cset(mtype.get(), H5Tget_cset(ftype));
  const htri_t vlen = H5Tis_variable_str(ftype);
  if (vlen < 0) throw Error(what + ": H5Tis_variable_str failed");
  if (vlen > 0) {
    H5Tset_size(mtype.get(), H5T_VARIABLE);
    std::vector<char*> ptrs(n, nullptr);
    if (read(mtype.get(), static_cast<void*>(ptrs.data())) < 0) throw Error(what + ": read failed");
    out.reserve(n);
    for (char* p : ptrs) out.emplace_back(p != nullptr ? p : "");
#if H5_VERSION_GE(1, 12, 0)  // declared but not exported by some 1.10 builds
    H5Treclaim(mtype.get(), space, H5P_DEFAULT, ptrs.data());
#else
    H5Dvlen_reclaim(mtype.get(), space, H5P_DEFAULT, ptrs.data());
#endif
  } else {
    const size_t size = H5Tget_size(ftype);
    if (size == 0) throw Error(what + ": H5Tget_size failed");
    H5Tset_size(mtype.get(), size);
    H5Tset_strpad(mtype.get(), H5T_STR_NULLPAD);
    std::vector<char> buf(n * size, '\0');
    if (read(mtype.get(), static_cast<void*>(buf.data())) < 0) throw Error(what + ": read failed");
    const bool space_padded = H5Tget_strpad(ftype) == H5T_STR_SPACEPAD;
    out.reserve(n);
    for (size_t i = 0; i < n; ++i) {
      const char* p = buf.data() + i * size;
      size_t len = strnlen(p, size);
      if (space_padded)
        while (len > 0 && p[len - 1] == ' ') --len;
      out.emplace_back(p, len);
    }
  }
  return out;
}

// Number of elements and (for simple dataspaces) the shape.
inline size_t extent(hid_t space, std::vector<size_t>* shape, const std::string& what) {
  const H5S_class_t cls = H5Sget_simple_extent_type(space);
  if (cls == H5S_NULL) return 0;
  if (cls == H5S_SCALAR) return 1;
  const int rank = H5Sget_simple_extent_ndims(space);
  if (rank < 0) throw Error(what + ": H5Sget_simple_extent_ndims failed");
  std::vector<hsize_t> dims(static_cast<size_t>(rank));
  if (rank > 0 && H5Sget_simple_extent_dims(space, dims.data(), nullptr) < 0)
    throw Error(what + ": H5Sget_simple_extent_dims failed");
  size_t n = 1;
  for (hsize_t d : dims) {
    if (shape != nullptr) shape->push_back(static_cast<size_t>(d));
    n *= static_cast<size_t>(d);
  }
  return n;
}

}  // namespace detail

class File {
 public:
  explicit File(const std::string& path) : path_(path) {
    detail::Quiet quiet;
    id_ = detail::Handle(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose);
    if (id_.get() < 0) throw Error("h5read: cannot open '" + path + "'");
  }
  hid_t id() const { return id_.get(); }
  const std::string& path() const { return path_; }

  // Whether a group or dataset exists at `object` (every component is checked).
  bool exists(const std::string& object) const {
    detail::Quiet quiet;
    const std::string p = detail::normalise(object);
    if (p == "/") return true;
    size_t pos = 0;
    while (true) {
      const size_t slash = p.find('/', pos);
      const std::string prefix = p.substr(0, slash);
      if (H5Lexists(id(), prefix.c_str(), H5P_DEFAULT) <= 0) return false;
      if (slash == std::string::npos) break;
      pos = slash + 1;
    }
    return H5Oexists_by_name(id(), p.c_str(), H5P_DEFAULT) > 0;
  }

  // Every group and dataset below the root (no leading '/'), in name order, parents first.
  std::vector<std::string> objects() const { return visit(H5I_BADID); }
  std::vector<std::string> datasets() const { return visit(H5I_DATASET); }
  std::vector<std::string> groups() const { return visit(H5I_GROUP); }

  // A numeric dataset (integer or float; converted to double).
  Array read(const std::string& dataset) const {
    detail::Quiet quiet;
    const std::string what = describe(dataset);
    detail::Handle ds = open_dataset(dataset);
    detail::Handle type(H5Dget_type(ds.get()), H5Tclose);
    const H5T_class_t cls = H5Tget_class(type.get());
    if (cls != H5T_FLOAT && cls != H5T_INTEGER) throw Error(what + " is not numeric");
    detail::Handle space(H5Dget_space(ds.get()), H5Sclose);
    if (space.get() < 0) throw Error(what + ": H5Dget_space failed");
    Array a;
    const size_t n = detail::extent(space.get(), &a.shape, what);
    a.data.assign(n, 0.0);
    if (n > 0 &&
        H5Dread(ds.get(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, a.data.data()) < 0)
      throw Error(what + ": H5Dread failed");
    return a;
  }

  // A string dataset's values (a scalar gives one value).
  std::vector<std::string> read_strings(const std::string& dataset) const {
    detail::Quiet quiet;
    const std::string what = describe(dataset);
    detail::Handle ds = open_dataset(dataset);
    detail::Handle type(H5Dget_type(ds.get()), H5Tclose);
    detail::Handle space(H5Dget_space(ds.get()), H5Sclose);
    if (type.get() < 0 || space.get() < 0) throw Error(what + ": cannot get type or dataspace");
    const size_t n = detail::extent(space.get(), nullptr, what);
    const hid_t d = ds.get();
    return detail::read_string_values(
        type.get(), space.get(), n,
        [d](hid_t mtype, void* buf) {
          return H5Dread(d, mtype, H5S_ALL, H5S_ALL, H5P_DEFAULT, buf);
        },
        what);
  }

  // A scalar (or one-element) string dataset.
  std::string read_string(const std::string& dataset) const {
    auto values = read_strings(dataset);
    if (values.size() != 1) throw Error(describe(dataset) + " does not hold exactly one string");
    return values.front();
  }

  // Dataset shape without reading the data.
  std::vector<size_t> shape(const std::string& dataset) const {
    detail::Quiet quiet;
    detail::Handle ds = open_dataset(dataset);
    detail::Handle space(H5Dget_space(ds.get()), H5Sclose);
    std::vector<size_t> s;
    detail::extent(space.get(), &s, describe(dataset));
    return s;
  }

  Layout layout(const std::string& dataset) const {
    detail::Quiet quiet;
    const std::string what = describe(dataset);
    detail::Handle ds = open_dataset(dataset);
    detail::Handle dcpl(H5Dget_create_plist(ds.get()), H5Pclose);
    if (dcpl.get() < 0) throw Error(what + ": H5Dget_create_plist failed");
    Layout l;
    l.chunked = H5Pget_layout(dcpl.get()) == H5D_CHUNKED;
    if (l.chunked) {
      hsize_t dims[H5S_MAX_RANK];
      const int rank = H5Pget_chunk(dcpl.get(), H5S_MAX_RANK, dims);
      if (rank < 0) throw Error(what + ": H5Pget_chunk failed");
      for (int i = 0; i < rank; ++i) l.chunk.push_back(static_cast<size_t>(dims[i]));
    }
    const int nfilters = H5Pget_nfilters(dcpl.get());
    for (int i = 0; i < nfilters; ++i) {
      unsigned flags = 0;
      size_t nvalues = 4;
      unsigned values[4] = {0, 0, 0, 0};
      char name[64];
      unsigned config = 0;
      const H5Z_filter_t id = H5Pget_filter2(dcpl.get(), static_cast<unsigned>(i), &flags, &nvalues,
                                             values, sizeof name, name, &config);
      if (id < 0) throw Error(what + ": H5Pget_filter2 failed");
      l.filters.push_back(static_cast<int>(id));
      if (id == H5Z_FILTER_DEFLATE && nvalues > 0) l.deflate_level = static_cast<int>(values[0]);
    }
    return l;
  }

  bool has_attribute(const std::string& object, const std::string& name) const {
    detail::Quiet quiet;
    return H5Aexists_by_name(id(), detail::normalise(object).c_str(), name.c_str(), H5P_DEFAULT) >
           0;
  }

  std::vector<std::string> attribute_names(const std::string& object) const {
    detail::Quiet quiet;
    detail::Handle obj = open_object(object);
    std::vector<std::string> names;
    auto cb = [](hid_t, const char* name, const H5A_info_t*, void* data) -> herr_t {
      static_cast<std::vector<std::string>*>(data)->emplace_back(name);
      return 0;
    };
    hsize_t idx = 0;
    if (H5Aiterate2(obj.get(), H5_INDEX_NAME, H5_ITER_INC, &idx, cb, &names) < 0)
      throw Error(describe(object) + ": H5Aiterate2 failed");
    return names;
  }

  // A string attribute holding exactly one value (scalar or 1-element).
  std::string string_attribute(const std::string& object, const std::string& name) const {
    auto values = string_array_attribute(object, name);
    if (values.size() != 1)
      throw Error(describe(object) + ": attribute '" + name + "' does not hold exactly one string");
    return values.front();
  }

  // A string attribute's values (a scalar gives one value).
  std::vector<std::string> string_array_attribute(const std::string& object,
                                                  const std::string& name) const {
    detail::Quiet quiet;
    const std::string what = describe(object) + ": attribute '" + name + "'";
    detail::Handle attr = open_attribute(object, name);
    detail::Handle type(H5Aget_type(attr.get()), H5Tclose);
    detail::Handle space(H5Aget_space(attr.get()), H5Sclose);
    if (type.get() < 0 || space.get() < 0) throw Error(what + ": cannot get type or dataspace");
    const size_t n = detail::extent(space.get(), nullptr, what);
    const hid_t a = attr.get();
    return detail::read_string_values(
        type.get(), space.get(), n, [a](hid_t mtype, void* buf) { return H5Aread(a, mtype, buf); },
        what);
  }

  // A scalar (or one-element) numeric attribute, converted to double.
  double number_attribute(const std::string& object, const std::string& name) const {
    detail::Quiet quiet;
    const std::string what = describe(object) + ": attribute '" + name + "'";
    detail::Handle attr = open_attribute(object, name);
    detail::Handle type(H5Aget_type(attr.get()), H5Tclose);
    const H5T_class_t cls = H5Tget_class(type.get());
    if (cls != H5T_FLOAT && cls != H5T_INTEGER) throw Error(what + " is not numeric");
    detail::Handle space(H5Aget_space(attr.get()), H5Sclose);
    if (detail::extent(space.get(), nullptr, what) != 1)
      throw Error(what + " does not hold exactly one value");
    double value = 0.0;
    if (H5Aread(attr.get(), H5T_NATIVE_DOUBLE, &value) < 0) throw Error(what + ": H5Aread failed");
    return value;
  }

  std::string root_text(const std::string& name) const { return string_attribute("/", name); }
  double root_number(const std::string& name) const { return number_attribute("/", name); }
  // Whether the writer finished the file (root attribute file_complete == 1).
  bool is_complete() const {
    return has_attribute("/", "file_complete") && root_number("file_complete") == 1.0;
  }

 private:
  std::string describe(const std::string& object) const {
    return "h5read: '" + path_ + "' object '" + detail::normalise(object) + "'";
  }

  detail::Handle open_object(const std::string& object) const {
    if (!exists(object)) throw Error(describe(object) + " does not exist");
    detail::Handle h(H5Oopen(id(), detail::normalise(object).c_str(), H5P_DEFAULT), H5Oclose);
    if (h.get() < 0) throw Error(describe(object) + ": H5Oopen failed");
    return h;
  }

  detail::Handle open_dataset(const std::string& dataset) const {
    if (!exists(dataset)) throw Error(describe(dataset) + " does not exist");
    detail::Handle h(H5Dopen2(id(), detail::normalise(dataset).c_str(), H5P_DEFAULT), H5Dclose);
    if (h.get() < 0) throw Error(describe(dataset) + " is not a dataset");
    return h;
  }

  detail::Handle open_attribute(const std::string& object, const std::string& name) const {
    if (!has_attribute(object, name))
      throw Error(describe(object) + ": attribute '" + name + "' does not exist");
    detail::Handle h(H5Aopen_by_name(id(), detail::normalise(object).c_str(), name.c_str(),
                                     H5P_DEFAULT, H5P_DEFAULT),
                     H5Aclose);
    if (h.get() < 0) throw Error(describe(object) + ": cannot open attribute '" + name + "'");
    return h;
  }

  // Objects of one kind (H5I_BADID: groups and datasets).
  std::vector<std::string> visit(H5I_type_t kind) const {
    detail::Quiet quiet;
    struct State {
      hid_t file;
      H5I_type_t kind;
      std::vector<std::string> names;
    } state{id(), kind, {}};
    auto cb = [](hid_t, const char* name, const H5L_info_t* info, void* data) -> herr_t {
      auto* s = static_cast<State*>(data);
      if (info->type != H5L_TYPE_HARD) return 0;
      detail::Handle obj(H5Oopen(s->file, name, H5P_DEFAULT), H5Oclose);
      if (obj.get() < 0) return -1;
      const H5I_type_t t = H5Iget_type(obj.get());
      const bool wanted =
          s->kind == H5I_BADID ? (t == H5I_GROUP || t == H5I_DATASET) : t == s->kind;
      if (wanted) s->names.emplace_back(name);
      return 0;
    };
    if (H5Lvisit(id(), H5_INDEX_NAME, H5_ITER_INC, cb, &state) < 0)
      throw Error("h5read: '" + path_ + "': H5Lvisit failed");
    return state.names;
  }

  std::string path_;
  detail::Handle id_;
};

// Convenience: the whole numeric dataset at `dataset` in the file at `path`.
inline Array read_array(const std::string& path, const std::string& dataset) {
  return File(path).read(dataset);
}

}  // namespace h5read
