/* fuzz-request-body.c — the readers of request bodies, with their limits
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every input is read both as a form (helder_web_form_decode()) and as a
 * JSON object (helder_web_json_decode()). What they accept must keep the
 * promises handlers rely on: at most HELDER_WEB_MAX_FORM_FIELDS fields,
 * names and values valid UTF-8; at most HELDER_WEB_MAX_JSON_MEMBERS
 * members in any object and HELDER_WEB_MAX_JSON_TOTAL in all. What they
 * refuse comes with a HELDER_ERROR and a message. Built as a libFuzzer
 * target with clang, and replayed by tests/test-fuzz-replay.c everywhere.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "helder-error.h"
#include "web/helder-web-private.h"

static void
fuzz_request_body_refused (const GError *error)
{
  if (error == NULL || error->domain != HELDER_ERROR || error->message[0] == '\0' ||
      (error->code != HELDER_ERROR_INVALID && error->code != HELDER_ERROR_PERMISSION))
    abort ();
}

/* Members in @node and below; aborts when one object has too many. */
static gsize
fuzz_request_body_members (JsonNode *node)
{
  gsize total = 0;

  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        total += fuzz_request_body_members (json_array_get_element (array, i));
    }
  else if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      g_autoptr (GList) members = json_object_get_members (object);

      if (json_object_get_size (object) > HELDER_WEB_MAX_JSON_MEMBERS)
        abort ();
      for (GList *l = members; l != NULL; l = l->next)
        total += 1 + fuzz_request_body_members (json_object_get_member (object, l->data));
    }
  return total;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  const char *text = (const char *) data;
  g_autoptr (GError) error = NULL;
  g_autofree char *field = NULL;
  g_autoptr (GHashTable) form = NULL;
  g_autoptr (JsonObject) object = NULL;

  form = helder_web_form_decode (text, size, &field, &error);
  if (form == NULL)
    fuzz_request_body_refused (error);
  else
    {
      GHashTableIter iter;
      gpointer key, value;
      gsize fields = 1;

      for (size_t i = 0; i < size; i++)
        fields += data[i] == '&';
      if (error != NULL || fields > HELDER_WEB_MAX_FORM_FIELDS ||
          g_hash_table_size (form) > HELDER_WEB_MAX_FORM_FIELDS)
        abort ();
      g_hash_table_iter_init (&iter, form);
      while (g_hash_table_iter_next (&iter, &key, &value))
        if (!g_utf8_validate (key, -1, NULL) || !g_utf8_validate (value, -1, NULL))
          abort ();
    }
  g_clear_error (&error);

  object = helder_web_json_decode (text, size, &error);
  if (object == NULL)
    fuzz_request_body_refused (error);
  else
    {
      g_autoptr (JsonNode) root = json_node_init_object (json_node_alloc (), object);

      if (error != NULL || fuzz_request_body_members (root) > HELDER_WEB_MAX_JSON_TOTAL)
        abort ();
    }
  return 0;
}
