# Glyph widths of Helvetica and Helvetica-Bold for the PDF writer (shared/src/pdf.cpp), generated at
# build time from groff's PostScript font descriptions, so no metrics table lives in this repository.
#
#   naervaer_pdf_font_metrics(<target>)
#
# Debian's groff-base ships /usr/share/groff/<version>/font/devps/HR (Helvetica) and HB
# (Helvetica-Bold), made by afmtodit from Adobe's AFM files. Their "charset" section has one line
# per glyph:   <groff name> <width>[,<height>...] <type> <code> <PostScript glyph name>
# with widths in 1/1000 em (unitwidth 1000 at size 1). The code column is the glyph's code in
# groff's own text.enc, NOT Windows-1252: it agrees with cp1252 from 0xA0 up and for ASCII except
# 0x27 and 0x60 (text.enc puts quoteright and quoteleft there, cp1252 quotesingle and grave), and
# differs in 0x80-0x9F (text.enc: Euro 9, endash 137, quotedblleft 153; cp1252: 0x80, 0x96, 0x93).
# So the generator maps by PostScript glyph name, through the cp1252 table below, which is
# Windows-1252 as PDF's WinAnsiEncoding names it (PDF 1.7, annex D.2).
#
# The generated .cpp defines naervaer::pdf_metrics::helvetica_widths and
# helvetica_bold_widths (shared/src/pdf_metrics.hpp): 256 widths indexed by cp1252 byte, 0 for the
# control codes and the five codes cp1252 leaves undefined (0x81 0x8D 0x8F 0x90 0x9D).

# Glyph names of cp1252 0x20..0xFF, 16 per line; "-" marks a code cp1252 does not define.
set(_naervaer_cp1252_glyphs
  space exclam quotedbl numbersign dollar percent ampersand quotesingle
  parenleft parenright asterisk plus comma hyphen period slash
  zero one two three four five six seven eight nine colon semicolon less equal greater question
  at A B C D E F G H I J K L M N O
  P Q R S T U V W X Y Z bracketleft backslash bracketright asciicircum underscore
  grave a b c d e f g h i j k l m n o
  p q r s t u v w x y z braceleft bar braceright asciitilde -
  Euro - quotesinglbase florin quotedblbase ellipsis dagger daggerdbl
  circumflex perthousand Scaron guilsinglleft OE - Zcaron -
  - quoteleft quoteright quotedblleft quotedblright bullet endash emdash
  tilde trademark scaron guilsinglright oe - zcaron Ydieresis
  space exclamdown cent sterling currency yen brokenbar section
  dieresis copyright ordfeminine guillemotleft logicalnot hyphen registered macron
  degree plusminus twosuperior threesuperior acute mu paragraph periodcentered
  cedilla onesuperior ordmasculine guillemotright onequarter onehalf threequarters questiondown
  Agrave Aacute Acircumflex Atilde Adieresis Aring AE Ccedilla
  Egrave Eacute Ecircumflex Edieresis Igrave Iacute Icircumflex Idieresis
  Eth Ntilde Ograve Oacute Ocircumflex Otilde Odieresis multiply
  Oslash Ugrave Uacute Ucircumflex Udieresis Yacute Thorn germandbls
  agrave aacute acircumflex atilde adieresis aring ae ccedilla
  egrave eacute ecircumflex edieresis igrave iacute icircumflex idieresis
  eth ntilde ograve oacute ocircumflex otilde odieresis divide
  oslash ugrave uacute ucircumflex udieresis yacute thorn ydieresis)

if(CMAKE_SCRIPT_MODE_FILE)
  # ---- script mode: -DMETRICS_REGULAR=<HR> -DMETRICS_BOLD=<HB> -DMETRICS_OUTPUT=<.cpp> ----
  list(LENGTH _naervaer_cp1252_glyphs _count)
  if(NOT _count EQUAL 224)
    message(FATAL_ERROR "pdf_font_metrics: the cp1252 table has ${_count} names, not 224")
  endif()

  # Writes "w0, w1, ..., w255" for one groff font file into <out_var>.
  function(_naervaer_widths font_file out_var)
    # One list item per line. Groff names such as ";" "[" "]" would split or join CMake list
    # items; only the widths and PostScript names matter here, so those characters become "_".
    file(READ "${font_file}" _text)
    string(REGEX REPLACE "[][;]" "_" _text "${_text}")
    string(REPLACE "\n" ";" _lines "${_text}")
    set(_in_charset FALSE)
    foreach(_line IN LISTS _lines)
      if(_line STREQUAL "charset")
        set(_in_charset TRUE)
      elseif(_in_charset AND _line MATCHES "^[a-z]+$")
        set(_in_charset FALSE) # the next section (none follows in devps files today)
      elseif(_in_charset)
        # A ditto line ('"' as metrics) only adds a groff name for the glyph above: skip it.
        string(REGEX MATCH "^[^ \t]+[ \t]+([0-9]+)[0-9,-]*[ \t]+[0-9]+[ \t]+[0-9]+[ \t]+([^ \t]+)" _ "${_line}")
        # (Compare as a string: a glyph named N or Y would be a boolean constant to if().)
        set(_glyph "${CMAKE_MATCH_2}")
        if(NOT _glyph STREQUAL "" AND NOT DEFINED "_w_${_glyph}")
          set("_w_${_glyph}" "${CMAKE_MATCH_1}")
        endif()
      endif()
    endforeach()
    string(REPEAT "-;" 31 _controls)
    string(APPEND _controls "-") # 0x00-0x1F: 32 codes without glyphs
    set(_out "")
    set(_code 0)
    foreach(_glyph IN LISTS _controls _naervaer_cp1252_glyphs)
      if(_glyph STREQUAL "-")
        string(APPEND _out "0, ")
      elseif(DEFINED _w_${_glyph})
        string(APPEND _out "${_w_${_glyph}}, ")
      else()
        message(FATAL_ERROR "pdf_font_metrics: ${font_file} has no glyph '${_glyph}' (cp1252 ${_code})")
      endif()
      math(EXPR _code "${_code} + 1")
      math(EXPR _column "${_code} % 16")
      if(_column EQUAL 0 AND _code LESS 256)
        string(APPEND _out "\n    ")
      endif()
    endforeach()
    set(${out_var} "${_out}" PARENT_SCOPE)
  endfunction()

  _naervaer_widths("${METRICS_REGULAR}" _regular)
  _naervaer_widths("${METRICS_BOLD}" _bold)
  file(WRITE "${METRICS_OUTPUT}.tmp" "// Generated by cmake/pdf_font_metrics.cmake from
// ${METRICS_REGULAR} and
// ${METRICS_BOLD}. Do not edit.

namespace naervaer::pdf_metrics {
// As declared in shared/src/pdf_metrics.hpp (extern: a namespace-scope const is otherwise local).
extern const unsigned short helvetica_widths[256];
extern const unsigned short helvetica_bold_widths[256];

const unsigned short helvetica_widths[256] = {
    ${_regular}
};
const unsigned short helvetica_bold_widths[256] = {
    ${_bold}
};
} // namespace naervaer::pdf_metrics
")
  file(COPY_FILE "${METRICS_OUTPUT}.tmp" "${METRICS_OUTPUT}" ONLY_IF_DIFFERENT)
  file(REMOVE "${METRICS_OUTPUT}.tmp")
  return()
endif()

# Where groff's devps fonts are; override with -DNAERVAER_GROFF_DEVPS_DIR=<dir> (holding HR, HB).
if(NOT NAERVAER_GROFF_DEVPS_DIR)
  file(GLOB _naervaer_devps_dirs LIST_DIRECTORIES true "/usr/share/groff/*/font/devps")
  list(FILTER _naervaer_devps_dirs EXCLUDE REGEX "/current/") # a symlink to a version folder
  list(SORT _naervaer_devps_dirs COMPARE NATURAL ORDER DESCENDING) # newest version first
  foreach(_dir IN LISTS _naervaer_devps_dirs)
    if(EXISTS "${_dir}/HR" AND EXISTS "${_dir}/HB")
      set(NAERVAER_GROFF_DEVPS_DIR "${_dir}")
      break()
    endif()
  endforeach()
endif()
if(NOT NAERVAER_GROFF_DEVPS_DIR OR NOT EXISTS "${NAERVAER_GROFF_DEVPS_DIR}/HR"
   OR NOT EXISTS "${NAERVAER_GROFF_DEVPS_DIR}/HB")
  message(FATAL_ERROR "The PDF writer needs Helvetica's glyph widths from groff's font files "
    "/usr/share/groff/<version>/font/devps/HR and HB, which were not found. Install the Debian "
    "package groff-base (apt-get install groff-base, or run scripts/setup.sh), or set "
    "NAERVAER_GROFF_DEVPS_DIR to a folder holding HR and HB.")
endif()

function(naervaer_pdf_font_metrics target)
  set(_output "${CMAKE_CURRENT_BINARY_DIR}/generated/pdf_metrics.cpp")
  add_custom_command(
    OUTPUT "${_output}"
    COMMAND ${CMAKE_COMMAND}
            "-DMETRICS_REGULAR=${NAERVAER_GROFF_DEVPS_DIR}/HR"
            "-DMETRICS_BOLD=${NAERVAER_GROFF_DEVPS_DIR}/HB"
            "-DMETRICS_OUTPUT=${_output}"
            -P "${CMAKE_CURRENT_FUNCTION_LIST_FILE}"
    DEPENDS "${NAERVAER_GROFF_DEVPS_DIR}/HR" "${NAERVAER_GROFF_DEVPS_DIR}/HB"
            "${CMAKE_CURRENT_FUNCTION_LIST_FILE}"
    COMMENT "Generating Helvetica glyph widths from groff's devps fonts"
    VERBATIM)
  target_sources(${target} PRIVATE "${_output}")
endfunction()
