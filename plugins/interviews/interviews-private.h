/* interviews-private.h — what the interviews plugin's parts register
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The plugin has four parts, each with its own files and its own load
 * function, called by interviews-plugin.c in this order:
 *   inventory  inv-*.c        items, sources, claims, conflicts, readiness,
 *                             CSV import/export, the gate measure, `helder item`,
 *                             `helder readiness`
 *   picture    inv-picture*.c the architecture picture (Graphviz), its table
 *                             and overview, `helder inventory`
 *   listening  interview-*.c, concern-*.c
 *                             interviews and their templates, the meeting
 *                             moment, concerns, themes, answers, the digest
 *                             section, the demo, `helder interview`, `helder concern`
 *   web        interviews-web*.c
 *                             pages, API, navigation, permissions, panels
 * Services shared between the parts are declared in inv-service.h,
 * inv-picture.h, interview-service.h and concern-service.h.
 */
#pragma once

#include "helder.h"

G_BEGIN_DECLS

#define INTERVIEWS_COMPONENT "interviews"

/* The listening part's nouns (interview, concern_theme, concern), first:
 * the inventory's sources refer to interviews. */
void interviews_listening_nouns_load (HelderContext *context);
void interviews_inventory_load (HelderContext *context);
void interviews_picture_load (HelderContext *context);
void interviews_listening_load (HelderContext *context);
void interviews_web_load (HelderContext *context);

G_END_DECLS
