/* test-calendar.c — a person's iCalendar feed, parsed back with libical
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The feed must parse and validate with libical: every VEVENT has UID,
 * DTSTAMP and DTSTART, times are in the programme's zone with its
 * VTIMEZONE (or dates for all-day gates) whatever the process's TZ, text
 * with commas, semicolons, backslashes and line breaks comes back exactly,
 * superseded moments are cancelled, and only what reaches the person is in
 * it.
 */
#include "config.h"

#include <string.h>
#include <time.h>
#include <libical/ical.h>

#include "helder-error.h"
#include "helder-test-utils.h"
#include "model/helder-entity.h"
#include "services/repo/helder-commitment.h"
#include "services/repo/helder-gate.h"
#include "services/repo/helder-moment.h"
#include "services/views/helder-audience.h"
#include "services/views/helder-calendar.h"
#include "services/transfer/helder-demo.h"
#include "services/views/helder-personal.h"
#include "services/repo/helder-repo.h"

#define NOW "2026-11-28T09:15:00Z"

typedef struct
{
  char *path;
  HelderStore *store;
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  f->store = helder_test_store_new (&f->path);
  if (data == NULL)
    helder_test_seed (f->store);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->store);
  helder_test_remove_db (f->path);
  g_free (f->path);
}

static gint64
create_moment (Fixture *f, const char *json)
{
  g_autoptr (JsonObject) row = helder_test_create (f->store, "moment", json);

  return json_object_get_int_member (row, "id");
}

static char *
feed (Fixture *f, gint64 person)
{
  g_autoptr (GError) error = NULL;
  char *text = helder_calendar_for_person (f->store, person, NOW, &error);

  g_assert_no_error (error);
  g_assert_nonnull (text);
  return text;
}

/* Raw text: CRLF line ends, lines of at most 75 octets (RFC 5545 §3.1). */
static void
assert_lines (const char *text)
{
  const char *line = text;
  const char *end;

  g_assert_true (g_str_has_prefix (text, "BEGIN:VCALENDAR\r\n"));
  g_assert_true (g_str_has_suffix (text, "END:VCALENDAR\r\n"));
  while ((end = strchr (line, '\n')) != NULL)
    {
      g_assert_true (end > line && end[-1] == '\r');
      g_assert_cmpint (end - 1 - line, <=, 75);
      line = end + 1;
    }
  g_assert_cmpstr (line, ==, "");
}

/* Parses @text and checks the calendar and every event; returns the
 * events by UID. */
static GHashTable *
parse (const char *text, icalcomponent **out)
{
  icalcomponent *calendar = icalparser_parse_string (text);
  GHashTable *events = g_hash_table_new (g_str_hash, g_str_equal);
  icalproperty *property;

  assert_lines (text);
  g_assert_nonnull (calendar);
  g_assert_cmpint (icalcomponent_isa (calendar), ==, ICAL_VCALENDAR_COMPONENT);
  g_assert_cmpint (icalcomponent_count_errors (calendar), ==, 0);
  g_assert_true (icalrestriction_check (calendar));
  g_assert_cmpint (icalcomponent_count_errors (calendar), ==, 0);

  g_assert_nonnull (icalcomponent_get_first_property (calendar, ICAL_PRODID_PROPERTY));
  g_assert_cmpstr (
    icalproperty_get_version (icalcomponent_get_first_property (calendar, ICAL_VERSION_PROPERTY)),
    ==, "2.0");
  g_assert_cmpint (
    icalproperty_get_method (icalcomponent_get_first_property (calendar, ICAL_METHOD_PROPERTY)), ==,
    ICAL_METHOD_PUBLISH);
  {
    gboolean named = FALSE;
    for (property = icalcomponent_get_first_property (calendar, ICAL_X_PROPERTY); property != NULL;
         property = icalcomponent_get_next_property (calendar, ICAL_X_PROPERTY))
      if (g_strcmp0 (icalproperty_get_x_name (property), "X-WR-CALNAME") == 0)
        named = TRUE;
    g_assert_true (named);
  }

  for (icalcomponent *event = icalcomponent_get_first_component (calendar, ICAL_VEVENT_COMPONENT);
       event != NULL; event = icalcomponent_get_next_component (calendar, ICAL_VEVENT_COMPONENT))
    {
      icalproperty *uid = icalcomponent_get_first_property (event, ICAL_UID_PROPERTY);
      icalproperty *stamp = icalcomponent_get_first_property (event, ICAL_DTSTAMP_PROPERTY);
      icalproperty *start = icalcomponent_get_first_property (event, ICAL_DTSTART_PROPERTY);
      icalproperty *end = icalcomponent_get_first_property (event, ICAL_DTEND_PROPERTY);
      struct icaltimetype t;

      g_assert_nonnull (uid);
      g_assert_nonnull (stamp);
      g_assert_nonnull (start);
      g_assert_nonnull (end);
      g_assert_true (icaltime_is_utc (icalproperty_get_dtstamp (stamp)));
      g_assert_cmpstr (icaltime_as_ical_string (icalproperty_get_dtstamp (stamp)), ==,
                       "20261128T091500Z");
      t = icalproperty_get_dtstart (start);
      /* UTC, or a whole day; never a floating local time */
      g_assert_true (icaltime_is_utc (t) || t.is_date ||
                     icalproperty_get_first_parameter (start, ICAL_TZID_PARAMETER) != NULL);
      g_assert_true (icaltime_compare (t, icalproperty_get_dtend (end)) < 0);
      g_assert_false (g_hash_table_contains (events, icalproperty_get_uid (uid)));
      g_hash_table_insert (events, (gpointer) icalproperty_get_uid (uid), event);
    }
  *out = calendar;
  return events;
}

static const char *
event_text (icalcomponent *event, icalproperty_kind kind)
{
  icalproperty *property = icalcomponent_get_first_property (event, kind);

  return property ? icalvalue_get_text (icalproperty_get_value (property)) : NULL;
}

/* DTSTART as written (wall time and TZID) and as the instant it means. */
static void
assert_start (icalcomponent *event, const char *wall, const char *utc)
{
  icalproperty *start = icalcomponent_get_first_property (event, ICAL_DTSTART_PROPERTY);
  icalparameter *tzid = icalproperty_get_first_parameter (start, ICAL_TZID_PARAMETER);
  struct icaltimetype t = icalcomponent_get_dtstart (event);
  struct icaltimetype u;

  g_assert_nonnull (tzid);
  g_assert_cmpstr (icalparameter_get_tzid (tzid), ==, "Europe/Amsterdam");
  g_assert_cmpstr (icaltime_as_ical_string (t), ==, wall);
  /* The feed's own VTIMEZONE resolves the TZID. */
  g_assert_nonnull (t.zone);
  u = icaltime_convert_to_zone (t, icaltimezone_get_utc_timezone ());
  g_assert_cmpstr (icaltime_as_ical_string (u), ==, utc);
}

static void
test_feed (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GHashTable) events = NULL;
  g_autofree char *text = NULL;
  g_autofree char *json = NULL;
  g_autofree char *uid = NULL;
  icalcomponent *calendar = NULL;
  icalcomponent *event;
  gint64 meeting, mail, draft, other, old;
  struct icaltimetype t;

  meeting = create_moment (
    f,
    "{\"title\":\"Town hall, deel 1; vragen \\\\ antwoorden\",\"body\":\"Regel één, met komma;\\npuntkomma\\n\\nEn \\\\ een backslash.\","
    "\"scheduled_at\":\"2026-12-03T14:00:00Z\",\"status\":\"approved\",\"channels\":[\"meeting\"],\"groups\":[\"beheer\"]}");
  mail = create_moment (
    f,
    "{\"title\":\"Nieuwsbrief\",\"scheduled_at\":\"2026-11-20T08:30:00Z\",\"status\":\"approved\","
    "\"channels\":[\"email\"],\"persons\":[1]}");
  {
    g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT, mail);
    g_autoptr (JsonObject) sent =
      helder_moment_set_status (f->store, HELDER_TEST_ACTOR, key, "sent", &error);
    g_assert_no_error (error);
  }
  draft = create_moment (
    f, "{\"title\":\"Geheim concept\",\"scheduled_at\":\"2026-12-05T08:30:00Z\",\"persons\":[1]}");
  other = create_moment (
    f,
    "{\"title\":\"Alleen servicedesk\",\"scheduled_at\":\"2026-12-05T08:30:00Z\",\"status\":\"approved\","
    "\"channels\":[\"email\"],\"groups\":[\"servicedesk\"]}");
  old = create_moment (
    f,
    "{\"title\":\"Oude versie\",\"scheduled_at\":\"2026-12-10T08:30:00Z\",\"status\":\"approved\","
    "\"channels\":[\"email\"],\"roles\":[\"systeembeheerder\"]}");
  {
    g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT, old);
    g_autoptr (JsonObject) changes = helder_test_object ("{\"title\":\"Nieuwe versie\"}");
    g_autoptr (JsonObject) next =
      helder_moment_supersede (f->store, HELDER_TEST_ACTOR, key, changes, &error);
    g_assert_no_error (error);
  }
  json_object_unref (helder_test_create (
    f->store, "gate",
    "{\"slug\":\"infra\",\"name\":\"Infrastructuur, netwerk; servers\",\"decide_on\":\"2026-12-17\",\"groups\":[\"beheer\"]}"));
  json_object_unref (helder_test_create (
    f->store, "gate",
    "{\"slug\":\"desk\",\"name\":\"Servicedesk\",\"decide_on\":\"2026-12-18\",\"groups\":[\"servicedesk\"]}"));
  {
    g_autoptr (JsonObject) decided =
      helder_gate_decide (f->store, HELDER_TEST_ACTOR, "infra", "go", "Alles, echt alles; klaar.",
                          "Directie", NULL, &error);
    g_assert_no_error (error);
  }

  text = feed (f, 1);
  events = parse (text, &calendar);
  /* the meeting, the sent mail, the superseded one (cancelled), the gate;
   * not the draft, not the servicedesk's moment or gate, not the new draft
   * version, not the moment the gate decision drafted */
  g_assert_cmpuint (g_hash_table_size (events), ==, 4);

  uid = g_strdup_printf ("moment-%" G_GINT64_FORMAT "@helder", meeting);
  event = g_hash_table_lookup (events, uid);
  g_assert_nonnull (event);
  g_assert_cmpstr (event_text (event, ICAL_SUMMARY_PROPERTY), ==,
                   "Town hall, deel 1; vragen \\ antwoorden");
  g_assert_cmpstr (event_text (event, ICAL_DESCRIPTION_PROPERTY), ==,
                   "Regel één, met komma;\npuntkomma\n\nEn \\ een backslash.");
  g_assert_nonnull (strstr (text, "SUMMARY:Town hall\\, deel 1\\; vragen \\\\ antwoorden\r\n"));
  assert_start (event, "20261203T150000", "20261203T140000Z");
  g_assert_cmpstr (icaltime_as_ical_string (icalcomponent_get_dtend (event)), ==,
                   "20261203T160000");
  g_assert_cmpint (icalcomponent_get_status (event), ==, ICAL_STATUS_CONFIRMED);
  g_assert_cmpstr (event_text (event, ICAL_CATEGORIES_PROPERTY), ==, "Meeting");
  g_assert_cmpint (
    icalproperty_get_transp (icalcomponent_get_first_property (event, ICAL_TRANSP_PROPERTY)), ==,
    ICAL_TRANSP_OPAQUE);

  g_free (uid);
  uid = g_strdup_printf ("moment-%" G_GINT64_FORMAT "@helder", mail);
  event = g_hash_table_lookup (events, uid);
  g_assert_nonnull (event);
  g_assert_cmpstr (icaltime_as_ical_string (icalcomponent_get_dtend (event)), ==,
                   "20261120T094500");
  g_assert_cmpstr (event_text (event, ICAL_CATEGORIES_PROPERTY), ==, "Message");
  g_assert_null (icalcomponent_get_first_property (event, ICAL_DESCRIPTION_PROPERTY));

  g_free (uid);
  uid = g_strdup_printf ("moment-%" G_GINT64_FORMAT "@helder", old);
  event = g_hash_table_lookup (events, uid);
  g_assert_nonnull (event);
  g_assert_cmpint (icalcomponent_get_status (event), ==, ICAL_STATUS_CANCELLED);
  g_assert_cmpstr (event_text (event, ICAL_SUMMARY_PROPERTY), ==, "Oude versie");

  event = g_hash_table_lookup (events, "gate-infra@helder");
  g_assert_nonnull (event);
  g_assert_cmpstr (event_text (event, ICAL_SUMMARY_PROPERTY), ==,
                   "Go/No-Go: Infrastructuur, netwerk; servers");
  g_assert_cmpstr (event_text (event, ICAL_DESCRIPTION_PROPERTY), ==,
                   "Go\n\nAlles, echt alles; klaar.");
  t = icalcomponent_get_dtstart (event);
  g_assert_true (t.is_date);
  g_assert_cmpstr (icaltime_as_ical_string (t), ==, "20261217");
  g_assert_cmpstr (icaltime_as_ical_string (icalcomponent_get_dtend (event)), ==, "20261218");
  g_assert_nonnull (strstr (text, "DTSTART;VALUE=DATE:20261217\r\n"));

  {
    GHashTableIter iter;
    gpointer key;

    g_hash_table_iter_init (&iter, events);
    while (g_hash_table_iter_next (&iter, &key, NULL))
      g_assert_true (g_str_has_prefix (key, "moment-") || g_str_equal (key, "gate-infra@helder"));
  }
  g_assert_null (strstr (text, "Geheim concept"));
  g_assert_null (strstr (text, "Alleen servicedesk"));
  g_assert_null (strstr (text, "Nieuwe versie"));
  g_assert_null (strstr (text, "gate-desk@helder"));
  (void) draft;
  (void) other;
  icalcomponent_free (calendar);

  /* Bram (servicedesk) sees his gate and moment, not Anna's. */
  {
    g_autofree char *bram = feed (f, 2);
    g_autoptr (GHashTable) his = NULL;
    icalcomponent *cal = NULL;

    his = parse (bram, &cal);
    g_assert_true (g_hash_table_contains (his, "gate-desk@helder"));
    g_assert_false (g_hash_table_contains (his, "gate-infra@helder"));
    g_assert_null (strstr (bram, "Town hall"));
    g_assert_cmpuint (g_hash_table_size (his), ==, 2);
    icalcomponent_free (cal);
  }
}

/* What the advisor typed as 13:30 (a wall time without offset, as the
 * form and the CLI send it) is 13:30 in Amsterdam in the feed, in winter
 * and in summer, with the process in another zone (main() sets TZ). The
 * feed is parsed back with libical, and its VTIMEZONE gives the instant. */
static void
test_wall_time (Fixture *f, gconstpointer data)
{
  g_autofree char *text = NULL;
  g_autoptr (GHashTable) events = NULL;
  icalcomponent *calendar = NULL;
  icalcomponent *vtimezone;
  gint64 winter, summer;
  g_autofree char *winter_uid = NULL;
  g_autofree char *summer_uid = NULL;

  winter = create_moment (
    f,
    "{\"title\":\"Persoonlijk gesprek\",\"scheduled_at\":\"2026-12-08 13:30\",\"status\":\"approved\","
    "\"channels\":[\"meeting\"],\"persons\":[1]}");
  summer = create_moment (
    f,
    "{\"title\":\"Zomerbijeenkomst\",\"scheduled_at\":\"2027-06-08T13:30\",\"status\":\"approved\","
    "\"channels\":[\"meeting\"],\"persons\":[1]}");
  text = feed (f, 1);
  events = parse (text, &calendar);

  vtimezone = icalcomponent_get_first_component (calendar, ICAL_VTIMEZONE_COMPONENT);
  g_assert_nonnull (vtimezone);
  g_assert_cmpstr (
    icalproperty_get_tzid (icalcomponent_get_first_property (vtimezone, ICAL_TZID_PROPERTY)), ==,
    "Europe/Amsterdam");
  g_assert_nonnull (strstr (text, "DTSTART;TZID=Europe/Amsterdam:20261208T133000\r\n"));

  winter_uid = g_strdup_printf ("moment-%" G_GINT64_FORMAT "@helder", winter);
  summer_uid = g_strdup_printf ("moment-%" G_GINT64_FORMAT "@helder", summer);
  assert_start (g_hash_table_lookup (events, winter_uid), "20261208T133000", "20261208T123000Z");
  assert_start (g_hash_table_lookup (events, summer_uid), "20270608T133000", "20270608T113000Z");
  icalcomponent_free (calendar);
}

/* A person whose language is English reads a moment's English title and
 * text where it has them, as in the e-mail; Dutch readers, and moments
 * without a translation, keep the Dutch. */
static void
test_english (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dutch = NULL;
  g_autofree char *english = NULL;
  g_autofree char *uid = NULL;
  g_autofree char *plain_uid = NULL;
  g_autoptr (GHashTable) nl_events = NULL;
  g_autoptr (GHashTable) en_events = NULL;
  icalcomponent *nl_calendar = NULL;
  icalcomponent *en_calendar = NULL;
  gint64 translated, plain;

  translated = create_moment (
    f,
    "{\"title\":\"Kennismaking nieuw team\",\"body\":\"Welkom.\",\"title_en\":\"Meet your new team\","
    "\"body_en\":\"Welcome.\",\"scheduled_at\":\"2026-12-08 13:30\",\"status\":\"approved\","
    "\"channels\":[\"meeting\"],\"persons\":[1, 2]}");
  plain = create_moment (
    f,
    "{\"title\":\"Alleen Nederlands\",\"scheduled_at\":\"2026-12-09 13:30\",\"status\":\"approved\","
    "\"channels\":[\"meeting\"],\"persons\":[1, 2]}");
  g_assert_true (
    helder_store_exec (f->store, "UPDATE person SET locale = 'en' WHERE id = 2", &error));
  g_assert_true (
    helder_store_exec (f->store, "UPDATE person SET locale = 'nl' WHERE id = 1", &error));
  g_assert_no_error (error);

  dutch = feed (f, 1);
  english = feed (f, 2);
  nl_events = parse (dutch, &nl_calendar);
  en_events = parse (english, &en_calendar);
  uid = g_strdup_printf ("moment-%" G_GINT64_FORMAT "@helder", translated);
  plain_uid = g_strdup_printf ("moment-%" G_GINT64_FORMAT "@helder", plain);

  g_assert_cmpstr (event_text (g_hash_table_lookup (nl_events, uid), ICAL_SUMMARY_PROPERTY), ==,
                   "Kennismaking nieuw team");
  g_assert_cmpstr (event_text (g_hash_table_lookup (nl_events, uid), ICAL_DESCRIPTION_PROPERTY), ==,
                   "Welkom.");
  g_assert_cmpstr (event_text (g_hash_table_lookup (en_events, uid), ICAL_SUMMARY_PROPERTY), ==,
                   "Meet your new team");
  g_assert_cmpstr (event_text (g_hash_table_lookup (en_events, uid), ICAL_DESCRIPTION_PROPERTY), ==,
                   "Welcome.");
  g_assert_cmpstr (event_text (g_hash_table_lookup (en_events, plain_uid), ICAL_SUMMARY_PROPERTY),
                   ==, "Alleen Nederlands");
  icalcomponent_free (nl_calendar);
  icalcomponent_free (en_calendar);
}

static void
test_name_escaped (Fixture *f, gconstpointer data)
{
  g_autoptr (GHashTable) events = NULL;
  g_autofree char *text = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) changes = helder_test_object ("{\"name\":\"Wolk; fase 2, \\\\ deel B\"}");
  g_autoptr (JsonObject) row = helder_repo_update (f->store, helder_entity_lookup ("programme"),
                                                   "1", changes, HELDER_WRITE_DEFAULT, &error);
  icalcomponent *calendar = NULL;
  icalproperty *property;
  const char *name = NULL;

  g_assert_no_error (error);
  text = feed (f, 4);
  events = parse (text, &calendar);
  g_assert_cmpuint (g_hash_table_size (events), ==, 0);
  for (property = icalcomponent_get_first_property (calendar, ICAL_X_PROPERTY); property != NULL;
       property = icalcomponent_get_next_property (calendar, ICAL_X_PROPERTY))
    if (g_strcmp0 (icalproperty_get_x_name (property), "X-WR-CALNAME") == 0)
      name = icalproperty_get_x (property);
  g_assert_cmpstr (name, ==, "Wolk; fase 2, \\ deel B for Dewi Pranoto");
  g_assert_cmpstr (
    icalproperty_get_name (icalcomponent_get_first_property (calendar, ICAL_NAME_PROPERTY)), ==,
    "Wolk; fase 2, \\ deel B for Dewi Pranoto");
  g_assert_nonnull (strstr (text, "\r\nNAME:Wolk\\; fase 2\\, \\\\ deel B for Dewi Pranoto\r\n"));
  icalcomponent_free (calendar);
}

static void
test_errors (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *before = helder_test_fingerprint (f->store);
  g_autofree char *after = NULL;

  g_assert_null (helder_calendar_for_person (f->store, 77, NOW, &error));
  g_assert_error (error, HELDER_ERROR, HELDER_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "77"));
  g_clear_error (&error);

  g_assert_null (helder_calendar_for_person (f->store, 1, "gisteren", &error));
  g_assert_error (error, HELDER_ERROR, HELDER_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "gisteren"));

  after = helder_test_fingerprint (f->store);
  g_assert_cmpstr (before, ==, after);
}

/* Every person of the demo: the feed validates and holds exactly the
 * moments whose audience includes them. */
static void
test_demo (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonArray) people = NULL;
  g_autoptr (JsonArray) moments = NULL;
  g_autoptr (GPtrArray) audiences = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  guint events_seen = 0;

  g_assert_true (helder_demo_load (f->store, "2026-11-28", 0, &error));
  g_assert_no_error (error);
  people = helder_repo_list (f->store, helder_entity_lookup ("person"), NULL, &error);
  g_assert_no_error (error);
  moments = helder_repo_list (f->store, helder_entity_lookup ("moment"), NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < json_array_get_length (moments); i++)
    {
      GArray *audience = helder_audience_resolve (
        f->store, json_object_get_int_member (json_array_get_object_element (moments, i), "id"),
        &error);
      g_assert_no_error (error);
      g_ptr_array_add (audiences, audience);
    }

  for (guint p = 0; p < json_array_get_length (people); p++)
    {
      gint64 person = json_object_get_int_member (json_array_get_object_element (people, p), "id");
      g_autofree char *text = feed (f, person);
      icalcomponent *calendar = NULL;
      g_autoptr (GHashTable) events = parse (text, &calendar);

      for (guint i = 0; i < json_array_get_length (moments); i++)
        {
          JsonObject *m = json_array_get_object_element (moments, i);
          const char *status = json_object_get_string_member (m, "status");
          GArray *audience = g_ptr_array_index (audiences, i);
          g_autofree char *uid = g_strdup_printf ("moment-%" G_GINT64_FORMAT "@helder",
                                                  json_object_get_int_member (m, "id"));
          gboolean reaches = FALSE;

          for (guint a = 0; a < audience->len; a++)
            reaches |= g_array_index (audience, gint64, a) == person;
          if (reaches && (g_str_equal (status, "approved") || g_str_equal (status, "sent")))
            g_assert_true (g_hash_table_contains (events, uid));
          if (!reaches || g_str_equal (status, "draft"))
            g_assert_false (g_hash_table_contains (events, uid));
        }
      events_seen += g_hash_table_size (events);
      icalcomponent_free (calendar);
    }
  g_assert_cmpuint (events_seen, >, 500);
}

int
main (int argc, char **argv)
{
  /* The server's own zone must not matter: pretend it is in New York. */
  g_setenv ("TZ", "America/New_York", TRUE);
  tzset ();
  helder_test_init (&argc, &argv);
  g_test_add ("/calendar/feed", Fixture, NULL, fixture_setup, test_feed, fixture_teardown);
  g_test_add ("/calendar/wall-time", Fixture, NULL, fixture_setup, test_wall_time,
              fixture_teardown);
  g_test_add ("/calendar/english", Fixture, NULL, fixture_setup, test_english, fixture_teardown);
  g_test_add ("/calendar/name-escaped", Fixture, NULL, fixture_setup, test_name_escaped,
              fixture_teardown);
  g_test_add ("/calendar/errors", Fixture, NULL, fixture_setup, test_errors, fixture_teardown);
  g_test_add ("/calendar/demo", Fixture, "demo", fixture_setup, test_demo, fixture_teardown);
  return g_test_run ();
}
