/* helder-context-registry.c — the registries a plugin adds to, and their owners
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Permissions, routes, navigation, templates, OpenAPI parts, nouns and
 * personal data live in one list of the context, each entry tagged with its
 * kind and the plugin that added it; commands, settings, migrations and
 * digest sections keep their own tables (helder-context.c) and are noted
 * here by name. So removing everything a plugin added is one loop.
 */
#define G_LOG_DOMAIN "helder-engine"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "engine/helder-context.h"
#include "engine/helder-context-private.h"

/* ---- The registries a plugin adds to ---------------------------------- */

typedef struct
{
  HelderPermission public;
  char *name;
  char *label;
  char *gettext_domain;
} PermissionCopy;

typedef struct
{
  HelderWebRoute public;
  char *method;
  char *pattern;
  char *permission;
  char *summary;
} RouteCopy;

typedef struct
{
  HelderNavEntry public;
  char *href;
  char *label;
  char *permission;
  char *gettext_domain;
} NavCopy;

typedef struct
{
  HelderTemplates public;
  char *prefix;
  char *name;
  char *gettext_domain;
} TemplatesCopy;

typedef struct
{
  HelderPersonData public;
  char *name;
} PersonDataCopy;

typedef struct
{
  HelderAudienceFilter public;
  char *name;
} AudienceFilterCopy;

void
helder_context_registration_free (gpointer data)
{
  Registration *r = data;

  switch (r->kind)
    {
    case REG_PERMISSION:
      {
        PermissionCopy *c = r->data;
        g_free (c->name);
        g_free (c->label);
        g_free (c->gettext_domain);
        g_free (c);
      }
      break;
    case REG_ROUTE:
      {
        RouteCopy *c = r->data;
        g_free (c->method);
        g_free (c->pattern);
        g_free (c->permission);
        g_free (c->summary);
        g_free (c);
      }
      break;
    case REG_NAV:
      {
        NavCopy *c = r->data;
        g_free (c->href);
        g_free (c->label);
        g_free (c->permission);
        g_free (c->gettext_domain);
        g_free (c);
      }
      break;
    case REG_TEMPLATES:
      {
        TemplatesCopy *c = r->data;
        g_free (c->prefix);
        g_free (c->name);
        g_free (c->gettext_domain);
        g_free (c);
      }
      break;
    case REG_OPENAPI:
      g_free (r->data);
      break;
    case REG_ENTITY:
      helder_entity_unregister (r->data);
      break;
    case REG_PERSON_DATA:
      {
        PersonDataCopy *c = r->data;
        g_free (c->name);
        g_free (c);
      }
      break;
    case REG_AUDIENCE_FILTER:
      {
        AudienceFilterCopy *c = r->data;
        g_free (c->name);
        g_free (c);
      }
      break;
    case REG_GATE_MEASURE:
      helder_context_gate_measure_free (r->data);
      break;
    case REG_HOUSEKEEPING:
      helder_context_housekeeping_free (r->data);
      break;
    case REG_DEMO_STEP:
      helder_context_demo_step_free (r->data);
      break;
    case REG_WEB_PANEL:
      helder_context_web_panel_free (r->data);
      break;
    default:
      g_assert_not_reached ();
    }
  g_free (r->owner);
  g_free (r);
}

void
helder_context_owned_free (gpointer data)
{
  Owned *o = data;

  g_free (o->owner);
  g_free (o->name);
  g_free (o);
}

void
helder_context_note_owned (HelderContext *self, OwnedKind kind, const char *name)
{
  Owned *o;

  if (self->owner == NULL || self->owned == NULL)
    return;
  o = g_new0 (Owned, 1);
  o->kind = kind;
  o->owner = g_strdup (self->owner);
  o->name = g_strdup (name);
  g_ptr_array_add (self->owned, o);
}

void
helder_context_add_registration (HelderContext *self, RegistrationKind kind, gpointer data)
{
  Registration *r = g_new0 (Registration, 1);

  r->kind = kind;
  r->owner = g_strdup (self->owner);
  r->data = data;
  g_ptr_array_add (self->registrations, r);
}

GPtrArray *
helder_context_list_registrations (HelderContext *self, RegistrationKind kind)
{
  GPtrArray *list = g_ptr_array_new ();

  for (guint i = 0; i < self->registrations->len; i++)
    {
      Registration *r = g_ptr_array_index (self->registrations, i);

      if (r->kind == kind)
        g_ptr_array_add (list, r->data);
    }
  return list;
}

/**
 * helder_context_set_owner:
 * @owner: (nullable): a plugin's module name, or %NULL for core
 *
 * The engine calls this around loading a plugin: what is registered in
 * between is that plugin's, and helder_context_remove_owned() removes it.
 */
void
helder_context_set_owner (HelderContext *self, const char *owner)
{
  g_return_if_fail (HELDER_IS_CONTEXT (self));

  g_free (self->owner);
  self->owner = g_strdup (owner);
}

/**
 * helder_context_get_owner:
 *
 * Returns: (nullable): the plugin whose registrations are being added, or
 *   %NULL while core adds its own
 */
const char *
helder_context_get_owner (HelderContext *self)
{
  g_return_val_if_fail (HELDER_IS_CONTEXT (self), NULL);

  return self->owner;
}

/**
 * helder_context_remove_owned:
 * @owner: a plugin's module name
 *
 * Removes everything @owner registered, in every registry: commands,
 * settings, migrations, digest sections, permissions, routes, navigation,
 * templates, OpenAPI parts, nouns, person data, audience filters, gate
 * measures, demo steps and web panels. The engine calls it when the plugin unloads.
 */
void
helder_context_remove_owned (HelderContext *self, const char *owner)
{
  g_return_if_fail (HELDER_IS_CONTEXT (self));
  g_return_if_fail (owner != NULL);

  /* Backwards, so that nouns go before the nouns they refer to. */
  for (guint i = self->registrations->len; i > 0; i--)
    {
      Registration *r = g_ptr_array_index (self->registrations, i - 1);

      if (g_strcmp0 (r->owner, owner) == 0)
        g_ptr_array_remove_index (self->registrations, i - 1);
    }
  for (guint i = self->owned->len; i > 0; i--)
    {
      Owned *o = g_ptr_array_index (self->owned, i - 1);
      g_autofree char *name = NULL;
      OwnedKind kind = o->kind;

      if (g_strcmp0 (o->owner, owner) != 0)
        continue;
      name = g_strdup (o->name);
      g_ptr_array_remove_index (self->owned, i - 1);
      switch (kind)
        {
        case OWNED_COMMAND:
          helder_context_remove_command (self, name);
          break;
        case OWNED_SETTING:
          helder_context_remove_setting (self, name);
          break;
        case OWNED_MIGRATIONS:
          helder_context_remove_migrations (self, name);
          break;
        case OWNED_DIGEST_SECTION:
          helder_context_remove_digest_section (self, name);
          break;
        default:
          g_assert_not_reached ();
        }
    }
}

/**
 * helder_context_add_permission:
 * @permission: (transfer none): copied
 *
 * Registers a permission by name. A name is taken once; adding it again
 * is a programming error and is ignored with a warning.
 */
void
helder_context_add_permission (HelderContext *self, const HelderPermission *permission)
{
  PermissionCopy *c;

  g_return_if_fail (HELDER_IS_CONTEXT (self));
  g_return_if_fail (permission != NULL && permission->name != NULL && permission->label != NULL);

  if (helder_context_lookup_permission (self, permission->name) != NULL)
    {
      g_warning ("permission “%s” of %s ignored: it is registered already", permission->name,
                 self->owner ? self->owner : "core");
      return;
    }
  c = g_new0 (PermissionCopy, 1);
  c->name = g_strdup (permission->name);
  c->label = g_strdup (permission->label);
  c->gettext_domain = g_strdup (permission->gettext_domain);
  c->public.name = c->name;
  c->public.label = c->label;
  c->public.roles = permission->roles;
  c->public.gettext_domain = c->gettext_domain;
  helder_context_add_registration (self, REG_PERMISSION, c);
}

/**
 * helder_context_lookup_permission:
 *
 * Returns: (transfer none) (nullable): the permission called @name
 */
const HelderPermission *
helder_context_lookup_permission (HelderContext *self, const char *name)
{
  g_return_val_if_fail (HELDER_IS_CONTEXT (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  for (guint i = 0; i < self->registrations->len; i++)
    {
      Registration *r = g_ptr_array_index (self->registrations, i);

      if (r->kind == REG_PERMISSION && g_str_equal (((PermissionCopy *) r->data)->name, name))
        return r->data;
    }
  return NULL;
}

/**
 * helder_context_list_permissions:
 *
 * Returns: (transfer container) (element-type HelderPermission): every
 *   permission, in the order registered
 */
GPtrArray *
helder_context_list_permissions (HelderContext *self)
{
  g_return_val_if_fail (HELDER_IS_CONTEXT (self), NULL);

  return helder_context_list_registrations (self, REG_PERMISSION);
}

/**
 * helder_context_role_may:
 * @roles: #HelderRole bits of who asks
 * @permission: a permission's name
 *
 * Returns: whether one of @roles holds @permission; %FALSE for a
 *   permission nobody registered
 */
gboolean
helder_context_role_may (HelderContext *self, guint roles, const char *permission)
{
  const HelderPermission *p;

  g_return_val_if_fail (HELDER_IS_CONTEXT (self), FALSE);

  if (permission == NULL)
    return FALSE;
  p = helder_context_lookup_permission (self, permission);
  return p != NULL && (p->roles & roles) != 0;
}

/**
 * helder_context_add_routes:
 * @routes: (array length=n_routes): copied
 *
 * Adds routes to the web server's one route × permission table. Each names
 * a registered permission; the server refuses callers without it before
 * the handler runs, and the authorisation test covers the route for every
 * role without being told about it.
 */
void
helder_context_add_routes (HelderContext *self, const HelderWebRoute *routes, guint n_routes)
{
  g_return_if_fail (HELDER_IS_CONTEXT (self));

  for (guint i = 0; i < n_routes; i++)
    {
      RouteCopy *c;

      g_return_if_fail (routes[i].method != NULL && routes[i].pattern != NULL);
      g_return_if_fail (routes[i].permission != NULL && routes[i].handler != NULL);
      c = g_new0 (RouteCopy, 1);
      c->method = g_strdup (routes[i].method);
      c->pattern = g_strdup (routes[i].pattern);
      c->permission = g_strdup (routes[i].permission);
      c->summary = g_strdup (routes[i].summary ? routes[i].summary : "");
      c->public = routes[i];
      c->public.method = c->method;
      c->public.pattern = c->pattern;
      c->public.permission = c->permission;
      c->public.summary = c->summary;
      helder_context_add_registration (self, REG_ROUTE, c);
    }
}

/**
 * helder_context_list_routes:
 *
 * Returns: (transfer container) (element-type HelderWebRoute): the routes
 *   plugins added, in the order added (core's own are in the web layer)
 */
GPtrArray *
helder_context_list_routes (HelderContext *self)
{
  g_return_val_if_fail (HELDER_IS_CONTEXT (self), NULL);

  return helder_context_list_registrations (self, REG_ROUTE);
}

void
helder_context_add_nav_entry (HelderContext *self, const HelderNavEntry *entry)
{
  NavCopy *c;

  g_return_if_fail (HELDER_IS_CONTEXT (self));
  g_return_if_fail (entry != NULL && entry->href != NULL && entry->label != NULL);
  g_return_if_fail (entry->permission != NULL);

  c = g_new0 (NavCopy, 1);
  c->href = g_strdup (entry->href);
  c->label = g_strdup (entry->label);
  c->permission = g_strdup (entry->permission);
  c->gettext_domain = g_strdup (entry->gettext_domain);
  c->public = *entry;
  c->public.href = c->href;
  c->public.label = c->label;
  c->public.permission = c->permission;
  c->public.gettext_domain = c->gettext_domain;
  helder_context_add_registration (self, REG_NAV, c);
}

static int
compare_nav (gconstpointer a, gconstpointer b)
{
  const HelderNavEntry *x = *(const HelderNavEntry **) a;
  const HelderNavEntry *y = *(const HelderNavEntry **) b;

  return (x->position > y->position) - (x->position < y->position);
}

/**
 * helder_context_list_nav:
 *
 * Returns: (transfer container) (element-type HelderNavEntry): every
 *   navigation entry, by position
 */
GPtrArray *
helder_context_list_nav (HelderContext *self)
{
  GPtrArray *list;

  g_return_val_if_fail (HELDER_IS_CONTEXT (self), NULL);

  list = helder_context_list_registrations (self, REG_NAV);
  g_ptr_array_sort (list, compare_nav);
  return list;
}

void
helder_context_add_templates (HelderContext *self, const HelderTemplates *templates)
{
  TemplatesCopy *c;

  g_return_if_fail (HELDER_IS_CONTEXT (self));
  g_return_if_fail (templates != NULL && templates->prefix != NULL && templates->name != NULL);

  c = g_new0 (TemplatesCopy, 1);
  c->prefix = g_strdup (templates->prefix);
  c->name = g_strdup (templates->name);
  c->gettext_domain = g_strdup (templates->gettext_domain);
  c->public.prefix = c->prefix;
  c->public.name = c->name;
  c->public.gettext_domain = c->gettext_domain;
  helder_context_add_registration (self, REG_TEMPLATES, c);
}

/**
 * helder_context_find_templates:
 * @name: the part of a template's name before its '/'
 *
 * Returns: (transfer none) (nullable): the templates registered as @name
 */
const HelderTemplates *
helder_context_find_templates (HelderContext *self, const char *name)
{
  g_return_val_if_fail (HELDER_IS_CONTEXT (self), NULL);

  for (guint i = 0; i < self->registrations->len; i++)
    {
      Registration *r = g_ptr_array_index (self->registrations, i);

      if (r->kind == REG_TEMPLATES && g_str_equal (((TemplatesCopy *) r->data)->name, name))
        return r->data;
    }
  return NULL;
}

/**
 * helder_context_list_templates:
 *
 * Returns: (transfer container) (element-type HelderTemplates): the
 *   plugins' templates
 */
GPtrArray *
helder_context_list_templates (HelderContext *self)
{
  g_return_val_if_fail (HELDER_IS_CONTEXT (self), NULL);

  return helder_context_list_registrations (self, REG_TEMPLATES);
}

/**
 * helder_context_add_openapi:
 * @document: a JSON object with the plugin's "paths" and, optionally,
 *   "components": {"schemas": …}; merged into /api/v1/openapi.json
 */
void
helder_context_add_openapi (HelderContext *self, const char *document)
{
  g_return_if_fail (HELDER_IS_CONTEXT (self));
  g_return_if_fail (document != NULL);

  helder_context_add_registration (self, REG_OPENAPI, g_strdup (document));
}

/**
 * helder_context_list_openapi:
 *
 * Returns: (transfer container) (element-type utf8): the OpenAPI parts
 */
GPtrArray *
helder_context_list_openapi (HelderContext *self)
{
  g_return_val_if_fail (HELDER_IS_CONTEXT (self), NULL);

  return helder_context_list_registrations (self, REG_OPENAPI);
}

static void
add_entity_permissions (HelderContext *self, const HelderEntity *entity)
{
  for (int write = 0; write <= 1; write++)
    {
      g_autofree char *name = helder_entity_get_permission (entity, write);
      g_autofree char *label = NULL;
      HelderPermission p = { 0 };

      if (helder_context_lookup_permission (self, name) != NULL)
        continue;
      /* The label names the noun by its plural, untranslated: the label
       * is translated when it is shown. */
      label = g_strdup_printf (write ? "change %s" : "read %s", entity->plural);
      p.name = name;
      p.label = label;
      p.roles = write ? entity->write_roles : entity->read_roles;
      helder_context_add_permission (self, &p);
    }
}

/**
 * helder_context_add_entity:
 * @entity: (transfer none): lives until the plugin unloads
 *
 * Registers a plugin's noun (helder_entity_register()) and its read and
 * write permissions, held by the entity's read_roles and write_roles.
 *
 * Returns: %FALSE when the noun clashes with one that is known
 */
gboolean
helder_context_add_entity (HelderContext *self, const HelderEntity *entity, GError **error)
{
  g_return_val_if_fail (HELDER_IS_CONTEXT (self), FALSE);
  g_return_val_if_fail (entity != NULL, FALSE);

  if (!helder_entity_register (entity, error))
    return FALSE;
  helder_context_add_registration (self, REG_ENTITY, (gpointer) entity);
  add_entity_permissions (self, entity);
  return TRUE;
}

void
helder_context_add_person_data (HelderContext *self, const HelderPersonData *data)
{
  PersonDataCopy *c;

  g_return_if_fail (HELDER_IS_CONTEXT (self));
  g_return_if_fail (data != NULL && data->name != NULL && data->export != NULL &&
                    data->erase != NULL);

  c = g_new0 (PersonDataCopy, 1);
  c->name = g_strdup (data->name);
  c->public = *data;
  c->public.name = c->name;
  helder_context_add_registration (self, REG_PERSON_DATA, c);
}

/**
 * helder_context_list_person_data:
 *
 * Returns: (transfer container) (element-type HelderPersonData): what
 *   plugins keep about people outside their nouns
 */
GPtrArray *
helder_context_list_person_data (HelderContext *self)
{
  g_return_val_if_fail (HELDER_IS_CONTEXT (self), NULL);

  return helder_context_list_registrations (self, REG_PERSON_DATA);
}

/**
 * helder_context_add_audience_filter:
 * @filter: (transfer none): copied
 *
 * Registers a filter that narrows, when it is sent, the audience of a
 * moment whose audience_filter names it. A name is taken once; adding it
 * again is a programming error and is ignored with a warning.
 */
void
helder_context_add_audience_filter (HelderContext *self, const HelderAudienceFilter *filter)
{
  g_autoptr (GPtrArray) known = NULL;
  AudienceFilterCopy *c;

  g_return_if_fail (HELDER_IS_CONTEXT (self));
  g_return_if_fail (filter != NULL && filter->name != NULL && filter->func != NULL);
  g_return_if_fail (filter->name[0] != '\0' && strchr (filter->name, ':') == NULL);

  known = helder_context_list_audience_filters (self);
  if (helder_audience_filter_find (known, filter->name) != NULL)
    {
      g_warning ("audience filter “%s” of %s ignored: it is registered already", filter->name,
                 self->owner ? self->owner : "core");
      return;
    }
  c = g_new0 (AudienceFilterCopy, 1);
  c->name = g_strdup (filter->name);
  c->public = *filter;
  c->public.name = c->name;
  helder_context_add_registration (self, REG_AUDIENCE_FILTER, c);
}

/**
 * helder_context_list_audience_filters:
 *
 * Returns: (transfer container) (element-type HelderAudienceFilter): the
 *   audience filters plugins registered
 */
GPtrArray *
helder_context_list_audience_filters (HelderContext *self)
{
  g_return_val_if_fail (HELDER_IS_CONTEXT (self), NULL);

  return helder_context_list_registrations (self, REG_AUDIENCE_FILTER);
}

/* Core's permissions: one per thing the routes of core allow that is not
 * reading or changing a noun (those come from the entities); and core's
 * navigation entries, which plugins' entries join by position. */
void
helder_context_register_core (HelderContext *self)
{
  static const HelderPermission core[] = {
    { "site.public", N_ ("see the home page, sign in and read the API description"),
      HELDER_ROLES_ANYONE },
    { "me.read", N_ ("read one’s own transition"), HELDER_ROLES_SIGNED_IN },
    { "me.digest", N_ ("choose whether one gets the weekly digest"), HELDER_ROLES_SIGNED_IN },
    { "dashboard.read", N_ ("see the dashboard and where the programme stands"),
      HELDER_ROLE_ADVISOR },
    { "people.transition", N_ ("see a person’s transition as they see it"), HELDER_ROLE_ADVISOR },
    { "moments.approve", N_ ("approve, cancel and supersede moments"), HELDER_ROLE_ADVISOR },
    { "commitments.record", N_ ("record what became of a commitment"), HELDER_ROLE_ADVISOR },
    { "gates.decide", N_ ("record a gate decision"), HELDER_ROLE_ADVISOR },
    { "audit.read", N_ ("read the audit log"), HELDER_ROLE_ADVISOR },
    { "hr.board", N_ ("see the roles to fill and the people to place"), HELDER_ROLES_STAFF },
    { "persons.privacy", N_ ("export and erase everything about a person"), HELDER_ROLE_ADVISOR },
    { "people.invite", N_ ("invite people who have no access yet"), HELDER_ROLE_ADVISOR },
    { "settings.change", N_ ("see and change the settings"), HELDER_ROLE_ADVISOR },
  };
  const HelderEntity *const *entities;
  guint n = 0;

  static const HelderNavEntry nav[] = {
    { "/dashboard", N_ ("Dashboard"), "dashboard.read", 10 },
    { "/moments/new", N_ ("New moment"), "moments.write", 20 },
    { "/hr", N_ ("HR board"), "hr.board", 30 },
    { "/audit", N_ ("Audit log"), "audit.read", 40 },
    { "/people", N_ ("People"), "people.write", 42 },
    { "/people/invite", N_ ("Invite"), "people.invite", 45 },
    { "/settings", N_ ("Settings"), "settings.change", 80 },
    { "/me", N_ ("My page"), "me.read", 90 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (core); i++)
    helder_context_add_permission (self, &core[i]);
  for (guint i = 0; i < G_N_ELEMENTS (nav); i++)
    helder_context_add_nav_entry (self, &nav[i]);
  entities = helder_entity_all (&n);
  for (guint i = 0; i < n; i++)
    if (entities[i]->owner == NULL)
      add_entity_permissions (self, entities[i]);
}
