# Every dependency comes from Debian's packages (infra/install-deps installs them).
find_package(Boost 1.81 REQUIRED)
find_package(Threads REQUIRED)
find_package(spdlog REQUIRED)
find_package(nlohmann_json 3.10 REQUIRED)
find_package(PkgConfig REQUIRED)
pkg_check_modules(PQXX REQUIRED IMPORTED_TARGET libpqxx)
pkg_check_modules(SODIUM REQUIRED IMPORTED_TARGET libsodium)
pkg_check_modules(CMARK REQUIRED IMPORTED_TARGET libcmark-gfm)
pkg_check_modules(MAGIC REQUIRED IMPORTED_TARGET libmagic)
pkg_check_modules(ZIP REQUIRED IMPORTED_TARGET libzip)
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
