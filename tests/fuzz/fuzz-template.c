/* fuzz-template.c — the page-template parser and renderer
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Parses each input as a template and, when it parses, renders it against a
 * fixed context with strings, lists and objects (some of which hold markup
 * that must come out escaped). Any outcome is fine except a crash, a leak,
 * a failure without a message, or markup from a {{value}}.
 *
 * Markup from a value shows as a difference: the template is rendered again
 * against the same context with '<' and '>' in its strings made 'x', and
 * escaped values put no '<' or '>' in either output, so both must hold as
 * many. (Looking for "<script" in the output instead fails on templates
 * that spell it around a value that renders as nothing, "<s{{items}}cript".)
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>

#include "helder-error.h"
#include "web/helder-template.h"

#define FUZZ_TEMPLATE_CONTEXT                                        \
  "{\"name\":\"<script>x</script>\",\"n\":3,\"t\":true,\"f\":false," \
  "\"items\":[{\"name\":\"a\"},{\"name\":\"<script>\"}],"            \
  "\"obj\":{\"name\":\"inner\",\"deep\":{\"v\":\"&\"}},\"empty\":[]}"

/* The context, or with @defused the same without '<' and '>'. */
static JsonNode *
fuzz_template_context (gboolean defused)
{
  static JsonNode *contexts[2];

  if (contexts[0] == NULL)
    {
      g_autofree char *json = g_strdup (FUZZ_TEMPLATE_CONTEXT);

      contexts[0] = json_from_string (json, NULL);
      contexts[1] = json_from_string (g_strdelimit (json, "<>", 'x'), NULL);
    }
  return contexts[defused ? 1 : 0];
}

static gsize
fuzz_template_count_markup (const char *text)
{
  gsize n = 0;

  for (const char *p = text; *p; p++)
    n += *p == '<' || *p == '>';
  return n;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HelderTemplate) template = NULL;
  g_autofree char *out = NULL;

  template = helder_template_parse ("fuzz", (const char *) data, (gssize) size, &error);
  if (template == NULL)
    {
      if (error == NULL || error->message == NULL || error->message[0] == '\0')
        abort ();
      return 0;
    }
  out = helder_template_render (template, fuzz_template_context (FALSE), &error);
  if (out == NULL && (error == NULL || error->message[0] == '\0'))
    abort ();
  /* Values are escaped: only the template's own text and {{&…}} put markup
   * in the output. */
  if (out != NULL && g_strstr_len ((const char *) data, size, "{{&") == NULL)
    {
      g_autofree char *defused =
        helder_template_render (template, fuzz_template_context (TRUE), NULL);

      if (defused == NULL ||
          fuzz_template_count_markup (out) != fuzz_template_count_markup (defused))
        abort ();
    }
  return 0;
}
