/* helder-demo-generate.c — a generated population for the demo programme
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For load tests and benchmarks: the same programme, promises, moments and
 * gates, with exactly N people drawn deterministically (fixed seed) from
 * Dutch name lists, spread over the groups in realistic proportions. Names
 * and texts are Dutch content, not interface, and are not translated.
 */
#define G_LOG_DOMAIN "helder-demo"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "helder-error.h"
#include "model/helder-entity.h"
#include "model/helder-channel-names.h"
#include "services/transfer/helder-demo-private.h"

/* ---- the generator: static lists -------------------------------------- */

static const char *const first_names[] = {
  "Aad",      "Abdel",    "Adriaan",  "Agnes",   "Aisha",     "Albert",  "Anita",     "Anna",
  "Anne",     "Annelies", "Arjan",    "Arno",    "Astrid",    "Bart",    "Bas",       "Bea",
  "Bert",     "Bianca",   "Bram",     "Carla",   "Caroline",  "Cees",    "Chantal",   "Chris",
  "Corine",   "Daan",     "Danielle", "Dennis",  "Dewi",      "Dirk",    "Dominique", "Edwin",
  "Eline",    "Ellen",    "Els",      "Emma",    "Erik",      "Esther",  "Eva",       "Evert",
  "Fatima",   "Femke",    "Fleur",    "Floor",   "Frank",     "Frans",   "Gerard",    "Gerda",
  "Gert-Jan", "Hanneke",  "Hans",     "Harm",    "Hatice",    "Hendrik", "Henk",      "Hester",
  "Ilse",     "Ingrid",   "Inge",     "Irene",   "Iris",      "Jan",     "Janneke",   "Jasper",
  "Jeroen",   "Joke",     "Jolanda",  "Joost",   "Joris",     "Jos",     "Judith",    "Julia",
  "Karin",    "Kees",     "Kevin",    "Khadija", "Koen",      "Lars",    "Laura",     "Lieke",
  "Linda",    "Lisa",     "Lotte",    "Luuk",    "Maaike",    "Marco",   "Marieke",   "Marloes",
  "Martijn",  "Maarten",  "Mehmet",   "Michiel", "Mohamed",   "Monique", "Naima",     "Niels",
  "Noor",     "Paul",     "Petra",    "Pieter",  "Priscilla", "Rachid",  "Renée",     "Richard",
  "Rik",      "Rob",      "Roel",     "Ronald",  "Rosa",      "Ruud",    "Sander",    "Sanne",
  "Saskia",   "Sem",      "Sjoerd",   "Sophie",  "Stefan",    "Suzanne", "Thijs",     "Tim",
  "Tom",      "Ton",      "Vera",     "Wendy",   "Willem",    "Wim",     "Wouter",    "Yara",
  "Youssef",  "Zoë",
};

static const char *const surnames[] = {
  "Aarts",    "Bakker",     "Beekman",    "Bos",      "Bosman",   "Brouwer",    "Claassen",
  "Dekker",   "Dijkstra",   "Driessen",   "Evers",    "Franssen", "Gerritsen",  "Groen",
  "Hendriks", "Hermans",    "Hoekstra",   "Hofman",   "Huisman",  "Jacobs",     "Jansen",
  "Janssen",  "Kok",        "Koster",     "Kramer",   "Kuipers",  "Lammers",    "Maas",
  "Meijer",   "Mulder",     "Nijhuis",    "Peeters",  "Peters",   "Postma",     "Prins",
  "Roelofs",  "Rutten",     "Schouten",   "Smit",     "Smits",    "Timmermans", "Veenstra",
  "Verbeek",  "Verhoeven",  "Vermeulen",  "Visser",   "Vos",      "Wijnands",   "Willems",
  "Wolters",  "Yılmaz",     "El Idrissi", "Bouzid",   "Benali",   "Ouali",      "Öztürk",
  "Pinas",    "Wijngaarde", "Sprenger",   "Kuijpers",
};

/* Tussenvoegsels with the surnames they go with, so that "van der Meer"
 * and "de Vries" appear but never "van der Jansen". */
static const struct
{
  const char *prefix;
  const char *surname;
} prefixed_surnames[] = {
  { "de", "Vries" },     { "de", "Jong" },        { "de", "Boer" },         { "de", "Graaf" },
  { "de", "Wit" },       { "de", "Groot" },       { "de", "Ruiter" },       { "de", "Haan" },
  { "de", "Bruijn" },    { "de", "Kort" },        { "van", "Dijk" },        { "van", "Leeuwen" },
  { "van", "Wijk" },     { "van", "Dam" },        { "van", "Vliet" },       { "van", "Rijn" },
  { "van", "Os" },       { "van", "Beek" },       { "van", "Dongen" },      { "van", "Houten" },
  { "van der", "Meer" }, { "van der", "Linden" }, { "van der", "Heijden" }, { "van der", "Veen" },
  { "van der", "Wal" },  { "van den", "Berg" },   { "van den", "Broek" },   { "van den", "Bosch" },
  { "van de", "Ven" },   { "van de", "Kamp" },    { "ter", "Horst" },       { "ter", "Haar" },
  { "te", "Riele" },     { "den", "Hartog" },     { "in ’t", "Veld" },      { "van ’t", "Hof" },
  { "op de", "Beek" },   { "van", "Oosten" },     { "de", "Lange" },        { "van der", "Zanden" },
};

typedef struct
{
  const char *slug;
  guint weight;
} RoleShare;

/* One stakeholder group of the generated population. */
typedef struct
{
  const char *group;
  guint per_mille;         /* share of the population */
  const char *leader_role; /* NULL: no teamleiders */
  guint span;              /* people per teamleider (the leader included) */
  const RoleShare *roles;
  const char *also_group; /* a second group some members are in */
  guint also_percent;
  const char *effective_on; /* when their role change takes effect */
  gboolean external;
  guint first_org; /* externals: their organisations in external_orgs[] */
  guint n_orgs;
} GroupSpec;

static const RoleShare management_roles[] = {
  { "projectleider-ict", 4 }, { "hr-adviseur", 3 }, { "strategisch-adviseur", 2 },
  { "programmamanager", 1 },  { NULL, 0 },
};
static const RoleShare beheer_roles[] = {
  { "systeembeheerder", 55 },
  { "netwerkbeheerder", 20 },
  { "technisch-applicatiebeheerder", 15 },
  { "databasebeheerder", 10 },
  { NULL, 0 },
};
static const RoleShare servicedesk_roles[] = { { "servicedeskmedewerker", 1 }, { NULL, 0 } };
static const RoleShare werkplek_roles[] = { { "werkplekbeheerder", 1 }, { NULL, 0 } };
static const RoleShare fab_roles[] = { { "functioneel-applicatiebeheerder", 1 }, { NULL, 0 } };
static const RoleShare advisor_roles[] = {
  { "informatieadviseur", 60 },
  { "geo-adviseur", 20 },
  { "bi-specialist", 20 },
  { NULL, 0 },
};
static const RoleShare key_user_roles[] = { { "key-user", 1 }, { NULL, 0 } };
static const RoleShare outsourcing_roles[] = {
  { "technisch-consultant", 5 },
  { "service-delivery-manager", 2 },
  { "migratiemanager-leverancier", 1 },
  { "accountmanager-leverancier", 1 },
  { NULL, 0 },
};
static const RoleShare application_roles[] = { { "applicatieconsultant", 1 }, { NULL, 0 } };
static const RoleShare chain_roles[] = { { "ketencoordinator", 1 }, { NULL, 0 } };

/* Management comes first: person 1 is the director (the client), person 2
 * the head of I&A to whom the teamleiders report. Key users work in the
 * business departments, whose managers are not part of the programme. */
static const GroupSpec group_specs[] = {
  { "management", 30, NULL, 0, management_roles, NULL, 0, NULL, FALSE },
  { "systeem-netwerkbeheer", 200, "teamleider-ict", 12, beheer_roles, NULL, 0, "@76", FALSE },
  { "servicedesk", 150, "teamleider-ict", 12, servicedesk_roles, NULL, 0, "@76", FALSE },
  { "werkplekondersteuning", 110, "teamleider-ict", 12, werkplek_roles, "servicedesk", 10, "@76",
    FALSE },
  { "functioneel-applicatiebeheer", 170, "teamleider-ict", 12, fab_roles, NULL, 0, "@76", FALSE },
  { "informatieadviseurs", 110, "teamleider-ict", 12, advisor_roles, NULL, 0, "@21", FALSE },
  { "key-users", 150, NULL, 0, key_user_roles, NULL, 0, NULL, FALSE },
  { "outsourcingspartner", 40, NULL, 0, outsourcing_roles, NULL, 0, NULL, TRUE, 0, 1 },
  { "applicatieleveranciers", 20, NULL, 0, application_roles, NULL, 0, NULL, TRUE, 1, 2 },
  { "ketenpartners", 20, NULL, 0, chain_roles, NULL, 0, NULL, TRUE, 3, 2 },
};

/* Fictional organisations on reserved domains (RFC 2606): a demo never
 * mails a real company. */
static const struct
{
  const char *organisation;
  const char *domain;
} external_orgs[] = {
  { "Nimbus Cloud Services B.V.", "nimbus-cloud.example" },
  { "Kadanz Software B.V.", "kadanz.example" },
  { "GeoVorm B.V.", "geovorm.example" },
  { "Belastingsamenwerking Voorbeeldstreek", "bs-voorbeeldstreek.example" },
  { "Omgevingsdienst Voorbeeldstreek", "od-voorbeeldstreek.example" },
};

/* For each current role: where it can lead when it lapses or changes, and
 * what changes for someone who keeps it. */
static const struct
{
  const char *from;
  const char *to[4];
  const char *same;
} paths[] = {
  { "systeembeheerder",
    { "technisch-regisseur", "servicemanager", "werkplekbeheerder", NULL },
    NULL },
  { "netwerkbeheerder", { "technisch-regisseur", "servicemanager", NULL }, NULL },
  { "technisch-applicatiebeheerder",
    { "regisseur-applicatiebeheer", "functioneel-applicatiebeheerder", NULL },
    NULL },
  { "databasebeheerder", { "bi-specialist", "technisch-regisseur", NULL }, NULL },
  { "teamleider-ict",
    { "leveranciersmanager", "servicemanager", NULL },
    "- Je team verandert van samenstelling: taken die naar Nimbus gaan, verdwijnen; regierollen komen erbij.\n"
    "- Je stuurt op de afspraken met de leveranciers in plaats van op het eigen beheerwerk." },
  { "servicedeskmedewerker",
    { "servicemanager", NULL },
    "- Meldingen die je niet zelf oplost, zet je door naar Nimbus via de koppeling in het meldingensysteem.\n"
    "- Nieuwe werkinstructies en kennisbank; twee trainingsdagen vóór het migratieweekend.\n"
    "- Tijdens het migratieweekend en de twee weken erna is er een extra rooster." },
  { "werkplekbeheerder",
    { "servicedeskmedewerker", "servicemanager", NULL },
    "- Het beheer op afstand gaat naar Nimbus; jij doet de ondersteuning op locatie.\n"
    "- Je helpt bij de uitrol van de nieuwe laptop-image per afdeling." },
  { "functioneel-applicatiebeheerder",
    { "regisseur-applicatiebeheer", NULL },
    "- Storingen en wijzigingen lopen via de regisseur applicatiebeheer en het wijzigingsproces van Nimbus.\n"
    "- Je stelt met de key users het testplan op en voert de acceptatietest uit na het migratieweekend." },
  { "informatieadviseur",
    { "informatiemanager", "contractmanager", NULL },
    "- Wensen van je afdelingen breng je in via de informatiemanager en het vraagproces." },
  { "geo-adviseur",
    { "informatiemanager", NULL },
    "- De geoserver en de kaartviewers verhuizen naar Nimbus; updates volgen de releasekalender." },
  { "bi-specialist",
    { "informatiemanager", NULL },
    "- Het datawarehouse verhuist naar een dataplatform in de cloud; je krijgt een opleiding voor het nieuwe platform." },
};

/* ---- the generator ---------------------------------------------------- */

typedef struct
{
  GRand *rand;
  GHashTable *roles;  /* slug → role object (borrowed from the document) */
  GHashTable *emails; /* e-mail → NULL, to keep them unique */
  GHashTable *folded; /* static name → its e-mail form */
  GPtrArray *people;  /* JsonObject, borrowed from the new "people" array */
  GPtrArray *members; /* per group_specs[i]: GArray of gint64 ids, first group only */
  gint64 head;        /* the head of I&A (or the director), 0 = none */
  gint64 hr;          /* the first HR advisor, 0 = none */
  char *channel;      /* the first default channel that is loaded, or NULL */
  char *extra;        /* the first other channel that is loaded (some choose it), or NULL */
} Generator;

static const char *
pick_role (Generator *gen, const RoleShare *shares)
{
  guint total = 0;
  gint32 r;

  for (guint i = 0; shares[i].slug != NULL; i++)
    total += shares[i].weight;
  r = g_rand_int_range (gen->rand, 0, (gint32) total);
  for (guint i = 0; shares[i].slug != NULL; i++)
    {
      if (r < (gint32) shares[i].weight)
        return shares[i].slug;
      r -= (gint32) shares[i].weight;
    }
  return shares[0].slug;
}

/* Lower-case ASCII letters and digits only: "in ’t Veld" → "intveld".
 * The names come from the static lists, so each is folded once. */
static void
append_folded (Generator *gen, GString *out, const char *text)
{
  const char *folded = g_hash_table_lookup (gen->folded, text);

  if (folded == NULL)
    {
      g_autofree char *ascii = g_str_to_ascii (text, "C");
      GString *clean = g_string_new (NULL);

      for (const char *p = ascii; *p; p++)
        if (g_ascii_isalnum (*p))
          g_string_append_c (clean, g_ascii_tolower (*p));
      folded = clean->str;
      g_hash_table_insert (gen->folded, (gpointer) text, g_string_free (clean, FALSE));
    }
  g_string_append (out, folded);
}

static char *
unique_email (Generator *gen,
              const char *first,
              const char *prefix,
              const char *surname,
              const char *domain)
{
  g_autoptr (GString) local = g_string_new (NULL);
  gsize base;

  append_folded (gen, local, first);
  g_string_append_c (local, '.');
  if (prefix != NULL)
    append_folded (gen, local, prefix);
  append_folded (gen, local, surname);
  base = local->len;

  for (guint n = 1;; n++)
    {
      g_autofree char *email = NULL;

      g_string_truncate (local, base);
      if (n > 1)
        g_string_append_printf (local, "%u", n);
      email = g_strdup_printf ("%s@%s", local->str, domain);
      if (!g_hash_table_contains (gen->emails, email))
        {
          g_hash_table_add (gen->emails, g_strdup (email));
          return g_steal_pointer (&email);
        }
    }
}

/* Splits @total over the groups by their shares: group i gets the people
 * between the rounded cumulative shares before and after it. */
static void
split_population (guint total, guint *counts)
{
  guint64 cumulative = 0;
  guint before = 0;

  for (guint i = 0; i < G_N_ELEMENTS (group_specs); i++)
    {
      guint after;

      cumulative += group_specs[i].per_mille;
      after = (guint) (((guint64) total * cumulative + 500) / 1000);
      counts[i] = after - before;
      before = after;
    }
}

static JsonArray *
string_array (const char *first, const char *second)
{
  JsonArray *array = json_array_new ();

  json_array_add_string_element (array, first);
  if (second != NULL)
    json_array_add_string_element (array, second);
  return array;
}

static void
set_text (JsonObject *row, const char *member, const char *value)
{
  if (value != NULL)
    json_object_set_string_member (row, member, value);
  else
    json_object_set_null_member (row, member);
}

static void
set_id (JsonObject *row, const char *member, gint64 id)
{
  if (id > 0)
    json_object_set_int_member (row, member, id);
  else
    json_object_set_null_member (row, member);
}

/* When @id was added to Helder, as the demo file says it of its own
 * people: the staff list at the programme's start, the outsourcing
 * partner's people after the award, and one in forty colleagues since,
 * spread over the months before today (taken from the id, not from the
 * random source, so that the same number still gives the same people). */
static char *
joined_on (gint64 id, const GroupSpec *spec)
{
  if (g_str_equal (spec->group, "outsourcingspartner"))
    return g_strdup ("@-59T11:00");
  if (!spec->external && id % 40 == 7)
    return g_strdup_printf ("@-%" G_GINT64_FORMAT "T09:00", 10 + id % 200);
  return g_strdup ("@-310T10:00");
}

static JsonObject *
new_person (Generator *gen, gint64 id, const GroupSpec *spec, const char *role, gint64 manager)
{
  JsonObject *person = json_object_new ();
  const char *first = first_names[g_rand_int_range (gen->rand, 0, G_N_ELEMENTS (first_names))];
  const char *prefix = NULL;
  const char *surname;
  const char *organisation = "Gemeente Voorbeeld";
  const char *domain = "voorbeeld.nl";
  g_autofree char *name = NULL;
  g_autofree char *email = NULL;
  g_autofree char *joined = NULL;
  gboolean extra;
  JsonArray *channels;

  if (g_rand_int_range (gen->rand, 0, 100) < 30)
    {
      guint i = (guint) g_rand_int_range (gen->rand, 0, G_N_ELEMENTS (prefixed_surnames));
      prefix = prefixed_surnames[i].prefix;
      surname = prefixed_surnames[i].surname;
    }
  else
    surname = surnames[g_rand_int_range (gen->rand, 0, G_N_ELEMENTS (surnames))];

  if (spec->external)
    {
      organisation = external_orgs[spec->first_org + (guint) (id % spec->n_orgs)].organisation;
      domain = external_orgs[spec->first_org + (guint) (id % spec->n_orgs)].domain;
    }

  name = prefix != NULL ? g_strdup_printf ("%s %s %s", first, prefix, surname)
                        : g_strdup_printf ("%s %s", first, surname);
  email = unique_email (gen, first, prefix, surname, domain);
  extra = !spec->external && g_rand_int_range (gen->rand, 0, 100) < 45;

  json_object_set_int_member (person, "id", id);
  json_object_set_string_member (person, "name", name);
  json_object_set_string_member (person, "email", email);
  json_object_set_string_member (
    person, "locale", spec->external && g_rand_int_range (gen->rand, 0, 100) < 25 ? "en" : "nl");
  json_object_set_string_member (person, "organisation", organisation);
  json_object_set_array_member (
    person, "groups",
    string_array (spec->group, spec->also_group != NULL && g_rand_int_range (gen->rand, 0, 100) <
                                                             (gint32) spec->also_percent
                                 ? spec->also_group
                                 : NULL));
  json_object_set_string_member (person, "role", role);
  set_id (person, "manager", manager);
  channels = json_array_new ();
  if (gen->channel != NULL)
    json_array_add_string_element (channels, gen->channel);
  if (extra && gen->extra != NULL)
    json_array_add_string_element (channels, gen->extra);
  json_object_set_array_member (person, "channels", channels);
  json_object_set_string_member (person, "digest",
                                 g_rand_int_range (gen->rand, 0, 100) < (spec->external ? 50 : 8)
                                   ? (spec->external ? "weekly" : "off")
                                   : "default");
  joined = joined_on (id, spec);
  json_object_set_string_member (person, "created_at", joined);
  return person;
}

static JsonArray *
generate_people (Generator *gen, guint total)
{
  guint counts[G_N_ELEMENTS (group_specs)];
  JsonArray *people = json_array_sized_new (total);
  gint64 id = 0;

  split_population (total, counts);
  for (guint g = 0; g < G_N_ELEMENTS (group_specs); g++)
    {
      const GroupSpec *spec = &group_specs[g];
      GArray *members = g_array_sized_new (FALSE, FALSE, sizeof (gint64), counts[g]);
      gint64 leader = 0;

      for (guint i = 0; i < counts[g]; i++)
        {
          const char *role;
          gint64 manager;
          JsonObject *person;

          id++;
          if (g == 0 && i == 0)
            {
              role = "directeur-bedrijfsvoering";
              manager = 0;
              gen->head = id;
            }
          else if (g == 0 && i == 1)
            {
              role = "afdelingshoofd-ia";
              manager = gen->head;
              gen->head = id;
            }
          else if (g == 0)
            {
              role = pick_role (gen, spec->roles);
              manager = gen->head;
            }
          else if (spec->leader_role != NULL && i % spec->span == 0)
            {
              role = spec->leader_role;
              manager = gen->head;
              leader = id;
            }
          else
            {
              role = pick_role (gen, spec->roles);
              manager = leader;
            }

          person = new_person (gen, id, spec, role, manager);
          if (gen->hr == 0 && g_str_equal (role, "hr-adviseur"))
            gen->hr = id;
          g_ptr_array_add (gen->people, person);
          g_array_append_val (members, id);
          json_array_add_object_element (people, person);
        }
      g_ptr_array_add (gen->members, members);
    }
  return people;
}

static const char *
role_field (Generator *gen, const char *slug, const char *field)
{
  JsonObject *role = g_hash_table_lookup (gen->roles, slug);

  if (role == NULL || !json_object_has_member (role, field) ||
      json_object_get_null_member (role, field))
    return slug;
  return json_object_get_string_member (role, field);
}

/* "Systeembeheerder" → "systeembeheerder"; "BI-specialist" stays. */
static char *
role_in_sentence (Generator *gen, const char *slug)
{
  const char *name = role_field (gen, slug, "name");
  char *text = g_strdup (name);

  if (g_ascii_isupper (text[0]) && g_ascii_islower (text[1]))
    text[0] = g_ascii_tolower (text[0]);
  return text;
}

static const char *
fate_phrase (Generator *gen, const char *slug)
{
  const char *fate = role_field (gen, slug, "fate");

  if (g_str_equal (fate, "lapses"))
    return "vervalt: het werk gaat naar Nimbus";
  if (g_str_equal (fate, "changes"))
    return "verandert met de uitbesteding";
  return "blijft bestaan";
}

static char *
change_text (Generator *gen, const char *from, const char *to, const char *status)
{
  g_autofree char *from_name = role_in_sentence (gen, from);
  GString *text = g_string_new (NULL);

  if (to == NULL)
    g_string_append_printf (
      text,
      "Je huidige rol als **%s** %s. Welke rol je daarna krijgt, is **nog niet besloten**; "
      "in je persoonlijke gesprek bespreken we de mogelijkheden en je wensen.",
      from_name, fate_phrase (gen, from));
  else if (g_str_equal (from, to))
    {
      const char *bullets =
        "- Je werkt straks samen met Nimbus in plaats van met de eigen beheerders.";

      for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
        if (g_str_equal (paths[i].from, from) && paths[i].same != NULL)
          bullets = paths[i].same;
      g_string_append_printf (text, "Je blijft **%s**. Wat verandert:\n\n%s", from_name, bullets);
    }
  else
    {
      g_autofree char *to_name = role_in_sentence (gen, to);
      g_string_append_printf (
        text, "Je huidige rol als **%s** %s. Je wordt **%s**.\n\n**Over deze rol:** %s", from_name,
        fate_phrase (gen, from), to_name, role_field (gen, to, "description"));
    }

  if (g_str_equal (status, "objection"))
    g_string_append (text, "\n\n**Je bezwaar** is ontvangen. HR bespreekt met je de mogelijkheden; "
                           "tot er een besluit is, verandert er niets aan je huidige werk.");
  return g_string_free (text, FALSE);
}

static const char *
pick_target (Generator *gen, const char *from)
{
  const char *fate = role_field (gen, from, "fate");
  gboolean must_move = g_str_equal (fate, "lapses");

  if (!must_move && g_rand_int_range (gen->rand, 0, 100) >= 12)
    return from;
  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    if (g_str_equal (paths[i].from, from))
      {
        guint n = 0;
        while (n < G_N_ELEMENTS (paths[i].to) && paths[i].to[n] != NULL)
          n++;
        return paths[i].to[g_rand_int_range (gen->rand, 0, (gint32) n)];
      }
  return from;
}

static JsonArray *
generate_role_changes (Generator *gen)
{
  static const char *const statuses[] = { "draft", "decided", "discussed", "accepted",
                                          "objection" };
  static const guint status_weights[] = { 15, 25, 25, 28, 7 };
  JsonArray *changes = json_array_new ();
  gint64 change_id = 0;
  guint person_index = 0;

  for (guint g = 0; g < G_N_ELEMENTS (group_specs); g++)
    {
      const GroupSpec *spec = &group_specs[g];
      GArray *members = g_ptr_array_index (gen->members, g);

      for (guint i = 0; i < members->len; i++, person_index++)
        {
          JsonObject *person = g_ptr_array_index (gen->people, person_index);
          JsonObject *change;
          const char *from, *to, *status;
          g_autofree char *text = NULL;
          g_autofree char *expected = NULL;
          gint64 contact;

          /* Management, key users and externals keep their roles. */
          if (spec->effective_on == NULL || g_rand_int_range (gen->rand, 0, 100) >= 90)
            continue;

          if (change_id < (gint64) G_N_ELEMENTS (statuses))
            status = statuses[change_id];
          else
            {
              gint32 r = g_rand_int_range (gen->rand, 0, 100);
              guint s = 0;
              while (r >= (gint32) status_weights[s])
                r -= (gint32) status_weights[s++];
              status = statuses[s];
            }

          from = json_object_get_string_member (person, "role");
          to = pick_target (gen, from);
          change = json_object_new ();
          json_object_set_int_member (change, "id", ++change_id);
          json_object_set_int_member (change, "person", json_object_get_int_member (person, "id"));
          json_object_set_string_member (change, "from_role", from);

          /* Drafts await a decision, and most of them have no future role yet. */
          if (g_str_equal (status, "draft"))
            {
              expected = g_strdup_printf ("@%d", 20 + g_rand_int_range (gen->rand, 0, 41));
              if (g_rand_int_range (gen->rand, 0, 100) < 60)
                to = NULL;
            }
          set_text (change, "to_role", to);
          set_text (change, "decision_expected", expected);
          set_text (change, "effective_on", to != NULL ? spec->effective_on : NULL);
          json_object_set_string_member (change, "status", status);
          text = change_text (gen, from, to, status);
          json_object_set_string_member (change, "changes", text);

          contact = json_object_get_null_member (person, "manager")
                      ? gen->head
                      : json_object_get_int_member (person, "manager");
          if (g_str_equal (status, "objection") && gen->hr > 0)
            contact = gen->hr;
          set_id (change, "contact",
                  contact != json_object_get_int_member (person, "id") ? contact : 0);
          json_array_add_object_element (changes, change);
        }
    }
  return changes;
}

/* HR's placements, in line with the role changes (as every write keeps
 * them, services/repo/helder-placement-sync.h): a role change that decides
 * a role to fill has its confirmed placement; one still open (draft, or an
 * objection) towards such a role its intended one. */
static JsonArray *
generate_placements (Generator *gen, JsonArray *changes)
{
  JsonArray *placements = json_array_new ();
  gint64 placement_id = 0;

  for (guint i = 0; i < json_array_get_length (changes); i++)
    {
      JsonObject *change = json_array_get_object_element (changes, i);
      JsonObject *placement, *role;
      const char *to, *status, *kind, *fate;

      if (json_object_get_null_member (change, "to_role"))
        continue;
      to = json_object_get_string_member (change, "to_role");
      role = g_hash_table_lookup (gen->roles, to);
      kind = role != NULL ? json_object_get_string_member (role, "kind") : NULL;
      fate = role != NULL ? json_object_get_string_member (role, "fate") : NULL;
      if (g_strcmp0 (kind, "regie") != 0 && g_strcmp0 (fate, "new") != 0)
        continue;
      status = json_object_get_string_member (change, "status");
      placement = json_object_new ();
      json_object_set_int_member (placement, "id", ++placement_id);
      json_object_set_string_member (placement, "role", to);
      json_object_set_int_member (placement, "person",
                                  json_object_get_int_member (change, "person"));
      json_object_set_string_member (
        placement, "status",
        g_str_equal (status, "draft") || g_str_equal (status, "objection") ? "intended"
                                                                           : "confirmed");
      json_object_set_string_member (placement, "note", "");
      json_array_add_object_element (placements, placement);
    }
  return placements;
}

/* Maps the demo's own people to generated ones: the k-th member of a group
 * becomes the k-th generated member of that group (wrapping around), so
 * promises and invitations made to persons keep a sensible addressee.
 * Returns: old id → new id, both as GINT_TO_POINTER. */
static GHashTable *
map_old_people (Generator *gen, JsonArray *old_people)
{
  GHashTable *map = g_hash_table_new (g_direct_hash, g_direct_equal);
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < json_array_get_length (old_people); i++)
    {
      JsonObject *old = json_array_get_object_element (old_people, i);
      JsonArray *groups = json_object_get_array_member (old, "groups");
      const char *group =
        json_array_get_length (groups) > 0 ? json_array_get_string_element (groups, 0) : "";
      guint k = GPOINTER_TO_UINT (g_hash_table_lookup (seen, group));
      gint64 to = 1;

      g_hash_table_insert (seen, (gpointer) group, GUINT_TO_POINTER (k + 1));
      for (guint g = 0; g < G_N_ELEMENTS (group_specs); g++)
        {
          GArray *members = g_ptr_array_index (gen->members, g);
          if (g_str_equal (group_specs[g].group, group) && members->len > 0)
            to = g_array_index (members, gint64, k % members->len);
        }
      g_hash_table_insert (map, GINT_TO_POINTER ((int) json_object_get_int_member (old, "id")),
                           GINT_TO_POINTER ((int) to));
    }
  return map;
}

static gboolean
remap_persons (JsonObject *root, const char *plural, GHashTable *map, GError **error)
{
  JsonArray *rows = json_object_get_array_member (root, plural);

  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonNode *node = json_array_get_element (rows, i);
      JsonNode *persons = JSON_NODE_HOLDS_OBJECT (node)
                            ? json_object_get_member (json_node_get_object (node), "persons")
                            : NULL;
      g_autoptr (GHashTable) added = g_hash_table_new (g_direct_hash, g_direct_equal);
      JsonArray *mapped;

      if (persons == NULL || !JSON_NODE_HOLDS_ARRAY (persons))
        {
          g_set_error (error, HELDER_ERROR, HELDER_ERROR_INVALID,
                       _ ("%s: %s[%u].persons: expected a list"), HELDER_DEMO_URI, plural, i);
          return FALSE;
        }
      mapped = json_array_new ();
      for (guint p = 0; p < json_array_get_length (json_node_get_array (persons)); p++)
        {
          gint64 old = json_array_get_int_element (json_node_get_array (persons), p);
          gpointer to = g_hash_table_lookup (map, GINT_TO_POINTER ((int) CLAMP (old, 0, G_MAXINT)));

          if (to == NULL || g_hash_table_contains (added, to))
            continue;
          g_hash_table_add (added, to);
          json_array_add_int_element (mapped, GPOINTER_TO_INT (to));
        }
      json_object_set_array_member (json_node_get_object (node), "persons", mapped);
    }
  return TRUE;
}

/**
 * helder_demo_generate:
 * @root: the demo document, with its dates already resolved
 * @total: how many people the generated population has
 *
 * Replaces the hand-written staff of @root by a generated population.
 */
gboolean
helder_demo_generate (JsonObject *root, guint total, GError **error)
{
  static const char *const needed[] = { "roles", "people", "commitments", "moments" };
  g_autoptr (GHashTable) map = NULL;
  g_autoptr (GHashTable) roles = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GHashTable) emails = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GHashTable) folded =
    g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_free);
  g_autoptr (GPtrArray) people = g_ptr_array_new ();
  g_autoptr (GPtrArray) members = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  g_autoptr (JsonArray) old_people = NULL;
  JsonArray *role_rows;
  Generator gen = { 0 };

  for (guint i = 0; i < G_N_ELEMENTS (needed); i++)
    if (!json_object_has_member (root, needed[i]) ||
        !JSON_NODE_HOLDS_ARRAY (json_object_get_member (root, needed[i])))
      {
        g_set_error (error, HELDER_ERROR, HELDER_ERROR_INVALID, _ ("%s: %s: expected a list"),
                     HELDER_DEMO_URI, needed[i]);
        return FALSE;
      }

  role_rows = json_object_get_array_member (root, "roles");
  for (guint i = 0; i < json_array_get_length (role_rows); i++)
    {
      JsonNode *node = json_array_get_element (role_rows, i);
      if (JSON_NODE_HOLDS_OBJECT (node) &&
          json_object_has_member (json_node_get_object (node), "slug"))
        g_hash_table_insert (
          roles, (gpointer) json_object_get_string_member (json_node_get_object (node), "slug"),
          json_node_get_object (node));
    }

  old_people = json_array_ref (json_object_get_array_member (root, "people"));
  for (guint i = 0; i < json_array_get_length (old_people); i++)
    {
      JsonNode *node = json_array_get_element (old_people, i);
      JsonObject *person = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      JsonNode *id = person != NULL ? json_object_get_member (person, "id") : NULL;
      JsonNode *groups = person != NULL ? json_object_get_member (person, "groups") : NULL;

      if (id == NULL || json_node_get_value_type (id) != G_TYPE_INT64 ||
          json_node_get_int (id) <= 0 || json_node_get_int (id) > G_MAXINT || groups == NULL ||
          !JSON_NODE_HOLDS_ARRAY (groups))
        {
          g_set_error (error, HELDER_ERROR, HELDER_ERROR_INVALID,
                       _ ("%s: people[%u]: expected an object with an “id” and a list of “groups”"),
                       HELDER_DEMO_URI, i);
          return FALSE;
        }
    }

  gen.rand = g_rand_new_with_seed (HELDER_DEMO_SEED);
  gen.roles = roles;
  gen.emails = emails;
  gen.folded = folded;
  gen.people = people;
  gen.members = members;
  /* The channels of the plugins that are loaded: everyone takes the
   * default one (e-mail), almost half of the staff another as well. */
  {
    g_auto (GStrv) all = helder_channel_names_list (HELDER_CHANNEL_NONE);
    g_auto (GStrv) defaults = helder_channel_names_list (HELDER_CHANNEL_DEFAULT);

    gen.channel = g_strdup (defaults[0]);
    for (guint i = 0; gen.extra == NULL && all[i] != NULL; i++)
      if (!g_strv_contains ((const char *const *) defaults, all[i]))
        gen.extra = g_strdup (all[i]);
  }

  json_object_set_array_member (root, "people", generate_people (&gen, total));
  json_object_set_array_member (root, "role_changes", generate_role_changes (&gen));
  json_object_set_array_member (
    root, "placements",
    generate_placements (&gen, json_object_get_array_member (root, "role_changes")));

  map = map_old_people (&gen, old_people);
  g_rand_free (gen.rand);
  g_free (gen.channel);
  g_free (gen.extra);
  return remap_persons (root, "commitments", map, error) &&
         remap_persons (root, "moments", map, error);
}
