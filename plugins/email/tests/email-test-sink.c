/* email-test-sink.c — tests/smtp-sink.py as a subprocess, and its Maildir
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>

#include "helder-test-utils.h"
#include "email-test-sink.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GMimeParser, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GMimeStream, g_object_unref)

/* A test that fails aborts; its sink must not outlive it (and keep the
 * test's output open). */
static void
die_with_parent (gpointer data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

/**
 * email_test_sink_start:
 * @maildir: where it stores what it accepts
 * @mode: "ok", "tempfail-first", "tempfail", "permfail" or "close-mid-data"
 * @auth: (nullable): "USER:PASSWORD" that it asks for
 *
 * Starts tests/smtp-sink.py on a free port of loopback and waits until it
 * listens.
 *
 * Returns: (transfer full): the running sink
 */
Sink *
email_test_sink_start (const char *maildir, const char *mode, const char *auth)
{
  g_autoptr (GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autoptr (GDataInputStream) lines = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *line = NULL;
  Sink *sink = g_new0 (Sink, 1);
  guint64 port;

  g_ptr_array_add (argv, (char *) "/usr/bin/python3");
  g_ptr_array_add (argv, (char *) SMTP_SINK);
  g_ptr_array_add (argv, (char *) "--maildir");
  g_ptr_array_add (argv, (char *) maildir);
  g_ptr_array_add (argv, (char *) "--mode");
  g_ptr_array_add (argv, (char *) mode);
  g_ptr_array_add (argv, (char *) "--port");
  g_ptr_array_add (argv, (char *) "0");
  if (auth != NULL)
    {
      g_ptr_array_add (argv, (char *) "--auth");
      g_ptr_array_add (argv, (char *) auth);
    }
  g_ptr_array_add (argv, NULL);

  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  sink->process =
    g_subprocess_launcher_spawnv (launcher, (const char *const *) argv->pdata, &error);
  g_assert_no_error (error);
  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (sink->process));
  line = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  g_assert_true (g_ascii_string_to_unsigned (line, 10, 1, 65535, &port, NULL));
  sink->maildir = g_strdup (maildir);
  sink->url = g_strdup_printf ("smtp://127.0.0.1:%u", (guint) port);
  return sink;
}

/* Stops it with SIGTERM and checks that it exits cleanly. */
void
email_test_sink_stop (Sink *sink)
{
  g_autoptr (GError) error = NULL;

  if (sink == NULL)
    return;
  g_subprocess_send_signal (sink->process, SIGTERM);
  g_subprocess_wait (sink->process, NULL, &error);
  g_assert_no_error (error);
  /* It stops cleanly on SIGTERM. */
  g_assert_true (g_subprocess_get_if_exited (sink->process));
  g_assert_cmpint (g_subprocess_get_exit_status (sink->process), ==, 0);
  g_object_unref (sink->process);
  g_free (sink->maildir);
  g_free (sink->url);
  g_free (sink);
}

/* One counter of its stats.json. */
gint64
email_test_sink_stat (Sink *sink, const char *name)
{
  g_autofree char *path = g_build_filename (sink->maildir, "stats.json", NULL);
  g_autofree char *text = NULL;
  g_autoptr (JsonObject) stats = NULL;
  g_autoptr (GError) error = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  stats = helder_test_object (text);
  return json_object_get_int_member (stats, name);
}

static int
compare_paths (gconstpointer a, gconstpointer b)
{
  return g_strcmp0 (*(char *const *) a, *(char *const *) b);
}

/* The files in DIR/new, in the order they arrived. */
GPtrArray *
email_test_maildir_messages (const char *maildir)
{
  g_autofree char *new_dir = g_build_filename (maildir, "new", NULL);
  g_autoptr (GDir) dir = g_dir_open (new_dir, 0, NULL);
  GPtrArray *paths = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (paths, g_build_filename (new_dir, name, NULL));
  g_ptr_array_sort (paths, compare_paths);
  return paths;
}

GMimeMessage *
email_test_parse_message (const char *path)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GMimeStream) stream = g_mime_stream_fs_open (path, O_RDONLY, 0, &error);
  g_autoptr (GMimeParser) parser = NULL;
  GMimeMessage *message;

  g_assert_no_error (error);
  parser = g_mime_parser_new_with_stream (stream);
  message = g_mime_parser_construct_message (parser, NULL);
  g_assert_nonnull (message);
  return message;
}

/* A port of loopback where nothing listens. */
guint16
email_test_unused_port (void)
{
  g_autoptr (GSocket) socket =
    g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr (GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr (GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr (GSocketAddress) bound = NULL;
  g_autoptr (GError) error = NULL;

  g_socket_bind (socket, any, FALSE, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  /* Bound but not listening, then closed: nothing answers there. */
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}
