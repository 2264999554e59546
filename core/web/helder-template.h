/* helder-template.h — HTML templates with escaping by default
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pages are rendered on the server from templates in data/templates/,
 * bundled as GResources under /org/helder/Helder/templates/. The syntax is
 * a small subset of Mustache, evaluated against a JSON context:
 *
 *   {{name}}  {{a.b}}  {{.}}   the value, HTML-escaped (always)
 *   {{&name}}                  the value as is: only for markup that Helder
 *                              itself produced (rendered Markdown, SVG)
 *   {{#name}}…{{/name}}        an array: once per element; an object: once
 *                              inside it; true, a non-empty string or a
 *                              non-zero number: once; else not at all
 *   {{^name}}…{{/name}}        once when the section above would not render
 *   {{>name}}                  another template, in the same context
 *   {{_ English text}}         the text through gettext, HTML-escaped
 *   {{! comment }}
 *
 * Names are looked up from the innermost section outwards. A template that
 * does not parse is an error naming the template, line and problem; a
 * missing name renders as nothing. A render is bounded: one that would take
 * millions of steps or more than 16 MiB (sections over lists nested inside
 * each other multiply) stops with an error naming the limit, the template,
 * the line and the section.
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef struct _HelderTemplate HelderTemplate;

HelderTemplate *
helder_template_parse (const char *name, const char *source, gssize length, GError **error);
void helder_template_free (HelderTemplate *self);

/* Templates of the resource bundle, parsed once and kept; a plugin's
 * "NAME/…" ones from the folder added for NAME. */
void helder_template_add_prefix (const char *name, const char *prefix, const char *domain);
HelderTemplate *helder_template_lookup (const char *name, GError **error);

char *helder_template_render (HelderTemplate *self, JsonNode *context, GError **error);
gboolean
helder_template_render_to (HelderTemplate *self, JsonNode *context, GString *out, GError **error);

/* Renders the bundled template @name into a new string. */
char *helder_template_render_named (const char *name, JsonNode *context, GError **error);

void helder_template_escape_to (GString *out, const char *text, gssize length);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HelderTemplate, helder_template_free)

G_END_DECLS
