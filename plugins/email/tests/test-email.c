/* test-email.c — the e-mail channel plugin, against a real SMTP server
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The plugin is the one from the build tree (EMAIL_PLUGIN_PATH), loaded by
 * a real HelderEngine; settings go through helder_context_set_setting()
 * into a real database. Messages go to tests/smtp-sink.py, an aiosmtpd
 * server on loopback that each test starts itself, and are read back from
 * its Maildir with GMime.
 */
#include "config.h"

#include <string.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <gmime/gmime.h>

#include "helder-error.h"
#include "helder-clock.h"
#include "helder-test-utils.h"
#include "engine/helder-context.h"
#include "engine/helder-engine.h"
#include "model/helder-entity.h"
#include "email-test-sink.h"

#define SENDER      "Gemeente Zaanstad — Helder <helder@zaanstad.example>"
#define SENDER_NAME "Gemeente Zaanstad — Helder"
#define SENDER_ADDR "helder@zaanstad.example"
#define NAME        "Ëlla van Dïjk-Ünal"
#define ADDRESS     "ella@example.nl"
#define SUBJECT     "Nieuwe rol: één overzicht — ’s-Hertogenbosch café"
#define LINK        "http://127.0.0.1:8080/me/3f9a"
#define BODY                                                               \
  "Hallo Ëlla,\n"                                                         \
  "\n"                                                                     \
  "De **overgang** naar het servicecentrum begint op 1 maart. Wij zorgen " \
  "ervoor dat je tijdig hoort wat er verandert.\n"                         \
  "\n"                                                                     \
  "<script>alert('x')</script>\n"                                          \
  "\n"                                                                     \
  "Bekijk [je eigen pagina](" LINK ").\n"

/* ---- the fixture ------------------------------------------------------- */

typedef struct
{
  char *dir;
  char *db;
  HelderContext *context;
  HelderChannel *channel;
  Sink *sink;
} Fixture;

static void
remove_tree (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_autoptr (GDir) d = g_dir_open (path, 0, NULL);
      const char *name;

      while (d != NULL && (name = g_dir_read_name (d)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          remove_tree (child);
        }
    }
  g_remove (path);
}

static void
setup (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  HelderEngine *engine;

  f->dir = g_dir_make_tmp ("helder-email-XXXXXX", &error);
  g_assert_no_error (error);
  f->db = g_build_filename (f->dir, "helder.db", NULL);
  f->context = helder_context_new (f->db);
  engine = helder_context_get_engine (f->context);
  helder_engine_load_all (engine);
  f->channel = helder_engine_find_channel (engine, "email");
  g_assert_nonnull (f->channel);
}

static void
teardown (Fixture *f, gconstpointer data)
{
  /* The channel says QUIT on its open connections before the sink stops. */
  g_clear_object (&f->context);
  email_test_sink_stop (f->sink);
  remove_tree (f->dir);
  g_free (f->db);
  g_free (f->dir);
}

static void
start_sink (Fixture *f, const char *mode, const char *auth)
{
  g_autofree char *maildir = g_build_filename (f->dir, "sink", NULL);

  f->sink = email_test_sink_start (maildir, mode, auth);
}

/* Stores NAME=VALUE pairs and hands all settings to the channel. */
static gboolean
configure (Fixture *f, GError **error, const char *first_name, ...)
{
  g_autoptr (JsonObject) settings = NULL;
  const char *name = first_name;
  va_list args;

  va_start (args, first_name);
  while (name != NULL)
    {
      const char *value = va_arg (args, const char *);
      g_autoptr (GError) local = NULL;

      helder_context_set_setting (f->context, name, value, &local);
      g_assert_no_error (local);
      name = va_arg (args, const char *);
    }
  va_end (args);
  settings = helder_context_read_settings (f->context, error);
  g_assert_nonnull (settings);
  return helder_channel_configure (f->channel, settings, error);
}

static void
configure_sink (Fixture *f)
{
  g_autoptr (GError) error = NULL;

  configure (f, &error, "smtp.url", f->sink->url, "email.from", SENDER, "smtp.timeout", "10", NULL);
  g_assert_no_error (error);
}

static JsonObject *
delivery_new (const char *key, const char *subject, const char *body)
{
  JsonObject *delivery = json_object_new ();

  json_object_set_int_member (delivery, "id", 7);
  json_object_set_string_member (delivery, "key", key);
  json_object_set_string_member (delivery, "source", "moment:3");
  json_object_set_int_member (delivery, "person", 1);
  json_object_set_string_member (delivery, "channel", "email");
  json_object_set_string_member (delivery, "subject", subject);
  json_object_set_string_member (delivery, "body", body);
  json_object_set_string_member (delivery, "locale", "nl");
  json_object_set_string_member (delivery, "link", LINK);
  return delivery;
}

static JsonObject *
person_new (gint64 id, const char *name, const char *email)
{
  JsonObject *person = json_object_new ();

  json_object_set_int_member (person, "id", id);
  json_object_set_string_member (person, "name", name);
  if (email != NULL)
    json_object_set_string_member (person, "email", email);
  json_object_set_string_member (person, "locale", "nl");
  return person;
}

static HelderDeliveryOutcome
deliver (Fixture *f, const char *key, GError **error)
{
  g_autoptr (JsonObject) delivery = delivery_new (key, SUBJECT, BODY);
  g_autoptr (JsonObject) person = person_new (1, NAME, ADDRESS);

  return helder_channel_deliver (f->channel, delivery, person, NULL, error);
}

static char *
expected_message_id (const char *key)
{
  g_autofree char *digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256, key, -1);

  return g_strdup_printf ("helder-%.32s@zaanstad.example", digest);
}

static char *
part_text (GMimeObject *part, const char *subtype)
{
  GMimeContentType *type = g_mime_object_get_content_type (part);
  g_autofree char *text = NULL;
  g_auto (GStrv) lines = NULL;

  g_assert_true (GMIME_IS_TEXT_PART (part));
  g_assert_cmpstr (g_mime_content_type_get_media_type (type), ==, "text");
  g_assert_cmpstr (g_mime_content_type_get_media_subtype (type), ==, subtype);
  g_assert_cmpstr (g_mime_text_part_get_charset (GMIME_TEXT_PART (part)), ==, "utf-8");
  g_assert_cmpint (g_mime_part_get_content_encoding (GMIME_PART (part)), ==,
                   GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE);
  text = g_mime_text_part_get_text (GMIME_TEXT_PART (part));
  /* The text as the wire had it, with CRLF: compare it with LF. */
  lines = g_strsplit (text, "\r\n", -1);
  return g_strjoinv ("\n", lines);
}

/* ---- settings ---------------------------------------------------------- */

static void
test_settings_registered (Fixture *f, gconstpointer data)
{
  static const struct
  {
    const char *name;
    const char *value;
  } defaults[] = {
    { "email.from", "Helder <helder@localhost>" },
    { "email.mode", "smtp" },
    { "email.maildir", "" },
    { "smtp.url", "smtp://127.0.0.1:25" },
    { "smtp.username", "" },
    { "smtp.password", "" },
    { "smtp.tls", "auto" },
    { "smtp.timeout", "30" },
  };
  g_autoptr (GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (defaults); i++)
    {
      const HelderSetting *setting = helder_context_lookup_setting (f->context, defaults[i].name);
      g_autofree char *value = NULL;

      g_assert_nonnull (setting);
      g_assert_cmpstr (setting->owner, ==, "email");
      g_assert_cmpstr (setting->default_value, ==, defaults[i].value);
      g_assert_nonnull (setting->summary);
      g_assert_true (setting->secret == g_str_equal (defaults[i].name, "smtp.password"));
      value = helder_context_get_setting (f->context, defaults[i].name, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (value, ==, defaults[i].value);
    }

  /* Unloading takes them away again. */
  helder_engine_unload_all (helder_context_get_engine (f->context));
  f->channel = NULL;
  for (guint i = 0; i < G_N_ELEMENTS (defaults); i++)
    g_assert_null (helder_context_lookup_setting (f->context, defaults[i].name));
}

static void
test_settings_invalid (Fixture *f, gconstpointer data)
{
  static const struct
  {
    const char *name;
    const char *value;
  } bad[] = {
    { "smtp.url", "ftp://x" },
    { "smtp.url", "smtp://" },
    { "smtp.url", "not a url" },
    { "smtp.url", "smtp://user:secret@mail.example.nl" },
    { "smtp.url", "smtp://mail.example.nl:70000" },
    { "smtp.url", "smtp://mail.example.nl/path?x=1" },
    { "email.mode", "pigeon" },
    { "email.maildir", "relative/mail" },
    { "smtp.timeout", "0" },
    { "smtp.timeout", "601" },
    { "smtp.timeout", "soon" },
    { "smtp.tls", "sometimes" },
    { "email.from", "@@" },
    { "email.from", "Helder" },
    { "email.from", "a@b, c@d" },
    { "smtp.username", "jan\r\nRCPT TO:<x@y>" },
  };
  static const struct
  {
    const char *name;
    const char *value;
  } good[] = {
    { "smtp.url", "smtps://mail.example.nl:465" },
    { "smtp.url", "smtp://[::1]:2525" },
    { "email.mode", "maildir" },
    { "email.maildir", "/var/lib/helder/mail" },
    { "smtp.timeout", "600" },
    { "smtp.tls", "required" },
    { "email.from", SENDER },
  };
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *changed = NULL;
  HelderStore *store;
  g_autoptr (GError) error = NULL;

  store = helder_context_get_store (f->context, &error);
  g_assert_no_error (error);
  before = helder_test_fingerprint (store);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) local = NULL;

      g_assert_false (helder_context_set_setting (f->context, bad[i].name, bad[i].value, &local));
      g_assert_error (local, HELDER_ERROR, HELDER_ERROR_INVALID);
      g_test_message ("%s = %s: %s", bad[i].name, bad[i].value, local->message);
      g_assert_nonnull (strstr (local->message, bad[i].name));
      if (strchr (bad[i].value, '\n') == NULL)
        g_assert_nonnull (strstr (local->message, bad[i].value));
    }
  after = helder_test_fingerprint (store);
  g_assert_cmpstr (before, ==, after);

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      helder_context_set_setting (f->context, good[i].name, good[i].value, &error);
      g_assert_no_error (error);
    }
  changed = helder_test_fingerprint (store);
  g_assert_cmpstr (before, !=, changed);
}

static void
test_configure_invalid (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) stored = NULL;
  g_autofree char *blocker = NULL;
  g_autofree char *below = NULL;

  /* Maildir mode without a folder. */
  g_assert_false (configure (f, &error, "email.mode", "maildir", NULL));
  g_assert_error (error, HELDER_ERROR, HELDER_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "email.maildir"));
  g_clear_error (&error);

  /* A folder that cannot be made: a file is in the way. */
  blocker = g_build_filename (f->dir, "blocker", NULL);
  g_file_set_contents (blocker, "", 0, &error);
  g_assert_no_error (error);
  below = g_build_filename (blocker, "mail", NULL);
  g_assert_false (configure (f, &error, "email.maildir", below, NULL));
  g_assert_nonnull (strstr (error->message, "email.maildir"));
  g_clear_error (&error);

  /* smtps:// is always encrypted. */
  g_assert_false (configure (f, &error, "email.mode", "smtp", "smtp.url", "smtps://mail.example.nl",
                             "smtp.tls", "none", NULL));
  g_assert_nonnull (strstr (error->message, "smtp.tls"));
  g_clear_error (&error);

  /* A stored value that a check would refuse now still reaches the
   * channel: configure refuses it, naming it. */
  stored = helder_context_read_settings (f->context, &error);
  g_assert_no_error (error);
  json_object_set_string_member (stored, "smtp.tls", "auto");
  json_object_set_string_member (stored, "smtp.url", "ftp://x");
  g_assert_false (helder_channel_configure (f->channel, stored, &error));
  g_assert_nonnull (strstr (error->message, "smtp.url"));
  g_assert_nonnull (strstr (error->message, "ftp://x"));
  g_clear_error (&error);

  /* And a good combination works. */
  g_assert_true (
    configure (f, &error, "smtp.url", "smtps://mail.example.nl", "smtp.tls", "required", NULL));
  g_assert_no_error (error);
}

/* ---- SMTP -------------------------------------------------------------- */

static void
test_smtp_message (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) paths = NULL;
  g_autoptr (GMimeMessage) message = NULL;
  g_autoptr (GDateTime) now = helder_clock_now ();
  g_autofree char *raw = NULL;
  g_autofree char *lower = NULL;
  g_autofree char *id = expected_message_id ("moment:3/1/email");
  g_autofree char *plain = NULL;
  g_autofree char *html = NULL;
  g_autofree char *title = NULL;
  GMimeObject *body;
  InternetAddressList *list;
  InternetAddress *address;
  GDateTime *date;
  gsize length;

  start_sink (f, "ok", NULL);
  configure_sink (f);
  g_assert_cmpint (deliver (f, "moment:3/1/email", &error), ==, HELDER_DELIVERY_SENT);
  g_assert_no_error (error);

  paths = email_test_maildir_messages (f->sink->maildir);
  g_assert_cmpuint (paths->len, ==, 1);

  /* On the wire: 7-bit clean, CRLF line ends, encoded words. */
  g_file_get_contents (paths->pdata[0], &raw, &length, &error);
  g_assert_no_error (error);
  for (gsize i = 0; i < length; i++)
    {
      g_assert_cmpint ((guchar) raw[i], <, 128);
      if (raw[i] == '\n')
        g_assert_cmpint (raw[i - 1], ==, '\r');
    }
  lower = g_ascii_strdown (raw, -1);
  g_assert_nonnull (strstr (lower, "\r\nsubject: nieuwe rol: =?utf-8?"));
  g_assert_nonnull (strstr (raw, "X-RcptTo: " ADDRESS "\r\n"));
  g_assert_nonnull (strstr (raw, "X-MailFrom: " SENDER_ADDR "\r\n"));

  message = email_test_parse_message (paths->pdata[0]);
  list = g_mime_message_get_from (message);
  g_assert_cmpint (internet_address_list_length (list), ==, 1);
  address = internet_address_list_get_address (list, 0);
  g_assert_cmpstr (internet_address_get_name (address), ==, SENDER_NAME);
  g_assert_cmpstr (internet_address_mailbox_get_addr (INTERNET_ADDRESS_MAILBOX (address)), ==,
                   SENDER_ADDR);
  list = g_mime_message_get_to (message);
  g_assert_cmpint (internet_address_list_length (list), ==, 1);
  address = internet_address_list_get_address (list, 0);
  g_assert_cmpstr (internet_address_get_name (address), ==, NAME);
  g_assert_cmpstr (internet_address_mailbox_get_addr (INTERNET_ADDRESS_MAILBOX (address)), ==,
                   ADDRESS);
  g_assert_cmpstr (g_mime_message_get_subject (message), ==, SUBJECT);
  g_assert_cmpstr (g_mime_message_get_message_id (message), ==, id);
  g_assert_cmpstr (g_mime_object_get_header (GMIME_OBJECT (message), "Auto-Submitted"), ==,
                   "auto-generated");
  g_assert_cmpstr (g_mime_object_get_header (GMIME_OBJECT (message), "MIME-Version"), ==, "1.0");
  date = g_mime_message_get_date (message);
  g_assert_nonnull (date);
  g_assert_cmpint (ABS (g_date_time_difference (now, date)), <, 300 * G_TIME_SPAN_SECOND);
  /* The Date header is in the programme's zone, whatever the process's TZ. */
  {
    g_autoptr (GTimeZone) amsterdam = g_time_zone_new_identifier ("Europe/Amsterdam");
    g_autoptr (GDateTime) there = g_date_time_to_timezone (now, amsterdam);

    g_assert_cmpint (g_date_time_get_utc_offset (date), ==, g_date_time_get_utc_offset (there));
  }

  body = g_mime_message_get_mime_part (message);
  g_assert_true (GMIME_IS_MULTIPART (body));
  g_assert_true (g_mime_content_type_is_type (g_mime_object_get_content_type (body), "multipart",
                                              "alternative"));
  g_assert_cmpint (g_mime_multipart_get_count (GMIME_MULTIPART (body)), ==, 2);
  /* GMime files Content-* headers of the message under its body. */
  g_assert_cmpstr (g_mime_object_get_header (body, "Content-Language"), ==, "nl");

  /* text/plain: the CommonMark as it is, in UTF-8. */
  plain = part_text (g_mime_multipart_get_part (GMIME_MULTIPART (body), 0), "plain");
  g_assert_cmpstr (plain, ==, BODY);

  /* text/html: rendered safely, in a layout with the language, the
   * subject as title and the personal link. */
  html = part_text (g_mime_multipart_get_part (GMIME_MULTIPART (body), 1), "html");
  g_assert_true (g_str_has_prefix (html, "<!DOCTYPE html>"));
  g_assert_nonnull (strstr (html, "<html lang=\"nl\">"));
  title = g_strdup_printf ("<title>%s</title>", SUBJECT);
  g_assert_nonnull (strstr (html, title));
  g_assert_nonnull (strstr (html, "<strong>overgang</strong>"));
  g_assert_nonnull (strstr (html, "Hallo Ëlla,"));
  g_assert_nonnull (strstr (html, "<a href=\"" LINK "\">je eigen pagina</a>"));
  g_assert_nonnull (strstr (html, ">" LINK "</a>"));
  g_assert_null (strstr (html, "<script"));
  g_assert_null (strstr (html, "alert("));
  g_assert_null (strstr (html, "<img"));

  g_assert_cmpint (email_test_sink_stat (f->sink, "messages"), ==, 1);
}

static void
test_smtp_same_key (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) paths = NULL;
  g_autofree char *id = expected_message_id ("digest:1:2026-W10/1/email");
  g_autofree char *other = expected_message_id ("digest:1:2026-W11/1/email");
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  start_sink (f, "ok", NULL);
  configure_sink (f);
  for (int i = 0; i < 2; i++)
    {
      g_assert_cmpint (deliver (f, "digest:1:2026-W10/1/email", &error), ==, HELDER_DELIVERY_SENT);
      g_assert_no_error (error);
    }
  g_assert_cmpint (deliver (f, "digest:1:2026-W11/1/email", &error), ==, HELDER_DELIVERY_SENT);
  g_assert_no_error (error);

  paths = email_test_maildir_messages (f->sink->maildir);
  g_assert_cmpuint (paths->len, ==, 3);
  for (guint i = 0; i < paths->len; i++)
    {
      g_autoptr (GMimeMessage) message = email_test_parse_message (paths->pdata[i]);
      const char *message_id = g_mime_message_get_message_id (message);

      g_assert_true (g_str_equal (message_id, id) || g_str_equal (message_id, other));
      g_hash_table_add (seen, g_strdup (message_id));
    }
  g_assert_cmpuint (g_hash_table_size (seen), ==, 2);
}

static void
test_smtp_reuse (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GTimer) timer = NULL;
  g_autoptr (GPtrArray) paths = NULL;
  const guint n = 50;

  start_sink (f, "ok", NULL);
  configure_sink (f);
  timer = g_timer_new ();
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *key = g_strdup_printf ("moment:%u/1/email", i);

      /* The worker configures again now and then: the same settings keep
       * the connection. */
      if (i == n / 2)
        configure_sink (f);
      g_assert_cmpint (deliver (f, key, &error), ==, HELDER_DELIVERY_SENT);
      g_assert_no_error (error);
    }
  g_test_message ("%u messages one after the other in %.3f s: %.0f messages/s", n,
                  g_timer_elapsed (timer, NULL), n / g_timer_elapsed (timer, NULL));

  g_assert_cmpint (email_test_sink_stat (f->sink, "messages"), ==, n);
  g_assert_cmpint (email_test_sink_stat (f->sink, "connections"), ==, 1);
  paths = email_test_maildir_messages (f->sink->maildir);
  g_assert_cmpuint (paths->len, ==, n);
}

typedef struct
{
  Fixture *f;
  guint first;
  guint count;
  guint sent;
} Worker;

static gpointer
worker_run (gpointer data)
{
  Worker *worker = data;

  for (guint i = worker->first; i < worker->first + worker->count; i++)
    {
      g_autofree char *key = g_strdup_printf ("moment:%u/1/email", i);
      g_autoptr (GError) error = NULL;

      if (deliver (worker->f, key, &error) == HELDER_DELIVERY_SENT)
        worker->sent++;
      else
        g_printerr ("# %s: %s\n", key, error != NULL ? error->message : "?");
    }
  return NULL;
}

static void
test_smtp_threads (Fixture *f, gconstpointer data)
{
  Worker workers[4];
  GThread *threads[G_N_ELEMENTS (workers)];
  g_autoptr (GPtrArray) paths = NULL;
  g_autoptr (GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GTimer) timer = NULL;
  const guint per_worker = 25;

  start_sink (f, "ok", NULL);
  configure_sink (f);
  timer = g_timer_new ();
  for (guint i = 0; i < G_N_ELEMENTS (workers); i++)
    {
      workers[i] = (Worker){ f, i * per_worker, per_worker, 0 };
      threads[i] = g_thread_new ("deliver", worker_run, &workers[i]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (workers); i++)
    {
      g_thread_join (threads[i]);
      g_assert_cmpuint (workers[i].sent, ==, per_worker);
    }
  g_test_message ("%u messages from %u threads in %.3f s",
                  per_worker * (guint) G_N_ELEMENTS (workers), (guint) G_N_ELEMENTS (workers),
                  g_timer_elapsed (timer, NULL));

  g_assert_cmpint (email_test_sink_stat (f->sink, "messages"), ==,
                   per_worker * G_N_ELEMENTS (workers));
  g_assert_cmpint (email_test_sink_stat (f->sink, "connections"), <=, G_N_ELEMENTS (workers));
  paths = email_test_maildir_messages (f->sink->maildir);
  for (guint i = 0; i < paths->len; i++)
    {
      g_autoptr (GMimeMessage) message = email_test_parse_message (paths->pdata[i]);

      g_hash_table_add (ids, g_strdup (g_mime_message_get_message_id (message)));
    }
  g_assert_cmpuint (g_hash_table_size (ids), ==, per_worker * G_N_ELEMENTS (workers));
}

static void
test_smtp_tempfail (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) paths = NULL;

  start_sink (f, "tempfail", NULL);
  configure_sink (f);
  for (int i = 0; i < 2; i++)
    {
      g_assert_cmpint (deliver (f, "moment:3/1/email", &error), ==, HELDER_DELIVERY_TRANSIENT);
      g_test_message ("%s", error->message);
      g_assert_nonnull (strstr (error->message, f->sink->url));
      g_assert_nonnull (strstr (error->message, "451 4.3.0 Try again later"));
      g_clear_error (&error);
    }
  paths = email_test_maildir_messages (f->sink->maildir);
  g_assert_cmpuint (paths->len, ==, 0);
  g_assert_cmpint (email_test_sink_stat (f->sink, "tempfailed"), ==, 2);
}

static void
test_smtp_tempfail_first (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) paths = NULL;
  g_autoptr (GMimeMessage) message = NULL;
  g_autofree char *id = expected_message_id ("moment:3/1/email");

  start_sink (f, "tempfail-first", NULL);
  configure_sink (f);
  g_assert_cmpint (deliver (f, "moment:3/1/email", &error), ==, HELDER_DELIVERY_TRANSIENT);
  g_assert_nonnull (strstr (error->message, "451"));
  g_clear_error (&error);
  /* The retry carries the same Message-ID and goes through. */
  g_assert_cmpint (deliver (f, "moment:3/1/email", &error), ==, HELDER_DELIVERY_SENT);
  g_assert_no_error (error);

  paths = email_test_maildir_messages (f->sink->maildir);
  g_assert_cmpuint (paths->len, ==, 1);
  message = email_test_parse_message (paths->pdata[0]);
  g_assert_cmpstr (g_mime_message_get_message_id (message), ==, id);
}

static void
test_smtp_permfail (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *expected = NULL;

  start_sink (f, "permfail", NULL);
  configure_sink (f);
  g_assert_cmpint (deliver (f, "moment:3/1/email", &error), ==, HELDER_DELIVERY_PERMANENT);
  g_test_message ("%s", error->message);
  expected = g_strdup_printf ("SMTP server %s refused the recipient: 550 5.1.1 Mailbox unavailable",
                              f->sink->url);
  g_assert_cmpstr (error->message, ==, expected);
  g_assert_cmpint (email_test_sink_stat (f->sink, "rejected"), ==, 1);
}

static void
test_smtp_close_mid_data (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) paths = NULL;

  start_sink (f, "close-mid-data", NULL);
  configure_sink (f);
  for (int i = 0; i < 2; i++)
    {
      g_assert_cmpint (deliver (f, "moment:3/1/email", &error), ==, HELDER_DELIVERY_TRANSIENT);
      g_test_message ("%s", error->message);
      g_assert_nonnull (strstr (error->message, f->sink->url));
      g_assert_nonnull (strstr (error->message, "closed the connection"));
      g_clear_error (&error);
    }
  g_assert_cmpint (email_test_sink_stat (f->sink, "closed_mid_data"), ==, 2);
  paths = email_test_maildir_messages (f->sink->maildir);
  g_assert_cmpuint (paths->len, ==, 0);
}

static void
test_smtp_unreachable (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *url = g_strdup_printf ("smtp://127.0.0.1:%u", email_test_unused_port ());
  g_autoptr (GTimer) timer = g_timer_new ();

  configure (f, &error, "smtp.url", url, "smtp.timeout", "5", NULL);
  g_assert_no_error (error);
  g_assert_cmpint (deliver (f, "moment:3/1/email", &error), ==, HELDER_DELIVERY_TRANSIENT);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, url));
  g_assert_nonnull (strstr (error->message, "could not connect"));
  g_assert_cmpfloat (g_timer_elapsed (timer, NULL), <, 5.0);
}

/* A server that takes the connection and never says a word. */
static void
test_smtp_timeout (Fixture *f, gconstpointer data)
{
  g_autoptr (GSocket) silent =
    g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr (GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr (GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr (GSocketAddress) bound = NULL;
  g_autoptr (GCancellable) cancelled = g_cancellable_new ();
  g_autoptr (JsonObject) delivery = delivery_new ("moment:3/1/email", SUBJECT, BODY);
  g_autoptr (JsonObject) person = person_new (1, NAME, ADDRESS);
  g_autoptr (GTimer) timer = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *url = NULL;

  g_socket_bind (silent, any, FALSE, &error);
  g_assert_no_error (error);
  g_socket_listen (silent, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (silent, &error);
  g_assert_no_error (error);
  url = g_strdup_printf ("smtp://127.0.0.1:%u",
                         g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));

  configure (f, &error, "smtp.url", url, "smtp.timeout", "1", NULL);
  g_assert_no_error (error);
  timer = g_timer_new ();
  g_assert_cmpint (deliver (f, "moment:3/1/email", &error), ==, HELDER_DELIVERY_TRANSIENT);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, url));
  g_assert_nonnull (strstr (error->message, "smtp.timeout"));
  g_assert_cmpfloat (g_timer_elapsed (timer, NULL), <, 10.0);
  g_clear_error (&error);

  /* Cancelled: nothing is tried, and it is worth trying later. */
  g_cancellable_cancel (cancelled);
  g_assert_cmpint (helder_channel_deliver (f->channel, delivery, person, cancelled, &error), ==,
                   HELDER_DELIVERY_TRANSIENT);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
test_smtp_auth (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  start_sink (f, "ok", "helder:geheim wachtwoord");

  /* No login: the server asks for one; the settings are at fault, so the
   * message waits. */
  configure_sink (f);
  g_assert_cmpint (deliver (f, "moment:3/1/email", &error), ==, HELDER_DELIVERY_TRANSIENT);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "530"));
  g_assert_nonnull (strstr (error->message, "smtp.username"));
  g_clear_error (&error);

  /* A wrong password. */
  configure (f, &error, "smtp.username", "helder", "smtp.password", "fout", NULL);
  g_assert_no_error (error);
  g_assert_cmpint (deliver (f, "moment:3/1/email", &error), ==, HELDER_DELIVERY_TRANSIENT);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "535"));
  g_assert_nonnull (strstr (error->message, "“helder”"));
  g_assert_null (strstr (error->message, "fout"));
  g_clear_error (&error);
  g_assert_cmpint (email_test_sink_stat (f->sink, "auth_failed"), ==, 1);

  /* The right one, once per connection. */
  configure (f, &error, "smtp.password", "geheim wachtwoord", NULL);
  g_assert_no_error (error);
  for (int i = 0; i < 3; i++)
    {
      g_autofree char *key = g_strdup_printf ("moment:%d/1/email", i);

      g_assert_cmpint (deliver (f, key, &error), ==, HELDER_DELIVERY_SENT);
      g_assert_no_error (error);
    }
  g_assert_cmpint (email_test_sink_stat (f->sink, "messages"), ==, 3);
}

/* ---- people, Maildir, previews ---------------------------------------- */

static void
test_person_without_email (Fixture *f, gconstpointer data)
{
  g_autoptr (JsonObject) nobody = person_new (4, "Dewi", NULL);
  g_autoptr (JsonObject) empty = person_new (5, "Eef", "");
  g_autoptr (JsonObject) null_email = person_new (6, "Fenna", NULL);
  g_autoptr (JsonObject) someone = person_new (1, NAME, ADDRESS);
  g_autoptr (JsonObject) bad = person_new (8, "Gijs", "gijs at example.nl");
  g_autoptr (JsonObject) delivery = delivery_new ("moment:3/4/email", SUBJECT, BODY);
  g_autoptr (GError) error = NULL;

  json_object_set_null_member (null_email, "email");
  g_assert_false (helder_channel_can_reach (f->channel, nobody));
  g_assert_false (helder_channel_can_reach (f->channel, empty));
  g_assert_false (helder_channel_can_reach (f->channel, null_email));
  g_assert_true (helder_channel_can_reach (f->channel, someone));

  /* Permanent, and said before any server is asked (none listens on the
   * default smtp://127.0.0.1:25 here). */
  g_assert_cmpint (helder_channel_deliver (f->channel, delivery, nobody, NULL, &error), ==,
                   HELDER_DELIVERY_PERMANENT);
  g_assert_cmpstr (error->message, ==, "person 4 has no e-mail address");
  g_clear_error (&error);
  g_assert_cmpint (helder_channel_deliver (f->channel, delivery, null_email, NULL, &error), ==,
                   HELDER_DELIVERY_PERMANENT);
  g_assert_cmpstr (error->message, ==, "person 6 has no e-mail address");
  g_clear_error (&error);
  g_assert_cmpint (helder_channel_deliver (f->channel, delivery, bad, NULL, &error), ==,
                   HELDER_DELIVERY_PERMANENT);
  g_assert_nonnull (strstr (error->message, "gijs at example.nl"));
}

/* One e-mail rule: every address Helder stores, the channel sends to, and
 * an address Helder refuses never gets stored to be silently skipped. The
 * address with a zero-width space used to be stored as a second address
 * that the channel then refused. */
static void
test_one_address_rule (Fixture *f, gconstpointer data)
{
  static const char *const addresses[] = {
    "pieter.bakker@voorbeeld.nl",
    "pieter.bakker@voorbeeld.nl\xe2\x80\x8b", /* U+200B */
    "pieter.bakker\xe2\x80\xae@voorbeeld.nl", /* U+202E */
    "Pieter.Bakker@VOORBEELD.NL",
    "  o'neil+helder_x-1@sub.voorbeeld.nl ",
    "pi\xc3\xabter@voorbeeld.nl",
    "\"pieter bakker\"@voorbeeld.nl",
    "pieter@voorbeeld..nl",
    "pieter@localhost",
    "pieter@",
    "pieter;jan@voorbeeld.nl",
  };
  const HelderField *email = helder_entity_get_field (helder_entity_lookup ("person"), "email");
  g_autoptr (GError) error = NULL;
  g_autofree char *maildir = g_build_filename (f->dir, "out", "mail", NULL);
  guint sent = 0;

  g_assert_true (configure (f, &error, "email.mode", "maildir", "email.maildir", maildir,
                            "email.from", SENDER, NULL));
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (addresses); i++)
    {
      g_autoptr (GError) refused = NULL;
      g_autoptr (GError) local = NULL;
      g_autoptr (JsonNode) stored = helder_field_parse_text (email, addresses[i], &refused);
      g_autoptr (JsonObject) person =
        person_new (10 + i, NAME, stored ? json_node_get_string (stored) : addresses[i]);
      g_autoptr (JsonObject) delivery = NULL;
      g_autofree char *key = g_strdup_printf ("moment:%u/%u/email", 3, 10 + i);
      HelderDeliveryOutcome result;

      delivery = delivery_new (key, SUBJECT, BODY);
      result = helder_channel_deliver (f->channel, delivery, person, NULL, &local);
      g_test_message ("“%s”: Helder %s, the channel %s", addresses[i],
                      stored ? "stores it" : refused->message, local ? local->message : "sends");
      if (stored != NULL)
        {
          g_assert_cmpint (result, ==, HELDER_DELIVERY_SENT);
          g_assert_no_error (local);
          sent++;
        }
      else
        g_assert_cmpint (result, ==, HELDER_DELIVERY_PERMANENT);
    }
  g_assert_cmpuint (sent, ==, 4);
}

static void
test_maildir (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *maildir = g_build_filename (f->dir, "out", "mail", NULL);
  g_autofree char *tmp = g_build_filename (maildir, "tmp", NULL);
  g_autofree char *cur = g_build_filename (maildir, "cur", NULL);
  g_autofree char *id = expected_message_id ("moment:3/1/email");
  g_autofree char *raw = NULL;
  g_autofree char *plain = NULL;
  g_autoptr (GPtrArray) paths = NULL;
  g_autoptr (GMimeMessage) message = NULL;
  g_autoptr (GDir) tmp_dir = NULL;
  GMimeObject *body;
  InternetAddress *to;

  g_assert_true (configure (f, &error, "email.mode", "maildir", "email.maildir", maildir,
                            "email.from", SENDER, NULL));
  g_assert_no_error (error);
  g_assert_true (g_file_test (cur, G_FILE_TEST_IS_DIR));

  g_assert_cmpint (deliver (f, "moment:3/1/email", &error), ==, HELDER_DELIVERY_SENT);
  g_assert_no_error (error);
  g_assert_cmpint (deliver (f, "moment:4/1/email", &error), ==, HELDER_DELIVERY_SENT);
  g_assert_no_error (error);

  paths = email_test_maildir_messages (maildir);
  g_assert_cmpuint (paths->len, ==, 2);
  tmp_dir = g_dir_open (tmp, 0, &error);
  g_assert_no_error (error);
  g_assert_null (g_dir_read_name (tmp_dir));

  /* A file on this machine: Unix line ends. */
  g_file_get_contents (paths->pdata[0], &raw, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (strchr (raw, '\r'));

  /* The first message, whichever file it is in. */
  message = email_test_parse_message (paths->pdata[0]);
  if (!g_str_equal (g_mime_message_get_message_id (message), id))
    {
      g_clear_object (&message);
      message = email_test_parse_message (paths->pdata[1]);
    }
  g_assert_cmpstr (g_mime_message_get_message_id (message), ==, id);
  g_assert_cmpstr (g_mime_message_get_subject (message), ==, SUBJECT);
  to = internet_address_list_get_address (g_mime_message_get_to (message), 0);
  g_assert_cmpstr (internet_address_get_name (to), ==, NAME);
  body = g_mime_message_get_mime_part (message);
  g_assert_true (GMIME_IS_MULTIPART (body));
  plain = part_text (g_mime_multipart_get_part (GMIME_MULTIPART (body), 0), "plain");
  g_assert_cmpstr (plain, ==, BODY);
}

static void
test_preview (Fixture *f, gconstpointer data)
{
  g_autoptr (JsonObject) delivery = delivery_new ("moment:3/1/email", "Let op: <b>&</b> “quotes”",
                                                  "![logo](https://tracker.example/pixel.png)\n\n"
                                                  "[Open](javascript:alert(1))\n");
  g_autoptr (JsonObject) person = person_new (1, NAME, ADDRESS);
  g_autoptr (JsonObject) nobody = person_new (4, "Dewi", NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *html = NULL;
  g_autofree char *mime = NULL;
  g_autofree char *nothing = NULL;
  g_autofree char *id_header = NULL;
  g_autofree char *id = NULL;
  g_autofree char *lower = NULL;

  configure (f, &error, "email.from", SENDER, NULL);
  g_assert_no_error (error);
  json_object_set_string_member (delivery, "locale", "en");

  html = helder_channel_preview (f->channel, delivery, person, "html", &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (html, "<!DOCTYPE html>\n<html lang=\"en\">"));
  g_assert_nonnull (strstr (html, "<title>Let op: &lt;b&gt;&amp;&lt;/b&gt; “quotes”</title>"));
  /* No remote images: the image is a link with its description. */
  g_assert_null (strstr (html, "<img"));
  g_assert_nonnull (strstr (html, "<a href=\"https://tracker.example/pixel.png\">logo</a>"));
  g_assert_null (strstr (html, "javascript:"));
  g_assert_nonnull (strstr (html, "<a href=\"" LINK "\""));

  mime = helder_channel_preview (f->channel, delivery, person, "mime", &error);
  g_assert_no_error (error);
  id = expected_message_id ("moment:3/1/email");
  id_header = g_strdup_printf ("\r\nmessage-id: <%s>\r\n", id);
  lower = g_ascii_strdown (mime, -1);
  g_assert_nonnull (strstr (lower, id_header));
  g_assert_nonnull (strstr (mime, "Content-Type: multipart/alternative"));
  for (const char *p = strchr (mime, '\n'); p != NULL; p = strchr (p + 1, '\n'))
    g_assert_cmpint (p[-1], ==, '\r');

  nothing = helder_channel_preview (f->channel, delivery, person, "pdf", &error);
  g_assert_null (nothing);
  g_assert_error (error, HELDER_ERROR, HELDER_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "“pdf”"));
  g_clear_error (&error);

  g_assert_null (helder_channel_preview (f->channel, delivery, nobody, "mime", &error));
  g_assert_cmpstr (error->message, ==, "person 4 has no e-mail address");
}

/* ---- the password outside the database (issue 9) ---------------------- */

/* Whether @text is anywhere in the database's files, the -wal included. */
static gboolean
database_contains (Fixture *f, const char *text)
{
  static const char *const suffixes[] = { "", "-wal", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *path = g_strconcat (f->db, suffixes[i], NULL);
      g_autofree char *contents = NULL;
      gsize length;

      if (!g_file_get_contents (path, &contents, &length, NULL))
        continue;
      /* The file is binary, with NULs: no strstr. */
      for (gsize at = 0; at + strlen (text) <= length; at++)
        if (memcmp (contents + at, text, strlen (text)) == 0)
          return TRUE;
    }
  return FALSE;
}

static void
test_smtp_password_file (Fixture *f, gconstpointer data)
{
  g_autofree char *file = g_build_filename (f->dir, "smtp-password", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) settings = NULL;

  start_sink (f, "ok", "helder:geheim uit bestand");
  configure_sink (f);

  /* A file every user can read is refused, with the chmod to run. */
  g_assert_true (g_file_set_contents (file, "geheim uit bestand\n", -1, &error));
  g_assert_cmpint (g_chmod (file, 0644), ==, 0);
  g_assert_false (
    configure (f, &error, "smtp.username", "helder", "smtp.password_file", file, NULL));
  g_test_message ("%s", error->message);
  g_assert_error (error, HELDER_ERROR, HELDER_ERROR_PERMISSION);
  g_assert_nonnull (strstr (error->message, "smtp.password_file"));
  g_assert_nonnull (strstr (error->message, "chmod 600"));
  g_assert_null (strstr (error->message, "geheim"));
  g_clear_error (&error);

  /* Private: the login works, line end and all. */
  g_assert_cmpint (g_chmod (file, 0600), ==, 0);
  g_assert_true (configure (f, &error, NULL));
  g_assert_no_error (error);
  g_assert_cmpint (deliver (f, "moment:3/1/email", &error), ==, HELDER_DELIVERY_SENT);
  g_assert_no_error (error);
  g_assert_cmpint (email_test_sink_stat (f->sink, "messages"), ==, 1);

  /* The file is read again for each round: a changed password is used. */
  g_assert_true (g_file_set_contents (file, "ander geheim", -1, &error));
  g_assert_cmpint (g_chmod (file, 0600), ==, 0);
  g_assert_true (configure (f, &error, NULL));
  g_assert_cmpint (deliver (f, "moment:3/2/email", &error), ==, HELDER_DELIVERY_TRANSIENT);
  g_assert_nonnull (strstr (error->message, "535"));
  g_clear_error (&error);

  /* The database knows where the password is, never the password. */
  settings = helder_context_read_settings (f->context, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (settings, "smtp.password"), ==, "");
  g_assert_cmpstr (json_object_get_string_member (settings, "smtp.password_file"), ==, file);
  g_assert_false (database_contains (f, "geheim uit bestand"));
  g_assert_false (database_contains (f, "ander geheim"));
}

static void
test_smtp_password_env (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  start_sink (f, "ok", "helder:geheim uit de omgeving");
  g_setenv ("HELDER_SMTP_PASSWORD", "geheim uit de omgeving", TRUE);

  /* The environment wins over a password stored in the database. */
  configure_sink (f);
  g_assert_true (configure (f, &error, "smtp.username", "helder", "smtp.password", "oud", NULL));
  g_assert_no_error (error);
  g_assert_cmpint (deliver (f, "moment:3/1/email", &error), ==, HELDER_DELIVERY_SENT);
  g_assert_no_error (error);

  /* A line break cannot go into an SMTP command. */
  g_setenv ("HELDER_SMTP_PASSWORD", "geheim\r\nQUIT", TRUE);
  g_assert_false (configure (f, &error, NULL));
  g_assert_nonnull (strstr (error->message, "HELDER_SMTP_PASSWORD"));
  g_clear_error (&error);
  g_unsetenv ("HELDER_SMTP_PASSWORD");

  g_assert_cmpint (email_test_sink_stat (f->sink, "messages"), ==, 1);
  g_assert_cmpint (email_test_sink_stat (f->sink, "auth_failed"), ==, 0);
  g_assert_false (database_contains (f, "geheim uit de omgeving"));
}

int
main (int argc, char *argv[])
{
  /* Only the plugins of this build, not installed ones. */
  g_setenv ("HELDER_PLUGIN_PATH", EMAIL_PLUGIN_PATH, TRUE);
  helder_test_init (&argc, &argv);
  g_mime_init ();

#define ADD(path, func) g_test_add (path, Fixture, NULL, setup, func, teardown)
  ADD ("/email/settings/registered", test_settings_registered);
  ADD ("/email/settings/invalid", test_settings_invalid);
  ADD ("/email/configure/invalid", test_configure_invalid);
  ADD ("/email/smtp/message", test_smtp_message);
  ADD ("/email/smtp/same-key", test_smtp_same_key);
  ADD ("/email/smtp/reuse", test_smtp_reuse);
  ADD ("/email/smtp/threads", test_smtp_threads);
  ADD ("/email/smtp/tempfail", test_smtp_tempfail);
  ADD ("/email/smtp/tempfail-first", test_smtp_tempfail_first);
  ADD ("/email/smtp/permfail", test_smtp_permfail);
  ADD ("/email/smtp/close-mid-data", test_smtp_close_mid_data);
  ADD ("/email/smtp/unreachable", test_smtp_unreachable);
  ADD ("/email/smtp/timeout", test_smtp_timeout);
  ADD ("/email/smtp/auth", test_smtp_auth);
  ADD ("/email/person-without-email", test_person_without_email);
  ADD ("/email/maildir", test_maildir);
  ADD ("/email/one-address-rule", test_one_address_rule);
  ADD ("/email/preview", test_preview);
  ADD ("/email/smtp/password-file", test_smtp_password_file);
  ADD ("/email/smtp/password-env", test_smtp_password_env);
#undef ADD

  return g_test_run ();
}
