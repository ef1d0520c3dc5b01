// The C side of the curses edge. SwiftPM drops pkg-config's -D flags, so wide-character
// curses is switched on here, before the header; macros Swift cannot import are re-exported.
#ifndef ARSEL_CNCURSESW_SHIM_H
#define ARSEL_CNCURSESW_SHIM_H

#define NCURSES_WIDECHAR 1
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <locale.h>
#include <langinfo.h>
#include <wchar.h>
#include <curses.h>

static const attr_t cn_A_NORMAL = A_NORMAL;
static const attr_t cn_A_BOLD = A_BOLD;
static const attr_t cn_A_DIM = A_DIM;
static const attr_t cn_A_REVERSE = A_REVERSE;
static const attr_t cn_A_UNDERLINE = A_UNDERLINE;
static const attr_t cn_A_ITALIC = A_ITALIC;

static inline int cn_key_resize(void) { return KEY_RESIZE; }
static inline int cn_lines(WINDOW *w) { return getmaxy(w); }
static inline int cn_cols(WINDOW *w) { return getmaxx(w); }
static inline int cn_color_pairs(void) { return COLOR_PAIRS; }
static inline int cn_colors(void) { return COLORS; }
static inline WINDOW *cn_stdscr(void) { return stdscr; }

/// Writes up to `n` wide characters at (y, x) with the attribute and (extended) colour pair.
static inline int cn_put(WINDOW *w, int y, int x, const wchar_t *text, int n, attr_t attr, int pair) {
    wattr_set(w, attr, (short)(pair < 32767 ? pair : 0), &pair);
    return mvwaddnwstr(w, y, x, text, n);
}

#endif
