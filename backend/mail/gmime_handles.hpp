// GMime's reference-counted objects held by unique_ptr, and its one-time start.
#pragma once

#include <gmime/gmime.h>

#include <memory>

namespace pswnet::mail {

struct gobject_unref {
    void operator()(void* object) const { g_object_unref(object); }
};
template <class T> using gobject_ptr = std::unique_ptr<T, gobject_unref>;

struct gfree {
    void operator()(void* memory) const { g_free(memory); }
};
using gchar_ptr = std::unique_ptr<char, gfree>;

// g_mime_init, once per process (thread-safe).
void start_gmime();

} // namespace pswnet::mail
