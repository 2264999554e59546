/* helder-template.c — HTML templates with escaping by default
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A template is parsed once into a tree of nodes (text, values, sections,
 * partials, translated text) and rendered against a JSON context. The
 * parser is hand-written, so tests/fuzz/fuzz-template.c fuzzes it.
 */
#define G_LOG_DOMAIN "helder-template"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "helder-error.h"
#include "web/helder-template.h"

#define MAX_NESTING       32 /* sections inside sections */
#define MAX_PARTIAL_DEPTH 8  /* partials including partials */
#define MAX_TAG_LENGTH    4096

/* What one render may do. Sections over lists nested inside each other
 * multiply: twenty {{#items}} around a partial, over a list of two, is a
 * million renders of that partial. The HR page of a programme of 5,000
 * people is a few hundred thousand steps and a megabyte or two; these
 * limits stop a runaway template within a fraction of a second, with an
 * error that names where it ran away. */
#ifndef FUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION
#define MAX_RENDER_STEPS (1u << 22) /* nodes, list elements, name lookups */
#define MAX_OUTPUT_MIB   16u        /* bytes appended, in MiB */
#else
/* The fuzz targets (tests/fuzz/) meet runaways all the time: lower limits
 * let them spend their minute on other inputs. Same code, smaller numbers. */
#define MAX_RENDER_STEPS (1u << 18)
#define MAX_OUTPUT_MIB   1u
#endif

typedef enum
{
  NODE_TEXT,
  NODE_VALUE,    /* {{name}} */
  NODE_RAW,      /* {{&name}} */
  NODE_SECTION,  /* {{#name}} */
  NODE_INVERTED, /* {{^name}} */
  NODE_PARTIAL,  /* {{>name}} */
  NODE_GETTEXT,  /* {{_ text}} */
} NodeKind;

typedef struct
{
  NodeKind kind;
  guint line;          /* where it starts in its template, from 1 */
  char *text;          /* literal text, name, partial or msgid */
  char **path;         /* name split at '.'; NULL for "." and non-names */
  GPtrArray *children; /* sections */
} Node;

struct _HelderTemplate
{
  char *name;
  GPtrArray *nodes;
  char *domain; /* gettext domain of its {{_ }} texts; NULL: helder's */
};

static void
node_free (gpointer data)
{
  Node *node = data;

  g_free (node->text);
  g_strfreev (node->path);
  g_clear_pointer (&node->children, g_ptr_array_unref);
  g_free (node);
}

void
helder_template_free (HelderTemplate *self)
{
  if (self == NULL)
    return;
  g_free (self->name);
  g_free (self->domain);
  g_ptr_array_unref (self->nodes);
  g_free (self);
}

/* ---- parsing ------------------------------------------------------------ */

typedef struct
{
  const char *name;
  const char *start;
  const char *p;
  const char *end;
  const char *counted; /* newlines before here are in @line */
  guint line;
} Parser;

/* The line of @at. The parser asks in order, so counting on from the last
 * answer keeps parsing linear. */
static guint
line_of (Parser *parser, const char *at)
{
  if (at < parser->counted)
    {
      parser->counted = parser->start;
      parser->line = 1;
    }
  for (; parser->counted < at; parser->counted++)
    if (*parser->counted == '\n')
      parser->line++;
  return parser->line;
}

G_GNUC_PRINTF (4, 5)
static gboolean
parse_error (Parser *parser, const char *at, GError **error, const char *format, ...)
{
  g_autofree char *what = NULL;
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, HELDER_ERROR, HELDER_ERROR_INVALID, _ ("template %s, line %u: %s"),
               parser->name, line_of (parser, at), what);
  return FALSE;
}

static gboolean
valid_name (const char *name)
{
  if (strcmp (name, ".") == 0)
    return TRUE;
  if (*name == '\0')
    return FALSE;
  for (const char *p = name; *p; p++)
    if (!g_ascii_isalnum (*p) && *p != '_' && *p != '-' &&
        !(*p == '.' && p != name && p[1] != '\0' && p[1] != '.'))
      return FALSE;
  return TRUE;
}

static Node *
node_new (NodeKind kind, guint line, const char *text, gsize length)
{
  Node *node = g_new0 (Node, 1);

  node->kind = kind;
  node->line = line;
  node->text = g_strndup (text, length);
  if ((kind == NODE_VALUE || kind == NODE_RAW || kind == NODE_SECTION || kind == NODE_INVERTED) &&
      strcmp (node->text, ".") != 0)
    node->path = g_strsplit (node->text, ".", -1);
  if (kind == NODE_SECTION || kind == NODE_INVERTED)
    node->children = g_ptr_array_new_with_free_func (node_free);
  return node;
}

/* Parses nodes into @into until the end of input or, when @closing is set,
 * until {{/closing}}. */
static gboolean
parse_nodes (Parser *parser, GPtrArray *into, const char *closing, guint depth, GError **error)
{
  while (parser->p < parser->end)
    {
      const char *open = g_strstr_len (parser->p, parser->end - parser->p, "{{");
      const char *tag, *close;
      g_autofree char *body = NULL;
      char sigil;
      NodeKind kind;
      Node *node;

      if (open == NULL)
        open = parser->end;
      if (open > parser->p)
        g_ptr_array_add (
          into, node_new (NODE_TEXT, line_of (parser, parser->p), parser->p, open - parser->p));
      if (open == parser->end)
        {
          parser->p = parser->end;
          break;
        }

      tag = open + 2;
      close = g_strstr_len (tag, parser->end - tag, "}}");
      if (close == NULL)
        return parse_error (parser, open, error, _ ("“{{” is not closed with “}}”"));
      if (close - tag > MAX_TAG_LENGTH)
        return parse_error (parser, open, error, _ ("a tag is longer than %d bytes"),
                            MAX_TAG_LENGTH);
      parser->p = close + 2;

      sigil = tag < close ? *tag : '\0';
      if (sigil == '!')
        continue;
      if (sigil == '_' && tag + 1 < close && tag[1] == ' ')
        {
          body = g_strstrip (g_strndup (tag + 2, close - tag - 2));
          if (*body == '\0')
            return parse_error (parser, open, error, _ ("“{{_ }}” has no text to translate"));
          g_ptr_array_add (into,
                           node_new (NODE_GETTEXT, line_of (parser, open), body, strlen (body)));
          continue;
        }

      switch (sigil)
        {
        case '&':
          kind = NODE_RAW;
          tag++;
          break;
        case '#':
          kind = NODE_SECTION;
          tag++;
          break;
        case '^':
          kind = NODE_INVERTED;
          tag++;
          break;
        case '>':
          kind = NODE_PARTIAL;
          tag++;
          break;
        case '/':
          kind = NODE_TEXT;
          tag++;
          break; /* a closing tag */
        default:
          kind = NODE_VALUE;
          break;
        }
      body = g_strstrip (g_strndup (tag, close - tag));
      if (!valid_name (body))
        return parse_error (parser, open, error, _ ("“%s” is not a valid name"), body);

      if (sigil == '/')
        {
          if (closing == NULL)
            return parse_error (parser, open, error, _ ("“{{/%s}}” closes no section"), body);
          if (strcmp (body, closing) != 0)
            return parse_error (parser, open, error, _ ("“{{/%s}}” where “{{/%s}}” was expected"),
                                body, closing);
          return TRUE;
        }

      node = node_new (kind, line_of (parser, open), body, strlen (body));
      g_ptr_array_add (into, node);
      if (kind == NODE_SECTION || kind == NODE_INVERTED)
        {
          if (depth >= MAX_NESTING)
            return parse_error (parser, open, error, _ ("sections are nested deeper than %d"),
                                MAX_NESTING);
          if (!parse_nodes (parser, node->children, node->text, depth + 1, error))
            return FALSE;
        }
    }

  if (closing != NULL)
    return parse_error (parser, parser->end, error, _ ("section “%s” is not closed"), closing);
  return TRUE;
}

/**
 * helder_template_parse:
 * @name: the template's name, for messages
 * @source: the template text (UTF-8)
 * @length: its length in bytes, or -1 when nul-terminated
 *
 * Returns: (transfer full): the parsed template, or %NULL with an error
 *   that names the line and the problem
 */
HelderTemplate *
helder_template_parse (const char *name, const char *source, gssize length, GError **error)
{
  g_autoptr (HelderTemplate) self = g_new0 (HelderTemplate, 1);
  Parser parser;

  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (source != NULL, NULL);

  if (length < 0)
    length = strlen (source);
  self->name = g_strdup (name);
  self->nodes = g_ptr_array_new_with_free_func (node_free);
  if (!g_utf8_validate (source, length, NULL))
    {
      g_set_error (error, HELDER_ERROR, HELDER_ERROR_INVALID, _ ("template %s: not valid UTF-8"),
                   name);
      return NULL;
    }

  parser = (Parser){ name, source, source, source + length, source, 1 };
  if (!parse_nodes (&parser, self->nodes, NULL, 0, error))
    return NULL;
  return g_steal_pointer (&self);
}

/* ---- the bundle ----------------------------------------------------------- */

static GHashTable *bundle; /* name → HelderTemplate */
G_LOCK_DEFINE_STATIC (bundle);

/* Plugins' templates: "surveys" → its resource folder and gettext domain. */
typedef struct
{
  char *prefix;
  char *domain;
} Prefix;

static GHashTable *prefixes; /* name → Prefix */

static void
prefix_free (gpointer data)
{
  Prefix *p = data;

  g_free (p->prefix);
  g_free (p->domain);
  g_free (p);
}

/**
 * helder_template_add_prefix:
 * @name: the plugin's part of template names: "surveys" for "surveys/results"
 * @prefix: the GResource folder of its NAME.html files
 * @domain: (nullable): the gettext domain of their {{_ }} texts
 *
 * Makes "NAME/…" templates known (helder_context_add_templates(); the web
 * server calls this for its context's plugins). Adding a name again with
 * another folder forgets what was parsed from the old one.
 */
void
helder_template_add_prefix (const char *name, const char *prefix, const char *domain)
{
  Prefix *p;

  g_return_if_fail (name != NULL && strchr (name, '/') == NULL && prefix != NULL);

  G_LOCK (bundle);
  if (prefixes == NULL)
    prefixes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, prefix_free);
  p = g_hash_table_lookup (prefixes, name);
  if (p == NULL || g_strcmp0 (p->prefix, prefix) != 0 || g_strcmp0 (p->domain, domain) != 0)
    {
      g_autofree char *start = g_strconcat (name, "/", NULL);
      GHashTableIter iter;
      gpointer key;

      if (bundle != NULL)
        {
          g_hash_table_iter_init (&iter, bundle);
          while (g_hash_table_iter_next (&iter, &key, NULL))
            if (g_str_has_prefix (key, start))
              g_hash_table_iter_remove (&iter);
        }
      p = g_new0 (Prefix, 1);
      p->prefix = g_strdup (prefix);
      p->domain = g_strdup (domain);
      g_hash_table_replace (prefixes, g_strdup (name), p);
    }
  G_UNLOCK (bundle);
}

/* The resource path of template @name, and its domain; NULL for a
 * plugin's name that no plugin registered. Called with the lock held. */
static char *
resource_path (const char *name, const char **domain)
{
  const char *slash = strchr (name, '/');
  g_autofree char *plugin = NULL;
  Prefix *p;

  *domain = NULL;
  if (slash == NULL)
    return g_strdup_printf ("/org/helder/Helder/templates/%s.html", name);
  plugin = g_strndup (name, slash - name);
  p = prefixes != NULL ? g_hash_table_lookup (prefixes, plugin) : NULL;
  if (p == NULL || strchr (slash + 1, '/') != NULL || strstr (slash + 1, "..") != NULL)
    return NULL;
  *domain = p->domain;
  return g_strdup_printf ("%s/%s.html", p->prefix, slash + 1);
}

/**
 * helder_template_lookup:
 * @name: "dashboard" for /org/helder/Helder/templates/dashboard.html; a
 *   plugin's "surveys/results" for results.html in the folder it added
 *   (helder_template_add_prefix())
 *
 * Returns: (transfer none): the parsed template, kept for the life of the
 *   process (or until its plugin's folder is replaced)
 */
HelderTemplate *
helder_template_lookup (const char *name, GError **error)
{
  HelderTemplate *template;

  g_return_val_if_fail (name != NULL, NULL);

  G_LOCK (bundle);
  if (bundle == NULL)
    bundle = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                    (GDestroyNotify) helder_template_free);
  template = g_hash_table_lookup (bundle, name);
  if (template == NULL)
    {
      const char *domain = NULL;
      g_autofree char *path = resource_path (name, &domain);
      g_autoptr (GBytes) bytes = path != NULL ? g_resources_lookup_data (path, 0, NULL) : NULL;

      if (bytes == NULL)
        g_set_error (error, HELDER_ERROR, HELDER_ERROR_NOT_FOUND, _ ("no template named “%s”"),
                     name);
      else
        template = helder_template_parse (name, g_bytes_get_data (bytes, NULL),
                                          g_bytes_get_size (bytes), error);
      if (template != NULL)
        {
          template->domain = g_strdup (domain);
          g_hash_table_insert (bundle, g_strdup (name), template);
        }
    }
  G_UNLOCK (bundle);
  return template;
}

/* ---- rendering ------------------------------------------------------------ */

void
helder_template_escape_to (GString *out, const char *text, gssize length)
{
  const char *end;

  if (text == NULL)
    return;
  end = length < 0 ? text + strlen (text) : text + length;
  for (const char *p = text; p < end; p++)
    switch (*p)
      {
      case '&':
        g_string_append (out, "&amp;");
        break;
      case '<':
        g_string_append (out, "&lt;");
        break;
      case '>':
        g_string_append (out, "&gt;");
        break;
      case '"':
        g_string_append (out, "&quot;");
        break;
      case '\'':
        g_string_append (out, "&#39;");
        break;
      default:
        g_string_append_c (out, *p);
        break;
      }
}

typedef struct
{
  GPtrArray *stack; /* JsonNode, innermost last */
  GString *out;
  gsize out_start;              /* out->len before this render */
  guint partials;               /* partial depth */
  guint steps;                  /* spent of MAX_RENDER_STEPS */
  const char *template;         /* the template being rendered */
  const Node *section;          /* the innermost section, or NULL */
  const char *section_template; /* the template it belongs to */
  const char *domain;           /* the gettext domain of the template being rendered */
} Render;

static JsonNode *
member (JsonNode *node, const char *name)
{
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  return json_object_get_member (json_node_get_object (node), name);
}

static JsonNode *
resolve (Render *render, Node *node)
{
  JsonNode *value = NULL;

  if (node->path == NULL) /* "." */
    return render->stack->len ? g_ptr_array_index (render->stack, render->stack->len - 1) : NULL;

  /* Looking a name up costs a step per context it looks in: render_spend()
   * counts it at the next node. */
  for (guint i = render->stack->len; i > 0 && value == NULL; i--, render->steps++)
    value = member (g_ptr_array_index (render->stack, i - 1), node->path[0]);
  for (guint i = 1; value != NULL && node->path[i] != NULL; i++, render->steps++)
    value = member (value, node->path[i]);
  return value;
}

static void
append_scalar (GString *out, JsonNode *value, gboolean escape)
{
  char number[G_ASCII_DTOSTR_BUF_SIZE];
  const char *text = NULL;

  if (value == NULL || !JSON_NODE_HOLDS_VALUE (value))
    return;
  switch (json_node_get_value_type (value))
    {
    case G_TYPE_STRING:
      text = json_node_get_string (value);
      break;
    case G_TYPE_INT64:
      g_snprintf (number, sizeof number, "%" G_GINT64_FORMAT, json_node_get_int (value));
      text = number;
      break;
    case G_TYPE_DOUBLE:
      text = g_ascii_formatd (number, sizeof number, "%g", json_node_get_double (value));
      break;
    case G_TYPE_BOOLEAN:
      text = json_node_get_boolean (value) ? "true" : "false";
      break;
    default:
      return;
    }
  if (escape)
    helder_template_escape_to (out, text, -1);
  else
    g_string_append (out, text);
}

static gboolean
truthy (JsonNode *value)
{
  if (value == NULL || JSON_NODE_HOLDS_NULL (value))
    return FALSE;
  if (JSON_NODE_HOLDS_ARRAY (value))
    return json_array_get_length (json_node_get_array (value)) > 0;
  if (JSON_NODE_HOLDS_OBJECT (value))
    return TRUE;
  switch (json_node_get_value_type (value))
    {
    case G_TYPE_BOOLEAN:
      return json_node_get_boolean (value);
    case G_TYPE_STRING:
      return *json_node_get_string (value) != '\0';
    case G_TYPE_INT64:
      return json_node_get_int (value) != 0;
    case G_TYPE_DOUBLE:
      return json_node_get_double (value) != 0.0;
    default:
      return FALSE;
    }
}

static gboolean render_nodes (Render *render, GPtrArray *nodes, GError **error);

/* Counts one step of the render at @at: FALSE, with an error that names
 * the limit and the innermost section (or else @at), once the render has
 * done more than one render may. */
static gboolean
render_spend (Render *render, const Node *at, GError **error)
{
  g_autofree char *where = NULL;
  g_autofree char *what = NULL;

  if (++render->steps <= MAX_RENDER_STEPS &&
      render->out->len - render->out_start <= (gsize) MAX_OUTPUT_MIB << 20)
    return TRUE;

  if (render->section != NULL)
    where = g_strdup_printf (_ ("template %s, line %u, section “%s”"), render->section_template,
                             render->section->line, render->section->text);
  else
    where = g_strdup_printf (_ ("template %s, line %u"), render->template, at->line);
  if (render->steps > MAX_RENDER_STEPS)
    what = g_strdup_printf (_ ("rendering takes more than %u steps: sections over lists are "
                               "nested too deeply"),
                            MAX_RENDER_STEPS);
  else
    what = g_strdup_printf (_ ("the output is larger than %u MiB"), MAX_OUTPUT_MIB);
  g_set_error (error, HELDER_ERROR, HELDER_ERROR_INVALID, "%s: %s", where, what);
  return FALSE;
}

static gboolean
render_section (Render *render, Node *node, GError **error)
{
  JsonNode *value = resolve (render, node);
  const Node *outer = render->section;
  const char *outer_template = render->section_template;
  gboolean ok = TRUE;

  if (node->kind == NODE_INVERTED ? truthy (value) : !truthy (value))
    return TRUE;

  render->section = node;
  render->section_template = render->template;
  if (node->kind == NODE_SECTION && JSON_NODE_HOLDS_ARRAY (value))
    {
      JsonArray *array = json_node_get_array (value);

      for (guint i = 0; ok && i < json_array_get_length (array); i++)
        {
          ok = render_spend (render, node, error);
          if (!ok)
            break;
          g_ptr_array_add (render->stack, json_array_get_element (array, i));
          ok = render_nodes (render, node->children, error);
          g_ptr_array_remove_index (render->stack, render->stack->len - 1);
        }
    }
  else if (node->kind == NODE_SECTION && JSON_NODE_HOLDS_OBJECT (value))
    {
      g_ptr_array_add (render->stack, value);
      ok = render_nodes (render, node->children, error);
      g_ptr_array_remove_index (render->stack, render->stack->len - 1);
    }
  else
    {
      ok = render_nodes (render, node->children, error);
    }
  render->section = outer;
  render->section_template = outer_template;
  return ok;
}

static gboolean
render_partial (Render *render, Node *node, GError **error)
{
  HelderTemplate *partial;
  const char *outer_template = render->template;
  const char *outer_domain = render->domain;
  gboolean ok;

  if (render->partials >= MAX_PARTIAL_DEPTH)
    {
      g_set_error (error, HELDER_ERROR, HELDER_ERROR_INVALID,
                   _ ("template partials are nested deeper than %d (at “%s”)"), MAX_PARTIAL_DEPTH,
                   node->text);
      return FALSE;
    }
  partial = helder_template_lookup (node->text, error);
  if (partial == NULL)
    return FALSE;
  render->partials++;
  render->template = partial->name;
  render->domain = partial->domain ? partial->domain : GETTEXT_PACKAGE;
  ok = render_nodes (render, partial->nodes, error);
  render->template = outer_template;
  render->domain = outer_domain;
  render->partials--;
  return ok;
}

static gboolean
render_nodes (Render *render, GPtrArray *nodes, GError **error)
{
  for (guint i = 0; i < nodes->len; i++)
    {
      Node *node = g_ptr_array_index (nodes, i);

      if (!render_spend (render, node, error))
        return FALSE;
      switch (node->kind)
        {
        case NODE_TEXT:
          g_string_append (render->out, node->text);
          break;
        case NODE_VALUE:
        case NODE_RAW:
          append_scalar (render->out, resolve (render, node), node->kind == NODE_VALUE);
          break;
        case NODE_GETTEXT:
          helder_template_escape_to (render->out, g_dgettext (render->domain, node->text), -1);
          break;
        case NODE_SECTION:
        case NODE_INVERTED:
          if (!render_section (render, node, error))
            return FALSE;
          break;
        case NODE_PARTIAL:
          if (!render_partial (render, node, error))
            return FALSE;
          break;
        default:
          g_assert_not_reached ();
        }
    }
  return TRUE;
}

/**
 * helder_template_render_to:
 * @context: (nullable): the JSON values the template refers to
 * @out: where the output is appended
 */
gboolean
helder_template_render_to (HelderTemplate *self, JsonNode *context, GString *out, GError **error)
{
  g_autoptr (GPtrArray) stack = NULL;
  Render render = {
    0,
  };

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  stack = g_ptr_array_new ();
  render = (Render){ .stack = stack,
                     .out = out,
                     .out_start = out->len,
                     .template = self->name,
                     .domain = self->domain ? self->domain : GETTEXT_PACKAGE };

  if (context != NULL)
    g_ptr_array_add (stack, context);
  return render_nodes (&render, self->nodes, error);
}

char *
helder_template_render (HelderTemplate *self, JsonNode *context, GError **error)
{
  g_autoptr (GString) out = g_string_new (NULL);

  if (!helder_template_render_to (self, context, out, error))
    return NULL;
  return g_string_free (g_steal_pointer (&out), FALSE);
}

char *
helder_template_render_named (const char *name, JsonNode *context, GError **error)
{
  HelderTemplate *template = helder_template_lookup (name, error);

  if (template == NULL)
    return NULL;
  return helder_template_render (template, context, error);
}
