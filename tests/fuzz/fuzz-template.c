/* fuzz-template.c — the page-template parser and renderer
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Parses each input as a template and, when it parses, renders it against a
 * fixed context with strings, lists and objects (one of which holds markup
 * that must come out escaped). Any outcome is fine except a crash, a leak,
 * a failure without a message, or an unescaped "<script" from a {{value}}.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "helder-error.h"
#include "web/helder-template.h"

static JsonNode *
fuzz_template_context (void)
{
  static JsonNode *context;

  if (context == NULL)
    context = json_from_string ("{\"name\":\"<script>x</script>\",\"n\":3,\"t\":true,\"f\":false,"
                                "\"items\":[{\"name\":\"a\"},{\"name\":\"<script>\"}],"
                                "\"obj\":{\"name\":\"inner\",\"deep\":{\"v\":\"&\"}},\"empty\":[]}",
                                NULL);
  return context;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HelderTemplate) template = NULL;
  g_autofree char *out = NULL;

  template = helder_template_parse ("fuzz", (const char *) data, (gssize) size, &error);
  if (template == NULL)
    {
      if (error == NULL || error->message == NULL || error->message[0] == '\0')
        abort ();
      return 0;
    }
  out = helder_template_render (template, fuzz_template_context (), &error);
  if (out == NULL && (error == NULL || error->message[0] == '\0'))
    abort ();
  /* Values are escaped: the only way to emit "<script" is to write it in
   * the template text itself or through {{&…}}. */
  if (out != NULL && strstr (out, "<script") != NULL &&
      g_strstr_len ((const char *) data, size, "<script") == NULL &&
      g_strstr_len ((const char *) data, size, "{{&") == NULL)
    abort ();
  return 0;
}
