/* interview-demo.c — the interviews of the demo programme "Gemeente Voorbeeld"
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `helder init --demo` runs this step after the inventory's, in its
 * transaction (helder_context_add_demo_step()): seven interviews of the
 * inventory phase (February and March 2026, as moment “Inventarisatie:
 * interviews met beheerders en leveranciers” announced), with internal
 * administrators, the application supplier Kadanz, the chain partner
 * Belastingsamenwerking Voorbeeldstreek, the process owners for FAB and
 * Geo and a servicedesk employee, recorded with answers, notes and the
 * items they mentioned, most of them in the inventory's register already
 * (inv-demo.c); Kadanz and functional management disagree on the version
 * of Kadanz Inburgering, and the database administrator and functional
 * management on the direction of a coupling: conflicts. And one interview
 * with Nimbus planned next week, a meeting. The concerns are concern-demo.c.
 * Each interview is recorded on its own day: the clock is set to it and
 * set back.
 */
#define G_LOG_DOMAIN "helder-interviews"

#include "config.h"

#include <stdio.h>

#include <glib/gi18n-lib.h>

#include "concern-service.h"
#include "interview-private.h"
#include "interview-service.h"

/* Whether @email is a person of this demo (a generated one, `--people N`,
 * has other people); *@id gets their id. */
gboolean
interview_demo_person (HelderStore *store, const char *email, gint64 *id)
{
  g_autoptr (HelderStmt) stmt =
    helder_store_prepare (store, "SELECT id FROM person WHERE email = ?1", NULL);

  *id = 0;
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, email, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    *id = sqlite3_column_int64 (stmt, 0);
  return *id != 0;
}

/* The clock of this process set to @day (YYYY-MM-DD) at @hour local. */
gboolean
interview_demo_set_day (const char *day, int hour, GError **error)
{
  int y = 0, m = 0, d = 0;
  g_autofree char *utc = NULL;

  if (sscanf (day, "%4d-%2d-%2d", &y, &m, &d) != 3)
    return FALSE;
  utc = helder_clock_local_to_utc (y, m, d, hour, 0, 0, error);
  return utc != NULL && helder_clock_set (utc, error);
}

/* The ICT project leader, who holds the interviews. */
#define INTERVIEWER "bas.hoekstra@voorbeeld.nl"

typedef struct
{
  const char *day; /* planned and recorded on */
  const char *kind, *person, *organisation, *area, *location;
  const char *record; /* JSON */
} DemoInterview;

static const DemoInterview interviews[] = {
  { "2026-02-25", "internal-admin", "pieter.bakker@voorbeeld.nl", "", "", "Stadhuis, kamer 2.14",
    "{\"answers\": {"
    "\"infrastructuur\": \"Drie ESXi-hosts, twee in het stadhuis en één op de uitwijklocatie; "
    "opslag op de NetApp (san-01).\","
    "\"systeemsoftware\": \"esx-host03 draait nog ESXi 6.7, niet meer ondersteund.\","
    "\"koppelingen\": \"Key2Burgerzaken praat via StUF-ZKN met Decos JOIN, in beide "
    "richtingen.\","
    "\"opschonen\": \"Minstens acht test-VM's die niemand meer gebruikt, zoals srv-test07.\","
    "\"kennis\": \"De back-upscripts heb ik zelf geschreven; die staan nergens beschreven.\","
    "\"risicos\": \"De koppelingen met vaste IP-adressen naar de ketenpartners.\"},"
    "\"notes\": \"Pieter kent de omgeving het best. **Afspraak:** hij beschrijft de "
    "back-upscripts vóór de aanbesteding.\","
    "\"items\": ["
    "{\"kind\": \"component\", \"name\": \"esx-host03\", \"version\": \"VMware ESXi 6.7\"},"
    "{\"kind\": \"component\", \"name\": \"srv-test07\", \"type\": \"virtual-machine\", "
    "\"domain\": \"Infrastructuur\", \"description\": \"Test-VM zonder gebruiker; kan weg\"},"
    "{\"kind\": \"coupling\", \"name\": \"Key2Burgerzaken naar Decos JOIN\", \"from\": "
    "\"application:Key2Burgerzaken\", \"to\": \"application:Decos JOIN\", \"protocol\": "
    "\"StUF-ZKN\", \"scope\": \"internal\", \"direction\": \"two-way\"}],"
    "\"concerns\": [{\"text\": \"Wie onderhoudt mijn back-upscripts als Nimbus het beheer "
    "overneemt, en krijg ik tijd om ze over te dragen?\", \"theme\": \"kennisoverdracht\", "
    "\"groups\": [\"systeem-netwerkbeheer\"], \"named\": true}]}" },
  { "2026-02-26", "internal-admin", "jeroen.kok@voorbeeld.nl", "", "", "Stadhuis, kamer 2.14",
    "{\"answers\": {"
    "\"infrastructuur\": \"Twee SQL Server-databaseservers en een Oracle-server voor de "
    "financiële administratie.\","
    "\"koppelingen\": \"Suite4Sociaal Domein levert een CSV-bestand aan Key2Financiën; "
    "dat gaat één kant op.\","
    "\"contracten\": \"Het onderhoud van SQL Server loopt via het Microsoft-contract.\"},"
    "\"notes\": \"Jeroen wil bij de migratie van de databases zelf aanwezig zijn.\","
    "\"items\": ["
    "{\"kind\": \"component\", \"name\": \"srv-sql01\", \"type\": \"database\"},"
    "{\"kind\": \"coupling\", \"name\": \"Suite4Sociaal Domein naar Key2Financiën\", "
    "\"from\": \"application:Suite4Sociaal Domein\", \"to\": \"application:Key2Financiën\", "
    "\"protocol\": \"CSV\", \"direction\": \"one-way\"}]}" },
  { "2026-03-03", "supplier", "annelies.brink@kadanz.example", "Kadanz Software B.V.", "", "Online",
    "{\"answers\": {"
    "\"producten\": \"Kadanz Inburgering, versie 3.2 sinds januari.\","
    "\"hosting\": \"On-premise bij de gemeente; wij bieden ook SaaS aan.\","
    "\"koppelingen\": \"Een StUF-koppeling naar Suite4Sociaal Domein.\","
    "\"contract\": \"Loopt tot eind 2027, opzegtermijn zes maanden; exit is niet geregeld.\","
    "\"eisen\": \"SQL Server 2019 of nieuwer, een certificaat voor StUF.\"},"
    "\"notes\": \"Kadanz noemt versie 3.2; functioneel beheer zegt 3.1. Navragen.\","
    "\"items\": ["
    "{\"kind\": \"application\", \"name\": \"Kadanz Inburgering\", \"version\": \"3.2\", "
    "\"supplier\": \"Kadanz Software B.V.\", \"domain\": \"Sociaal Domein\"},"
    "{\"kind\": \"coupling\", \"name\": \"Kadanz Inburgering naar Suite4Sociaal Domein\", "
    "\"from\": \"application:Kadanz Inburgering\", \"to\": \"application:Suite4Sociaal "
    "Domein\", \"protocol\": \"StUF\", \"scope\": \"internal\", \"direction\": "
    "\"one-way\"},"
    "{\"kind\": \"contract\", \"name\": \"Onderhoud Kadanz Inburgering\", \"supplier\": "
    "\"Kadanz Software B.V.\", \"subject\": \"Licentie en onderhoud Kadanz Inburgering\", "
    "\"ends_on\": \"2027-12-31\", \"notice_months\": \"6\"}]}" },
  { "2026-03-05", "chain-partner", "c.wessels@bs-voorbeeldstreek.example",
    "Belastingsamenwerking Voorbeeldstreek", "", "Kantoor BSV, Voorbeeldstreek",
    "{\"answers\": {"
    "\"uitwisseling\": \"WOZ-waarden en aanslagen, maandelijks en rond de aanslagoplegging in "
    "februari dagelijks.\","
    "\"koppelingen\": \"SFTP tussen Key2Belastingen en ons belastingsysteem, in beide "
    "richtingen.\","
    "\"beveiliging\": \"Onze firewall laat alleen het huidige IP-adres van de gemeente toe.\","
    "\"planning\": \"Niet in januari en februari: dan leggen we de aanslagen op.\"},"
    "\"items\": ["
    "{\"kind\": \"application\", \"name\": \"Belastingsysteem BSV\", \"domain\": "
    "\"Belastingen\", \"description\": \"Ketenpartner: Belastingsamenwerking "
    "Voorbeeldstreek\"},"
    "{\"kind\": \"coupling\", \"name\": \"Key2Belastingen naar BSV\", \"from\": "
    "\"application:Key2Belastingen\", \"to\": \"application:Belastingsysteem BSV\", "
    "\"protocol\": \"SFTP\", \"scope\": \"external\", \"direction\": \"two-way\"}]}" },
  { "2026-03-10", "process-owner", "wouter.janssen@voorbeeld.nl", "", "fab", "Stadhuis, kamer 3.02",
    "{\"answers\": {"
    "\"processen\": \"Vergunningen, Burgerzaken, Sociaal Domein en de klantcontacten.\","
    "\"applicaties\": \"Decos JOIN, Key2Burgerzaken, Suite4Sociaal Domein en Kadanz "
    "Inburgering (versie 3.1).\","
    "\"fab-autorisaties\": \"Autorisaties beheren we zelf, per afdeling een rol.\","
    "\"gegevens\": \"Suite4Sociaal Domein en Key2Financiën wisselen in beide richtingen "
    "bestanden uit.\","
    "\"veranderingen\": \"Releases gaan straks via Nimbus; wij willen de acceptatietest "
    "houden.\"},"
    "\"items\": ["
    "{\"kind\": \"application\", \"name\": \"Kadanz Inburgering\", \"version\": \"3.1\"},"
    "{\"kind\": \"coupling\", \"name\": \"Suite4Sociaal Domein naar Key2Financiën\", "
    "\"from\": \"application:Suite4Sociaal Domein\", \"to\": \"application:Key2Financiën\", "
    "\"protocol\": \"CSV\", \"direction\": \"two-way\"}],"
    "\"concerns\": [{\"text\": \"Blijven wij de releases van onze applicaties zelf testen?\", "
    "\"theme\": \"dienstverlening\", \"groups\": [\"functioneel-applicatiebeheer\"]}]}" },
  { "2026-03-11", "process-owner", "daan.sprenger@voorbeeld.nl", "", "geo", "Stadhuis, kamer 3.02",
    "{\"answers\": {"
    "\"geo-bronnen\": \"BAG en BGT uit de landelijke voorzieningen; onze kaartservices draaien "
    "op ArcGIS Enterprise op srv-gis01.\","
    "\"applicaties\": \"ArcGIS Enterprise, en Squit XO haalt er kaarten uit.\"},"
    "\"items\": ["
    "{\"kind\": \"application\", \"name\": \"ArcGIS Enterprise\", \"version\": "
    "\"11.1\"},"
    "{\"kind\": \"component\", \"name\": \"srv-gis01\"}]}" },
  { "2026-11-18", "employee", "naima.bouzid@voorbeeld.nl", "", "", "Stadhuis, kamer 1.05",
    "{\"answers\": {"
    "\"zorgen\": \"Of de servicedesk straks nog in het stadhuis zit.\","
    "\"informatie\": \"Ik lees de nieuwsbrief, maar wil het liever van mijn teamleider "
    "horen.\"},"
    "\"concerns\": [{\"text\": \"Blijft de servicedesk in het stadhuis, of gaat die naar "
    "Nimbus?\", \"theme\": \"werkplek\", \"groups\": [\"servicedesk\"]}]}" },
};

/* The meeting of an interview that took place went out before it. */
static gboolean
past_meeting_sent (HelderStore *store, gint64 interview, GError **error)
{
  g_autoptr (HelderStmt) stmt =
    helder_store_prepare (store, "SELECT coalesce (moment, 0) FROM interview WHERE id = ?1", error);
  gint64 moment = 0;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, interview);
  if (!interview_scalar (store, stmt, &moment, error))
    return FALSE;
  return moment == 0 || helder_demo_moment_sent (store, moment, error);
}

static gboolean
add_recorded (HelderStore *store,
              const HelderAuditActor *actor,
              const DemoInterview *d,
              GError **error)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autofree char *when = g_strdup_printf ("%s 10:00", d->day);
  InterviewPlan plan = { 0 };
  gint64 id = 0, interviewer = 0;

  /* A generated demo has other people: their interviews are left out. */
  if (!interview_demo_person (store, d->person, &id))
    return TRUE;
  if (!json_parser_load_from_data (parser, d->record, -1, error))
    return FALSE;
  plan.kind = d->kind;
  plan.person = d->person;
  plan.organisation = d->organisation;
  plan.interviewer = interview_demo_person (store, INTERVIEWER, &interviewer) ? INTERVIEWER : NULL;
  plan.area = d->area;
  plan.when = when;
  plan.duration_minutes = 90;
  plan.location = d->location;
  return interview_demo_set_day (d->day, 9, error) &&
         interview_plan (store, actor, &plan, &id, error) && past_meeting_sent (store, id, error) &&
         interview_record (store, actor, id, json_node_get_object (json_parser_get_root (parser)),
                           error);
}

/* Nimbus's service delivery manager, next Tuesday: a meeting. */
static gboolean
add_planned (HelderStore *store, const HelderAuditActor *actor, GError **error)
{
  g_autoptr (GDateTime) now = helder_clock_now_local ();
  int ahead = 7 - g_date_time_get_day_of_week (now) + 2;
  g_autoptr (GDateTime) day = g_date_time_add_days (now, ahead);
  g_autofree char *when = g_date_time_format (day, "%Y-%m-%d 10:00");
  InterviewPlan plan = { 0 };
  gint64 person = 0, interviewer = 0;

  if (!interview_demo_person (store, "priya.raman@nimbus-cloud.example", &person))
    return TRUE;
  plan.kind = "supplier";
  plan.person = "priya.raman@nimbus-cloud.example";
  plan.organisation = "Nimbus Cloud Services B.V.";
  plan.interviewer = interview_demo_person (store, INTERVIEWER, &interviewer) ? INTERVIEWER : NULL;
  plan.when = when;
  plan.duration_minutes = 90;
  plan.location = "Stadhuis, kamer 2.14";
  plan.online_url = "https://meet.voorbeeld.nl/interview-nimbus";
  plan.title = "Interview met Nimbus: de migratie van de applicaties";
  return interview_plan (store, actor, &plan, NULL, error);
}

static gboolean
demo_step (HelderStore *store, const HelderAuditActor *actor, gpointer user_data, GError **error)
{
  g_autofree char *saved = NULL;
  g_autofree char *today = helder_clock_today ();
  gboolean ok = TRUE;

  if (helder_clock_is_set ())
    {
      g_autoptr (GDateTime) now = helder_clock_now ();

      saved = g_date_time_format_iso8601 (now);
    }
  ok = concern_demo_themes (store, actor, error);
  for (guint i = 0; ok && i < G_N_ELEMENTS (interviews); i++)
    ok = add_recorded (store, actor, &interviews[i], error);
  ok = ok && concern_demo_concerns (store, actor, today, error);
  if (saved != NULL)
    helder_clock_set (saved, NULL);
  else
    helder_clock_reset ();
  return ok && concern_demo_answers_today (store, actor, error) &&
         add_planned (store, actor, error);
}

void
interview_demo_register (HelderContext *context)
{
  const HelderDemoStep step = {
    .name = "interviews",
    .func = demo_step,
  };

  helder_context_add_demo_step (context, &step);
}
