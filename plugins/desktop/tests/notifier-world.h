/* notifier-world.h — the real parts the notifier tests run against
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One world for the whole test program (notifier-world.c): the demo
 * programme in a temporary database, an employee token, the real
 * `helder serve`, a private D-Bus session bus with python-dbusmock's
 * notification daemon, a fake browser for the "Open my page" button, and
 * helpers to run `helder notifier` and to read what it showed.
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define MOCK_NAME "org.freedesktop.Notifications"

typedef struct
{
  char *dir;
  char *db;
  char *state_home;
  char *config_home;
  char *data_home;
  char *empty_dir;
  char *opened;     /* what the fake browser was asked to open */
  char *server_url; /* the real `helder serve` */
  GSubprocess *server;
  char *token;
  gint64 person;
  GTestDBus *bus;
  GSubprocess *mock;
  GDBusConnection *connection;
  guint notify_total; /* Notify calls so far: the mock numbers them 1, 2, … */
} World;

typedef struct
{
  guint32 id;
  char *app;
  char *summary;
  char *body;
  GStrv actions;
} Shown;

typedef struct
{
  GSubprocess *process;
  char *out_path;
  char *err_path;
} Running;

typedef struct
{
  gint64 id;
  const char *status;
} RowWait;

extern World world;

void world_setup (void);
void world_teardown (void);

/* `helder --json --db DB ARGS…`, asserted to succeed, parsed */
JsonNode *helder_json (const char *first_arg, ...) G_GNUC_NULL_TERMINATED;

/* `helder notifier ARGS…` to its end, with the test's XDG folders and
 * @extra_env ("NAME=value"); returns the exit status */
int notifier_run (const char *const *extra_env, char **out, char **err, const char *first_arg, ...)
  G_GNUC_NULL_TERMINATED;
/* … in the background; stop it with SIGTERM and read its output */
Running *notifier_start (const char *const *extra_env, const char *const *args);
int notifier_stop (Running *running, char **out, char **err);

/* Iterates the main context until @done (@data) or @seconds passed. */
gboolean wait_for (gboolean (*done) (gpointer), gpointer data, double seconds);
void sleep_iterating (double seconds);
guint count_lines (const char *text, const char *containing);

/* The notification daemon: org.freedesktop.DBus.Mock calls */
GVariant *mock_call (const char *method, GVariant *parameters, const char *reply_type);
/* (element-type Shown): what was shown since the last call; forgets it */
GPtrArray *take_shown (void);
gboolean shown_something (gpointer data);
void shown_free (Shown *shown);

/* The outbox */
gint64 add_delivery (const char *title, const char *body);
char *outbox_status (gint64 id);
gboolean row_has_status (gpointer data);
JsonArray *offered_items (void);
void unacknowledge (gint64 id);
void server_stop (void);

void write_file (const char *path, const char *contents, int mode);
void write_settings (const char *server_url, const char *token, guint interval, guint max_backoff);

G_END_DECLS
