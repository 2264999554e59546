/* survey-svg.h — the results page's charts, drawn on the server
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A horizontal bar chart as one complete <svg> element: role="img", a
 * <title> and a <desc> that say in words what every bar shows, all text
 * escaped, no scripts or styles (the pages' Content-Security-Policy). A
 * suppressed bar is drawn as a dashed empty frame with its words ("fewer
 * than 5 answers — not shown") and never with a length: colour is never
 * the only carrier of meaning, and no number is drawn that the results
 * did not publish.
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* @bars: [{label, value (a number ≥ 0), text (what the bar says, e.g.
 * "12 (40 %)")} or {label, suppressed: true, text}]; @max: the value of a
 * full bar (0: the largest value). */
char *survey_svg_bars (const char *title, JsonArray *bars, double max);

G_END_DECLS
