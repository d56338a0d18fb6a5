# pswnet_embed(OUTPUT out.cpp NAMESPACE ns FUNCTION fn FILES a b ...) generates a C++ file whose function
# returns the files' names and contents, so the binary needs nothing from the source tree at run time.
function(pswnet_embed)
  cmake_parse_arguments(PARSE_ARGV 0 arg "" "OUTPUT;NAMESPACE;FUNCTION" "FILES")
  add_custom_command(
    OUTPUT ${arg_OUTPUT}
    COMMAND ${CMAKE_COMMAND} -DOUTPUT=${arg_OUTPUT} -DNAMESPACE=${arg_NAMESPACE} -DFUNCTION=${arg_FUNCTION}
            "-DFILES=${arg_FILES}" -P ${PROJECT_SOURCE_DIR}/cmake/embed_files.cmake
    DEPENDS ${arg_FILES} ${PROJECT_SOURCE_DIR}/cmake/embed_files.cmake
    COMMENT "Embedding ${arg_FUNCTION}"
    VERBATIM)
endfunction()
