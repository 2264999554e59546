/* inv-demo.c — the register of the demo programme "Gemeente Voorbeeld"
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `helder init --demo` runs this step after core's demo, in its
 * transaction: the environment moment #4 ("Uitkomst inventarisatie: de
 * architectuurplaat") speaks of, in small: servers, hosts, storage and
 * network in Infrastructuur, the applications of Burgerzaken, Sociaal
 * Domein, Belastingen, Ruimte en Geo, Bedrijfsvoering and Werkplek, their
 * couplings (some to chain partners: RvIG/BRP, DigiD, Belastingdienst,
 * Suwinet, DSO), suppliers with contracts and notice periods, the I&A
 * processes, the components' readiness (mostly in progress, some done)
 * and, on the gate "Technische infrastructuur gereed", two criteria the
 * measure "readiness" computes. Everything is noted by the register; the
 * interviews' demo step adds its sources afterwards.
 */
#define G_LOG_DOMAIN "helder-interviews"

#include "config.h"

#include <stdio.h>

#include <glib/gi18n-lib.h>

#include "inv-private.h"

#define ORIGIN        "demo"
#define GATE          "technische-infrastructuur"
#define MAIL(account) account "@voorbeeld.nl"

typedef struct
{
  const char *kind, *name, *domain, *type, *version, *supplier, *owner, *key_user, *description;
} DemoItem;

static const DemoItem items[] = {
  /* Infrastructuur */
  { "component", "esx-host01", "Infrastructuur", "fysieke host", "VMware ESXi 7.0",
    "Dell Technologies", MAIL ("pieter.bakker"), NULL, "Hypervisor in rekencentrum stadhuis" },
  { "component", "esx-host02", "Infrastructuur", "fysieke host", "VMware ESXi 7.0",
    "Dell Technologies", MAIL ("pieter.bakker"), NULL, "Hypervisor in rekencentrum stadhuis" },
  { "component", "esx-host03", "Infrastructuur", "fysieke host", "VMware ESXi 6.7",
    "Dell Technologies", MAIL ("pieter.bakker"), NULL, "Uitwijklocatie gemeentewerf" },
  { "component", "san-01", "Infrastructuur", "opslag", "NetApp ONTAP 9.8", "NetApp",
    MAIL ("gerrit.mulder"), NULL, "Centrale opslag, 180 TB" },
  { "component", "backup-01", "Infrastructuur", "opslag", "Veeam B&R 11", "Veeam",
    MAIL ("gerrit.mulder"), NULL, "Back-up naar de uitwijklocatie" },
  { "component", "fw-01", "Infrastructuur", "netwerkapparaat", "FortiOS 7.0", "Fortinet",
    MAIL ("hans.dekker"), NULL, "Firewall internet en ketenverbindingen (Diginetwerk)" },
  { "component", "core-sw01", "Infrastructuur", "netwerkapparaat", "Aruba OS-CX 10.08", "HPE Aruba",
    MAIL ("rik.vermeulen"), NULL, NULL },
  { "component", "srv-dc01", "Infrastructuur", "virtuele machine", "Windows Server 2019", NULL,
    MAIL ("mohamed.elamrani"), NULL, "Domeincontroller" },
  { "component", "srv-dc02", "Infrastructuur", "virtuele machine", "Windows Server 2016", NULL,
    MAIL ("mohamed.elamrani"), NULL, "Domeincontroller" },
  { "component", "srv-fs01", "Infrastructuur", "server", "Windows Server 2012 R2", NULL,
    MAIL ("kees.dejong"), NULL, "Oude bestandsserver; gaat uit na overzetten naar SharePoint" },
  { "component", "srv-sql01", "Infrastructuur", "database", "SQL Server 2019", "Microsoft",
    MAIL ("jeroen.kok"), NULL, "Databases Key2 en Decos" },
  { "component", "srv-sql02", "Infrastructuur", "database", "SQL Server 2014", "Microsoft",
    MAIL ("jeroen.kok"), NULL, "Databases Suite4 en GWS4all" },
  { "component", "srv-ora01", "Infrastructuur", "database", "Oracle 19c", "Oracle", NULL, NULL,
    "Database Squit XO" },
  { "component", "srv-app-key2", "Burgerzaken", "virtuele machine", "Windows Server 2012 R2", NULL,
    MAIL ("marco.visser"), NULL, "Applicatieserver Key2Burgerzaken en Key2Belastingen" },
  { "component", "srv-app-suite", "Sociaal Domein", "virtuele machine", "Windows Server 2016", NULL,
    MAIL ("femke.bos"), NULL, NULL },
  { "component", "srv-gis01", "Ruimte en Geo", "virtuele machine", "Windows Server 2019", NULL,
    MAIL ("marco.visser"), NULL, "ArcGIS Enterprise" },
  { "component", "srv-web01", "Infrastructuur", "virtuele machine", "Ubuntu 20.04 LTS", NULL,
    MAIL ("joost.vanleeuwen"), NULL, "Website en burgerportaal" },
  { "component", "srv-web02", "Infrastructuur", "virtuele machine", "", NULL, NULL, NULL,
    "Testomgeving website; eigenaar onbekend" },
  { "component", "srv-citrix01", "Werkplek", "virtuele machine", "Windows Server 2019", "Citrix",
    MAIL ("lisa.smits"), NULL, NULL },
  { "component", "srv-citrix02", "Werkplek", "virtuele machine", "Windows Server 2019", "Citrix",
    MAIL ("lisa.smits"), NULL, NULL },
  { "component", "srv-print01", "Werkplek", "virtuele machine", "Windows Server 2012 R2", NULL,
    MAIL ("thijs.brouwer"), NULL, "Printserver" },
  { "component", "laptops-medewerkers", "Werkplek", "werkplek", "Windows 10 22H2",
    "Dell Technologies", MAIL ("bram.huisman"), NULL, "Ongeveer 420 laptops" },
  { "component", "exchange-online", "Werkplek", "clouddienst", "", "Microsoft",
    MAIL ("sven.dijkstra"), NULL, NULL },
  /* Applicaties */
  { "application", "Key2Burgerzaken", "Burgerzaken", NULL, "5.12", "Centric",
    MAIL ("annemarie.groen"), MAIL ("ria.vos"), "Basisregistratie personen en reisdocumenten" },
  { "application", "Burgerportaal", "Burgerzaken", NULL, "3.4", "Enable-U",
    MAIL ("frank.timmermans"), NULL, "E-formulieren voor inwoners, met DigiD" },
  { "application", "Suite4Sociaal Domein", "Sociaal Domein", NULL, "12.1",
    "PinkRoccade Local Government", MAIL ("martijn.dewit"), MAIL ("stefan.jacobs"),
    "Wmo, Jeugd en Participatie" },
  { "application", "GWS4all", "Sociaal Domein", NULL, "2024.1", "PinkRoccade Local Government",
    MAIL ("patrick.scholten"), MAIL ("nadia.tahiri"), "Uitkeringen" },
  { "application", "Key2Belastingen", "Belastingen", NULL, "4.8", "Centric", MAIL ("ellen.vanbeek"),
    MAIL ("gerda.hofman"), "Heffen en innen, WOZ" },
  { "application", "Key2Financiën", "Bedrijfsvoering", NULL, "2023.2", "Centric",
    MAIL ("jolanda.post"), MAIL ("bart.evers"), NULL },
  { "application", "Decos JOIN", "Bedrijfsvoering", NULL, "2023", "Decos", MAIL ("saskia.kramer"),
    MAIL ("hanneke.deruiter"), "Zaaksysteem en documentmanagement" },
  { "application", "Visma Raet Youforce", "Bedrijfsvoering", NULL, "", "Visma Raet",
    MAIL ("chantal.maas"), NULL, "Personeels- en salarisadministratie (SaaS)" },
  { "application", "Power BI", "Bedrijfsvoering", NULL, "", "Microsoft", MAIL ("iris.vandongen"),
    MAIL ("willem.vanos"), "Stuurinformatie" },
  { "application", "ArcGIS Enterprise", "Ruimte en Geo", NULL, "11.1", "Esri Nederland",
    MAIL ("daan.sprenger"), NULL, NULL },
  { "application", "Squit XO", "Ruimte en Geo", NULL, "5.4", "Roxit", MAIL ("robin.vanvliet"),
    MAIL ("fatima.ouali"), "Vergunningen, toezicht en handhaving" },
  { "application", "TOPdesk", "Werkplek", NULL, "", "TOPdesk", MAIL ("anouk.vandenberg"), NULL,
    "Servicedesk en wijzigingsbeheer" },
  { "application", "Microsoft 365", "Werkplek", NULL, "", "Microsoft", MAIL ("bram.huisman"), NULL,
    NULL },
  { "application", "Citrix Virtual Apps", "Werkplek", NULL, "2203 LTSR", "Citrix", NULL, NULL,
    "Gepubliceerde applicaties voor thuiswerken" },
  { "application", "BRP-V (RvIG)", "Burgerzaken", NULL, "", NULL, NULL, NULL,
    "Ketenpartner: Rijksdienst voor Identiteitsgegevens" },
  { "application", "DigiD (Logius)", "Burgerzaken", NULL, "", NULL, NULL, NULL, "Ketenpartner" },
  { "application", "Suwinet (BKWI)", "Sociaal Domein", NULL, "", NULL, NULL, NULL, "Ketenpartner" },
  { "application", "Belastingdienst", "Belastingen", NULL, "", NULL, NULL, NULL,
    "Ketenpartner: gegevensuitwisseling WOZ en inkomens" },
  { "application", "Omgevingsloket (DSO)", "Ruimte en Geo", NULL, "", NULL, NULL, NULL,
    "Ketenpartner: Digitaal Stelsel Omgevingswet" },
  /* Processen */
  { "process", "Incidentbeheer", "Werkplek", NULL, NULL, NULL, MAIL ("anouk.vandenberg"), NULL,
    NULL },
  { "process", "Wijzigingsbeheer", "Infrastructuur", NULL, NULL, NULL, MAIL ("ruud.hendriks"), NULL,
    NULL },
  { "process", "Patchmanagement", "Infrastructuur", NULL, NULL, NULL, MAIL ("ruud.hendriks"), NULL,
    NULL },
  { "process", "Back-up en hersteltest", "Infrastructuur", NULL, NULL, NULL, MAIL ("gerrit.mulder"),
    NULL, NULL },
  { "process", "Gegevensuitwisseling ketenpartners", "Burgerzaken", NULL, NULL, NULL, NULL, NULL,
    NULL },
};

typedef struct
{
  const char *from, *to, *protocol, *scope, *direction;
} DemoCoupling;

static const DemoCoupling couplings[] = {
  { "Key2Burgerzaken", "BRP-V (RvIG)", "GBA-V", "extern", "tweerichting" },
  { "Burgerportaal", "DigiD (Logius)", "SAML", "extern", "tweerichting" },
  { "Key2Belastingen", "Belastingdienst", "SFTP", "extern", "eenrichting" },
  { "Suite4Sociaal Domein", "Suwinet (BKWI)", "Suwinet-Inkijk", "extern", "eenrichting" },
  { "GWS4all", "Suwinet (BKWI)", "Suwinet-Inkijk", "extern", "eenrichting" },
  { "Squit XO", "Omgevingsloket (DSO)", "REST", "extern", "tweerichting" },
  { "Visma Raet Youforce", "Key2Financiën", "SFTP", "extern", "eenrichting" },
  { "Key2Burgerzaken", "Decos JOIN", "StUF-ZKN", "intern", "tweerichting" },
  { "Key2Belastingen", "Key2Financiën", "StUF", "intern", "eenrichting" },
  { "Suite4Sociaal Domein", "Key2Financiën", "CSV", "intern", NULL },
  { "GWS4all", "Key2Financiën", "CSV", "intern", "eenrichting" },
  { "Decos JOIN", "ArcGIS Enterprise", "REST", "intern", "eenrichting" },
  { "Squit XO", "ArcGIS Enterprise", "WMS", "intern", "eenrichting" },
  { "Power BI", "srv-sql01", "ODBC", "intern", "eenrichting" },
  { "TOPdesk", "Microsoft 365", "SMTP", NULL, "tweerichting" },
  { "Burgerportaal", "Decos JOIN", "StUF-ZKN", "intern", "eenrichting" },
};

typedef struct
{
  const char *supplier, *subject, *ends_on, *notice_months, *owner;
} DemoContract;

static const DemoContract contracts[] = {
  { "Centric", "Licenties en onderhoud Key2", "31-12-2027", "6", MAIL ("wouter.janssen") },
  { "PinkRoccade Local Government", "Suite4 en GWS4all als dienst", "30-06-2028", "12",
    MAIL ("wouter.janssen") },
  { "Esri Nederland", "ArcGIS enterprise agreement", "31-03-2027", "3", NULL },
  { "Microsoft", "Microsoft 365 E3", "30-06-2027", "1", MAIL ("ruud.hendriks") },
  { "Dell Technologies", "Onderhoud servers en opslag", "31-10-2026", "3", MAIL ("ruud.hendriks") },
  { "Nimbus Cloud Services", "Outsourcing ICT-infrastructuur en werkplek", "31-12-2031", "12",
    MAIL ("ingrid.verhoef") },
};

static void
set (JsonObject *fields, const char *field, const char *value)
{
  if (value != NULL && *value != '\0')
    json_object_set_string_member (fields, field, value);
}

/* Whether the demo's people include @email: a generated demo (`--people
 * N`) has other people, and its items then have no owner. */
static gboolean
known (HelderStore *store, const char *email)
{
  g_autoptr (HelderStmt) stmt = NULL;

  if (email == NULL)
    return FALSE;
  stmt = helder_store_prepare (store, "SELECT 1 FROM person WHERE email = ?1", NULL);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, email, -1, SQLITE_TRANSIENT);
  return sqlite3_step (stmt) == SQLITE_ROW;
}

static void
set_person (HelderStore *store, JsonObject *fields, const char *field, const char *email)
{
  if (known (store, email))
    set (fields, field, email);
}

static gboolean
add_items (HelderStore *store, const HelderAuditActor *actor, GError **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (items); i++)
    {
      const DemoItem *d = &items[i];
      g_autoptr (JsonObject) fields = json_object_new ();

      set (fields, "domain", d->domain);
      set (fields, "type", d->type);
      set (fields, "version", d->version);
      set (fields, "supplier", d->supplier);
      set_person (store, fields, "owner", d->owner);
      set (fields, "description", d->description);
      if (known (store, d->key_user))
        {
          JsonArray *people = json_array_new ();

          json_array_add_string_element (people, d->key_user);
          json_object_set_array_member (fields, "key_users", people);
        }
      if (!inv_item_note (store, actor, 0, ORIGIN, d->kind, d->name, fields, NULL, error))
        return (g_prefix_error (error, "%s: ", d->name), FALSE);
    }
  for (guint i = 0; i < G_N_ELEMENTS (couplings); i++)
    {
      const DemoCoupling *d = &couplings[i];
      g_autoptr (JsonObject) fields = json_object_new ();
      g_autofree char *from = g_strdup_printf ("application:%s", d->from);
      g_autofree char *to = g_strdup_printf (
        "%s:%s", g_str_has_prefix (d->to, "srv-") ? "component" : "application", d->to);

      set (fields, "from", from);
      set (fields, "to", to);
      set (fields, "protocol", d->protocol);
      set (fields, "scope", d->scope);
      set (fields, "direction", d->direction);
      if (!inv_item_note (store, actor, 0, ORIGIN, "coupling", NULL, fields, NULL, error))
        return (g_prefix_error (error, "%s → %s: ", d->from, d->to), FALSE);
    }
  for (guint i = 0; i < G_N_ELEMENTS (contracts); i++)
    {
      const DemoContract *d = &contracts[i];
      g_autoptr (JsonObject) fields = json_object_new ();
      g_autofree char *name = g_strdup_printf ("%s – %s", d->supplier, d->subject);

      set (fields, "supplier", d->supplier);
      set (fields, "subject", d->subject);
      set (fields, "ends_on", d->ends_on);
      set (fields, "notice_months", d->notice_months);
      set_person (store, fields, "owner", d->owner);
      if (!inv_item_note (store, actor, 0, ORIGIN, "contract", name, fields, NULL, error))
        return (g_prefix_error (error, "%s: ", name), FALSE);
    }
  return TRUE;
}

/* Readiness: software mostly done, IP addresses mostly in progress, a few
 * things not applicable, the old file server to be removed. */
static char *
day_from (const char *today, int days)
{
  GDate date;
  char text[16];
  guint year = 2026, month = 1, day = 1;

  sscanf (today, "%u-%u-%u", &year, &month, &day);
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, day, month, year);
  if (days >= 0)
    g_date_add_days (&date, days);
  else
    g_date_subtract_days (&date, -days);
  g_date_strftime (text, sizeof text, "%Y-%m-%d", &date);
  return g_strdup (text);
}

static gboolean
add_readiness (HelderStore *store, const HelderAuditActor *actor, GError **error)
{
  g_autofree char *today = helder_clock_today ();
  guint n = 0;

  for (guint i = 0; i < G_N_ELEMENTS (items); i++)
    {
      const DemoItem *d = &items[i];
      g_autofree char *past = day_from (today, -(int) (3 + i % 20));
      g_autofree char *soon = day_from (today, (int) (7 + i % 30));
      gboolean old = d->version != NULL && g_str_has_suffix (d->version, "2012 R2");
      gboolean cloud =
        g_strcmp0 (d->type, "clouddienst") == 0 || g_strcmp0 (d->type, "werkplek") == 0;
      gint64 id;

      if (!g_str_equal (d->kind, "component"))
        continue;
      n++;
      if ((id = inv_item_resolve (store, d->name, error)) == 0)
        return FALSE;
      if (!inv_readiness_set (store, actor, id, "software",
                              cloud               ? "not-applicable"
                              : old || n % 4 == 0 ? "in-progress"
                                                  : "done",
                              NULL, old || n % 4 == 0 ? soon : past,
                              old ? "Upgrade gepland vóór het migratieweekend" : NULL, error) ||
          !inv_readiness_set (store, actor, id, "ip",
                              cloud        ? "not-applicable"
                              : n % 3 == 0 ? "done"
                                           : "in-progress",
                              NULL, n % 3 == 0 ? past : soon, NULL, error) ||
          !inv_readiness_set (store, actor, id, "wave", n % 5 == 0 ? "done" : "open",
                              n <= 8    ? "Golf 1"
                              : n <= 16 ? "Golf 2"
                                        : "Golf 3",
                              NULL, NULL, error))
        return FALSE;
      if (g_str_equal (d->name, "srv-fs01") &&
          !inv_readiness_set (store, actor, id, "cleanup", "in-progress", "remove", soon,
                              "Bestanden gaan naar SharePoint; de server verhuist niet", error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
add_criterion (HelderStore *store,
               const HelderAuditActor *actor,
               const char *text,
               const char *argument,
               GError **error)
{
  g_autoptr (JsonObject) values = json_object_new ();
  g_autoptr (JsonObject) row = NULL;

  json_object_set_string_member (values, "gate", GATE);
  json_object_set_string_member (values, "text", text);
  json_object_set_string_member (values, "status", "open");
  json_object_set_string_member (values, "measure", "readiness");
  json_object_set_string_member (values, "measure_arg", argument);
  row = helder_demo_create (store, actor, "criterion", values, error);
  return row != NULL;
}

static gboolean
demo_step (HelderStore *store, const HelderAuditActor *actor, gpointer user_data, GError **error)
{
  return add_items (store, actor, error) && add_readiness (store, actor, error) &&
         add_criterion (store, actor, "Systeemsoftware van alle componenten actueel",
                        "aspect=software", error) &&
         add_criterion (store, actor,
                        "IP-adressen van alle componenten voorbereid op de verhuizing", "aspect=ip",
                        error);
}

void
inv_demo_register (HelderContext *context)
{
  const HelderDemoStep step = {
    .name = "inventory",
    .func = demo_step,
  };

  helder_context_add_demo_step (context, &step);
}
