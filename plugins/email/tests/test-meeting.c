/* test-meeting.c — meetings are invited ahead of time, by e-mail with an
 * iCalendar invitation, through `helder send` and a real SMTP server
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The clock is pinned for every run of `helder` (HELDER_NOW): the meeting
 * is on Tuesday 15 December 2026 at 13:30 in Amsterdam, its invitation is
 * due seven days before. What arrives in the sink's Maildir is parsed as a
 * mail client would: the MIME parts, the invitation with libical, and with
 * Python's icalendar as a second, independent parser.
 */
#include "config.h"

#include <string.h>
#include <sys/wait.h>
#include <glib/gstdio.h>
#include <libical/ical.h>

#include "helder-test-utils.h"
#include "email-test-sink.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (icalcomponent, icalcomponent_free)

#define MEETING_AT  "2026-12-15T12:30:00Z" /* 13:30 in Amsterdam */
#define BEFORE_LEAD "2026-12-08T13:29:00+01:00"
#define AFTER_LEAD  "2026-12-08T13:31:00+01:00"
#define DAY_BEFORE  "2026-12-14T14:00:00+01:00"
#define STARTED     "2026-12-15T13:31:00+01:00"

typedef struct
{
  char *db;
  char *maildir;
  Sink *sink;
} Fixture;

static int
helder_at (Fixture *f, const char *now, char **out, char **err, const char *first, ...)
{
  g_autoptr (GPtrArray) args = g_ptr_array_new ();
  g_autofree char *clock = g_strconcat ("HELDER_NOW=", now, NULL);
  const char *env[] = { "HELDER_PLUGIN_PATH=" EMAIL_PLUGIN_PATH, clock, NULL };
  g_autofree char *said = NULL;
  va_list ap;
  int status;

  va_start (ap, first);
  for (const char *a = first; a != NULL; a = va_arg (ap, const char *))
    g_ptr_array_add (args, (char *) a);
  va_end (ap);
  g_ptr_array_add (args, NULL);
  status = helder_test_runv (f->db, env, (const char *const *) args->pdata, out, &said);
  g_test_message ("helder %s at %s: exit %d: %s%s", first, now, status, out && *out ? *out : "",
                  said ? said : "");
  if (err != NULL)
    *err = g_steal_pointer (&said);
  return status;
}

#define OK(f, now, ...) g_assert_cmpint (helder_at (f, now, NULL, NULL, __VA_ARGS__, NULL), ==, 0)
#define SEND(f, now)    OK (f, now, "send", "--no-digests")

static gint64
scalar (Fixture *f, const char *sql)
{
  g_autoptr (HelderStore) store = helder_store_open (f->db, NULL);
  g_autoptr (HelderStmt) stmt = helder_store_prepare (store, sql, NULL);

  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

/* The test seed (Anna and Cor in "beheer", Bram not) with moment 1: a
 * meeting-only town hall for "beheer", approved. */
static void
setup (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HelderStore) store = NULL;
  g_autofree char *path = NULL;
  g_autofree char *dir = NULL;

  store = helder_test_store_new (&path);
  helder_test_seed (store);
  g_assert_true (helder_store_exec (
    store,
    "INSERT INTO moment (id, title, body, scheduled_at, duration_minutes, location, online_url,"
    " status, created_at, updated_at)"
    " VALUES (1, 'Bijeenkomst beheer', 'Over de **nieuwe** werkplekken.', '" MEETING_AT "', 45,"
    " 'Raadzaal, stadhuis', 'https://meet.voorbeeld.nl/beheer', 'approved',"
    " '2026-12-01T00:00:00Z', '2026-12-01T00:00:00Z');"
    "INSERT INTO moment_channel VALUES (1, 'meeting');"
    "INSERT INTO moment_group VALUES (1, 'beheer');",
    &error));
  g_assert_no_error (error);
  g_clear_object (&store);
  f->db = g_steal_pointer (&path);
  dir = g_path_get_dirname (f->db);
  f->maildir = g_build_filename (dir, "sink", NULL);
  f->sink = email_test_sink_start (f->maildir, "ok", NULL);
  OK (f, BEFORE_LEAD, "config", "set", "smtp.url", f->sink->url);
  OK (f, BEFORE_LEAD, "config", "set", "email.from", "Programma Wolk <wolk@voorbeeld.nl>");
  OK (f, BEFORE_LEAD, "config", "set", "delivery.rate_per_second", "0");
  OK (f, BEFORE_LEAD, "config", "set", "server.base_url", "https://helder.voorbeeld.nl");
}

static void
teardown (Fixture *f, gconstpointer data)
{
  email_test_sink_stop (f->sink);
  helder_test_remove_db (f->db);
  g_free (f->db);
  g_free (f->maildir);
}

/* ---- reading what arrived ------------------------------------------------------ */

typedef struct
{
  char *subject;
  char *to;
  char *text;       /* the text/plain part */
  char *calendar;   /* the text/calendar part, or NULL */
  char *method;     /* its method= parameter */
  char *attachment; /* the .ics attachment, or NULL */
  char *filename;   /* its file name */
  gboolean mixed;   /* the top part is multipart/mixed */
} Mail;

static void
mail_free (Mail *m)
{
  g_free (m->subject);
  g_free (m->to);
  g_free (m->text);
  g_free (m->calendar);
  g_free (m->method);
  g_free (m->attachment);
  g_free (m->filename);
  g_free (m);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Mail, mail_free)

static char *
part_text (GMimePart *part)
{
  GMimeStream *out = g_mime_stream_mem_new ();
  GByteArray *bytes;
  char *text;

  g_mime_data_wrapper_write_to_stream (g_mime_part_get_content (part), out);
  bytes = g_mime_stream_mem_get_byte_array (GMIME_STREAM_MEM (out));
  text = g_strndup ((const char *) bytes->data, bytes->len);
  g_object_unref (out);
  return text;
}

static void
collect (GMimeObject *parent, GMimeObject *part, gpointer user_data)
{
  Mail *m = user_data;
  GMimeContentType *type = g_mime_object_get_content_type (part);

  if (!GMIME_IS_PART (part))
    return;
  if (g_mime_content_type_is_type (type, "text", "calendar"))
    {
      m->calendar = part_text (GMIME_PART (part));
      m->method = g_strdup (g_mime_content_type_get_parameter (type, "method"));
    }
  else if (g_mime_content_type_is_type (type, "application", "ics"))
    {
      m->attachment = part_text (GMIME_PART (part));
      m->filename = g_strdup (g_mime_part_get_filename (GMIME_PART (part)));
    }
  else if (g_mime_content_type_is_type (type, "text", "plain"))
    m->text = part_text (GMIME_PART (part));
}

/* The messages in the sink, oldest first. */
static GPtrArray *
mails (Fixture *f)
{
  g_autoptr (GPtrArray) paths = email_test_maildir_messages (f->maildir);
  GPtrArray *all = g_ptr_array_new_with_free_func ((GDestroyNotify) mail_free);

  for (guint i = 0; i < paths->len; i++)
    {
      g_autoptr (GMimeMessage) message = email_test_parse_message (g_ptr_array_index (paths, i));
      InternetAddressList *to = g_mime_message_get_to (message);
      Mail *m = g_new0 (Mail, 1);

      m->subject = g_strdup (g_mime_message_get_subject (message));
      m->to = g_strdup (internet_address_mailbox_get_addr (
        INTERNET_ADDRESS_MAILBOX (internet_address_list_get_address (to, 0))));
      m->mixed = g_mime_content_type_is_type (
        g_mime_object_get_content_type (g_mime_message_get_mime_part (message)), "multipart",
        "mixed");
      g_mime_message_foreach (message, collect, m);
      g_ptr_array_add (all, m);
    }
  return all;
}

/* The newest mail to @address whose subject starts with @prefix. */
static Mail *
find_mail (GPtrArray *all, const char *address, const char *prefix)
{
  for (guint i = all->len; i > 0; i--)
    {
      Mail *m = g_ptr_array_index (all, i - 1);

      if (g_strcmp0 (m->to, address) == 0 && g_str_has_prefix (m->subject, prefix))
        return m;
    }
  g_error ("no mail to %s with “%s…”", address, prefix);
  return NULL;
}

static const char *
param (icalproperty *property, icalparameter_kind kind)
{
  icalparameter *p = icalproperty_get_first_parameter (property, kind);

  return p != NULL ? icalparameter_get_xvalue (p) ?: icalparameter_as_ical_string (p) : NULL;
}

/* The invitation as libical reads it: the one VEVENT, checked for what
 * every invitation carries. */
static icalcomponent *
parse_invitation_uid (const char *text,
                      icalproperty_method method,
                      const char *attendee,
                      const char *uid)
{
  icalcomponent *calendar = icalparser_parse_string (text);
  icalcomponent *event, *zone;
  icalproperty *property;
  g_autofree char *mailto = g_strconcat ("mailto:", attendee, NULL);

  g_assert_nonnull (calendar);
  g_assert_cmpint (icalcomponent_isa (calendar), ==, ICAL_VCALENDAR_COMPONENT);
  g_assert_cmpint (icalcomponent_get_method (calendar), ==, method);
  zone = icalcomponent_get_first_component (calendar, ICAL_VTIMEZONE_COMPONENT);
  g_assert_nonnull (zone);
  g_assert_cmpstr (
    icalproperty_get_tzid (icalcomponent_get_first_property (zone, ICAL_TZID_PROPERTY)), ==,
    "Europe/Amsterdam");
  event = icalcomponent_get_first_component (calendar, ICAL_VEVENT_COMPONENT);
  g_assert_nonnull (event);
  g_assert_cmpstr (icalcomponent_get_uid (event), ==, uid);
  property = icalcomponent_get_first_property (event, ICAL_ORGANIZER_PROPERTY);
  g_assert_nonnull (property);
  g_assert_cmpstr (icalproperty_get_organizer (property), ==, "mailto:wolk@voorbeeld.nl");
  property = icalcomponent_get_first_property (event, ICAL_ATTENDEE_PROPERTY);
  g_assert_nonnull (property);
  g_assert_cmpstr (icalproperty_get_attendee (property), ==, mailto);
  property = icalcomponent_get_first_property (event, ICAL_DTSTART_PROPERTY);
  g_assert_cmpstr (param (property, ICAL_TZID_PARAMETER), ==, "Europe/Amsterdam");
  g_assert_nonnull (icalcomponent_get_first_property (event, ICAL_SEQUENCE_PROPERTY));
  return calendar;
}

static icalcomponent *
parse_invitation (const char *text, icalproperty_method method, const char *attendee)
{
  return parse_invitation_uid (text, method, attendee, "meeting-1@helder");
}

/* "20261215T133000": DTSTART or DTEND as written, wall time in its zone */
static char *
wall_time (icalcomponent *calendar, icalproperty_kind kind)
{
  icalcomponent *event = icalcomponent_get_first_component (calendar, ICAL_VEVENT_COMPONENT);
  struct icaltimetype t = kind == ICAL_DTSTART_PROPERTY ? icalcomponent_get_dtstart (event)
                                                        : icalcomponent_get_dtend (event);

  return g_strdup_printf ("%04d%02d%02dT%02d%02d%02d", t.year, t.month, t.day, t.hour, t.minute,
                          t.second);
}

static int
sequence_of (icalcomponent *calendar)
{
  return icalcomponent_get_sequence (
    icalcomponent_get_first_component (calendar, ICAL_VEVENT_COMPONENT));
}

/* The second parser: Python's icalendar, as other tools read it. */
static const char python_check[] =
  "import sys\n"
  "try:\n"
  "    import icalendar\n"
  "except ImportError:\n"
  "    sys.exit(77)\n"
  "cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())\n"
  "assert str(cal['METHOD']) == sys.argv[2], cal['METHOD']\n"
  "tz = [c for c in cal.walk('VTIMEZONE')]\n"
  "assert len(tz) == 1 and str(tz[0]['TZID']) == 'Europe/Amsterdam'\n"
  "ev = cal.walk('VEVENT')\n"
  "assert len(ev) == 1\n"
  "ev = ev[0]\n"
  "assert str(ev['UID']).startswith('meeting-1'), ev['UID']\n"
  "assert str(ev['ORGANIZER']) == 'mailto:wolk@voorbeeld.nl', ev['ORGANIZER']\n"
  "assert str(ev['ATTENDEE']) == 'mailto:' + sys.argv[3], ev['ATTENDEE']\n"
  "assert int(ev['SEQUENCE']) == int(sys.argv[4]), ev['SEQUENCE']\n"
  "start = ev['DTSTART'].dt\n"
  "assert str(start.tzinfo).endswith('Amsterdam') or 'CET' in str(start.tzname()), start\n"
  "print(start.isoformat())\n";

static void
check_with_python (const char *text, const char *method, const char *attendee, int sequence)
{
  g_autofree char *path = helder_test_write_temp ("invite.ics", text, -1);
  g_autofree char *seq = g_strdup_printf ("%d", sequence);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr (GError) error = NULL;
  const char *argv[] = {
    "/usr/bin/python3", "-c", python_check, path, method, attendee, seq, NULL
  };
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err,
                               &status, &error));
  g_assert_no_error (error);
  g_unlink (path);
  if (WIFEXITED (status) && WEXITSTATUS (status) == 77)
    {
      g_test_skip ("Python's icalendar is not installed (Debian python3-icalendar)");
      return;
    }
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("Python's icalendar refused the invitation:\n%s\n%s", err, text);
  g_test_message ("icalendar: DTSTART %s", out);
}

/* ---- the tests ----------------------------------------------------------------- */

static void
test_invited_ahead (Fixture *f, gconstpointer data)
{
  g_autoptr (GPtrArray) all = NULL;
  g_autoptr (icalcomponent) calendar = NULL;
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;
  Mail *anna;

  /* A minute before the lead time: nothing. */
  SEND (f, BEFORE_LEAD);
  g_assert_cmpint (scalar (f, "SELECT count(*) FROM delivery"), ==, 0);
  g_assert_cmpint (email_test_sink_stat (f->sink, "messages"), ==, 0);

  /* A minute after: once to each of the audience, a meeting-only moment
   * by their (default) e-mail; not to Bram, who is not in "beheer". */
  SEND (f, AFTER_LEAD);
  g_assert_cmpint (scalar (f, "SELECT count(*) FROM delivery WHERE channel = 'email'"
                              " AND source = 'meeting:1:invite'"),
                   ==, 2);
  g_assert_cmpint (scalar (f, "SELECT count(*) FROM delivery WHERE person = 2"), ==, 0);
  g_assert_cmpint (email_test_sink_stat (f->sink, "messages"), ==, 2);
  /* The meeting stays approved until it starts. */
  g_assert_cmpint (scalar (f, "SELECT count(*) FROM moment WHERE status = 'approved'"), ==, 1);

  /* Again, later the same week: nothing twice. */
  SEND (f, "2026-12-10T09:00:00+01:00");
  g_assert_cmpint (email_test_sink_stat (f->sink, "messages"), ==, 2);

  all = mails (f);
  anna = find_mail (all, "anna@voorbeeld.nl", "Uitnodiging: Bijeenkomst beheer");
  g_assert_true (anna->mixed);
  g_assert_nonnull (anna->calendar);
  g_assert_cmpstr (anna->method, ==, "REQUEST");
  g_assert_cmpstr (anna->filename, ==, "invite.ics");
  g_assert_cmpstr (anna->attachment, ==, anna->calendar);
  /* The text says, in Dutch, when (in the programme's zone), where and how to join. */
  g_assert_nonnull (strstr (anna->text, "15 december 2026, 13:30 tot 14:15 (Europe/Amsterdam)"));
  g_assert_nonnull (strstr (anna->text, "Raadzaal, stadhuis"));
  g_assert_nonnull (strstr (anna->text, "https://meet.voorbeeld.nl/beheer"));
  g_assert_nonnull (strstr (anna->text, "https://helder.voorbeeld.nl/rsvp/1/"));

  calendar = parse_invitation (anna->calendar, ICAL_METHOD_REQUEST, "anna@voorbeeld.nl");
  g_assert_cmpint (sequence_of (calendar), ==, 0);
  start = wall_time (calendar, ICAL_DTSTART_PROPERTY);
  end = wall_time (calendar, ICAL_DTEND_PROPERTY);
  g_assert_cmpstr (start, ==, "20261215T133000");
  g_assert_cmpstr (end, ==, "20261215T141500");
  g_assert_nonnull (strstr (anna->calendar, "LOCATION:Raadzaal\\, stadhuis"));
  g_assert_nonnull (strstr (anna->calendar, "RSVP=TRUE"));
  check_with_python (anna->calendar, "REQUEST", "anna@voorbeeld.nl", 0);
}

static void
test_approved_late (Fixture *f, gconstpointer data)
{
  /* Approved three days before: invited at the first round after. */
  g_autoptr (HelderStore) store = helder_store_open (f->db, NULL);

  g_assert_true (
    helder_store_exec (store, "UPDATE moment SET status = 'draft' WHERE id = 1", NULL));
  g_clear_object (&store);
  SEND (f, "2026-12-12T09:00:00+01:00");
  g_assert_cmpint (scalar (f, "SELECT count(*) FROM delivery"), ==, 0);
  OK (f, "2026-12-12T09:00:00+01:00", "moment", "approve", "1");
  SEND (f, "2026-12-12T09:01:00+01:00");
  g_assert_cmpint (email_test_sink_stat (f->sink, "messages"), ==, 2);
}

static void
test_change_reinvites (Fixture *f, gconstpointer data)
{
  g_autoptr (GPtrArray) all = NULL;
  g_autoptr (icalcomponent) calendar = NULL;
  g_autofree char *start = NULL;
  Mail *cor;

  SEND (f, AFTER_LEAD);
  /* Moved to Wednesday 10:00, in a new version that supersedes the first. */
  OK (f, "2026-12-09T09:00:00+01:00", "moment", "supersede", "1", "--scheduled-at",
      "2026-12-16T10:00", "--location", "Zaal 2");
  SEND (f, "2026-12-09T09:05:00+01:00");
  /* The draft is not sent, nor is the old version cancelled meanwhile. */
  g_assert_cmpint (email_test_sink_stat (f->sink, "messages"), ==, 2);
  OK (f, "2026-12-09T09:10:00+01:00", "moment", "approve", "2");
  SEND (f, "2026-12-09T09:15:00+01:00");
  g_assert_cmpint (email_test_sink_stat (f->sink, "messages"), ==, 4);
  SEND (f, "2026-12-09T09:20:00+01:00");
  g_assert_cmpint (email_test_sink_stat (f->sink, "messages"), ==, 4);

  all = mails (f);
  cor = find_mail (all, "cor@voorbeeld.nl", "Gewijzigd: Bijeenkomst beheer");
  calendar = parse_invitation (cor->calendar, ICAL_METHOD_REQUEST, "cor@voorbeeld.nl");
  g_assert_cmpint (sequence_of (calendar), ==, 1);
  start = wall_time (calendar, ICAL_DTSTART_PROPERTY);
  g_assert_cmpstr (start, ==, "20261216T100000");
  g_assert_nonnull (strstr (cor->text, "Zaal 2"));
  check_with_python (cor->calendar, "REQUEST", "cor@voorbeeld.nl", 1);
}

static void
test_cancel (Fixture *f, gconstpointer data)
{
  g_autoptr (GPtrArray) all = NULL;
  g_autoptr (icalcomponent) calendar = NULL;
  Mail *anna;

  SEND (f, AFTER_LEAD);
  OK (f, "2026-12-09T09:00:00+01:00", "moment", "cancel", "1");
  SEND (f, "2026-12-09T09:05:00+01:00");
  g_assert_cmpint (email_test_sink_stat (f->sink, "messages"), ==, 4);
  SEND (f, "2026-12-09T09:10:00+01:00");
  g_assert_cmpint (email_test_sink_stat (f->sink, "messages"), ==, 4);

  all = mails (f);
  anna = find_mail (all, "anna@voorbeeld.nl", "Afgelast: Bijeenkomst beheer");
  g_assert_cmpstr (anna->method, ==, "CANCEL");
  calendar = parse_invitation (anna->calendar, ICAL_METHOD_CANCEL, "anna@voorbeeld.nl");
  g_assert_cmpint (sequence_of (calendar), ==, 1);
  g_assert_cmpint (
    icalcomponent_get_status (icalcomponent_get_first_component (calendar, ICAL_VEVENT_COMPONENT)),
    ==, ICAL_STATUS_CANCELLED);
  check_with_python (anna->calendar, "CANCEL", "anna@voorbeeld.nl", 1);
  /* No answer links in a cancellation. */
  g_assert_null (strstr (anna->text, "/rsvp/"));
}

static void
test_reminder_and_start (Fixture *f, gconstpointer data)
{
  g_autoptr (GPtrArray) all = NULL;
  Mail *anna;

  SEND (f, AFTER_LEAD);
  /* More than a day before: no reminder yet. */
  SEND (f, "2026-12-14T13:29:00+01:00");
  g_assert_cmpint (email_test_sink_stat (f->sink, "messages"), ==, 2);
  SEND (f, DAY_BEFORE);
  g_assert_cmpint (scalar (f, "SELECT count(*) FROM delivery WHERE source = 'meeting:1:reminder'"
                              " AND channel = 'email'"),
                   ==, 2);
  g_assert_cmpint (email_test_sink_stat (f->sink, "messages"), ==, 4);
  SEND (f, "2026-12-14T18:00:00+01:00");
  g_assert_cmpint (email_test_sink_stat (f->sink, "messages"), ==, 4);

  all = mails (f);
  anna = find_mail (all, "anna@voorbeeld.nl", "Herinnering: Bijeenkomst beheer");
  /* A reminder adds nothing to the calendar: the invitation is there. */
  g_assert_null (anna->calendar);
  g_assert_nonnull (strstr (anna->text, "13:30"));

  /* When it starts it is over: marked sent, not announced again. */
  SEND (f, STARTED);
  g_assert_cmpint (scalar (f, "SELECT count(*) FROM moment WHERE id = 1 AND status = 'sent'"), ==,
                   1);
  g_assert_cmpint (email_test_sink_stat (f->sink, "messages"), ==, 4);
}

static void
test_no_reminder_when_invited_late (Fixture *f, gconstpointer data)
{
  /* Invited within the last day: the invitation is the reminder. */
  SEND (f, DAY_BEFORE);
  g_assert_cmpint (email_test_sink_stat (f->sink, "messages"), ==, 2);
  SEND (f, "2026-12-15T09:00:00+01:00");
  g_assert_cmpint (scalar (f, "SELECT count(*) FROM delivery WHERE source = 'meeting:1:reminder'"),
                   ==, 0);
}

static void
test_bad_input (Fixture *f, gconstpointer data)
{
  static const struct
  {
    const char *option, *value, *says;
  } cases[] = {
    { "--online-url", "javascript:alert(1)", "--online-url" },
    { "--online-url", "ftp://files.voorbeeld.nl/x", "--online-url" },
    { "--online-url", "https://", "--online-url" },
    { "--online-url", "https://meet.voorbeeld.nl/a b", "--online-url" },
    { "--duration-minutes", "0", "--duration-minutes" },
    { "--duration-minutes", "1441", "--duration-minutes" },
    { "--duration-minutes", "lang", "--duration-minutes" },
  };
  g_autofree char *long_place = g_strnfill (201, 'x');
  g_autofree char *long_url = g_strconcat ("https://meet.voorbeeld.nl/", "", NULL);
  gint64 before = scalar (f, "SELECT count(*) FROM moment");
  g_autofree char *fingerprint = NULL;

  {
    g_autoptr (HelderStore) store = helder_store_open (f->db, NULL);
    fingerprint = helder_test_fingerprint (store);
  }
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *err = NULL;

      g_assert_cmpint (helder_at (f, BEFORE_LEAD, NULL, &err, "moment", "add", "--title", "x",
                                  "--scheduled-at", "2026-12-20T10:00", cases[i].option,
                                  cases[i].value, NULL),
                       ==, 1);
      g_assert_nonnull (strstr (err, cases[i].says));
      g_assert_nonnull (strstr (err, cases[i].value));
    }
  {
    g_autofree char *err = NULL;

    g_assert_cmpint (helder_at (f, BEFORE_LEAD, NULL, &err, "moment", "add", "--title", "x",
                                "--scheduled-at", "2026-12-20T10:00", "--location", long_place,
                                NULL),
                     ==, 1);
    g_assert_nonnull (strstr (err, "--location"));
  }
  {
    g_autofree char *err = NULL;
    g_autoptr (GString) url = g_string_new (long_url);

    while (url->len <= 500)
      g_string_append (url, "abcdefghij");
    g_assert_cmpint (helder_at (f, BEFORE_LEAD, NULL, &err, "moment", "add", "--title", "x",
                                "--scheduled-at", "2026-12-20T10:00", "--online-url", url->str,
                                NULL),
                     ==, 1);
    g_assert_nonnull (strstr (err, "--online-url"));
  }
  g_assert_cmpint (scalar (f, "SELECT count(*) FROM moment"), ==, before);
  {
    g_autoptr (HelderStore) store = helder_store_open (f->db, NULL);
    g_autofree char *after = helder_test_fingerprint (store);

    g_assert_cmpstr (after, ==, fingerprint);
  }
}

static void
add_slots (Fixture *f)
{
  g_autoptr (HelderStore) store = helder_store_open (f->db, NULL);
  g_autoptr (GError) error = NULL;

  /* Anna on Tuesday 09:00, Cor on Wednesday 10:00 (Amsterdam). */
  g_assert_true (helder_store_exec (
    store,
    "INSERT INTO moment_slot (moment, person, starts_at, ends_at, with_whom, created_at,"
    " updated_at) VALUES"
    " (1, 1, '2026-12-15T08:00:00Z', '2026-12-15T08:30:00Z', 'Cor van den Berg en HR',"
    "  '2026-12-01T00:00:00Z', '2026-12-01T00:00:00Z'),"
    " (1, 3, '2026-12-16T09:00:00Z', '2026-12-16T09:45:00Z', 'Anna de Vries en HR',"
    "  '2026-12-01T00:00:00Z', '2026-12-01T00:00:00Z');",
    &error));
  g_assert_no_error (error);
}

static void
test_slots (Fixture *f, gconstpointer data)
{
  g_autoptr (GPtrArray) all = NULL;
  g_autoptr (icalcomponent) anna_ics = NULL;
  g_autoptr (icalcomponent) cor_ics = NULL;
  g_autoptr (icalcomponent) changed_ics = NULL;
  g_autofree char *anna_start = NULL;
  g_autofree char *cor_start = NULL;
  g_autofree char *changed_start = NULL;
  Mail *anna, *cor, *changed;

  add_slots (f);
  /* 8 December 13:31: Anna's slot is within seven days, Cor's not yet. */
  SEND (f, AFTER_LEAD);
  g_assert_cmpint (email_test_sink_stat (f->sink, "messages"), ==, 1);
  SEND (f, "2026-12-09T10:01:00+01:00");
  g_assert_cmpint (email_test_sink_stat (f->sink, "messages"), ==, 2);
  SEND (f, "2026-12-09T10:02:00+01:00");
  g_assert_cmpint (email_test_sink_stat (f->sink, "messages"), ==, 2);

  all = mails (f);
  anna = find_mail (all, "anna@voorbeeld.nl", "Uitnodiging: Bijeenkomst beheer");
  cor = find_mail (all, "cor@voorbeeld.nl", "Uitnodiging: Bijeenkomst beheer");
  anna_ics = parse_invitation_uid (anna->calendar, ICAL_METHOD_REQUEST, "anna@voorbeeld.nl",
                                   "meeting-1-1@helder");
  cor_ics = parse_invitation_uid (cor->calendar, ICAL_METHOD_REQUEST, "cor@voorbeeld.nl",
                                  "meeting-1-3@helder");
  anna_start = wall_time (anna_ics, ICAL_DTSTART_PROPERTY);
  cor_start = wall_time (cor_ics, ICAL_DTSTART_PROPERTY);
  g_assert_cmpstr (anna_start, ==, "20261215T090000");
  g_assert_cmpstr (cor_start, ==, "20261216T100000");
  g_assert_nonnull (strstr (anna->text, "15 december 2026, 09:00 tot 09:30"));
  g_assert_nonnull (strstr (anna->text, "Met: Cor van den Berg en HR"));
  g_assert_null (strstr (anna->text, "16 december"));
  check_with_python (cor->calendar, "REQUEST", "cor@voorbeeld.nl", 0);

  /* Anna's slot moves: only she is invited again, with a higher SEQUENCE. */
  OK (f, "2026-12-10T09:00:00+01:00", "slot", "update", "1", "--starts-at", "2026-12-15 11:00",
      "--ends-at", "2026-12-15 11:30");
  SEND (f, "2026-12-10T09:01:00+01:00");
  g_assert_cmpint (email_test_sink_stat (f->sink, "messages"), ==, 3);
  g_clear_pointer (&all, g_ptr_array_unref);
  all = mails (f);
  changed = find_mail (all, "anna@voorbeeld.nl", "Gewijzigd: Bijeenkomst beheer");
  changed_ics = parse_invitation_uid (changed->calendar, ICAL_METHOD_REQUEST, "anna@voorbeeld.nl",
                                      "meeting-1-1@helder");
  g_assert_cmpint (sequence_of (changed_ics), ==, 1);
  changed_start = wall_time (changed_ics, ICAL_DTSTART_PROPERTY);
  g_assert_cmpstr (changed_start, ==, "20261215T110000");

  /* The meeting is over after the last slot, not the first. */
  SEND (f, "2026-12-15T12:00:00+01:00");
  g_assert_cmpint (scalar (f, "SELECT count(*) FROM moment WHERE status = 'approved'"), ==, 1);
  SEND (f, "2026-12-16T10:01:00+01:00");
  g_assert_cmpint (scalar (f, "SELECT count(*) FROM moment WHERE status = 'sent'"), ==, 1);
}

static void
test_slot_bad_input (Fixture *f, gconstpointer data)
{
  static const struct
  {
    const char *moment, *person, *starts, *ends, *says;
  } cases[] = {
    { "1", "3", "2026-12-15 10:00", "2026-12-15 09:00", "--ends-at" },
    { "1", "3", "2026-12-15 10:00", "2026-12-15 10:00", "--ends-at" },
    { "1", "3", "2026-12-15 10:00", "morgen", "--ends-at" },
    { "1", "99", "2026-12-15 10:00", "2026-12-15 11:00", "99" },
    { "42", "3", "2026-12-15 10:00", "2026-12-15 11:00", "42" },
  };
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  {
    g_autoptr (HelderStore) store = helder_store_open (f->db, NULL);

    g_assert_true (helder_store_exec (
      store,
      "INSERT INTO moment (id, title, scheduled_at, status, created_at, updated_at)"
      " VALUES (2, 'Geen bijeenkomst', '" MEETING_AT "', 'draft', '2026-12-01T00:00:00Z',"
      " '2026-12-01T00:00:00Z'); INSERT INTO moment_channel VALUES (2, 'email');",
      NULL));
  }
  OK (f, BEFORE_LEAD, "slot", "add", "--moment", "1", "--person", "1", "--starts-at",
      "2026-12-15 09:00", "--ends-at", "2026-12-15 09:30");
  {
    g_autoptr (HelderStore) store = helder_store_open (f->db, NULL);
    before = helder_test_fingerprint (store);
  }
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *err = NULL;

      g_assert_cmpint (helder_at (f, BEFORE_LEAD, NULL, &err, "slot", "add", "--moment",
                                  cases[i].moment, "--person", cases[i].person, "--starts-at",
                                  cases[i].starts, "--ends-at", cases[i].ends, NULL),
                       ==, 1);
      g_test_message ("case %u: %s", i, err);
      g_assert_nonnull (strstr (err, cases[i].says));
    }
  {
    g_autofree char *err = NULL;

    /* One slot per person and meeting; not in a moment that is no meeting. */
    g_assert_cmpint (helder_at (f, BEFORE_LEAD, NULL, &err, "slot", "add", "--moment", "1",
                                "--person", "1", "--starts-at", "2026-12-15 10:00", "--ends-at",
                                "2026-12-15 10:30", NULL),
                     ==, 1);
    g_assert_nonnull (strstr (err, "person: 1 already has slot"));
    g_clear_pointer (&err, g_free);
    g_assert_cmpint (helder_at (f, BEFORE_LEAD, NULL, &err, "slot", "add", "--moment", "2",
                                "--person", "1", "--starts-at", "2026-12-15 10:00", "--ends-at",
                                "2026-12-15 10:30", NULL),
                     ==, 1);
    g_assert_nonnull (strstr (err, "moment: 2 is not a meeting"));
  }
  {
    g_autoptr (HelderStore) store = helder_store_open (f->db, NULL);
    after = helder_test_fingerprint (store);
  }
  g_assert_cmpstr (after, ==, before);
}

int
main (int argc, char **argv)
{
  helder_test_init (&argc, &argv);
  g_mime_init ();

#define ADD(name, fn) g_test_add (name, Fixture, NULL, setup, fn, teardown)
  ADD ("/meeting/invited-ahead", test_invited_ahead);
  ADD ("/meeting/approved-late", test_approved_late);
  ADD ("/meeting/change-reinvites", test_change_reinvites);
  ADD ("/meeting/cancel", test_cancel);
  ADD ("/meeting/reminder-and-start", test_reminder_and_start);
  ADD ("/meeting/no-reminder-when-invited-late", test_no_reminder_when_invited_late);
  ADD ("/meeting/bad-input", test_bad_input);
  ADD ("/meeting/slots", test_slots);
  ADD ("/meeting/slot-bad-input", test_slot_bad_input);
#undef ADD
  return g_test_run ();
}
