# The conformance HTML page as a browser shows it: headless Chromium loads the page from a
# file (nothing else to fetch: the page has no external resource), and
#   - its DOM (--dump-dom) holds the capability matrix, the pairwise grid tables, the
#     disagreements and the cases that did not pass, with outcomes in words;
#   - its screenshot is a real PNG of the asked size, over 10 KB, and much larger than the
#     screenshot of a blank page of the same size (a page that rendered as one flat colour
#     compresses to about the blank page's size).
# SKIPs (ctest's SKIP_REGULAR_EXPRESSION "SKIPPED:") when chromium is not installed;
# scripts/setup.sh installs it, so CI runs it.
#
# cmake -DPAGE_COMMAND=<program writing the page to the path given last>
#       [-DPAGE_STATUSES=<exit statuses that still mean "page written", default 0>]
#       -DWORK_DIR=<scratch folder> -P conformance_html_browser_test.cmake
# PAGE_COMMAND is a ;-list: the program and its arguments before the page's path, e.g.
# the sample page's writer, or "$<TARGET_FILE:polycert_cli>;conformance;--html" with
# PAGE_STATUSES "0;6" (a run with a FAIL exits 6 and still writes its page).

cmake_minimum_required(VERSION 3.25)

foreach(var PAGE_COMMAND WORK_DIR)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "conformance_html_browser_test.cmake: ${var} is not set")
  endif()
endforeach()

find_program(CHROMIUM NAMES chromium chromium-browser google-chrome)
if(NOT CHROMIUM)
  message("SKIPPED: chromium is not installed (scripts/setup.sh installs the Debian package)")
  return()
endif()

file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}")
set(page "${WORK_DIR}/conformance.html")
set(blank "${WORK_DIR}/blank.html")
file(WRITE "${blank}" "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\" /><title>blank</title></head><body></body></html>\n")

if(NOT DEFINED PAGE_STATUSES)
  set(PAGE_STATUSES 0)
endif()
execute_process(COMMAND ${PAGE_COMMAND} "${page}" RESULT_VARIABLE status OUTPUT_QUIET
                ERROR_VARIABLE error)
if(NOT status IN_LIST PAGE_STATUSES OR NOT EXISTS "${page}")
  message(FATAL_ERROR "writing the page failed (${status}): ${error}")
endif()

set(width 1280)
set(height 2000)
# One profile folder per run so parallel tests never share a Chromium profile.
function(run_chromium name)
  execute_process(
    COMMAND "${CHROMIUM}" --headless --no-sandbox --disable-gpu --no-first-run
            --disable-extensions --hide-scrollbars --user-data-dir=${WORK_DIR}/profile-${name}
            --window-size=${width},${height} ${ARGN}
    RESULT_VARIABLE status OUTPUT_VARIABLE output ERROR_VARIABLE error TIMEOUT 90)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "chromium ${ARGN} failed (${status}):\n${error}")
  endif()
  set(chromium_output "${output}" PARENT_SCOPE)
endfunction()

# The DOM as the browser parsed it.
run_chromium(dom --dump-dom "file://${page}")
set(dom "${chromium_output}")
foreach(expected
    "<table id=\"capability-matrix\">"
    "<div class=\"grids\" id=\"pairwise-grid\">"
    "<table class=\"grid\" id=\"pairwise-1\">"
    "<table id=\"area-summary\">"
    "<section id=\"disagreements\">"
    "<section id=\"not-passing\">"
    "<table id=\"all-cases\">"
    "class=\"badge matters\""
    "<span class=\"w\">FAIL</span>"
    "<span class=\"w\">PASS</span>")
  string(FIND "${dom}" "${expected}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "the page's DOM lacks ${expected}; DOM begins:\n${dom}")
  endif()
endforeach()
# An injected script would have become an element; escaped, it is text.
string(FIND "${dom}" "<script" at)
if(NOT at EQUAL -1)
  message(FATAL_ERROR "the page's DOM holds a <script> element")
endif()

# Screenshots of the page and of a blank page of the same size.
foreach(name page blank)
  set(png "${WORK_DIR}/${name}.png")
  run_chromium(${name} "--screenshot=${png}" "file://${${name}}")
  if(NOT EXISTS "${png}")
    message(FATAL_ERROR "chromium wrote no screenshot ${png}")
  endif()
  file(READ "${png}" head LIMIT 24 HEX)
  # PNG signature, then the IHDR chunk: width and height as 32-bit big-endian numbers.
  string(SUBSTRING "${head}" 0 16 signature)
  string(SUBSTRING "${head}" 24 8 chunk)
  string(SUBSTRING "${head}" 32 8 png_width)
  string(SUBSTRING "${head}" 40 8 png_height)
  math(EXPR png_width "0x${png_width}")
  math(EXPR png_height "0x${png_height}")
  if(NOT signature STREQUAL "89504e470d0a1a0a" OR NOT chunk STREQUAL "49484452")
    message(FATAL_ERROR "${png} is not a PNG (starts ${head})")
  endif()
  if(NOT png_width EQUAL width OR NOT png_height EQUAL height)
    message(FATAL_ERROR "${png} is ${png_width}x${png_height}, not ${width}x${height}")
  endif()
  file(SIZE "${png}" ${name}_size)
endforeach()

math(EXPR needed "3 * ${blank_size}")
if(page_size LESS_EQUAL 10240 OR page_size LESS_EQUAL needed)
  message(FATAL_ERROR "the page's screenshot is ${page_size} bytes, a blank page's "
                      "${blank_size}: the page did not render (need > 10240 and > ${needed})")
endif()
message(STATUS "page screenshot ${page_size} bytes, blank page ${blank_size} bytes; DOM "
               "holds the matrix, the grids and the disagreements")
