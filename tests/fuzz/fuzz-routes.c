/* fuzz-routes.c — the route matcher of `helder serve`
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The first byte picks a method, the rest is the path (as libsoup hands
 * it over: decoded, any bytes but NUL). helder_web_route_match() must
 * return a route of that method (GET for HEAD) whose every {name} got a
 * valid UTF-8 value without a '/', say the path is known whenever it
 * returns a route, and agree with itself when asked without @params.
 * Built as a libFuzzer target with clang, and replayed by
 * tests/test-fuzz-replay.c everywhere.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "web/helder-web-private.h"

static const char *const fuzz_routes_methods[] = {
  "GET", "HEAD", "POST", "PATCH", "PUT", "DELETE", "OPTIONS", "get",
};

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  static HelderWebRouteTable *table;
  g_autoptr (GHashTable) params = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autofree char *path = NULL;
  const HelderWebRoute *route, *again;
  const char *method;
  gboolean known = FALSE, known_again = FALSE;
  guint names = 0;

  if (size == 0)
    return 0;
  method = fuzz_routes_methods[data[0] % G_N_ELEMENTS (fuzz_routes_methods)];
  path = g_strndup ((const char *) data + 1, size - 1);

  if (table == NULL)
    table = helder_web_route_table_new (NULL);
  route = helder_web_route_table_match (table, method, path, params, &known);
  again = helder_web_route_table_match (table, method, path, NULL, &known_again);
  if (route != again || known != known_again)
    abort ();
  if (route == NULL)
    {
      if (g_hash_table_size (params) != 0)
        abort ();
      return 0;
    }
  if (!known)
    abort ();
  if (strcmp (route->method, method) != 0 &&
      !(strcmp (method, "HEAD") == 0 && strcmp (route->method, "GET") == 0))
    abort ();
  for (const char *p = strchr (route->pattern, '{'); p != NULL; p = strchr (p + 1, '{'))
    {
      const char *close = strchr (p, '}');
      g_autofree char *name = g_strndup (p + 1, close - p - 1);
      const char *value = g_hash_table_lookup (params, name);

      names++;
      if (value == NULL || value[0] == '\0' || !g_utf8_validate (value, -1, NULL))
        abort ();
    }
  if (g_hash_table_size (params) != names)
    abort ();
  return 0;
}
