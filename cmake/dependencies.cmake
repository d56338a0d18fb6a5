# Every dependency comes from Debian's packages (infra/install-deps installs them).
find_package(Boost 1.81 REQUIRED)
find_package(Threads REQUIRED)
find_package(spdlog REQUIRED)
find_package(nlohmann_json 3.10 REQUIRED)
find_package(PkgConfig REQUIRED)
pkg_check_modules(PQXX REQUIRED IMPORTED_TARGET libpqxx)
pkg_check_modules(PQ REQUIRED IMPORTED_TARGET libpq)
pkg_check_modules(SODIUM REQUIRED IMPORTED_TARGET libsodium)
pkg_check_modules(CMARK REQUIRED IMPORTED_TARGET libcmark-gfm)
pkg_check_modules(MAGIC REQUIRED IMPORTED_TARGET libmagic)
pkg_check_modules(ZIP REQUIRED IMPORTED_TARGET libzip)
pkg_check_modules(GMIME REQUIRED IMPORTED_TARGET gmime-3.0)
pkg_check_modules(CURL REQUIRED IMPORTED_TARGET libcurl)
pkg_check_modules(OATH REQUIRED IMPORTED_TARGET liboath)
pkg_check_modules(CJOSE REQUIRED IMPORTED_TARGET cjose)
pkg_check_modules(ICAL REQUIRED IMPORTED_TARGET libical)
find_library(CMARK_EXTENSIONS_LIBRARY NAMES cmark-gfm-extensions REQUIRED)
target_link_libraries(PkgConfig::CMARK INTERFACE ${CMARK_EXTENSIONS_LIBRARY})
if(PSWNET_BUILD_TESTS)
  find_package(GTest REQUIRED)
endif()

# One precompiled header shared by every module target (same flags everywhere, so REUSE_FROM works).
add_library(pswnet_pch STATIC ${PROJECT_SOURCE_DIR}/cmake/pch.cpp)
target_link_libraries(pswnet_pch PUBLIC Boost::headers spdlog::spdlog nlohmann_json::nlohmann_json PkgConfig::PQXX
  PRIVATE pswnet_options pswnet_warnings)
target_precompile_headers(pswnet_pch PUBLIC
  <boost/asio.hpp>
  <boost/beast.hpp>
  <nlohmann/json.hpp>
  <pqxx/pqxx>
  <spdlog/spdlog.h>)

# GMime's pkg-config asks for -pthread when compiling; every target links Threads::Threads instead, and one set of
# compile flags keeps the precompiled header usable everywhere.
get_target_property(gmime_compile_options PkgConfig::GMIME INTERFACE_COMPILE_OPTIONS)
if(gmime_compile_options)
  list(REMOVE_ITEM gmime_compile_options "-pthread")
  set_target_properties(PkgConfig::GMIME PROPERTIES INTERFACE_COMPILE_OPTIONS "${gmime_compile_options}")
endif()
