# Compiler options and warnings as INTERFACE targets, linked privately into every module target.
add_library(pswnet_options INTERFACE)
target_compile_features(pswnet_options INTERFACE cxx_std_20)
# BOOST_ASIO_DISABLE_THREAD_KEYWORD_EXTENSION: Asio then finds its per-thread state with pthread_getspecific
# instead of a __thread variable. clang caches the address of a thread-local variable across a co_await, so a
# coroutine resumed on another I/O thread would use the first thread's frame allocator cache: a data race that
# ThreadSanitizer shows and that corrupted the heap under load.
target_compile_definitions(pswnet_options INTERFACE
  BOOST_ASIO_NO_DEPRECATED
  BOOST_ASIO_DISABLE_THREAD_KEYWORD_EXTENSION
  BOOST_BEAST_USE_STD_STRING_VIEW)

# Without UBSan's vptr check: it tests that memory is readable through a pipe, so a process out of file descriptors
# (tests/api/edge_limits proves that pswnet backs off on EMFILE) has every virtual call reported as a bad vptr.
if(PSWNET_SANITIZE)
  target_compile_options(pswnet_options INTERFACE -fsanitize=address,undefined -fno-sanitize=vptr
    -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  target_link_options(pswnet_options INTERFACE -fsanitize=address,undefined -fno-sanitize=vptr)
endif()

# Coverage for libFuzzer in every object, libFuzzer itself only in the harnesses (tests/fuzz links them with
# -fsanitize=fuzzer). The other executables link as before: the ASan runtime defines the coverage callbacks weakly.
if(PSWNET_FUZZ)
  if(NOT PSWNET_SANITIZE OR NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "PSWNET_FUZZ needs clang and PSWNET_SANITIZE (the sanitizer runtime supplies the coverage "
                        "callbacks of executables that are not fuzz harnesses)")
  endif()
  target_compile_options(pswnet_options INTERFACE -fsanitize=fuzzer-no-link)
endif()

add_library(pswnet_warnings INTERFACE)
target_compile_options(pswnet_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Woverloaded-virtual
  -Wcast-align -Wnull-dereference -Wimplicit-fallthrough -Wformat=2)
if(PSWNET_WARNINGS_AS_ERRORS)
  target_compile_options(pswnet_warnings INTERFACE -Werror)
endif()

# pswnet_module(NAME SOURCES... [LINK targets...]): a library per capability.
function(pswnet_module name)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "" "SOURCES;LINK")
  add_library(${name} STATIC ${arg_SOURCES})
  target_include_directories(${name} PUBLIC ${PROJECT_SOURCE_DIR}/backend)
  target_link_libraries(${name} PUBLIC ${arg_LINK} PRIVATE pswnet_options pswnet_warnings)
  target_precompile_headers(${name} REUSE_FROM pswnet_pch)
endfunction()
