/* interview-fixture.h — the listening part's tests: a demo programme and `helder`
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each test gets the demo programme in a fresh SQLite file (the real
 * plugin loaded by the real binary) with the clock pinned, an open store
 * to look at it, and helpers to run `helder` and to check that a refused
 * command changed nothing.
 */
#pragma once

#include "helder-test-utils.h"

G_BEGIN_DECLS

#define FIXTURE_NOW "HELDER_NOW=2026-12-04T10:00:00+01:00"

typedef struct
{
  char *db;
  HelderStore *store;
} Fixture;

void fixture_set_up (Fixture *f, gconstpointer data);
void fixture_tear_down (Fixture *f, gconstpointer data);

int fixture_run (Fixture *f, const char *now, char **out, char **err, const char *const *args);
/* Must succeed; returns its standard output. */
char *fixture_ok (Fixture *f, const char *now, const char *const *args);
/* Must fail with a message holding @needle, and change nothing. */
void fixture_refused (Fixture *f, const char *now, const char *needle, const char *const *args);
/* `helder … --json` parsed. */
JsonNode *fixture_json (Fixture *f, const char *now, const char *const *args);
gint64 fixture_scalar (Fixture *f, const char *sql);
char *fixture_text (Fixture *f, const char *sql);
void fixture_exec (Fixture *f, const char *sql);

#define OK(...)  g_free (fixture_ok (f, FIXTURE_NOW, (const char *const[]){ __VA_ARGS__, NULL }))
#define OUT(...) fixture_ok (f, FIXTURE_NOW, (const char *const[]){ __VA_ARGS__, NULL })
#define REFUSED(n, ...) \
  fixture_refused (f, FIXTURE_NOW, n, (const char *const[]){ __VA_ARGS__, NULL })
#define JSON(...) \
  fixture_json (f, FIXTURE_NOW, (const char *const[]){ __VA_ARGS__, "--json", NULL })

G_END_DECLS
