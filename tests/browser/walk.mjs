// walk.mjs — sign in to Helder as each role in headless Chromium, walk the
// pages, check them with axe-core and save screenshots
//
// Copyright 2026 The Helder authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// Usage: node walk.mjs CONFIG.json   (run-browser-tests.sh writes the config:
// the server's address, a one-time login link per role, the records to open,
// where playwright-core and axe-core are installed and where screenshots go).
//
// Each role signs in by opening its login link and pressing the button, in a
// browser context with JavaScript turned off: Helder has no JavaScript and
// every page must read and submit without it. Every page is then opened a
// second time in a context with JavaScript and CSP bypassed, only to run
// axe-core with the WCAG 2.0/2.1 A and AA rules; any violation fails the
// test. The advisor also creates a moment through the form, approves it and
// checks that the page says so. At the end an employee opens the link in an
// e-mail Helder delivered (into a Maildir) and presses its button. Exit status 0 when every check passed, 1 when
// one failed (all failures are listed at the end), 2 on a usage error.

import { createRequire } from 'node:module';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import * as features from './walk-features.mjs';

if (process.argv.length !== 3) {
  console.error('usage: node walk.mjs CONFIG.json');
  process.exit(2);
}
const config = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const require = createRequire(path.join(config.node_modules, 'walk.cjs'));
const { chromium } = require('playwright-core');
const AXE_PATH = require.resolve('axe-core/axe.min.js');
const AXE_VERSION = require('axe-core/package.json').version;

const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run',
  '--disable-dev-shm-usage',
];
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 375, height: 812 };
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const HOME = { advisor: '/dashboard', hr: '/hr', employee: '/me' };
// Words that are English and never Dutch, to find untranslated text.
const ENGLISH = /\b(the|and|your|you|with|this|which|from|are|has|have|been|for|not|of the|to the)\b/i;

const failures = [];
let checks = 0;
let pagesWalked = 0;

function fail (where, message) {
  failures.push(`${where}: ${message}`);
  console.log(`not ok - ${where}: ${message}`);
}

function ok (where, message) {
  checks++;
  console.log(`ok - ${where}: ${message}`);
}

function check (condition, where, message) {
  if (condition) ok(where, message);
  else fail(where, message);
  return condition;
}

// "/people/7" → "people-7"; "/" → "home"
function slug (urlPath) {
  const s = urlPath.replace(/\?.*$/, '').replace(/^\/+|\/+$/g, '').replace(/[^A-Za-z0-9]+/g, '-');
  return s === '' ? 'home' : s;
}

// The login link as issued, made relative to the server actually running.
function loginPath (link) {
  const url = new URL(link);
  return url.pathname;
}

fs.mkdirSync(config.screenshots, { recursive: true });
for (const f of fs.readdirSync(config.screenshots))
  if (f.endsWith('.png'))
    fs.unlinkSync(path.join(config.screenshots, f));

async function screenshot (page, name) {
  await page.screenshot({ path: path.join(config.screenshots, `${name}.png`), fullPage: true });
}

// Checks on the page as served, without JavaScript.
async function checkMarkup (page, where) {
  const facts = {
    scripts: await page.locator('script').count(),
    styled: await page.locator('[style]').count(),
    styleBlocks: await page.locator('style').count(),
    lang: await page.locator('html').getAttribute('lang'),
    title: await page.title(),
    h1: await page.locator('h1').count(),
    main: await page.locator('main').count(),
  };
  if (facts.scripts !== 0) fail(where, `${facts.scripts} <script> element(s): Helder has no JavaScript`);
  if (facts.styled !== 0 || facts.styleBlocks !== 0)
    fail(where, `${facts.styled} style="" attribute(s) and ${facts.styleBlocks} <style> block(s): CSP allows neither`);
  if (!facts.lang || !/^(nl|en)$/.test(facts.lang)) fail(where, `<html lang="${facts.lang}">: expected nl or en`);
  if (!facts.title) fail(where, 'the page has no <title>');
  if (facts.h1 !== 1) fail(where, `${facts.h1} <h1> elements, expected exactly one`);
  if (facts.main !== 1) fail(where, `${facts.main} <main> elements, expected exactly one`);
  if (facts.lang === 'nl') {
    // WCAG 3.1.1/3.1.2: a page that says it is Dutch must be Dutch; English
    // function words give away text that was not translated.
    // Identifiers are no language: code (a setting's name such as
    // email.from) and the names of HTTP headers are left out.
    const codes = await page.locator('code').allInnerTexts();
    const text = (await page.locator('body').innerText()).replace(/X-Forwarded-For/g, '');
    const english = text.split('\n')
      .map((l) => codes.reduce((line, c) => (c ? line.split(c).join(' ') : line), l).trim())
      .filter((l) => ENGLISH.test(l));
    if (english.length > 0)
      fail(where, `<html lang="nl"> but ${english.length} line(s) of English, e.g. ` +
        english.slice(0, 4).map((l) => `“${l.length > 70 ? l.slice(0, 70) + '…' : l}”`).join(', '));
    else
      ok(where, 'the page is in Dutch throughout');
  }
  return facts;
}

async function horizontalOverflow (page) {
  // Measured from the layout; works with JavaScript off because Playwright
  // evaluates in its own isolated world.
  return page.evaluate(() => {
    const doc = document.documentElement;
    const wide = [];
    if (doc.scrollWidth > doc.clientWidth + 1) {
      for (const el of document.body.querySelectorAll('*')) {
        const r = el.getBoundingClientRect();
        if (r.right > doc.clientWidth + 1 && r.width > 0) {
          const id = el.id ? `#${el.id}` : '';
          const cls = typeof el.className === 'string' && el.className ? `.${el.className.trim().split(/\s+/).join('.')}` : '';
          wide.push(`${el.tagName.toLowerCase()}${id}${cls} (right edge ${Math.round(r.right)} px)`);
        }
        if (wide.length >= 5) break;
      }
    }
    // Regions that scroll sideways on their own (wide tables, charts):
    // allowed, but worth knowing.
    const scrolling = [];
    for (const el of document.querySelectorAll('.table-wrap, [role="region"], figure, svg')) {
      if (el.scrollWidth > el.clientWidth + 1) {
        const label = el.getAttribute('aria-labelledby');
        let name = label && document.getElementById(label) ? document.getElementById(label).textContent.trim() : el.tagName.toLowerCase();
        if (name.length > 50) name = name.slice(0, 50) + '…';
        scrolling.push(`${name} (${el.scrollWidth} px in ${el.clientWidth} px)`);
      }
    }
    return { scrollWidth: doc.scrollWidth, clientWidth: doc.clientWidth, wide, scrolling };
  });
}

// Runs axe-core on @urlPath in @axeContext (JavaScript on, CSP bypassed).
async function runAxe (axeContext, urlPath, where, expectStatus) {
  const page = await axeContext.newPage();
  try {
    const res = await page.goto(config.base + urlPath);
    if (res.status() !== expectStatus) {
      fail(where, `axe: the page answered ${res.status()} the second time (expected ${expectStatus})`);
      return;
    }
    await page.addScriptTag({ path: AXE_PATH });
    // WCAG 2.1 A/AA rules fail the test; axe's best practices (landmarks,
    // heading order…) are only noted.
    const all = await page.evaluate(async (tags) => {
      // eslint-disable-next-line no-undef
      const r = await axe.run(document, {
        runOnly: { type: 'tag', values: [...tags, 'best-practice'] },
        resultTypes: ['violations'],
      });
      return r.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        wcag: v.tags.some((t) => tags.includes(t)),
        nodes: v.nodes.map((n) => ({ target: n.target.join(' '), summary: n.failureSummary })),
      }));
    }, AXE_TAGS);
    for (const v of all.filter((v) => !v.wcag))
      console.log(`# note: ${where}: axe best practice ${v.id} (${v.impact}): ${v.help} — ` +
        v.nodes.slice(0, 4).map((n) => n.target).join(', ') + (v.nodes.length > 4 ? ', …' : ''));
    const result = all.filter((v) => v.wcag);
    if (result.length === 0) {
      ok(where, `axe-core ${AXE_VERSION}: no WCAG 2.1 A/AA violations`);
      return;
    }
    for (const v of result) {
      const nodes = v.nodes.slice(0, 8).map((n) => `\n      ${n.target}\n        ${n.summary.replace(/\n/g, '\n        ')}`).join('');
      const more = v.nodes.length > 8 ? `\n      … and ${v.nodes.length - 8} more` : '';
      fail(where, `axe ${v.id} (${v.impact}): ${v.help} — ${v.nodes.length} element(s):${nodes}${more}`);
    }
  } finally {
    await page.close();
  }
}

// Opens @urlPath as the signed-in role, checks it, screenshots it, runs axe.
async function visit (role, urlPath, options = {}) {
  const { page, axeContext } = role;
  const expect = options.status ?? 200;
  const name = `${role.name}-${options.name ?? slug(urlPath)}`;
  const where = `${role.name} ${options.label ?? urlPath}`;
  const problems = [];
  pagesWalked++;

  // Failed loads are reported by onResponse (the page's own status is
  // checked below); anything else in the console is a problem, such as a
  // style or image the CSP refused.
  const onConsole = (msg) => {
    if ((msg.type() === 'error' || msg.type() === 'warning') && !msg.text().startsWith('Failed to load resource'))
      problems.push(`console ${msg.type()}: ${msg.text()}`);
  };
  const onResponse = (res) => {
    const req = res.request();
    if (req.frame() === page.mainFrame() && !req.isNavigationRequest() && res.status() >= 400)
      problems.push(`${req.resourceType()} ${res.url()} answered ${res.status()}`);
  };
  const onFailed = (req) => problems.push(`request failed: ${req.url()} (${req.failure()?.errorText})`);
  page.on('console', onConsole);
  page.on('response', onResponse);
  page.on('requestfailed', onFailed);
  let res;
  try {
    res = await page.goto(config.base + urlPath);
    await page.waitForLoadState('load');
  } finally {
    page.off('console', onConsole);
    page.off('response', onResponse);
    page.off('requestfailed', onFailed);
  }
  if (!check(res.status() === expect, where, `answered ${res.status()}${res.status() === expect ? '' : ` (expected ${expect})`}`)) {
    const text = (await page.locator('body').innerText().catch(() => '')).slice(0, 300);
    console.log(`#   the page says: ${text.replace(/\s+/g, ' ')}`);
    await screenshot(page, name);
    return false;
  }
  for (const p of problems) fail(where, p);
  await checkMarkup(page, where);
  await screenshot(page, name);
  if (options.phone) {
    await page.setViewportSize(PHONE);
    const o = await horizontalOverflow(page);
    if (o.scrollWidth > o.clientWidth + 1)
      fail(where, `at ${PHONE.width} px the page is ${o.scrollWidth} px wide (scrolls sideways); too wide: ${o.wide.join(', ')}`);
    else
      ok(where, `fits ${PHONE.width} px without scrolling sideways`);
    if (o.scrolling.length > 0)
      console.log(`# note: ${where} at ${PHONE.width} px: ${o.scrolling.length} region(s) scroll sideways: ${o.scrolling.join('; ')}`);
    await page.screenshot({ path: path.join(config.screenshots, `${name}-phone.png`), fullPage: true });
    await page.setViewportSize(DESKTOP);
  }
  await runAxe(axeContext, urlPath, where, expect);
  return true;
}

// Signs @login in through its link and the button, without JavaScript.
async function signIn (browser, login) {
  const context = await browser.newContext({
    javaScriptEnabled: false,
    viewport: DESKTOP,
    locale: 'nl-NL',
    colorScheme: 'light',
  });
  const page = await context.newPage();
  const role = { name: login.name, role: login.role, person: login.person, context, page };
  const where = `${login.name} sign-in`;
  const link = loginPath(login.link);

  // The login page itself, before the code is used (axe needs its own
  // context: a GET does not use up the code).
  const anonAxe = await browser.newContext({ bypassCSP: true, viewport: DESKTOP, locale: 'nl-NL' });
  role.axeContext = anonAxe;
  const shown = await visit(role, link, { name: 'login', label: '/login/CODE' });
  await anonAxe.close();
  if (!shown) return null;

  const button = page.locator('form[action="/login"] button[type="submit"]');
  if (!check(await button.count() === 1, where, 'the login page has one sign-in button')) return null;
  const [res] = await Promise.all([page.waitForNavigation(), button.click()]);
  const landed = new URL(page.url()).pathname;
  if (!check(res.status() === 200 && landed === HOME[login.role], where,
    `pressing the button leads to ${landed} (${res.status()}), expected ${HOME[login.role]}`))
    return null;
  const cookies = await context.cookies();
  const session = cookies.find((c) => c.name === 'helder_session');
  check(session && session.httpOnly && session.sameSite === 'Strict', where,
    'the session cookie is HttpOnly and SameSite=Strict');

  // The link works once.
  const again = await page.goto(config.base + link);
  check(again.status() === 404, where, `the used link answers ${again.status()} the second time (expected 404)`);

  role.axeContext = await browser.newContext({
    bypassCSP: true,
    viewport: DESKTOP,
    locale: 'nl-NL',
    storageState: await context.storageState(),
  });
  return role;
}

async function signOut (role) {
  const where = `${role.name} sign-out`;
  await role.page.goto(config.base + HOME[role.role]);
  const button = role.page.locator('form[action="/logout"] button[type="submit"]');
  if (!check(await button.count() === 1, where, 'the header has a sign-out button')) return;
  await Promise.all([role.page.waitForNavigation(), button.click()]);
  check(new URL(role.page.url()).pathname === '/', where, `signing out leads to ${new URL(role.page.url()).pathname}`);
  const res = await role.page.goto(config.base + HOME[role.role]);
  check(res.status() === 401 || res.status() === 403 || new URL(role.page.url()).pathname !== HOME[role.role],
    where, `after signing out ${HOME[role.role]} answers ${res.status()} at ${new URL(role.page.url()).pathname}`);
}

// Days from the server's pinned clock (HELDER_NOW), not the machine's.
function inDays (days) {
  const pinned = Date.parse(process.env.HELDER_NOW || '');
  const now = Number.isNaN(pinned) ? Date.now() : pinned;
  const d = new Date(now + days * 86400000);
  return d.toISOString().slice(0, 10);
}

// The advisor creates a moment through the form and approves it.
async function createAndApprove (role) {
  const { page } = role;
  const where = 'advisor moment form';
  const title = 'Browsertest: inloopspreekuur regierollen';

  // First the form sent empty: an error summary, and each error next to
  // its field; then without a title only.
  await page.goto(config.base + '/moments/new');
  await page.fill('#title', '');
  await page.fill('#scheduled-date', '');
  let [res] = await Promise.all([page.waitForNavigation(),
    page.locator('form[action="/moments"] button[type="submit"]').click()]);
  if (check(res.status() >= 400 && res.status() < 500, where, `the empty form answers ${res.status()}`)) {
    check(await page.locator('.error-summary').count() === 1, where, 'an error summary heads the form');
    const invalid = await page.locator('[aria-invalid="true"]').count();
    check(invalid >= 1, where, `${invalid} field(s) marked aria-invalid`);
    check(await page.locator('.field-error').count() >= 1, where, 'the errors are next to their fields');
    await screenshot(page, 'advisor-moment-form-errors');
    await axeOnErrorForm(role);
  }
  await page.goto(config.base + '/moments/new');
  await page.fill('#title', '');
  await page.check('#group-servicedesk');
  await page.fill('#scheduled-date', inDays(14));
  [res] = await Promise.all([page.waitForNavigation(),
    page.locator('form[action="/moments"] button[type="submit"]').click()]);
  if (check(res.status() >= 400 && res.status() < 500, where, `the form without a title answers ${res.status()}`)) {
    check(await page.locator('#title[aria-invalid="true"]').count() === 1, where, 'the title field is marked invalid');
    check(await page.locator('#title-error').count() === 1, where, 'the title error is next to the field');
    check(await page.locator('#group-servicedesk:checked').count() === 1, where, 'the values typed are kept');
  }

  await page.goto(config.base + '/moments/new');
  await page.fill('#title', title);
  await page.fill('#body', 'Wil je weten wat een **servicemanager** doet?\n\n- Kom langs in de kantine\n- Neem je vragen mee');
  await page.check('#group-servicedesk');
  await page.check('#channel-email');
  await page.check('#channel-meeting');
  await page.fill('#scheduled-date', inDays(14));
  await page.fill('#scheduled-time', '10:30');
  [res] = await Promise.all([page.waitForNavigation(),
    page.locator('form[action="/moments"] button[type="submit"]').click()]);
  const created = new URL(page.url()).pathname;
  const match = created.match(/^\/moments\/(\d+)$/);
  if (!check(res.status() === 200 && match, where, `saving leads to ${created} (${res.status()})`)) {
    const text = (await page.locator('main').innerText().catch(() => '')).slice(0, 500);
    console.log(`#   the page says: ${text.replace(/\s+/g, ' ')}`);
    await screenshot(page, 'advisor-moment-create-failed');
    return;
  }
  check((await page.locator('h1').innerText()).includes(title), where, 'the new moment shows its title');
  check(await page.locator('.status--draft').count() >= 1, where, 'the new moment is a draft');
  check(await page.locator('.markdown strong').count() >= 1, where, 'the Markdown body is rendered (bold)');
  await visit(role, created, { name: 'moment-created' });

  const approve = page.locator(`form[action="/moments/${match[1]}/approve"] button[type="submit"]`);
  if (!check(await approve.count() === 1, where, 'the draft has an approve button')) return;
  [res] = await Promise.all([page.waitForNavigation(), approve.click()]);
  check(res.status() === 200 && new URL(page.url()).pathname === created, where,
    `approving leads back to ${new URL(page.url()).pathname} (${res.status()})`);
  const status = page.locator('.status--approved');
  const statusText = (await status.count()) ? (await status.first().innerText()).trim() : '';
  check(/goedgekeurd|approved/i.test(statusText), where, `the page says the moment is approved (“${statusText}”)`);
  check(await page.locator(`form[action="/moments/${match[1]}/approve"]`).count() === 0, where,
    'an approved moment can no longer be approved');
  check(await page.locator('#title').count() === 0, where, 'an approved moment can no longer be edited');
  await screenshot(page, 'advisor-moment-approved');
  await runAxe(role.axeContext, new URL(page.url()).pathname + new URL(page.url()).search,
    'advisor approved moment', 200);
}

// Sends the empty moment form in the axe context and runs axe on the answer.
async function axeOnErrorForm (role) {
  const page = await role.axeContext.newPage();
  const where = 'advisor /moments (form with errors)';
  try {
    await page.goto(config.base + '/moments/new');
    await page.fill('#title', '');
    await page.fill('#scheduled-date', '');
    await Promise.all([page.waitForNavigation(),
      page.locator('form[action="/moments"] button[type="submit"]').click()]);
    await page.addScriptTag({ path: AXE_PATH });
    const violations = await page.evaluate(async (tags) => {
      // eslint-disable-next-line no-undef
      const r = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
      return r.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    }, AXE_TAGS);
    if (violations.length === 0) ok(where, 'axe-core: no WCAG 2.1 A/AA violations');
    for (const v of violations) fail(where, `axe ${v}`);
  } finally {
    await page.close();
  }
}

// Sends the form at @urlPath with a problem (as it is, or after @prepare)
// in the axe context, checks that the answer names it, and runs axe on it.
async function axeOnSubmitted (role, urlPath, submit, where, prepare) {
  const page = await role.axeContext.newPage();
  try {
    await page.goto(config.base + urlPath);
    if (prepare) await prepare(page);
    const [res] = await Promise.all([page.waitForNavigation(), page.locator(submit).click()]);
    check(res.status() >= 400 && res.status() < 500 && await page.locator('.error-summary').count() === 1,
      where, `the form with a problem answers ${res.status()} with an error summary`);
    await page.addScriptTag({ path: AXE_PATH });
    const violations = await page.evaluate(async (tags) => {
      // eslint-disable-next-line no-undef
      const r = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
      return r.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    }, AXE_TAGS);
    if (violations.length === 0) ok(where, 'axe-core: no WCAG 2.1 A/AA violations');
    for (const v of violations) fail(where, `axe ${v}`);
  } finally {
    await page.close();
  }
}

// Presses @submit on the advisor's page (no JavaScript) and waits.
async function press (page, submit) {
  const [res] = await Promise.all([page.waitForNavigation(), page.locator(submit).click()]);
  return res;
}

// The advisor's forms for commitments (issue 12): a new one, an update
// with its evidence link, and withdrawing (sent without an explanation).
async function walkCommitmentForms (role) {
  const { page } = role;
  const where = 'advisor commitment forms';

  await visit(role, '/commitments/new');
  await axeOnSubmitted(role, '/commitments/new', 'form[action="/commitments"] button[type="submit"]',
    'advisor /commitments (form with errors)');
  await page.goto(config.base + '/commitments/new');
  await page.fill('#text', 'Browsertest: iedereen van de servicedesk krijgt een **opfriscursus**.');
  await page.fill('#due_on', inDays(30));
  await page.check('#group-servicedesk');
  let res = await press(page, 'form[action="/commitments"] button[type="submit"]');
  const commitment = new URL(page.url()).pathname;
  if (!check(res.status() === 200 && /^\/commitments\/\d+$/.test(commitment), where,
    `recording a commitment leads to ${commitment} (${res.status()})`)) return;
  await visit(role, commitment, { name: 'commitment-created' });
  await axeOnSubmitted(role, commitment, `form[action="${commitment}/withdraw"] button[type="submit"]`,
    'advisor withdraw without an explanation');
  await page.goto(config.base + commitment);
  await page.selectOption('#status', 'kept');
  await page.fill('#note', 'Gegeven op 2 december.');
  await page.fill('#evidence_url', 'https://intranet.voorbeeld.nl/verslag');
  res = await press(page, `form[action="${commitment}/updates"] button[type="submit"]`);
  check(res.status() === 200 && await page.locator('main a[href="https://intranet.voorbeeld.nl/verslag"]').count() === 1,
    where, `the update is recorded with its evidence link (${res.status()})`);
}

// The advisor's forms for gates and criteria (issue 12): a new gate, a new
// criterion, and a criterion's status with a note.
async function walkGateForms (role) {
  const { page } = role;
  const where = 'advisor gate forms';

  await visit(role, '/gates/new');
  await axeOnSubmitted(role, '/gates/new', 'form[action="/gates"] button[type="submit"]',
    'advisor /gates (form with errors)');
  await page.goto(config.base + '/gates/new');
  await page.fill('#name', 'Browsertest go/no-go');
  await page.fill('#decide_on', inDays(40));
  await page.check('#group-servicedesk');
  let res = await press(page, 'form[action="/gates"] button[type="submit"]');
  const gate = new URL(page.url()).pathname;
  if (!check(res.status() === 200 && gate === '/gates/browsertest-go-no-go', where,
    `creating a gate leads to ${gate} (${res.status()})`)) return;
  await visit(role, gate, { name: 'gate-created' });
  await visit(role, `${gate}/criteria/new`);
  await axeOnSubmitted(role, `${gate}/criteria/new`, `form[action="${gate}/criteria"] button[type="submit"]`,
    'advisor new criterion (form with errors)');
  await page.goto(config.base + `${gate}/criteria/new`);
  await page.fill('#text', 'Alle servers zijn gepatcht');
  await page.fill('#owner', 'Pieter Bakker');
  res = await press(page, `form[action="${gate}/criteria"] button[type="submit"]`);
  const link = page.locator(`main a[href^="${gate}/criteria/"]:not([href$="/new"])`);
  if (!check(res.status() === 200 && await link.count() === 1, where,
    `the new criterion is on the gate's page (${res.status()})`)) return;
  const criterion = await link.getAttribute('href');
  await visit(role, criterion, { name: 'criterion' });
  await page.goto(config.base + criterion);
  await page.check('#status-met');
  await page.fill('#note', 'Gecontroleerd op 3 december.');
  res = await press(page, `form[action="${criterion}"] button[type="submit"]`);
  check(res.status() === 200 && await page.locator('main td .status--met').count() === 1, where,
    `the criterion is met, with its note (${res.status()})`);
}

// The advisor's forms of issue 12, point 4 (part B).
async function walkAdvisorForms (role) {
  await walkCommitmentForms(role);
  await walkGateForms(role);
  await walkSupersedeForm(role);
}

// A new version of an approved moment (issue 12): its form, and the form
// sent without a title; nothing is saved.
async function walkSupersedeForm (role) {
  const { page } = role;
  const where = 'advisor new version of a moment';

  await page.goto(config.base + '/dashboard');
  const approved = page.locator('main li:has(.status--approved) a[href^="/moments/"]').first();
  if (!check(await approved.count() === 1, where, 'the dashboard lists an approved moment')) return;
  const moment = await approved.getAttribute('href');
  await page.goto(config.base + moment);
  if (!check(await page.locator(`main a[href="${moment}/supersede"]`).count() === 1, where,
    'an approved moment offers a new version')) return;
  await visit(role, `${moment}/supersede`, { name: 'moment-supersede' });
  await axeOnSubmitted(role, `${moment}/supersede`, `form[action="${moment}/supersede"] button[type="submit"]`,
    'advisor new version (form with errors)', (p) => p.fill('#title', ''));
}

// Signed out: from a used sign-in link's page, follow "ask for a new link",
// submit an address without JavaScript and read the answer; axe on the form
// and on the answer (submitted again in the axe context, which has
// JavaScript: the answer is the same for every address).
async function askForNewLink (browser, usedLink) {
  const where = 'anonymous /login/request';
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: DESKTOP, locale: 'nl-NL' });
  const axeContext = await browser.newContext({ bypassCSP: true, viewport: DESKTOP, locale: 'nl-NL' });
  try {
    const page = await context.newPage();
    const refused = await page.goto(config.base + usedLink);
    check(refused.status() === 404, where, `the used link answers ${refused.status()} (expected 404)`);
    const ask = page.locator('main a[href="/login/request"]');
    if (!check(await ask.count() === 1, where, 'the page of a used link offers to ask for a new one')) return;
    await Promise.all([page.waitForNavigation(), ask.click()]);
    check(new URL(page.url()).pathname === '/login/request', where, 'the link leads to /login/request');
    await checkMarkup(page, where);
    await screenshot(page, 'anonymous-login-request');
    await page.fill('#email', 'iemand@voorbeeld.nl');
    const [res] = await Promise.all([page.waitForNavigation(),
      page.locator('form[action="/login/request"] button[type="submit"]').click()]);
    const answer = await page.locator('main [role="status"]').innerText().catch(() => '');
    check(res.status() === 200 && answer.length > 0, where,
      `submitting an address answers ${res.status()} with a status message`);
    await checkMarkup(page, `${where} (answer)`);
    await screenshot(page, 'anonymous-login-request-sent');
    pagesWalked += 2;

    await runAxe(axeContext, '/login/request', where, 200);
    const axePage = await axeContext.newPage();
    try {
      await axePage.goto(config.base + '/login/request');
      await axePage.fill('#email', 'iemand@voorbeeld.nl');
      await Promise.all([axePage.waitForNavigation(),
        axePage.locator('form[action="/login/request"] button[type="submit"]').click()]);
      await axePage.addScriptTag({ path: AXE_PATH });
      const violations = await axePage.evaluate(async (tags) => {
        // eslint-disable-next-line no-undef
        const r = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
        return r.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      }, AXE_TAGS);
      if (violations.length === 0) ok(`${where} (answer)`, 'axe-core: no WCAG 2.1 A/AA violations');
      for (const v of violations) fail(`${where} (answer)`, `axe ${v}`);
    } finally {
      await axePage.close();
    }
  } finally {
    await context.close();
    await axeContext.close();
  }
}

// The body of a delivered message, its quoted-printable undone.
function readMessage (file) {
  return fs.readFileSync(file, 'latin1')
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_, hex) => String.fromCharCode(parseInt(hex, 16)));
}

// Helder sends the week's messages to a real SMTP server on loopback, which
// keeps them in a Maildir (server.base_url set to the server's address);
// the employee with a discussed role change opens
// the link of their e-mail in a browser that is not signed in, sees the page
// with one button (axe), presses it and lands on their own page, signed in.
async function signInFromEmail (browser) {
  const where = 'e-mail link';
  const login = config.logins.find((l) => l.name === 'employee-discussed');
  const helder = (...args) => execFileSync(config.helder, ['--db', config.db, ...args], { encoding: 'utf8' });
  const maildir = config.sink;
  helder('config', 'set', 'server.base_url', config.base);
  helder('config', 'set', 'email.mode', 'smtp');
  helder('config', 'set', 'smtp.url', config.smtp);
  helder('config', 'set', 'email.from', 'Programma Wolk <wolk@voorbeeld.nl>');
  helder('config', 'set', 'delivery.rate_per_second', '0');
  helder('send');
  const person = JSON.parse(helder('--json', 'person', 'show', String(login.person)));
  const messages = fs.readdirSync(path.join(maildir, 'new'))
    .map((f) => readMessage(path.join(maildir, 'new', f)))
    .filter((m) => new RegExp(`^To:.*${person.email.replace(/[.]/g, '\\.')}`, 'mi').test(m));
  if (!check(messages.length > 0, where, `${messages.length} message(s) delivered to ${person.email}`)) return;
  const links = [...new Set(messages.flatMap((m) => m.match(/https?:\/\/[^\s"'<>()\]]+/g) ?? []))];
  // Links to Helder's own pages start with server.base_url; others (a
  // meeting's online address) lead elsewhere on purpose.
  const helderPaths = /^\/(s|rsvp|me|login|moments|commitments|gates|api)(\/|$)/;
  const elsewhere = links.filter((l) => !l.startsWith(config.base + '/'));
  check(links.length > 0 && elsewhere.every((l) => !helderPaths.test(new URL(l).pathname)), where,
    `every link to Helder starts with server.base_url (${links.join(', ')})`);
  const link = links.find((l) => new URL(l).pathname.startsWith('/s/'));
  if (!check(link !== undefined, where, 'the e-mail carries a sign-in link /s/CODE')) return;

  const context = await browser.newContext({ javaScriptEnabled: false, viewport: DESKTOP, locale: 'nl-NL' });
  const axeContext = await browser.newContext({ bypassCSP: true, viewport: DESKTOP, locale: 'nl-NL' });
  const page = await context.newPage();
  const reader = { name: 'employee-from-email', role: 'employee', context, page, axeContext };
  try {
    if (!await visit(reader, new URL(link).pathname, { name: 'message-link', label: '/s/CODE', phone: true })) return;
    check((await context.cookies()).every((c) => c.name !== 'helder_session'), where,
      'opening the link signs nobody in');
    const button = page.locator('form[action="/s"] button[type="submit"]');
    if (!check(await button.count() === 1, where, 'the page has one button')) return;
    const [res] = await Promise.all([page.waitForNavigation(), button.click()]);
    const landed = new URL(page.url()).pathname;
    if (!check(res.status() === 200 && landed === '/me', where,
      `pressing the button leads to ${landed} (${res.status()}), expected /me`)) return;
    check((await page.locator('.site-header__who').innerText()).includes(person.name), where,
      `${person.name}'s own page, signed in as them`);
    const session = (await context.cookies()).find((c) => c.name === 'helder_session');
    check(session && session.httpOnly && session.sameSite === 'Strict', where,
      'the session cookie is HttpOnly and SameSite=Strict');
    await screenshot(page, 'employee-from-email-me');
    const dashboard = await page.goto(config.base + '/dashboard');
    check(dashboard.status() === 403, where, `the link signs in as an employee (/dashboard answers ${dashboard.status()})`);
    // A link that is not (or no longer) valid leads to a new one.
    await visit(reader, '/s/OnbekendeCodeVanEenOudBericht', { status: 404, name: 'message-link-unknown', label: '/s/UNKNOWN' });
    check(await page.locator('a[href="/login/request"]').count() === 1, where,
      'an unknown link offers the way to a new one');
  } finally {
    await context.close();
    await axeContext.close();
  }
}

// A moment with what the outbox holds for it (issue 12): one sent lately
// with messages on record (`helder status`), else one whose messages or
// meeting invitations are queued; its reach, with the table of channels,
// checked with axe like every other page.
async function visitMomentReach (role) {
  const helder = (...args) => execFileSync(config.helder, ['--db', config.db, ...args], { encoding: 'utf8' });
  const sent = (JSON.parse(helder('--json', 'status')).sent ?? []).find((m) => m.reach?.recorded);
  const queued = JSON.parse(helder('--json', 'outbox', '--limit', '1')).items ?? [];
  const id = sent?.id ?? queued.map((row) => /^(?:moment|meeting):(\d+)/.exec(row.source)?.[1]).find(Boolean);
  if (!check(id !== undefined, 'moment reach', 'a moment has messages in the outbox')) return;
  await visit(role, `/moments/${id}`, { name: 'moment-reach' });
  check(await role.page.locator('#reach-caption').count() === 1, 'moment reach',
    `/moments/${id} shows its reach per channel`);
}

// The employee answers a meeting invitation with the link from their
// invitation e-mail (config.rsvp: its path, ?answer=yes): the link shows
// one button and changes nothing; pressing it records the answer, which
// their own page then shows.
async function answerMeetingInvitation (role) {
  const { page } = role;
  const where = `${role.name} meeting invitation`;

  if (!check(typeof config.rsvp === 'string' && config.rsvp.startsWith('/rsvp/'), where,
    'the invitation in the outbox has a personal answer link'))
    return;
  if (!await visit(role, config.rsvp, { name: 'rsvp', label: '/rsvp/MEETING/TOKEN' })) return;
  const before = await page.goto(config.base + '/me');
  check(before.status() === 200 && await page.locator('.rsvp-current').first().innerText() === 'Nog geen antwoord',
    where, 'opening the link recorded nothing: the own page still says “Nog geen antwoord”');
  await page.goto(config.base + config.rsvp);
  const button = page.locator('main form[action^="/rsvp/"] button[type="submit"]');
  if (!check(await button.count() === 1, where, 'the answer page has one button')) return;
  const [res] = await Promise.all([page.waitForNavigation(), button.click()]);
  const said = await page.locator('main').innerText();
  check(res.status() === 200 && said.includes('Je antwoord is vastgelegd') && said.includes('Ja, ik kom'), where,
    `pressing it records the answer (${res.status()})`);
  await screenshot(page, `${role.name}-rsvp-recorded`);
  await page.goto(config.base + '/me');
  const shown = await page.locator('.rsvp-current').allInnerTexts();
  check(shown.includes('Ja, ik kom'), where, `the own page shows the answer (${shown.join(', ')})`);
  await screenshot(page, `${role.name}-me-answered`);
}

// HR confirms an intended placement on /hr and withdraws it again: each
// button is a form with the session's CSRF token; the board says what
// happened, in Dutch, and passes axe-core after each step.
async function confirmAndWithdrawPlacement (role) {
  const { page } = role;
  const where = 'hr placement buttons';

  await page.goto(config.base + '/hr');
  const confirm = page.locator('form[action$="/confirm"] button[type="submit"]').first();
  if (!check(await confirm.count() === 1, where, 'the board offers to confirm an intended placement')) return;
  const action = await page.locator('form[action$="/confirm"]').first().getAttribute('action');
  const id = action.split('/')[3];
  let [res] = await Promise.all([page.waitForNavigation(), confirm.click()]);
  let landed = new URL(page.url());
  check(res.status() === 200 && landed.pathname === '/hr' && landed.searchParams.get('confirmed') === id,
    where, `confirming leads to ${landed.pathname}${landed.search} (${res.status()})`);
  const confirmed = await page.locator('.banner--success').innerText().catch(() => '');
  check(confirmed.startsWith('Bevestigd:'), where, `the board says “${confirmed.trim()}”`);
  await screenshot(page, `${role.name}-hr-confirmed`);
  await visit(role, `/hr?confirmed=${id}`, { name: 'hr-confirmed' });

  const withdraw = page.locator(`form[action="/hr/placements/${id}/withdraw"] button[type="submit"]`);
  if (!check(await withdraw.count() === 1, where, 'the confirmed placement can be withdrawn')) return;
  [res] = await Promise.all([page.waitForNavigation(), withdraw.click()]);
  landed = new URL(page.url());
  check(res.status() === 200 && landed.searchParams.get('withdrawn') === id, where,
    `withdrawing leads to ${landed.pathname}${landed.search} (${res.status()})`);
  const withdrawn = await page.locator('.banner--success').innerText().catch(() => '');
  check(withdrawn.startsWith('Ingetrokken:'), where, `the board says “${withdrawn.trim()}”`);
  check(await page.locator(`form[action="/hr/placements/${id}/confirm"]`).count() === 0, where,
    'a withdrawn placement offers no buttons');
  await visit(role, `/hr?withdrawn=${id}`, { name: 'hr-withdrawn' });
}

// HR records an intended placement by typing a person on /hr: part of two
// names answers the form with both to choose from (axe on the answer), an
// unambiguous part of a name records it; one role's placements (the link
// behind "en N anderen") and the pages of the lists pass axe too.
async function recordPlacementByName (role) {
  const where = 'hr placement by name';
  await axeOnSubmitted(role, '/hr', 'form[action="/hr/placements#record"] button[type="submit"]',
    'hr /hr (a name that fits two people)', async (page) => {
      await page.fill('#hr-person', 'dijk');
      await page.selectOption('#hr-role', 'contractmanager');
    });
  const { page } = role;
  await page.goto(config.base + '/hr');
  await page.fill('#hr-person', 'dijk');
  await page.selectOption('#hr-role', 'contractmanager');
  let res = await press(page, 'form[action="/hr/placements#record"] button[type="submit"]');
  const said = await page.locator('#hr-person-error').innerText().catch(() => '');
  check(res.status() === 400 && said.includes('Marleen van Dijk') && said.includes('Sven Dijkstra'), where,
    `a name that fits two people lists both (${res.status()}: “${said.trim()}”)`);
  await page.fill('#hr-person', 'leeuwen');
  res = await press(page, 'form[action="/hr/placements#record"] button[type="submit"]');
  const banner = await page.locator('.banner--success').innerText().catch(() => '');
  check(res.status() === 200 && banner.startsWith('Vastgelegd: Joost van Leeuwen'), where,
    `part of one name records the placement (${res.status()}: “${banner.trim()}”)`);
  await visit(role, '/hr?placements_role=contractmanager#placements', { name: 'hr-one-role' });
}

// The advisor's people and settings pages (issue 12): the list, a search
// regardless of accents, a group, the person forms and the settings, each
// with axe; then each form sent with a bad value, without JavaScript, and
// axe on the answer with its errors.
async function walkPeopleAndSettings (role) {
  const employee = config.logins.find((l) => l.role === 'employee');
  await visit(role, '/people', { phone: true });
  await visit(role, '/people?q=DE%20JONG', { name: 'people-search' });
  await visit(role, '/people?group=servicedesk', { name: 'people-group' });
  await visit(role, '/people/new');
  await visit(role, `/people/${employee.person}/edit`, { name: 'person-edit' });
  await visit(role, '/settings', { phone: true });

  const { page } = role;
  let where = 'advisor person form';
  await page.goto(config.base + `/people/${employee.person}/edit`);
  await page.fill('#name', '');
  await page.fill('#email', 'geen-adres');
  let [res] = await Promise.all([page.waitForNavigation(),
    page.locator('form.form[method="post"] button[type="submit"]').click()]);
  if (check(res.status() === 400, where, `a form without a name and with a bad address answers ${res.status()}`)) {
    check(await page.locator('.error-summary li').count() === 2, where, 'the summary names both problems');
    check(await page.locator('#name[aria-invalid="true"]').count() === 1, where, 'the name field is marked invalid');
    check(await page.locator('#email-error').count() === 1, where, 'the address error is next to its field');
    await screenshot(page, 'advisor-person-form-errors');
  }
  await features.axeOnAnswer(role, `/people/${employee.person}/edit`, 'advisor person form (with errors)',
    async (p) => { await p.fill('#name', ''); await p.fill('#email', 'geen-adres'); });

  where = 'advisor settings form';
  await page.goto(config.base + '/settings');
  await page.fill('#setting-digest-hour', '25');
  [res] = await Promise.all([page.waitForNavigation(),
    page.locator('form[action="/settings"] button[type="submit"]').click()]);
  if (check(res.status() === 400, where, `an hour of 25 answers ${res.status()}`)) {
    check(await page.locator('#setting-digest-hour[aria-invalid="true"]').count() === 1, where,
      'the hour is marked invalid');
    check((await page.locator('.error-summary').innerText()).includes('digest.hour'), where,
      'the summary names the setting');
    await screenshot(page, 'advisor-settings-errors');
  }
  await features.axeOnAnswer(role, '/settings', 'advisor settings form (with errors)',
    async (p) => { await p.fill('#setting-digest-hour', '25'); });
}

async function main () {
  const browser = await chromium.launch({
    executablePath: config.chromium,
    headless: true,
    args: CHROMIUM_ARGS,
  });
  console.log(`# Chromium ${browser.version()}, axe-core ${AXE_VERSION}, server ${config.base}`);
  features.setup({ visit, check, ok, fail, press, axeOnSubmitted, runAxe, screenshot, slug, inDays,
    config, execFileSync, countPage: () => pagesWalked++, AXE_PATH, AXE_TAGS });
  try {
    // Anyone: the start page and a page that does not exist.
    {
      const context = await browser.newContext({ javaScriptEnabled: false, viewport: DESKTOP, locale: 'nl-NL' });
      const axeContext = await browser.newContext({ bypassCSP: true, viewport: DESKTOP, locale: 'nl-NL' });
      const anon = { name: 'anonymous', role: 'anonymous', context, page: await context.newPage(), axeContext };
      await visit(anon, '/', { phone: true });
      await visit(anon, '/bestaat-niet', { status: 404, name: 'not-found' });
      await context.close();
      await axeContext.close();
    }

    const roles = [];
    for (const login of config.logins) {
      const role = await signIn(browser, login);
      if (role) roles.push(role);
      else fail(login.name, 'could not sign in; this role\'s pages were not walked');
    }

    for (const role of roles) {
      if (role.role === 'advisor') {
        await visit(role, '/dashboard', { phone: true });
        await visit(role, '/moments/new');
        await visit(role, `/moments/${config.moment}`);
        await visitMomentReach(role);
        await visit(role, `/commitments/${config.commitment}`);
        await visit(role, `/gates/${encodeURIComponent(config.gate)}`);
        await visit(role, '/hr');
        await visit(role, '/audit');
        const employee = config.logins.find((l) => l.role === 'employee');
        await visit(role, `/people/${employee.person}`);
        await visit(role, '/me', { phone: true });
        await createAndApprove(role);
        await walkPeopleAndSettings(role);
        await walkAdvisorForms(role);
      } else if (role.role === 'hr') {
        await visit(role, '/hr', { phone: true });
        await visit(role, '/me');
        await visit(role, '/dashboard', { status: 403, name: 'dashboard-forbidden' });
      } else {
        await visit(role, '/me', { phone: true });
        await visit(role, '/dashboard', { status: 403, name: 'dashboard-forbidden' });
        const other = config.logins.find((l) => l.role === 'employee' && l.person !== role.person);
        await visit(role, `/people/${other.person}`, { status: 403, name: 'other-person-forbidden' });
      }
    }

    await features.walkSurvey(roles);
    await features.walkWebPanels(roles);
    await features.walkInterviews(roles);
    const employee = roles.find((r) => r.role === 'employee');
    const invited = roles.find((r) => r.person === config.rsvp_person);
    if (invited) await answerMeetingInvitation(invited);
    const hrRole = roles.find((r) => r.role === 'hr');
    if (hrRole) await confirmAndWithdrawPlacement(hrRole);
    if (hrRole) await recordPlacementByName(hrRole);
    if (employee) await signOut(employee);
    for (const role of roles) {
      await role.context.close();
      await role.axeContext.close();
    }

    // Signed out, a used link's page leads to asking for a new one.
    const used = config.logins.find((l) => l.role === 'employee');
    if (used) await askForNewLink(browser, loginPath(used.link));
    await signInFromEmail(browser);
  } finally {
    await browser.close();
  }

  console.log(`# ${pagesWalked} pages walked, ${checks} checks passed, ${failures.length} failed;` +
    ` screenshots in ${config.screenshots}`);
  if (failures.length > 0) {
    console.log('# FAILED:');
    for (const f of failures) console.log(`#   ${f.split('\n')[0]}`);
    process.exit(1);
  }
}

main().catch((error) => {
  console.error(`walk.mjs: ${error.stack ?? error}`);
  process.exit(1);
});
