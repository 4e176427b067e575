#pragma once
// Glyph widths of the PDF standard fonts Helvetica and Helvetica-Bold in 1/1000 em, indexed by
// Windows-1252 byte (0 for control codes and codes cp1252 leaves undefined). Defined by a .cpp that
// cmake/pdf_font_metrics.cmake generates at build time from groff's font files (groff-base).
namespace naervaer::pdf_metrics {
extern const unsigned short helvetica_widths[256];
extern const unsigned short helvetica_bold_widths[256];
} // namespace naervaer::pdf_metrics
