# The Debian package: `cmake --build --preset release --target package` (after the webclient is built, as the run
# and test commands do) writes build/release/pswnet_VERSION_ARCH.deb. It installs the binary, the built webclient,
# the systemd units, the nginx and Postfix snippets, the configuration file and the operations guide.
install(TARGETS pswnet RUNTIME DESTINATION bin)
install(CODE "
  if(NOT EXISTS \"${PROJECT_SOURCE_DIR}/webclient/dist/index.html\")
    message(FATAL_ERROR \"webclient/dist is missing: build the webclient first (cd webclient && npm run build)\")
  endif()")
install(DIRECTORY ${PROJECT_SOURCE_DIR}/webclient/dist/ DESTINATION share/pswnet/webclient)
install(FILES ${PROJECT_SOURCE_DIR}/infra/systemd/pswnet@.service ${PROJECT_SOURCE_DIR}/infra/systemd/pswnet.target
  DESTINATION lib/systemd/system)
install(FILES ${PROJECT_SOURCE_DIR}/infra/nginx/pswnet.conf DESTINATION share/pswnet/nginx)
install(FILES ${PROJECT_SOURCE_DIR}/infra/postfix/main.cf.snippet ${PROJECT_SOURCE_DIR}/infra/postfix/master.cf.snippet
  ${PROJECT_SOURCE_DIR}/infra/postfix/transport ${PROJECT_SOURCE_DIR}/infra/postfix/README.md
  DESTINATION share/pswnet/postfix)
install(FILES ${PROJECT_SOURCE_DIR}/infra/backup/pgbackrest.conf DESTINATION share/pswnet/backup)
install(FILES ${PROJECT_SOURCE_DIR}/docs/operations.md ${PROJECT_SOURCE_DIR}/docs/security.md
  ${PROJECT_SOURCE_DIR}/docs/benchmarks.md DESTINATION share/doc/pswnet)
install(FILES ${PROJECT_SOURCE_DIR}/infra/package/pswnet.conf DESTINATION /etc/pswnet)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME pswnet)
set(CPACK_PACKAGE_VENDOR "PSW Network")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "PSW Network: the collaboration service for Principal Social Workers")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "PSW Network engineers <engineers@pswnet.example>")
set(CPACK_DEBIAN_PACKAGE_SECTION web)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON) # the shared libraries' packages, found by dpkg-shlibdeps
set(CPACK_DEBIAN_PACKAGE_DEPENDS "adduser, poppler-utils")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "postgresql-15, nginx, pgbackrest")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "postfix")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
  ${PROJECT_SOURCE_DIR}/infra/package/conffiles ${PROJECT_SOURCE_DIR}/infra/package/postinst
  ${PROJECT_SOURCE_DIR}/infra/package/prerm ${PROJECT_SOURCE_DIR}/infra/package/postrm)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
include(CPack)
