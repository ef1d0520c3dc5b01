// GNU FriBidi for the terminal kit: the Unicode Bidirectional Algorithm and Arabic shaping.
// Its flag and type macros are compound expressions Swift cannot import; they are re-exported.
#ifndef ARSEL_CFRIBIDI_SHIM_H
#define ARSEL_CFRIBIDI_SHIM_H

#include <fribidi.h>

/// Shaping: mirrored brackets, Arabic presentation forms and the mandatory lam-alef ligatures.
static const FriBidiFlags cfb_shape_flags = FRIBIDI_FLAGS_DEFAULT | FRIBIDI_FLAGS_ARABIC;
/// Reordering: a combining mark stays after its base in right-to-left runs (one terminal cell).
static const FriBidiFlags cfb_reorder_flags = FRIBIDI_FLAG_REORDER_NSM;

static const FriBidiParType cfb_par_on = FRIBIDI_PAR_ON;
static const FriBidiParType cfb_par_ltr = FRIBIDI_PAR_LTR;
static const FriBidiParType cfb_par_rtl = FRIBIDI_PAR_RTL;

/// The slot a ligature's second letter leaves behind (FriBidi puts the ligature in the other).
static const FriBidiChar cfb_fill = FRIBIDI_CHAR_FILL;

/// Bidi class R, AL or AN: what makes a text need reordering.
static inline int cfb_is_rtl_class(FriBidiChar c) {
    FriBidiCharType t = fribidi_get_bidi_type(c);
    return t == FRIBIDI_TYPE_RTL || t == FRIBIDI_TYPE_AL || t == FRIBIDI_TYPE_AN;
}

#endif
