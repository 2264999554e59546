/* test-interview-meeting.c — an interview's meeting through core's outbox
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The real plugin and binary on the demo programme, clock pinned: planning
 * an interview with a person and a time makes a meeting moment, whose
 * invitation with a calendar object (iCalendar REQUEST) `helder send
 * --queue-only` puts in the outbox for the interviewee and the
 * interviewer; moving it sends the updated invitation (a new version of
 * the moment, which the interview then names); cancelling it sends the
 * cancellation (METHOD:CANCEL). An organisation without a person gets no
 * moment; an interview planned without a time gets its meeting once it
 * has one.
 */
#include "config.h"

#include <string.h>

#include "interview-fixture.h"

static void
queue (Fixture *f)
{
  OK ("send", "--queue-only", "--no-digests");
}

/* The calendar of the newest message about the meeting @moment for
 * @person ("meeting:MOMENT:invite", "…:cancel:N"), or NULL. */
static char *
calendar_of (Fixture *f, gint64 person, gint64 moment, const char *what)
{
  g_autofree char *sql =
    g_strdup_printf ("SELECT coalesce ((SELECT m.calendar FROM delivery d JOIN delivery_message m"
                     " ON m.delivery = d.id WHERE d.person = %" G_GINT64_FORMAT
                     " AND d.source LIKE 'meeting:%" G_GINT64_FORMAT
                     ":%s%%' AND d.channel = 'email' ORDER BY d.id DESC LIMIT 1), '')",
                     person, moment, what);
  char *calendar = fixture_text (f, sql);

  if (calendar[0] == '\0')
    g_clear_pointer (&calendar, g_free);
  return calendar;
}

static void
test_meeting (Fixture *f, gconstpointer data)
{
  g_autofree char *invite = NULL;
  g_autofree char *interviewer = NULL;
  g_autofree char *moved = NULL;
  g_autofree char *cancel = NULL;
  g_autofree char *out = NULL;
  gint64 first, second;

  out = OUT ("interview", "plan", "--kind", "internal-admin", "--person", "10", "--interviewer",
             "6", "--at", "9-12-2026 10:00", "--duration", "90", "--location", "Kamer 2.14");
  g_assert_nonnull (strstr (out, "Meeting moment"));
  first = fixture_scalar (f, "SELECT moment FROM interview");
  g_assert_cmpint (fixture_scalar (f, "SELECT count(*) FROM moment_channel WHERE moment ="
                                      " (SELECT moment FROM interview) AND channel = 'meeting'"),
                   ==, 1);
  queue (f);
  invite = calendar_of (f, 10, first, "invite");
  g_assert_nonnull (invite);
  g_assert_nonnull (strstr (invite, "METHOD:REQUEST"));
  /* 10:00 in Amsterdam is 09:00 UTC; 90 minutes. */
  g_assert_nonnull (strstr (invite, "20261209T"));
  g_assert_nonnull (strstr (invite, "Kamer 2.14"));
  interviewer = calendar_of (f, 6, first, "invite");
  g_assert_nonnull (interviewer);
  g_assert_null (calendar_of (f, 11, first, "invite"));

  OK ("interview", "update", "1", "--at", "10-12-2026 11:30");
  second = fixture_scalar (f, "SELECT moment FROM interview");
  g_assert_cmpint (second, !=, first);
  g_assert_cmpint (fixture_scalar (f, "SELECT count(*) FROM moment WHERE supersedes IS NOT NULL"
                                      " AND id = (SELECT moment FROM interview)"),
                   ==, 1);
  queue (f);
  moved = calendar_of (f, 10, second, "invite");
  g_assert_nonnull (strstr (moved, "20261210T"));
  g_assert_cmpstr (moved, !=, invite);

  OK ("interview", "cancel", "1");
  g_assert_cmpint (fixture_scalar (f, "SELECT count(*) FROM moment WHERE status = 'cancelled'"
                                      " AND id = (SELECT moment FROM interview)"),
                   ==, 1);
  queue (f);
  cancel = calendar_of (f, 10, second, "cancel");
  g_assert_nonnull (cancel);
  g_assert_nonnull (strstr (cancel, "METHOD:CANCEL"));
}

static void
test_no_meeting (Fixture *f, gconstpointer data)
{
  gint64 moments = fixture_scalar (f, "SELECT count(*) FROM moment");

  OK ("interview", "plan", "--kind", "supplier", "--organisation", "Centric", "--at",
      "9-12-2026 10:00");
  OK ("interview", "plan", "--kind", "employee", "--person", "23");
  g_assert_cmpint (fixture_scalar (f, "SELECT count(*) FROM moment"), ==, moments);
  /* A time later: now it is a meeting. */
  OK ("interview", "update", "2", "--at", "11-12-2026 15:00", "--online-url",
      "https://meet.voorbeeld.nl/naima");
  g_assert_cmpint (fixture_scalar (f, "SELECT count(*) FROM moment"), ==, moments + 1);
  g_assert_cmpint (fixture_scalar (f, "SELECT count(*) FROM interview i JOIN moment m"
                                      " ON m.id = i.moment WHERE i.id = 2 AND m.online_url ="
                                      " 'https://meet.voorbeeld.nl/naima'"),
                   ==, 1);
  /* Its title changes nothing the invited see: no new version. */
  OK ("interview", "update", "2", "--title", "Gesprek met Naima");
  g_assert_cmpint (fixture_scalar (f, "SELECT count(*) FROM moment"), ==, moments + 1);
}

int
main (int argc, char **argv)
{
  g_setenv ("HELDER_NOW", HELDER_TEST_NOW, TRUE);
  helder_test_init (&argc, &argv);
  g_test_add ("/interview/meeting", Fixture, NULL, fixture_set_up, test_meeting, fixture_tear_down);
  g_test_add ("/interview/no-meeting", Fixture, NULL, fixture_set_up, test_no_meeting,
              fixture_tear_down);
  return g_test_run ();
}
