/* email-test-sink.h — tests/smtp-sink.py as a subprocess, and its Maildir
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <gmime/gmime.h>

G_BEGIN_DECLS

typedef struct
{
  GSubprocess *process;
  char *maildir;
  char *url; /* smtp://127.0.0.1:PORT */
} Sink;

Sink *email_test_sink_start (const char *maildir, const char *mode, const char *auth);
void email_test_sink_stop (Sink *sink);
gint64 email_test_sink_stat (Sink *sink, const char *name);
GPtrArray *email_test_maildir_messages (const char *maildir);
GMimeMessage *email_test_parse_message (const char *path);
guint16 email_test_unused_port (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GMimeMessage, g_object_unref)

G_END_DECLS
