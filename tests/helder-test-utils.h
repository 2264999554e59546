/* helder-test-utils.h — shared helpers for the test suites
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "services/repo/helder-audit-write.h"
#include "store/helder-store.h"

G_BEGIN_DECLS

/* The instant every test runs at unless HELDER_NOW says otherwise (the
 * pinned-clock matrix of ./run test sets other ones): a Friday morning. */
#define HELDER_TEST_NOW "2026-12-04T10:00:00+01:00"

/* Who the services' changes in a test are audited as. */
extern const HelderAuditActor helder_test_actor;
#define HELDER_TEST_ACTOR (&helder_test_actor)

/* g_test_init(), with the clock pinned: HELDER_NOW from the environment
 * or HELDER_TEST_NOW, also for every process the test starts. */
void helder_test_init (int *argc, char ***argv);
/* Registers the channels of the shipped plugins (email, desktop) in the
 * model, as the engine does when it loads them; helder_test_init() calls
 * it. HELDER_DISABLED_PLUGINS leaves channels out. */
void helder_test_register_channels (void);
/* A fresh, migrated database in a new temporary folder; @path gets its path. */
HelderStore *helder_test_store_new (char **path);
/* Removes the temporary folder of a database made by helder_test_store_new(). */
void helder_test_remove_db (const char *path);
/* A digest of every row of every table: equal before and after means the
 * database is unchanged. */
/* Moments a test schedules long ago, on 2020-01-01, move to the pinned
 * clock's today: 09:00 then becomes 90 minutes ago, within the grace
 * period, so they are due rather than overdue (later ones keep their
 * distance). */
void helder_test_make_due (HelderStore *store);
char *helder_test_fingerprint (HelderStore *store);
/* Runs the built `helder` binary with @args (NULL-terminated) against @db;
 * @env_extra is NULL or "NAME=value" pairs. Returns the exit status.
 * A change on the command line needs an operator: unless @env_extra sets
 * HELDER_OPERATOR (empty: none) or @args hold `--as`, the command runs
 * as the person with the lowest id in the database (none while it has
 * nobody: setup). */
int helder_test_run (const char *db,
                     const char *const *env_extra,
                     char **out,
                     char **err,
                     const char *first_arg,
                     ...) G_GNUC_NULL_TERMINATED;
int helder_test_runv (const char *db,
                      const char *const *env_extra,
                      const char *const *args,
                      char **out,
                      char **err);
/* Writes @contents to a new file in a temporary folder and returns its path. */
/* helder_test_runv() that must succeed: g_error() with its output
 * otherwise (for a test's setup). */
void helder_test_runv_ok (const char *db, const char *const *args);
char *helder_test_write_temp (const char *name, const char *contents, gssize length);
JsonObject *helder_test_object (const char *json);
/* Creates a row from JSON text and asserts success; returns the stored row. */
JsonObject *helder_test_create (HelderStore *store, const char *entity, const char *json);
/* A small programme: 3 phases (one running), groups "beheer", "servicedesk",
 * "leverancier" (external), roles "systeembeheerder" (current, changes),
 * "servicedesk" (current, continues), "contractmanager" (regie, new),
 * people 1 Anna (beheer, systeembeheerder), 2 Bram (servicedesk),
 * 3 Cor (beheer + servicedesk), 4 Dewi (leverancier, no role). */
void helder_test_seed (HelderStore *store);
/* today + @days as YYYY-MM-DD */
char *helder_test_day (int days);

G_END_DECLS
