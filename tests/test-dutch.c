/* test-dutch.c — Dutch all the way: no English word of Helder's on a Dutch screen
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Helder's English words are those of its own strings that the Dutch
 * translation (po/nl.po) translates away: a word of a msgid that is not in
 * that entry's msgstr ("employee" → "medewerker"). Words that the Dutch
 * strings use themselves (outside their own msgid: "over", "is"), that the
 * demo programme's Dutch texts use (names, "key users") and a few
 * technical tokens are left out. Then every page of the route table (every
 * GET page, for anonymous, employee, HR and advisor, with the keys of the
 * demo programme: routes added by anyone are walked too) and every CLI
 * listing is rendered in Dutch, and none may contain such a word.
 */
#define G_LOG_DOMAIN "helder-test"

#include "config.h"

#include <string.h>
#include <locale.h>
#include <sqlite3.h>
#include <glib/gi18n-lib.h>

#include "helder-test-utils.h"
#include "helder-web-test-utils.h"
#include "model/helder-entity.h"
#include "services/transfer/helder-demo.h"
#include "model/helder-language.h"
#include "web/helder-web-audit-detail.h"
#include "web/helder-web-private.h"

/* Not words of a language: names and tokens Helder prints as they are
 * (also a plugin's module name, which `helder plugins` lists). */
static const char *const technical[] = {
  "helder", "json", "csv", "smtp", "http", "https", "html", "url", "api", "ical",   "sqlite",
  "cet",    "cest", "utc", "wal",  "xla",  "sla",   "dap",  "ics", "pdf", "nimbus", "surveys",
};

static GHashTable *english; /* lowercased word → the msgid it came from */
static GHashTable *values;  /* the values of Helder's enums, roles and token states */

/* ---- words ------------------------------------------------------------ */

/* Adds the words of @text (printf conversions and markup left out, at
 * least three letters, lowercased) to @words. */
static void
add_words (GHashTable *words, const char *text, const char *origin)
{
  g_autoptr (GString) word = g_string_new (NULL);
  gboolean in_tag = FALSE;

  for (const char *p = text;; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '%' && !in_tag)
        {
          /* %s, %u, %'d, %1$s, %" G_GINT64_FORMAT: skip to the letter */
          p++;
          while (*p != '\0' && !g_ascii_isalpha (*p))
            p++;
          if (*p == '\0')
            break;
          while (p[1] != '\0' && (p[0] == 'l' || p[0] == 'h' || p[0] == 'z') &&
                 g_ascii_isalpha (p[1]))
            p++;
          c = ' ';
        }
      else if (c == '<')
        in_tag = TRUE;
      else if (c == '>' && in_tag)
        {
          in_tag = FALSE;
          c = ' ';
        }
      if (!in_tag && c != 0 && (g_unichar_isalnum (c) || c == '_'))
        {
          g_string_append_unichar (word, g_unichar_tolower (c));
          continue;
        }
      if (word->len > 0)
        {
          /* "helder_now", "hld_x1": names, not words */
          gboolean letters = TRUE;

          for (const char *w = word->str; *w != '\0' && letters; w = g_utf8_next_char (w))
            letters = g_unichar_isalpha (g_utf8_get_char (w));
          if (letters && g_utf8_strlen (word->str, -1) >= 3 &&
              !g_hash_table_contains (words, word->str))
            g_hash_table_insert (words, g_strdup (word->str), g_strdup (origin));
          g_string_truncate (word, 0);
        }
      if (c == 0 || *p == '\0')
        break;
    }
}

static GHashTable *
word_set (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

/* A C string of a .po line: "a \"b\"\n" → a "b" and a newline. */
static char *
po_string (const char *line)
{
  const char *start = strchr (line, '"');
  const char *end = strrchr (line, '"');
  g_autofree char *inner = NULL;

  if (start == NULL || end == start)
    return g_strdup ("");
  inner = g_strndup (start + 1, end - start - 1);
  return g_strcompress (inner);
}

typedef struct
{
  GString *msgid;
  GString *msgstr;
  gboolean fuzzy;
  GString **current;
} Entry;

static void
finish_entry (Entry *entry, GHashTable *candidates, GHashTable *dutch)
{
  g_autoptr (GHashTable) id_words = word_set ();
  g_autoptr (GHashTable) str_words = word_set ();
  GHashTableIter iter;
  gpointer word;

  if (entry->msgid->len > 0 && entry->msgstr->len > 0 && !entry->fuzzy)
    {
      add_words (id_words, entry->msgid->str, entry->msgid->str);
      add_words (str_words, entry->msgstr->str, entry->msgid->str);
      /* translated away: English; used by the translation itself: Dutch */
      g_hash_table_iter_init (&iter, id_words);
      while (g_hash_table_iter_next (&iter, &word, NULL))
        if (!g_hash_table_contains (str_words, word) && !g_hash_table_contains (candidates, word))
          g_hash_table_insert (candidates, g_strdup (word), g_strdup (entry->msgid->str));
      /* a word of the translation is Dutch, unless it is one of Helder's
       * values that the translation only quotes ("--role advisor, hr of
       * employee"): printed as such on a Dutch screen, it is English */
      g_hash_table_iter_init (&iter, str_words);
      while (g_hash_table_iter_next (&iter, &word, NULL))
        if (!g_hash_table_contains (id_words, word) || !g_hash_table_contains (values, word))
          g_hash_table_replace (dutch, g_strdup (word), g_strdup (""));
    }
  g_string_truncate (entry->msgid, 0);
  g_string_truncate (entry->msgstr, 0);
  entry->fuzzy = FALSE;
  entry->current = NULL;
}

/* The demo programme's own texts are Dutch content, whatever words they
 * borrow ("key users", "town hall"); its keys are typed as they are. */
static void
add_demo_words (GHashTable *dutch)
{
  static const char *const members[] = {
    "name",
    "title",
    "body",
    "text",
    "note",
    "description",
    "changes",
    "author",
    "made_by",
    "location",
    "with_whom",
    "organisation",
    "owner",
    "rationale",
    "override_note",
    "email",
    "online_url",
    /* the keys of phases, typed as they are ("migration") */
    "key",
    "phase",
  };
  g_autofree char *path =
    g_test_build_filename (G_TEST_DIST, "..", "data", "demo", "programme.json", NULL);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  JsonObject *root;
  g_autoptr (GList) plurals = NULL;

  g_assert_true (json_parser_load_from_file (parser, path, &error));
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  plurals = json_object_get_members (root);
  for (GList *l = plurals; l != NULL; l = l->next)
    {
      JsonNode *member = json_object_get_member (root, l->data);
      JsonArray *list = JSON_NODE_HOLDS_ARRAY (member) ? json_node_get_array (member) : NULL;
      guint n = list != NULL ? json_array_get_length (list) : JSON_NODE_HOLDS_OBJECT (member);

      for (guint i = 0; i < n; i++)
        {
          JsonObject *row =
            list != NULL ? json_array_get_object_element (list, i) : json_node_get_object (member);
          for (guint m = 0; m < G_N_ELEMENTS (members); m++)
            {
              JsonNode *value = json_object_get_member (row, members[m]);
              if (value != NULL && JSON_NODE_HOLDS_VALUE (value) &&
                  json_node_get_value_type (value) == G_TYPE_STRING)
                add_words (dutch, json_node_get_string (value), "");
            }
        }
    }
}

/* The values Helder stores and a front-end must label: every choice of
 * every enum field, the access roles and the states of a token. */
static void
load_values (void)
{
  static const char *const more[] = { "advisor", "hr", "employee", "active", "expired", "revoked" };
  const HelderEntity *const *entities;
  guint n;

  values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (more); i++)
    g_hash_table_add (values, g_strdup (more[i]));
  entities = helder_entity_all (&n);
  for (guint e = 0; e < n; e++)
    for (guint f = 0; f < entities[e]->n_fields; f++)
      for (const char *const *c = entities[e]->fields[f].choices; c != NULL && *c != NULL; c++)
        g_hash_table_add (values, g_strdup (*c));
}

static void
load_english (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "po", "nl.po", NULL);
  g_autofree char *contents = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) lines = NULL;
  g_autoptr (GHashTable) dutch = word_set ();
  Entry entry = { g_string_new (NULL), g_string_new (NULL), FALSE, NULL };
  GHashTableIter iter;
  gpointer word;

  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  load_values ();
  english = word_set ();
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];
      g_autofree char *text = NULL;

      if (g_str_has_prefix (line, "#,") && strstr (line, "fuzzy") != NULL)
        {
          finish_entry (&entry, english, dutch);
          entry.fuzzy = TRUE;
          continue;
        }
      if (line[0] == '#' || line[0] == '\0')
        {
          if (entry.current == &entry.msgstr)
            finish_entry (&entry, english, dutch);
          continue;
        }
      text = po_string (line);
      if (g_str_has_prefix (line, "msgid"))
        {
          if (entry.current == &entry.msgstr)
            {
              gboolean fuzzy = entry.fuzzy;
              finish_entry (&entry, english, dutch);
              entry.fuzzy = fuzzy;
            }
          entry.current = &entry.msgid;
          g_string_append_c (entry.msgid, ' ');
        }
      else if (g_str_has_prefix (line, "msgstr"))
        {
          entry.current = &entry.msgstr;
          g_string_append_c (entry.msgstr, ' ');
        }
      if (entry.current != NULL)
        g_string_append (*entry.current, text);
    }
  finish_entry (&entry, english, dutch);
  g_string_free (entry.msgid, TRUE);
  g_string_free (entry.msgstr, TRUE);

  add_demo_words (dutch);
  for (guint i = 0; i < G_N_ELEMENTS (technical); i++)
    g_hash_table_replace (dutch, g_strdup (technical[i]), g_strdup (""));
  g_hash_table_iter_init (&iter, dutch);
  while (g_hash_table_iter_next (&iter, &word, NULL))
    g_hash_table_remove (english, word);
  g_test_message ("%u English words of Helder's own", g_hash_table_size (english));
}

/* ---- looking at output ------------------------------------------------ */

/* "access.invite_days", "helder_now", "meeting:16:invite": the name of a
 * setting or a variable, a message's source */
static gboolean
is_key (const char *token)
{
  if (strchr (token, '_') != NULL)
    return TRUE;
  for (const char *p = token; *p != '\0'; p++)
    if ((*p == '.' || *p == ':') && p > token && g_ascii_isalnum (p[-1]) && g_ascii_isalnum (p[1]))
      return TRUE;
  return FALSE;
}

/* The text a person reads: tags, scripts, styles, e-mail addresses, links
 * and options ("--db") left out; entities as characters. */
static char *
visible_text (const char *output, gboolean html)
{
  g_autoptr (GString) text = g_string_new (NULL);
  g_auto (GStrv) tokens = NULL;
  g_autoptr (GString) kept = g_string_new (NULL);

  for (const char *p = output; *p != '\0'; p++)
    {
      if (html && *p == '<')
        {
          const char *skip_to = NULL;

          if (g_ascii_strncasecmp (p, "<script", 7) == 0)
            skip_to = "</script>";
          else if (g_ascii_strncasecmp (p, "<style", 6) == 0)
            skip_to = "</style>";
          if (skip_to != NULL && strstr (p, skip_to) != NULL)
            p = strstr (p, skip_to);
          p = strchr (p, '>');
          if (p == NULL)
            break;
          g_string_append_c (text, ' ');
          continue;
        }
      if (html && *p == '&')
        {
          const char *semi = strchr (p, ';');
          if (semi != NULL && semi - p < 10)
            {
              p = semi;
              g_string_append_c (text, ' ');
              continue;
            }
        }
      g_string_append_c (text, *p);
    }

  tokens = g_strsplit_set (text->str, " \t\n\r", -1);
  for (guint i = 0; tokens[i] != NULL; i++)
    if (strchr (tokens[i], '@') == NULL && strstr (tokens[i], "://") == NULL &&
        !g_str_has_prefix (tokens[i], "--") && !g_str_has_prefix (tokens[i], "/") &&
        !is_key (tokens[i]))
      g_string_append_printf (kept, "%s ", tokens[i]);
  return g_string_free (g_steal_pointer (&kept), FALSE);
}

/* Adds a line to @found for every English word of Helder's in @output. */
static void
check_output (GString *found, const char *where, const char *output, gboolean html)
{
  g_autofree char *text = visible_text (output, html);
  g_autoptr (GHashTable) words = word_set ();
  GHashTableIter iter;
  gpointer word, origin;

  add_words (words, text, "");
  g_hash_table_iter_init (&iter, words);
  while (g_hash_table_iter_next (&iter, &word, NULL))
    if ((origin = g_hash_table_lookup (english, word)) != NULL)
      {
        g_autofree char *lower = g_utf8_strdown (text, -1);
        const char *context = strstr (lower, word);
        gsize offset = context != NULL ? (gsize) (context - lower) : 0;
        gsize from = offset > 40 ? offset - 40 : 0;
        g_autofree char *excerpt = g_strndup (lower + from, 100);

        g_string_append_printf (found, "%s: “%s” (from “%s”) in “…%s…”\n", where, (char *) word,
                                (char *) origin, excerpt);
      }
}

static void
fail_if_found (GString *found, const char *what)
{
  g_auto (GStrv) lines = g_strsplit (found->str, "\n", -1);
  guint n = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    if (lines[i][0] != '\0' && ++n <= 200)
      g_test_message ("%s", lines[i]);
  if (n > 0)
    g_error ("%u English words in Dutch %s (see above)", n, what);
}

/* ---- pages ------------------------------------------------------------ */

static char *
scalar (HelderStore *store, const char *sql)
{
  g_autoptr (HelderStmt) stmt = helder_store_prepare (store, sql, NULL);

  g_assert_nonnull (stmt);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return g_strdup ("1");
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

static GPtrArray *
column (HelderStore *store, const char *sql)
{
  g_autoptr (HelderStmt) stmt = helder_store_prepare (store, sql, NULL);
  GPtrArray *values = g_ptr_array_new_with_free_func (g_free);

  g_assert_nonnull (stmt);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (values, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  return values;
}

/* The keys of the demo to put in a pattern's first {…}: every moment,
 * commitment and gate (their pages differ by status), a few people. */
static GPtrArray *
keys_for (HelderWebTest *web, const char *pattern, const char *name)
{
  HelderStore *store = web->store;
  GPtrArray *keys;

  if (g_str_equal (name, "file"))
    {
      keys = g_ptr_array_new_with_free_func (g_free);
      g_ptr_array_add (keys, g_strdup ("helder.css"));
      return keys;
    }
  if (strstr (pattern, "/moments/") != NULL)
    return column (store, "SELECT id FROM moment ORDER BY id");
  if (strstr (pattern, "/commitments/") != NULL)
    return column (store, "SELECT id FROM commitment ORDER BY id");
  if (strstr (pattern, "/gates/") != NULL)
    return column (store, "SELECT slug FROM gate ORDER BY slug");
  if (strstr (pattern, "/people/") != NULL || strstr (pattern, "/persons/") != NULL)
    return column (store, "SELECT id FROM person WHERE id IN (SELECT min (id) FROM person"
                          " UNION SELECT person FROM role_change WHERE status = 'discussed'"
                          " UNION SELECT max (id) FROM person) ORDER BY id");
  if (strstr (pattern, "/groups/") != NULL)
    return column (store, "SELECT slug FROM stakeholder_group ORDER BY slug LIMIT 3");
  if (strstr (pattern, "/roles/") != NULL)
    return column (store, "SELECT slug FROM role ORDER BY slug LIMIT 3");
  if (strstr (pattern, "/phases/") != NULL)
    return column (store, "SELECT key FROM phase ORDER BY position LIMIT 3");
  keys = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (keys, g_strdup (g_str_equal (name, "slot")
                                     ? scalar (store, "SELECT min (id) FROM moment_slot")
                                     : "1"));
  return keys;
}

/* Every concrete path of @pattern: its first {…} by every key, later ones
 * by the first. */
static GPtrArray *
concrete_paths (HelderWebTest *web, const char *pattern)
{
  GPtrArray *paths = g_ptr_array_new_with_free_func (g_free);
  const char *open = strchr (pattern, '{');
  g_autoptr (GPtrArray) keys = NULL;

  if (open == NULL)
    {
      g_ptr_array_add (paths, g_strdup (pattern));
      return paths;
    }
  {
    const char *close = strchr (open, '}');
    g_autofree char *name = g_strndup (open + 1, close - open - 1);
    g_autofree char *head = g_strndup (pattern, open - pattern);

    keys = keys_for (web, pattern, name);
    for (guint k = 0; k < keys->len; k++)
      {
        g_autofree char *rest_pattern = g_strdup (close + 1);
        g_autoptr (GString) rest = g_string_new (NULL);

        /* later placeholders: the first key of theirs */
        for (const char *p = rest_pattern; *p;)
          {
            const char *o = strchr (p, '{');
            if (o == NULL)
              {
                g_string_append (rest, p);
                break;
              }
            g_string_append_len (rest, p, o - p);
            {
              const char *c = strchr (o, '}');
              g_autofree char *inner = g_strndup (o + 1, c - o - 1);
              g_autoptr (GPtrArray) more = keys_for (web, pattern, inner);
              g_string_append (rest, more->len > 0 ? (char *) more->pdata[0] : "1");
              p = c + 1;
            }
          }
        g_ptr_array_add (paths, g_strconcat (head, (char *) keys->pdata[k], rest->str, NULL));
      }
  }
  return paths;
}

static void
test_pages (void)
{
  HelderWebTest *web = helder_web_test_start ();
  HelderWebRouteTable *table = helder_web_server_get_routes (web->server);
  const HelderWebRoute *routes;
  guint n_routes, pages = 0;
  g_autoptr (GString) found = g_string_new (NULL);
  g_autoptr (GError) error = NULL;
  struct
  {
    const char *label;
    HelderWebTestUser *user;
  } callers[] = {
    { "anonymous", NULL },
    { "employee", &web->employee },
    { "hr", &web->hr },
    { "advisor", &web->advisor },
  };

  /* everyone reads Dutch, as the demo's people do */
  g_assert_true (helder_store_exec (web->store, "UPDATE person SET locale = 'nl'", &error));
  g_assert_no_error (error);

  /* twice: the audit log shows what the first walk read */
  routes = helder_web_route_table_get (table, &n_routes);
  for (guint r = 0; r < 2 * n_routes; r++)
    {
      g_autoptr (GPtrArray) paths = NULL;

      if (!g_str_equal (routes[r % n_routes].method, "GET") ||
          (routes[r % n_routes].flags & HELDER_ROUTE_API) ||
          g_str_equal (routes[r % n_routes].pattern, "/logout"))
        continue;
      paths = concrete_paths (web, routes[r % n_routes].pattern);
      for (guint p = 0; p < paths->len; p++)
        for (guint c = 0; c < G_N_ELEMENTS (callers); c++)
          {
            const char *path = paths->pdata[p];
            g_autoptr (HelderWebTestResponse) response = helder_web_test_request (
              web, "GET", path, callers[c].user, callers[c].user != NULL ? "cookie" : NULL, NULL,
              NULL, 0, "Accept-Language", "nl", NULL);
            g_autofree char *where = g_strdup_printf ("GET %s as %s", path, callers[c].label);
            const char *type = response->content_type != NULL ? response->content_type : "";

            if (response->status >= 500)
              g_error ("%s: %u", where, response->status);
            if (!g_str_has_prefix (type, "text/") || g_str_has_prefix (type, "text/css") ||
                response->text == NULL)
              continue;
            pages++;
            check_output (found, where, response->text, g_str_has_prefix (type, "text/html"));
          }
    }
  g_test_message ("%u pages in Dutch", pages);
  g_assert_cmpuint (pages, >=, 100);
  helder_web_test_stop (web);
  fail_if_found (found, "pages");
}

/* ---- the command line ------------------------------------------------- */

/* The environment of a CLI run: Dutch, with the plugins Helder ships
 * (not the tests' own addin, a fixture in English). */
static char **
dutch_env (void)
{
  g_auto (GStrv) dirs = g_strsplit (g_getenv ("HELDER_PLUGIN_PATH"), G_SEARCHPATH_SEPARATOR_S, -1);
  g_autoptr (GPtrArray) shipped = g_ptr_array_new ();
  g_autofree char *path = NULL;
  char **env = g_new0 (char *, 5);

  for (guint i = 0; dirs[i] != NULL; i++)
    if (strstr (dirs[i], G_DIR_SEPARATOR_S "tests" G_DIR_SEPARATOR_S) == NULL)
      g_ptr_array_add (shipped, dirs[i]);
  g_ptr_array_add (shipped, NULL);
  path = g_strjoinv (G_SEARCHPATH_SEPARATOR_S, (char **) shipped->pdata);
  env[0] = g_strdup ("LANGUAGE=nl");
  env[1] = g_strdup ("LC_ALL=C.UTF-8");
  env[2] = g_strconcat ("HELDER_PLUGIN_PATH=", path, NULL);
  return env;
}

typedef struct
{
  const char *db;
  char **env;
  GString *found;
  guint runs;
} CliRun;

static void
run_dutch (CliRun *run, const char *const *args)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *where = g_strjoinv (" ", (char **) args);
  int status = helder_test_runv (run->db, (const char *const *) run->env, args, &out, &err);

  /* a command this build does not have (yet) is left out */
  if (status != 0)
    {
      g_test_message ("helder %s: exit %d (%s), not checked", where, status, err);
      return;
    }
  run->runs++;
  check_output (run->found, where, out, FALSE);
  check_output (run->found, where, err, FALSE);
}

/* The keys of up to 12 rows of every entity, by noun. */
static GHashTable *
entity_keys (HelderStore *store)
{
  GHashTable *keys =
    g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) g_ptr_array_unref);
  const HelderEntity *const *entities;
  guint n;

  entities = helder_entity_all (&n);
  for (guint e = 0; e < n; e++)
    {
      g_autofree char *sql = NULL;

      if (entities[e]->singleton || entities[e]->table == NULL)
        continue;
      sql = g_strdup_printf ("SELECT %s FROM %s ORDER BY 1 LIMIT 12", entities[e]->fields[0].name,
                             entities[e]->table);
      g_hash_table_insert (keys, (gpointer) entities[e]->name, column (store, sql));
    }
  return keys;
}

static void
test_cli (void)
{
  g_autofree char *path = NULL;
  g_autoptr (HelderStore) store = helder_test_store_new (&path);
  g_autoptr (GError) error = NULL;
  g_autoptr (GString) found = g_string_new (NULL);
  g_autoptr (GHashTable) keys = NULL;
  g_autofree char *today = helder_clock_today ();
  g_auto (GStrv) env = dutch_env ();
  CliRun run = { NULL, env, found, 0 };
  const HelderEntity *const *entities;
  guint n;
  /* `audit` when the command line has it */
  static const char *const fixed[][5] = {
    { "status", NULL },       { "token", "list", NULL },     { "plugins", NULL },
    { "outbox", NULL },       { "config", "list", NULL },    { "doctor", NULL },
    { "audit", NULL },        { "programme", "show", NULL }, { "digest", "5", NULL },
    { "digest", "30", NULL }, { "send", "--dry-run", NULL },
  };

  g_assert_true (helder_demo_load (store, today, 0, &error));
  g_assert_no_error (error);
  keys = entity_keys (store);
  run.db = path;
  /* a token of each role, so that `token list` has rows */
  {
    static const char *const roles[] = { "advisor", "hr", "employee" };
    for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
      {
        g_autofree char *person = g_strdup_printf ("%u", i + 1);
        g_autofree char *out = NULL;
        const char *args[] = { "token", "issue", person, "--role", roles[i], NULL };
        g_assert_cmpint (helder_test_runv (path, NULL, args, &out, NULL), ==, 0);
      }
  }
  g_clear_object (&store);

  for (guint i = 0; i < G_N_ELEMENTS (fixed); i++)
    run_dutch (&run, fixed[i]);

  entities = helder_entity_all (&n);
  for (guint e = 0; e < n; e++)
    {
      g_autofree char *noun = g_strdelimit (g_strdup (entities[e]->name), "_", '-');
      const char *list[] = { noun, "list", NULL };
      GPtrArray *rows = g_hash_table_lookup (keys, entities[e]->name);

      if (!entities[e]->singleton)
        run_dutch (&run, list);
      for (guint k = 0; rows != NULL && k < rows->len; k++)
        {
          const char *show[] = { noun, "show", rows->pdata[k], NULL };
          run_dutch (&run, show);
        }
    }
  g_test_message ("%u listings in Dutch", run.runs);
  g_assert_cmpuint (run.runs, >=, 100);
  helder_test_remove_db (path);
  fail_if_found (found, "listings");
}

/* The audit log's details as Helder records them, from reads and from
 * changes on the web, the API and the command line, as the audit page
 * shows them in Dutch. */
static void
test_audit_details (void)
{
  static const char *const details[][2] = {
    { "person", "personal page" },
    { "person", "personal page on 2026-12-01" },
    { "hr_board", "6 roles to fill, 11 people to place" },
    { "hr_board", "1 roles to fill, 1 people to place" },
    { "placement", "intended for servicemanager" },
    { "person", "email, name, digest" },
    { "person", "digest weekly" },
    { "moment", "rsvp" },
    { "moment", "yes" },
    { "commitment", "kept" },
    { "commitment", "note" },
    { "gate", "nogo" },
    { "session", "employee" },
    { "session", "advisor" },
    { "session", "employee (message link)" },
  };
  g_autoptr (GString) found = g_string_new (NULL);
  const char *dir = g_getenv ("HELDER_LOCALEDIR");

  /* as helder_web_test_start() does for the server it runs */
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, dir != NULL && dir[0] != '\0' ? dir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  helder_language_use ("nl");
  for (guint i = 0; i < G_N_ELEMENTS (details); i++)
    {
      g_autofree char *text = helder_web_audit_detail_text (details[i][0], details[i][1]);
      g_autofree char *where = g_strdup_printf ("audit detail “%s”", details[i][1]);

      g_assert_cmpstr (text, !=, "");
      check_output (found, where, text, FALSE);
    }
  helder_language_use ("");
  fail_if_found (found, "audit details");
}

/* The English words are what the test expects them to be. */
static void
test_words (void)
{
  static const char *const must[] = { "employee", "advisor", "active",  "notification",
                                      "roles",    "fill",    "personal" };
  static const char *const never[] = { "over", "dashboard", "nimbus", "key", "is" };

  for (guint i = 0; i < G_N_ELEMENTS (must); i++)
    if (!g_hash_table_contains (english, must[i]))
      g_error ("“%s” is not among the English words", must[i]);
  for (guint i = 0; i < G_N_ELEMENTS (never); i++)
    g_assert_false (g_hash_table_contains (english, never[i]));
}

int
main (int argc, char *argv[])
{
  helder_test_init (&argc, &argv);
  load_english ();

  g_test_add_func ("/dutch/words", test_words);
  g_test_add_func ("/dutch/audit-details", test_audit_details);
  g_test_add_func ("/dutch/pages", test_pages);
  g_test_add_func ("/dutch/cli", test_cli);

  return g_test_run ();
}
