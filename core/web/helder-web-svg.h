/* helder-web-svg.h — the dashboard's pictures, drawn on the server
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Both functions take a member of helder_insights_compute()'s result and
 * return a complete <svg> element (UTF-8, well-formed XML, no scripts, no
 * styles: presentation attributes and classes only) that can be inlined in
 * a page or served as image/svg+xml. Each has role="img", a <title> and a
 * <desc> that says in words what the picture shows; every text from the
 * database is escaped. Labels are translated with gettext (the caller has
 * switched it to @lang); @lang also sets xml:lang and the decimal mark.
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* The programme on one time axis: phases as bars, gates as diamonds
 * (filled by decision), moments as dots coloured by status (squares for
 * meetings) and a marker for @today. */
char *helder_web_svg_timeline (JsonObject *timeline, const char *today, const char *lang);
/* Groups × weeks, each cell shaded by the messages an average member
 * receives, with overload outlined and silence hatched, and a legend. */
char *helder_web_svg_heatmap (JsonObject *heatmap, const char *lang);

/* A status or other enumeration value as people read it ("late" → "te
 * laat"); unknown values come back as they are. */
const char *helder_web_svg_value_label (const char *value);

/* A week of the heat map as text: "week 48 (23 Nov)". */
char *helder_web_svg_week_label (JsonObject *week);

/* @value with one decimal, with a decimal comma for "nl". */
char *helder_web_svg_format_decimal (double value, const char *lang);

G_END_DECLS
