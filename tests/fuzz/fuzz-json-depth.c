/* fuzz-json-depth.c — the nesting guard, checked against json-glib itself
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * helder_json_check_depth() must count every bracket that json-glib's
 * parser nests on: if it lets a document through at depth N, json-glib
 * must not build anything deeper than N. Built as a libFuzzer target with
 * clang, and replayed by tests/test-fuzz-replay.c everywhere.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <json-glib/json-glib.h>

#include "helder-error.h"
#include "services/transfer/helder-export.h"

/* Small, so that short inputs can cross it. */
#define FUZZ_JSON_DEPTH 8

static guint
fuzz_json_node_depth (JsonNode *node)
{
  guint deepest = 0;

  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        deepest = MAX (deepest, fuzz_json_node_depth (json_array_get_element (array, i)));
      return deepest + 1;
    }
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      g_autoptr (GList) members = json_object_get_members (object);

      for (GList *l = members; l != NULL; l = l->next)
        deepest = MAX (deepest, fuzz_json_node_depth (json_object_get_member (object, l->data)));
      return deepest + 1;
    }
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  const char *text = (const char *) data;
  g_autoptr (GError) error = NULL;
  gboolean shallow;
  JsonNode *node;

  shallow = helder_json_check_depth (text, size, FUZZ_JSON_DEPTH, &error);
  if (!shallow && (error == NULL || error->domain != HELDER_ERROR || error->message[0] == '\0'))
    abort ();
  g_clear_error (&error);

  /* The checked parser never crashes and always explains a refusal. */
  node = helder_json_parse_checked (text, size, &error);
  if (node == NULL && error == NULL)
    abort ();

  /* What the guard let through at depth 8, json-glib may not have nested
   * deeper. */
  if (shallow && node != NULL && fuzz_json_node_depth (node) > FUZZ_JSON_DEPTH)
    abort ();

  g_clear_pointer (&node, json_node_unref);
  return 0;
}
