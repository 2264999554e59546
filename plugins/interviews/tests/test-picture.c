/* test-picture.c — the architecture picture, in process
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Generated inventories straight into inv_item (picture-fixture.c); the
 * SVG read back as XML (picture-svg-check.c). For every filter the
 * picture holds every item and coupling a brute-force SQL recomputation
 * of the filter selects, and nothing else; the table holds the same; the
 * overview's counts are recounted in SQL; hostile names stay text; the
 * DOT output is accepted by the `dot` tool.
 */
#include "config.h"

#include <string.h>

#include "helder-test-utils.h"
#include "inv-picture-private.h"
#include "picture-fixture.h"
#include "picture-svg-check.h"

/* ---- brute force ------------------------------------------------------------ */

#define MATCHES(t)                                                                                \
  "(" t ".kind IN ('component', 'application') AND (?1 IS NULL OR " t ".domain = ?1) AND (?2 = 0" \
  " OR " t ".supplier = ?2))"

#define SELECTED_COUPLINGS                                                                    \
  "SELECT c.id, c.from_item, c.to_item FROM inv_item c JOIN inv_item a ON a.id = c.from_item" \
  " JOIN inv_item b ON b.id = c.to_item WHERE c.kind = 'coupling' AND (?3 = 0 OR c.scope ="   \
  " 'external') AND ((?1 IS NULL AND ?2 = 0) OR " MATCHES ("a") " OR " MATCHES ("b") ")"

static char *
brute_force (PictureFixture *f,
             const char *sql,
             const char *prefix,
             const char *domain,
             gint64 supplier,
             gboolean external)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HelderStmt) stmt = helder_store_prepare (f->store, sql, &error);
  g_autoptr (GString) line = g_string_new (NULL);

  g_assert_no_error (error);
  if (domain != NULL)
    sqlite3_bind_text (stmt, 1, domain, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, supplier);
  sqlite3_bind_int (stmt, 3, external);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (line, "%s%s-%" G_GINT64_FORMAT, line->len > 0 ? " " : "", prefix,
                            (gint64) sqlite3_column_int64 (stmt, 0));
  return g_string_free (g_steal_pointer (&line), FALSE);
}

static char *
expected_couplings (PictureFixture *f, const char *domain, gint64 supplier, gboolean external)
{
  return brute_force (f, SELECTED_COUPLINGS " ORDER BY c.id", "coupling", domain, supplier,
                      external);
}

static char *
expected_items (PictureFixture *f, const char *domain, gint64 supplier, gboolean external)
{
  return brute_force (
    f,
    "WITH sel AS (" SELECTED_COUPLINGS ")"
    " SELECT i.id FROM inv_item i WHERE ?3 = 0 AND " MATCHES (
      "i") " UNION SELECT from_item FROM sel UNION SELECT to_item FROM sel ORDER BY 1",
    "item", domain, supplier, external);
}

static char *
table_ids (JsonObject *table, const char *member, const char *prefix)
{
  JsonArray *rows = json_object_get_array_member (table, member);
  g_autoptr (GString) line = g_string_new (NULL);

  for (guint i = 0; i < json_array_get_length (rows); i++)
    g_string_append_printf (
      line, "%s%s-%" G_GINT64_FORMAT, i > 0 ? " " : "", prefix,
      json_object_get_int_member (json_array_get_object_element (rows, i), "id"));
  return g_string_free (g_steal_pointer (&line), FALSE);
}

static gint64
scalar (PictureFixture *f, const char *sql)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HelderStmt) stmt = helder_store_prepare (f->store, sql, &error);

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

static void
draw (PictureFixture *f, const InvPictureOptions *options, PictureSvg *svg, InvLayout *layout)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = inv_picture_svg (f->store, options, layout, &error);
  gsize length;
  const char *data;

  g_assert_no_error (error);
  g_assert_nonnull (bytes);
  data = g_bytes_get_data (bytes, &length);
  picture_svg_parse (svg, data, length);
  g_assert_false (svg->hostile);
  g_assert_nonnull (svg->title);
  g_assert_nonnull (svg->desc);
  g_assert_nonnull (strstr (data, "aria-labelledby=\"inventory-title inventory-desc\""));
}

/* One filter: the picture and the table against the brute force. */
static void
check_filter (PictureFixture *f,
              const char *domain,
              gint64 supplier,
              gboolean external,
              InvGroupBy group_by)
{
  InvPictureOptions options = { .domain = domain,
                                .supplier = supplier,
                                .external_only = external,
                                .group_by = group_by,
                                .layout = INV_LAYOUT_DETAIL };
  g_autofree char *items = expected_items (f, domain, supplier, external);
  g_autofree char *couplings = expected_couplings (f, domain, supplier, external);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) table = NULL;
  g_autofree char *svg_items = NULL, *svg_couplings = NULL, *t_items = NULL, *t_couplings = NULL;
  PictureSvg svg;
  InvLayout layout;

  g_test_message ("filter: domain %s, supplier %" G_GINT64_FORMAT ", external %d, group %d",
                  domain ? domain : "-", supplier, external, group_by);
  draw (f, &options, &svg, &layout);
  g_assert_cmpint (layout, ==, INV_LAYOUT_DETAIL);
  svg_items = picture_svg_ids (svg.nodes, "item-");
  svg_couplings = picture_svg_ids (svg.edges, "coupling-");
  g_assert_cmpstr (svg_items, ==, items);
  g_assert_cmpstr (svg_couplings, ==, couplings);
  g_assert_true (g_hash_table_contains (svg.nodes, "legend"));
  table = inv_picture_table (f->store, &options, &error);
  g_assert_no_error (error);
  t_items = table_ids (table, "items", "item");
  t_couplings = table_ids (table, "couplings", "coupling");
  g_assert_cmpstr (t_items, ==, items);
  g_assert_cmpstr (t_couplings, ==, couplings);
  picture_svg_clear (&svg);
}

static void
test_filters (void)
{
  PictureFixture f = { 0 };
  gint64 supplier;

  picture_fixture_open (&f);
  picture_fixture_generate (&f, 14, 150, 5, 320, 4);
  /* a coupling to a supplier (a chain partner): drawn as its end */
  supplier = scalar (&f, "SELECT min (id) FROM inv_item WHERE kind = 'supplier'");
  picture_fixture_coupling (&f,
                            scalar (&f, "SELECT min (id) FROM inv_item WHERE kind ="
                                        " 'application' AND domain = 'Burgerzaken'"),
                            supplier, "StUF", "external", "two-way");
  g_assert_cmpint (scalar (&f, "SELECT count (*) FROM inv_item WHERE kind = 'coupling'"), ==, 321);

  check_filter (&f, NULL, 0, FALSE, INV_GROUP_DOMAIN);
  check_filter (&f, "Burgerzaken", 0, FALSE, INV_GROUP_DOMAIN);
  check_filter (&f, "Ruimte", 0, FALSE, INV_GROUP_SUPPLIER);
  check_filter (&f, NULL, supplier, FALSE, INV_GROUP_DOMAIN);
  check_filter (&f, NULL, supplier + 2, FALSE, INV_GROUP_SUPPLIER);
  check_filter (&f, NULL, 0, TRUE, INV_GROUP_DOMAIN);
  check_filter (&f, "Sociaal Domein", 0, TRUE, INV_GROUP_DOMAIN);
  check_filter (&f, "Belastingen", supplier + 1, FALSE, INV_GROUP_DOMAIN);
  picture_fixture_close (&f);
}

/* The filter text, in English and Dutch words; unknown names refused with
 * the names the register knows. */
static void
test_parse_filter (void)
{
  PictureFixture f = { 0 };
  InvPictureOptions options = { 0 };
  g_auto (GStrv) storage = NULL;
  g_autoptr (GError) error = NULL;
  gint64 supplier;

  picture_fixture_open (&f);
  picture_fixture_generate (&f, 7, 30, 3, 40, 2);
  supplier = scalar (&f, "SELECT min (id) FROM inv_item WHERE kind = 'supplier'");
  g_assert_true (inv_picture_parse_filter (
    f.store, "domein=burgerzaken, extern, groep=leverancier, weergave=overzicht", &options,
    &storage, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (options.domain, ==, "Burgerzaken");
  g_assert_true (options.external_only);
  g_assert_cmpint (options.group_by, ==, INV_GROUP_SUPPLIER);
  g_assert_cmpint (options.layout, ==, INV_LAYOUT_OVERVIEW);
  g_clear_pointer (&storage, g_strfreev);
  options = (InvPictureOptions){ 0 };
  g_assert_true (inv_picture_parse_filter (f.store, "supplier=leverancier  a0,layout=detail",
                                           &options, &storage, &error));
  g_assert_cmpint (options.supplier, ==, supplier);
  g_assert_cmpint (options.layout, ==, INV_LAYOUT_DETAIL);
  g_clear_pointer (&storage, g_strfreev);

  {
    static const struct
    {
      const char *text, *field, *names;
    } bad[] = {
      { "domain=Atlantis", "domain", "Atlantis" },
      { "supplier=Niemand", "supplier", "Niemand" },
      { "kleur=rood", "filter", "kleur=rood" },
      { "group=colour", "group", "colour" },
      { "layout=3d", "layout", "3d" },
      { "external=yes", "filter", "external=yes" },
      { "domain", "filter", "domain" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_autoptr (GError) e = NULL;
        g_auto (GStrv) s = NULL;

        options = (InvPictureOptions){ 0 };
        g_assert_false (inv_picture_parse_filter (f.store, bad[i].text, &options, &s, &e));
        g_assert_error (
          e, HELDER_ERROR,
          (g_str_equal (bad[i].field, "domain") || g_str_equal (bad[i].field, "supplier")
             ? HELDER_ERROR_NOT_FOUND
             : HELDER_ERROR_INVALID));
        g_assert_cmpstr (helder_error_get_field (e), ==, bad[i].field);
        g_assert_nonnull (strstr (e->message, bad[i].names));
        g_assert_null (s);
        g_assert_null (options.domain);
      }
  }
  /* the unknown domain's message names the known ones */
  {
    InvPictureOptions o = { .domain = "Atlantis" };
    g_autoptr (GError) e = NULL;
    g_autoptr (GBytes) svg = inv_picture_svg (f.store, &o, NULL, &e);

    g_assert_null (svg);
    g_assert_error (e, HELDER_ERROR, HELDER_ERROR_NOT_FOUND);
    g_assert_nonnull (strstr (e->message, "Burgerzaken"));
    g_assert_nonnull (strstr (e->message, "Sociaal Domein"));
  }
  picture_fixture_close (&f);
}

/* ---- the overview's counts, recounted -------------------------------------- */

static void
test_overview_counts (void)
{
  PictureFixture f = { 0 };
  InvPictureOptions options = { .layout = INV_LAYOUT_OVERVIEW };
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) table = NULL;
  g_autoptr (GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GString) node_ids = g_string_new (NULL), link_ids = g_string_new (NULL);
  g_autofree char *svg_nodes = NULL, *svg_links = NULL;
  JsonArray *groups, *links;
  PictureSvg svg;
  InvLayout layout;
  guint total = 0;

  picture_fixture_open (&f);
  picture_fixture_generate (&f, 2026, 400, 12, 1100, 6);
  draw (&f, &options, &svg, &layout);
  g_assert_cmpint (layout, ==, INV_LAYOUT_OVERVIEW);
  table = inv_picture_table (f.store, &options, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (table, "layout"), ==, "overview");
  groups = json_object_get_array_member (table, "groups");
  links = json_object_get_array_member (table, "links");
  g_assert_cmpuint (json_array_get_length (groups), ==, 12);
  for (guint i = 0; i < json_array_get_length (groups); i++)
    {
      JsonObject *g = json_array_get_object_element (groups, i);
      const char *name = json_object_get_string_member (g, "name");
      g_autofree char *sql = g_strdup_printf (
        "SELECT (SELECT count (*) FROM inv_item WHERE kind = 'application' AND domain = '%s') * 1000000"
        " + (SELECT count (*) FROM inv_item WHERE kind = 'component' AND domain = '%s') * 1000"
        " + (SELECT count (*) FROM inv_item c JOIN inv_item a ON a.id = c.from_item JOIN inv_item b"
        " ON b.id = c.to_item WHERE c.kind = 'coupling' AND a.domain = '%s' AND b.domain = '%s')",
        name, name, name, name);
      gint64 expected = scalar (&f, sql);
      g_autofree char *line =
        g_strdup_printf ("%" G_GINT64_FORMAT " applications, %" G_GINT64_FORMAT " components",
                         json_object_get_int_member (g, "applications"),
                         json_object_get_int_member (g, "components"));

      g_assert_cmpint (json_object_get_int_member (g, "applications") * 1000000 +
                         json_object_get_int_member (g, "components") * 1000 +
                         json_object_get_int_member (g, "couplings_inside"),
                       ==, expected);
      /* the picture says the same */
      g_assert_nonnull (strstr (svg.text->str, line));
      g_hash_table_insert (names, (gpointer) json_object_get_string_member (g, "id"),
                           (gpointer) name);
      g_string_append_printf (node_ids, "%s ", json_object_get_string_member (g, "id"));
    }
  for (guint i = 0; i < json_array_get_length (links); i++)
    {
      JsonObject *l = json_array_get_object_element (links, i);
      const char *a = g_hash_table_lookup (names, json_object_get_string_member (l, "from"));
      const char *b = g_hash_table_lookup (names, json_object_get_string_member (l, "to"));
      g_autofree char *sql = g_strdup_printf (
        "SELECT count (*) * 1000 + total (c.scope = 'external') FROM inv_item c"
        " JOIN inv_item x ON x.id = c.from_item JOIN inv_item y ON y.id = c.to_item"
        " WHERE c.kind = 'coupling' AND ((x.domain = '%s' AND y.domain = '%s')"
        " OR (x.domain = '%s' AND y.domain = '%s'))",
        a, b, b, a);

      g_assert_cmpint (json_object_get_int_member (l, "couplings") * 1000 +
                         json_object_get_int_member (l, "external"),
                       ==, scalar (&f, sql));
      g_assert_cmpint (json_object_get_int_member (l, "couplings"), ==,
                       json_object_get_int_member (l, "one_way_from_to") +
                         json_object_get_int_member (l, "one_way_to_from") +
                         json_object_get_int_member (l, "two_way") +
                         json_object_get_int_member (l, "direction_unknown"));
      total += json_object_get_int_member (l, "couplings");
      g_string_append_printf (link_ids, "%s ", json_object_get_string_member (l, "id"));
    }
  /* every coupling is inside a domain or between two */
  for (guint i = 0; i < json_array_get_length (groups); i++)
    total +=
      json_object_get_int_member (json_array_get_object_element (groups, i), "couplings_inside");
  g_assert_cmpint (total, ==,
                   scalar (&f, "SELECT count (*) FROM inv_item WHERE kind = 'coupling'"));
  /* the picture's ids are the table's */
  svg_nodes = picture_svg_ids (svg.nodes, "domain-");
  svg_links = picture_svg_ids (svg.edges, "link-");
  {
    g_auto (GStrv) want_nodes = g_strsplit (g_strstrip (node_ids->str), " ", -1);
    g_auto (GStrv) want_links = g_strsplit (g_strstrip (link_ids->str), " ", -1);
    g_auto (GStrv) got_nodes = g_strsplit (svg_nodes, " ", -1);
    g_auto (GStrv) got_links = g_strsplit (svg_links, " ", -1);

    g_assert_cmpuint (g_strv_length (got_nodes), ==, g_strv_length (want_nodes));
    g_assert_cmpuint (g_strv_length (got_links), ==, g_strv_length (want_links));
    for (guint i = 0; want_nodes[i] != NULL; i++)
      g_assert_true (g_hash_table_contains (svg.nodes, want_nodes[i]));
    for (guint i = 0; want_links[i] != NULL; i++)
      g_assert_true (g_hash_table_contains (svg.edges, want_links[i]));
  }
  picture_svg_clear (&svg);
  picture_fixture_close (&f);
}

/* ---- hostile names ---------------------------------------------------------- */

static const char *const hostile[] = {
  "<script>alert(1)</script>",
  "\"quoted\" & 'apos' <b>bold</b>",
  "C:\\temp\\N \\G \\L \\E back\\slash",
  "line one\nline two\r\tend",
  "&amp; &nbsp; &#0; &#x41; &foo;",
  "]]> <!-- comment --> <![CDATA[x]]>",
  "مرحبا بالعالم עברית",
  "Raket 🚀 en ĳs, Ça va — naïef",
  "<svg onload=alert(1)><foreignObject>",
  "label=\"x\"]; evil [shape=box",
  NULL, /* the 2,000-character name */
};

static char *
shown_label (const char *name)
{
  g_autofree char *label = inv_picture_label_text (name, 40);
  g_autoptr (GString) out = g_string_new (label);

  g_string_replace (out, "&amp;", "&", 0);
  g_string_replace (out, "\\\\", "\\", 0);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
test_hostile_names (void)
{
  PictureFixture f = { 0 };
  InvPictureOptions options = { .layout = INV_LAYOUT_DETAIL };
  g_autoptr (GString) long_name = g_string_new (NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *dot = NULL, *dot_tool = NULL;
  g_autofree gint64 *ids = g_new0 (gint64, G_N_ELEMENTS (hostile));
  PictureSvg svg;
  InvLayout layout;
  gint64 supplier;

  picture_fixture_open (&f);
  for (guint i = 0; i < 2000; i++)
    g_string_append_c (long_name, "Lange naam <&> "[i % 15]);
  supplier = picture_fixture_item (&f, "supplier", "Leverancier \"<&>\"", "", 0, 0);
  for (guint i = 0; i < G_N_ELEMENTS (hostile); i++)
    ids[i] = picture_fixture_item (
      &f, i % 2 ? "component" : "application", hostile[i] != NULL ? hostile[i] : long_name->str,
      i % 3 ? "Domein <\"&\">\n\\N" : "Burgerzaken", i % 2 ? supplier : 0, i % 4 == 0 ? 1 : 0);
  for (guint i = 1; i < G_N_ELEMENTS (hostile); i++)
    picture_fixture_coupling (&f, ids[i - 1], ids[i], hostile[i - 1] ? hostile[i - 1] : "x",
                              i % 2 ? "external" : "internal", i % 3 ? "one-way" : "");
  draw (&f, &options, &svg, &layout);
  g_assert_cmpuint (g_hash_table_size (svg.edges), ==, G_N_ELEMENTS (hostile) - 1);
  for (guint i = 0; i < G_N_ELEMENTS (hostile); i++)
    {
      g_autofree char *id = g_strdup_printf ("item-%" G_GINT64_FORMAT, ids[i]);
      g_autofree char *label = shown_label (hostile[i] != NULL ? hostile[i] : long_name->str);

      g_assert_true (g_hash_table_contains (svg.nodes, id));
      g_test_message ("label: %s", label);
      g_assert_nonnull (strstr (svg.text->str, label));
    }
  g_assert_nonnull (strstr (svg.text->str, "Domein <\"&\"> \\N"));
  picture_svg_clear (&svg);

  /* the DOT output is accepted by the dot tool, and draws the same */
  dot = inv_picture_dot (f.store, &options, &error);
  g_assert_no_error (error);
  dot_tool = g_find_program_in_path ("dot");
  if (dot_tool == NULL)
    g_test_message ("the dot tool is not installed: its check is left out");
  else
    {
      g_autofree char *path = helder_test_write_temp ("picture.dot", dot, -1);
      g_autofree char *out = NULL, *err = NULL;
      const char *argv[] = { "dot", "-Tsvg", path, NULL };
      int status;

      g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                                   &out, &err, &status, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (err, ==, "");
      g_assert_true (g_spawn_check_wait_status (status, NULL));
      picture_svg_parse (&svg, out, strlen (out));
      g_assert_false (svg.hostile);
      for (guint i = 0; i < G_N_ELEMENTS (hostile); i++)
        {
          g_autofree char *id = g_strdup_printf ("item-%" G_GINT64_FORMAT, ids[i]);

          g_assert_true (g_hash_table_contains (svg.nodes, id));
        }
      g_assert_cmpuint (g_hash_table_size (svg.edges), ==, G_N_ELEMENTS (hostile) - 1);
      picture_svg_clear (&svg);
    }
  picture_fixture_close (&f);
}

/* ---- empty, size and threads ------------------------------------------------ */

static void
test_empty (void)
{
  PictureFixture f = { 0 };
  InvPictureOptions options = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) table = NULL;
  PictureSvg svg;
  InvLayout layout;

  picture_fixture_open (&f);
  draw (&f, &options, &svg, &layout);
  g_assert_true (g_hash_table_contains (svg.nodes, "empty"));
  g_assert_nonnull (strstr (svg.text->str, "no components or applications yet"));
  g_assert_nonnull (strstr (svg.desc, "0 items"));
  picture_svg_clear (&svg);
  table = inv_picture_table (f.store, &options, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (table, "items")), ==, 0);
  /* a filter that selects nothing says so */
  picture_fixture_item (&f, "process", "Vergunningverlening", "Ruimte", 0, 0);
  picture_fixture_item (&f, "application", "Geoviewer", "Geo", 0, 0);
  options.domain = "Ruimte";
  draw (&f, &options, &svg, &layout);
  g_assert_nonnull (strstr (svg.text->str, "Nothing in the register matches this filter"));
  picture_svg_clear (&svg);
  picture_fixture_close (&f);
}

static void
test_size_limits (void)
{
  PictureFixture f = { 0 };
  InvPictureOptions options = { .layout = INV_LAYOUT_AUTO };
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = NULL;
  PictureSvg svg;
  InvLayout layout;

  picture_fixture_open (&f);
  picture_fixture_generate (&f, 5, INV_PICTURE_DETAIL_MAX_ITEMS + 1, 12, 300, 3);
  /* automatic: the overview */
  draw (&f, &options, &svg, &layout);
  g_assert_cmpint (layout, ==, INV_LAYOUT_OVERVIEW);
  g_assert_true (g_hash_table_contains (svg.nodes, "domain-1"));
  picture_svg_clear (&svg);
  /* asked for: refused, pointing to a filter */
  options.layout = INV_LAYOUT_DETAIL;
  bytes = inv_picture_svg (f.store, &options, &layout, &error);
  g_assert_null (bytes);
  g_assert_error (error, HELDER_ERROR, HELDER_ERROR_INVALID);
  g_assert_cmpstr (helder_error_get_field (error), ==, "layout");
  g_assert_nonnull (strstr (error->message, "domain"));
  g_clear_error (&error);
  /* one domain of it is drawn in detail */
  options.domain = "Geo";
  draw (&f, &options, &svg, &layout);
  g_assert_cmpint (layout, ==, INV_LAYOUT_DETAIL);
  picture_svg_clear (&svg);
  picture_fixture_close (&f);
}

/* Few items, but couplings that span many ranks: a chain, and every
 * item back to the first. dot would need many seconds; the automatic
 * layout is the overview, a detail picture is refused. */
static void
test_tangled (void)
{
  PictureFixture f = { 0 };
  InvPictureOptions options = { .layout = INV_LAYOUT_AUTO };
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autofree gint64 *ids = g_new0 (gint64, 500);
  g_autoptr (InvPictureModel) model = NULL;
  PictureSvg svg;
  InvLayout layout;

  picture_fixture_open (&f);
  g_assert_true (helder_store_begin (f.store, &error));
  for (guint i = 0; i < 500; i++)
    {
      g_autofree char *name = g_strdup_printf ("Schakel %u", i);

      ids[i] = picture_fixture_item (&f, "application", name, "Ruimte", 0, 1);
      if (i > 0)
        {
          picture_fixture_coupling (&f, ids[i - 1], ids[i], "REST", "internal", "one-way");
          if (i > 1)
            picture_fixture_coupling (&f, ids[0], ids[i], "StUF", "internal", "one-way");
        }
    }
  g_assert_true (helder_store_commit (f.store, &error));
  model = inv_picture_model_load (f.store, &options, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (model->n_selected, <, INV_PICTURE_AUTO_MAX_ITEMS);
  g_assert_cmpuint (inv_picture_model_rank_cost (model), >, INV_PICTURE_DETAIL_MAX_COST);
  draw (&f, &options, &svg, &layout);
  g_assert_cmpint (layout, ==, INV_LAYOUT_OVERVIEW);
  picture_svg_clear (&svg);
  options.layout = INV_LAYOUT_DETAIL;
  bytes = inv_picture_svg (f.store, &options, &layout, &error);
  g_assert_null (bytes);
  g_assert_error (error, HELDER_ERROR, HELDER_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "500 items"));
  picture_fixture_close (&f);
}

typedef struct
{
  PictureFixture *f;
  const char *domain;
  char *db;
} ThreadJob;

/* The web draws from a worker thread with its own connection. */
static gpointer
draw_in_thread (gpointer data)
{
  ThreadJob *job = data;
  g_autoptr (GError) error = NULL;
  g_autoptr (HelderStore) store = helder_store_open (job->db, &error);
  InvPictureOptions options = { .domain = job->domain };

  g_assert_no_error (error);
  for (int i = 0; i < 3; i++)
    {
      g_autoptr (GBytes) bytes = inv_picture_svg (store, &options, NULL, &error);

      g_assert_no_error (error);
      g_assert_nonnull (bytes);
    }
  return NULL;
}

static void
test_threads (void)
{
  PictureFixture f = { 0 };
  ThreadJob a, b;
  GThread *ta, *tb;

  picture_fixture_open (&f);
  picture_fixture_generate (&f, 9, 80, 4, 150, 2);
  a = (ThreadJob){ &f, "Burgerzaken", f.db };
  b = (ThreadJob){ &f, "Ruimte", f.db };
  ta = g_thread_new ("picture-a", draw_in_thread, &a);
  tb = g_thread_new ("picture-b", draw_in_thread, &b);
  g_thread_join (ta);
  g_thread_join (tb);
  picture_fixture_close (&f);
}

int
main (int argc, char **argv)
{
  g_setenv ("HELDER_NOW", HELDER_TEST_NOW, TRUE);
  helder_test_init (&argc, &argv);
  g_test_add_func ("/picture/filters", test_filters);
  g_test_add_func ("/picture/parse-filter", test_parse_filter);
  g_test_add_func ("/picture/overview-counts", test_overview_counts);
  g_test_add_func ("/picture/hostile-names", test_hostile_names);
  g_test_add_func ("/picture/empty", test_empty);
  g_test_add_func ("/picture/size-limits", test_size_limits);
  g_test_add_func ("/picture/tangled", test_tangled);
  g_test_add_func ("/picture/threads", test_threads);
  return g_test_run ();
}
