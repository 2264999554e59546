/* helder.h — the one header a plugin includes
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything a plugin may use of libhelder, and nothing else: the clock,
 * errors and roles; dates as people type them; working days; the store;
 * the entity descriptors; the extension points (HelderAddin,
 * HelderChannel) and the registries of the context (commands, settings,
 * migrations, permissions, routes, navigation, templates, OpenAPI parts,
 * nouns, personal data, digest and personal-page sections, panels on core's
 * pages, audience filters, gate measures); CSV files read and written by
 * the staff import's rules; audiences a plugin resolves and moments
 * (meetings too) it creates, audited as a HelderAuditActor; the outbox rows
 * a person fetches and acknowledges (for a channel like the desktop
 * plugin's); what a route handler can do with a request; and the CLI's
 * helpers for a plugin's commands. The library exports only the functions
 * declared here (and what the `helder` program itself needs).
 */
#pragma once

#define HELDER_INSIDE
#include "helder-error.h"
#include "helder-clock.h"
#include "helder-role.h"
#include "store/helder-store.h"
#include "model/helder-entity.h"
#include "model/helder-text.h"
#include "model/helder-date.h"
#include "model/helder-working-days.h"
#include "services/util/helder-markdown.h"
#include "services/util/helder-csv-sheet.h"
#include "services/delivery/helder-digest.h"
#include "services/delivery/helder-outbox-offered.h"
#include "services/delivery/helder-moment-draft.h"
#include "services/repo/helder-audit-record.h"
#include "services/repo/helder-gate-measure.h"
#include "services/transfer/helder-demo-step.h"
#include "services/views/helder-audience.h"
#include "services/views/helder-audience-filter.h"
#include "engine/helder-command.h"
#include "engine/helder-setting.h"
#include "engine/helder-housekeeping.h"
#include "engine/helder-context.h"
#include "engine/helder-addin.h"
#include "engine/helder-channel.h"
#include "engine/helder-engine.h"
#include "web/helder-web.h"
#include "web/helder-web-defer.h"
#include "cli/helder-cli.h"
#undef HELDER_INSIDE
