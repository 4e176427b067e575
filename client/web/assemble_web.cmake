# Assembles a web output folder next to the linked naervaer.js and naervaer.wasm (cmake -P):
# the page, the loader, the fonts, the service worker, and a gzip -9 sibling of each file, which the
# server sends to browsers that accept gzip. Prints the download sizes against the budget.
#
#   -DOUT_DIR=<folder with naervaer.js/.wasm>  -DSOURCE_DIR=<repository root>
#   -DFONTS=<subset font files, |-separated>   -DSERVICE_WORKER=ON|OFF
#   -DGZIP=<gzip>                              -DBUDGET_KB=<gzipped wasm + JS + fonts>

string(REPLACE "|" ";" FONTS "${FONTS}")
set(web "${SOURCE_DIR}/client/web")

# The page. Without a service worker (the benchmark's blank app), the loader is told so.
file(READ "${SOURCE_DIR}/index.html" page)
if(NOT SERVICE_WORKER)
  string(REPLACE " data-service-worker=\"sw.js\"" "" page "${page}")
endif()
file(WRITE "${OUT_DIR}/index.html" "${page}")

file(SIZE "${OUT_DIR}/naervaer.wasm" NAERVAER_WASM_BYTES)
configure_file("${web}/loader.js.in" "${OUT_DIR}/loader.js" @ONLY)

set(shell index.html loader.js naervaer.js naervaer.wasm)
foreach(font IN LISTS FONTS)
  get_filename_component(name "${font}" NAME)
  file(COPY_FILE "${font}" "${OUT_DIR}/${name}" ONLY_IF_DIFFERENT)
  list(APPEND shell "${name}")
endforeach()

if(SERVICE_WORKER)
  # The cache name follows the shell's content, so any change installs a fresh cache.
  set(digest "")
  foreach(name IN LISTS shell)
    file(SHA256 "${OUT_DIR}/${name}" file_hash)
    string(APPEND digest "${name}:${file_hash}\n")
  endforeach()
  string(SHA256 build_id "${digest}")
  string(SUBSTRING "${build_id}" 0 16 NAERVAER_BUILD_ID)
  configure_file("${web}/sw.js.in" "${OUT_DIR}/sw.js" @ONLY)
  list(APPEND shell sw.js)
endif()

# -n: no name or time stamp inside, so equal input gives equal bytes (and equal ETags).
foreach(name IN LISTS shell)
  execute_process(COMMAND "${GZIP}" -9 -n -k -f "${OUT_DIR}/${name}" RESULT_VARIABLE failed)
  if(failed)
    message(FATAL_ERROR "gzip failed on ${OUT_DIR}/${name}")
  endif()
endforeach()

# The report: raw and gzipped sizes, and the download that counts against the budget.
set(download_gz 0)
foreach(name IN LISTS shell)
  file(SIZE "${OUT_DIR}/${name}" raw)
  file(SIZE "${OUT_DIR}/${name}.gz" gz)
  if(name MATCHES "\\.(wasm|js|ttf)$" AND NOT name STREQUAL "sw.js")
    math(EXPR download_gz "${download_gz} + ${gz}")
  endif()
  message(STATUS "web: ${name}: ${raw} bytes, ${gz} gzipped")
endforeach()
math(EXPR budget "${BUDGET_KB} * 1024")
message(STATUS "web: download (wasm + JS + fonts, gzipped): ${download_gz} bytes, budget ${budget}")
if(download_gz GREATER budget)
  message(WARNING "web: the download exceeds its budget of ${BUDGET_KB} KB")
endif()
