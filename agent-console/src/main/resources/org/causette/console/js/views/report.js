// Admins: the site's report with charts (Chart.js, from its WebJar, loaded on first use) and the questions the bot
// did not understand, each with a button to teach the bot when the server offers it.

import { h, fill } from '../dom.js';
import { t, tn, tOrNull, lang, formatTime, formatDuration, formatNumber, formatMoney, isoDay } from '../i18n.js';
import { loadIntents, forgetIntents, knownIntents, intentName } from '../intents.js';
import * as api from '../api.js';
import { reasonLabel } from './labels.js';
import { openDialog, field } from './dialog.js';

export const CHART_JS = '/webjars/chart.js/4.5.1/dist/chart.umd.js';
const COLORS = ['#3b4fd8', '#e0803a', '#2f9e6e', '#c2410c', '#7c3aed', '#0891b2', '#be185d', '#65a30d', '#a16207', '#475569'];

let chartLoader = null;
let charts = [];
let teachMissing = false; // the server has no POST /teach: buttons disabled
let taught = new Set();
let lastReport = null;

function loadChartJs() {
  if (window.Chart) return Promise.resolve(window.Chart);
  if (!chartLoader) {
    chartLoader = new Promise((resolve, reject) => {
      const script = document.createElement('script');
      script.src = CHART_JS;
      script.onload = () => (window.Chart ? resolve(window.Chart) : reject(new Error('Chart.js did not load')));
      script.onerror = () => { chartLoader = null; reject(new Error('Chart.js could not be fetched')); };
      document.head.append(script);
    });
  }
  return chartLoader;
}

export function showReport() {
  const root = document.getElementById('report');
  if (!root.dataset.built) build(root);
  load();
}

function build(root) {
  root.dataset.built = 'true';
  const today = new Date();
  const from = h('input', { id: 'report-from', type: 'date', value: isoDay(new Date(today.getTime() - 29 * 86400000)) });
  const to = h('input', { id: 'report-to', type: 'date', value: isoDay(today) });
  fill(root,
    h('form', { class: 'report-form', on: { submit: event => { event.preventDefault(); load(); } } },
      h('h1', { text: t('report.heading') }),
      field(t('report.from'), from),
      field(t('report.to'), to),
      h('button', { type: 'submit', class: 'primary', text: t('report.refresh') })),
    h('p', { id: 'report-error', class: 'form-error', attrs: { role: 'alert' } }),
    h('div', { id: 'report-body' }));
}

async function load() {
  const error = document.getElementById('report-error');
  error.textContent = '';
  const from = document.getElementById('report-from').value;
  const to = document.getElementById('report-to').value;
  let report;
  try {
    [report] = await Promise.all([api.report(from, to), loadIntents()]);
  } catch (e) {
    error.textContent = t('report.failed', { msg: e.message });
    return;
  }
  lastReport = report;
  draw(report);
}

export function redrawReport() {
  const root = document.getElementById('report');
  if (!root.dataset.built) return;
  delete root.dataset.built;
  build(root);
  if (lastReport) draw(lastReport);
}

/**
 * A figure with its one-line definition, shown on hover and on keyboard focus (the tile is focusable) and read by
 * screen readers as the tile's description.
 */
function tile(label, value, detail, key) {
  const definition = tOrNull(`report.def.${key}`);
  const id = `def-${key}`;
  return h('div', { class: 'tile', dataset: { kpi: key }, attrs: definition ? { tabindex: '0', 'aria-describedby': id } : {} },
    h('span', { class: 'tile-label', text: label }),
    h('strong', { class: 'tile-value', text: value }),
    detail ? h('span', { class: 'tile-detail muted', text: detail }) : null,
    definition ? h('span', { class: 'tile-def', id, text: definition, attrs: { role: 'tooltip' } }) : null);
}

function chartBox(id, title, wide = false, empty = false) {
  const definition = tOrNull(`report.def.${id}`);
  return h('figure', { class: `chart${wide ? ' wide' : ''}`, dataset: { chart: id } },
    h('figcaption', {}, h('span', { text: title, attrs: definition ? { title: definition } : {} }),
      empty ? h('span', { class: 'muted', text: t('report.noData') }) : null),
    definition ? h('p', { class: 'chart-def muted small', text: definition }) : null,
    h('div', { class: 'chart-canvas' }, h('canvas', { id, attrs: { role: 'img', 'aria-label': title } })));
}

function draw(report) {
  charts.forEach(c => c.destroy());
  charts = [];
  const pct = value => (value === null || value === undefined ? '—' : `${formatNumber(value * 100, { maximumFractionDigits: 0 })} %`);
  const body = document.getElementById('report-body');
  const days = report.perDay || [];
  fill(body,
    h('div', { class: 'tiles' },
      tile(t('report.conversations'), formatNumber(report.conversations), null, 'conversations'),
      tile(t('report.containment'), pct(report.containmentRate), `${formatNumber(report.botResolved)} / ${formatNumber(report.conversations)}`, 'containment'),
      report.botAnsweredQuestions !== undefined ? tile(t('report.botAnswered'), formatNumber(report.botAnsweredQuestions), null, 'botAnswered') : null,
      tile(t('report.handedOver'), formatNumber(report.handedOver), null, 'handedOver'),
      report.botHelpedBeforeHandover !== undefined ? tile(t('report.botHelped'), pct(report.botHelpedBeforeHandoverRate),
        `${formatNumber(report.botHelpedBeforeHandover)} / ${formatNumber(report.handedOver)}`, 'botHelped') : null,
      tile(t('report.firstResponse'), formatDuration(report.medianFirstResponseMs), null, 'firstResponse'),
      tile(t('report.queueWait'), formatDuration(report.medianQueueWaitMs), null, 'queueWait'),
      tile(t('report.csat'), report.csatAverage === null || report.csatAverage === undefined ? '—' : `${formatNumber(report.csatAverage, { maximumFractionDigits: 1 })} / 5`,
        tn('report.ratingsCount', report.csatCount || 0), 'csat'),
      tile(t('report.conversions'), formatNumber(report.conversions), report.conversionValue ? formatMoney(report.conversionValue) : null, 'conversions'),
      report.leads !== undefined ? tile(t('report.leads'), formatNumber(report.leads), null, 'leads') : null,
      report.conversionRate !== undefined ? tile(t('report.conversionRate'), pct(report.conversionRate),
        tn('report.window', report.attributionDays ?? 7), 'conversionRate') : null,
      report.nps ? tile(t('report.nps'), report.nps.score === null || report.nps.score === undefined ? '—' : formatNumber(report.nps.score, { maximumFractionDigits: 1 }),
        t('report.npsDetail', { p: tn('report.promoters', report.nps.promoters || 0), n: tn('report.passives', report.nps.passives || 0),
          d: tn('report.detractors', report.nps.detractors || 0) }), 'nps') : null),
    h('div', { class: 'charts' },
      chartBox('chart-per-day', t('report.perDay'), true, !days.length),
      chartBox('chart-containment', t('report.containmentPerDay'), false, !days.some(d => d.conversations)),
      chartBox('chart-reasons', t('report.byReason'), false, !Object.keys(report.handedOverByReason || {}).length),
      chartBox('chart-csat', t('report.csatOverTime'), false, !days.some(d => d.csatAverage !== null && d.csatAverage !== undefined)),
      chartBox('chart-intents', t('report.topIntents'), false, !(report.topIntents || []).length)),
    outcomes(report, pct),
    unanswered(report));
  loadChartJs().then(Chart => drawCharts(Chart, report)).catch(() => {
    body.querySelector('.charts').prepend(h('p', { class: 'form-error', text: t('report.chartsUnavailable') }));
  });
}

function drawCharts(Chart, report) {
  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  // The theme's colours (light or dark), read from the page's CSS variables.
  const css = getComputedStyle(document.documentElement);
  Chart.defaults.color = css.getPropertyValue('--muted').trim() || '#4b5563';
  Chart.defaults.borderColor = css.getPropertyValue('--line').trim() || 'rgba(0, 0, 0, 0.1)';
  Chart.defaults.elements.arc.borderColor = css.getPropertyValue('--panel').trim() || '#fff';
  Chart.defaults.animation = false;
  Chart.defaults.maintainAspectRatio = false;
  const days = report.perDay || [];
  const labels = days.map(d => new Date(`${d.date}T12:00:00Z`).toLocaleDateString(lang(), { day: 'numeric', month: 'short' }));
  const make = (id, config) => {
    const canvas = document.getElementById(id);
    if (canvas) charts.push(new Chart(canvas, config));
  };
  make('chart-per-day', {
    type: 'bar',
    data: { labels, datasets: [
      { label: t('report.series.conversations'), data: days.map(d => d.conversations), backgroundColor: COLORS[0], maxBarThickness: 36 },
      { label: t('report.series.handedOver'), data: days.map(d => d.handedOver), backgroundColor: COLORS[1], maxBarThickness: 36 }] },
    options: { scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
  });
  make('chart-containment', {
    type: 'line',
    data: { labels, datasets: [{
      label: t('report.series.containment'), borderColor: COLORS[2], backgroundColor: COLORS[2], spanGaps: true,
      data: days.map(d => (d.conversations ? Math.round(((d.conversations - d.handedOver) / d.conversations) * 100) : null)) }] },
    options: { scales: { y: { min: 0, max: 100 } } },
  });
  // Reasons by their words: two codes with the same name ("other" and one the console has no word for) are one slice.
  const byLabel = new Map();
  Object.entries(report.handedOverByReason || {}).forEach(([r, n]) => byLabel.set(reasonLabel(r), (byLabel.get(reasonLabel(r)) || 0) + n));
  const reasons = Array.from(byLabel.entries());
  make('chart-reasons', {
    type: 'doughnut',
    data: { labels: reasons.map(([label]) => label), datasets: [{ data: reasons.map(([, n]) => n), backgroundColor: COLORS }] },
    options: { plugins: { legend: { position: 'right' } } },
  });
  make('chart-csat', {
    type: 'line',
    data: { labels, datasets: [{ label: t('report.series.csat'), data: days.map(d => d.csatAverage ?? null), spanGaps: true, borderColor: COLORS[4], backgroundColor: COLORS[4] }] },
    options: { scales: { y: { min: 1, max: 5 } } },
  });
  const top = report.topIntents || [];
  make('chart-intents', {
    type: 'bar',
    data: { labels: top.map(i => intentName(i.intent)), datasets: [{ label: t('report.series.count'), data: top.map(i => i.count), backgroundColor: COLORS[5], maxBarThickness: 28 }] },
    options: { indexAxis: 'y', plugins: { legend: { display: false } }, scales: { x: { beginAtZero: true, ticks: { precision: 0 } } } },
  });
}

// ---- outcomes: conversions by who helped, A/B variants, satisfaction per person and channel --------------------------

const money = value => formatMoney(value || 0);
const avg = value => (value === null || value === undefined ? '—' : formatNumber(value, { maximumFractionDigits: 1 }));

/** The server's verdicts are English words; shown in the console's language. */
function verdictLabel(verdict) {
  if (!verdict) return '—';
  if (verdict.startsWith('not enough data')) return t('report.v.notEnough');
  return { better: t('report.v.better'), worse: t('report.v.worse'), 'no significant difference': t('report.v.same') }[verdict] || verdict;
}

/** A variant is what the shopper read: its message in the console's language, the ids only when it has none. */
function variantLabel(scenario, variant) {
  const text = variant.text && (variant.text[lang()] || variant.text.fr || variant.text.en || Object.values(variant.text)[0]);
  if (text) return lang() === 'fr' ? `« ${text} »` : `“${text}”`;
  return t('report.variantOf', { scenario: scenario.scenarioId, variant: variant.variant });
}

function table(key, headings, rows) {
  return h('table', { class: 'table', dataset: { table: key } },
    h('thead', {}, h('tr', {}, headings.map(text => h('th', { text, attrs: { scope: 'col' } })))),
    h('tbody', {}, rows.map(cells => h('tr', {}, cells.map((cell, i) => (i === 0 ? h('th', { text: cell, attrs: { scope: 'row' } }) : h('td', { text: cell })))))));
}

function outcomes(report, pct) {
  if (!report.conversionsByHelper && !report.variants && !report.satisfaction) return null;
  const parts = [];
  const byHelper = report.conversionsByHelper;
  if (byHelper) {
    const funnel = report.funnel || {};
    parts.push(h('section', { class: 'panel-block', dataset: { section: 'conversions' } },
      h('h2', { text: t('report.byHelper') }),
      table('by-helper', [t('report.helper'), t('report.conversions'), t('report.value')],
        ['bot', 'agent', 'ambassador'].map(kind => [t(`role.${kind}`), formatNumber((byHelper[kind] || {}).conversions || 0), money((byHelper[kind] || {}).value)])),
      h('p', { class: 'muted small', text: t('report.funnel', { c: tn('report.fCart', funnel.cartUpdates || 0), k: tn('report.fCheckout', funnel.checkouts || 0),
        p: tn('report.fBought', funnel.purchases || 0) }) })));
  }
  const scenarios = report.variants || [];
  if (scenarios.length) {
    const rows = [];
    for (const scenario of scenarios) {
      for (const v of scenario.variants || []) {
        const verdict = v.conversionComparison ? verdictLabel(v.conversionComparison.verdict) : t('report.control');
        rows.push([variantLabel(scenario, v), formatNumber(v.shown || 0), formatNumber(v.answered || 0), pct(v.answerRate),
          formatNumber(v.converted || 0), pct(v.conversionRate), money(v.revenue),
          v.comparison ? verdictLabel(v.comparison.verdict) : t('report.control'), verdict]);
      }
    }
    parts.push(h('section', { class: 'panel-block', dataset: { section: 'variants' } },
      h('h2', { text: t('report.variants') }),
      table('variants', [t('report.variant'), t('report.shown'), t('report.answered'), t('report.answerRate'), t('report.converted'),
        t('report.conversionRateShort'), t('report.revenue'), t('report.verdictAnswers'), t('report.verdictSales')], rows)));
  }
  const sat = report.satisfaction;
  if (sat) {
    const row = (label, r) => [label, avg(r.csatAverage), formatNumber(r.csatCount || 0), avg(r.npsScore), formatNumber(r.npsCount || 0),
      formatNumber(r.conversions || 0), money(r.conversionValue)];
    const rows = [
      ...(sat.agents || []).map(r => row(`${r.name} · ${t('role.agent')}`, r)),
      ...(sat.ambassadors || []).map(r => row(`${r.name} · ${t('role.ambassador')}`, r)),
      sat.bot ? row(t('role.bot'), sat.bot) : null,
      ...(sat.channels || []).map(r => row(`${t('report.channel')} ${t(`channel.${r.channel}`)}`, r)),
    ].filter(Boolean);
    parts.push(h('section', { class: 'panel-block', dataset: { section: 'satisfaction' } },
      h('h2', { text: t('report.satisfaction') }),
      table('satisfaction', [t('report.who'), t('report.csat'), t('report.ratings'), t('report.nps'), t('report.answers'),
        t('report.conversions'), t('report.value')], rows)));
  }
  return h('div', { class: 'outcomes' }, parts);
}

/** Why a row is on the list, in words. */
function whyLabel(row) {
  return (row.why || ['unanswered']).map(why => (why === 'marked_wrong' && row.markedBy && row.markedBy.length
    ? t('teach.why.marked_wrongBy', { names: row.markedBy.join(', ') }) : t(`teach.why.${why}`))).join(' · ');
}

/** The admin's list of things to teach: questions not understood and answers shown wrong, similar wordings as one. */
function unanswered(report) {
  const list = report.toTeach || (report.unanswered || []).map(row => ({ ...row, why: ['unanswered'], phrasings: [], count: 1 }));
  return h('section', { class: 'unanswered', dataset: { section: 'to-teach' } },
    h('h2', { text: t('report.toTeach') }),
    h('p', { class: 'muted small', text: t('report.toTeachHint') }),
    list.length ? h('table', { class: 'table' },
      h('thead', {}, h('tr', {},
        h('th', { text: t('report.question'), attrs: { scope: 'col' } }),
        h('th', { text: t('report.why'), attrs: { scope: 'col' } }),
        h('th', { text: t('report.guess'), attrs: { scope: 'col' } }),
        h('th', { text: t('report.when'), attrs: { scope: 'col' } }),
        h('th', { attrs: { scope: 'col' } }, h('span', { class: 'sr-only', text: t('report.teach') })))),
      h('tbody', {}, list.map(row => h('tr', { dataset: { conversationId: row.conversationId } },
        h('td', { class: 'question' }, h('span', { text: row.text }),
          (row.phrasings || []).length ? h('span', { class: 'muted small', text: ` ${tn('report.similar', row.phrasings.length)}` }) : null),
        h('td', { class: 'why', text: whyLabel(row) }),
        h('td', { class: 'muted', text: row.intent && !NOT_UNDERSTOOD.includes(row.intent) ? `${intentName(row.intent)} (${Math.round((row.confidence || 0) * 100)} %)` : '—' }),
        h('td', {}, h('time', { dateTime: row.ts, text: formatTime(row.ts) })),
        h('td', {}, teachButton(row))))))
      : h('p', { class: 'muted', text: t('report.noUnanswered') }));
}

function teachButton(row) {
  const done = taught.has(row.text);
  return h('button', {
    type: 'button', class: 'small', disabled: done || teachMissing, text: done ? `✓ ${t('report.taught')}` : t('report.teach'),
    dataset: { teach: '' },
    on: { click: event => teachDialog(row, event.currentTarget) },
  });
}

/** Intents to pick from: the server's list when it has one, else the built-in ones and those seen in the report. */
function intentChoices(row) {
  const ids = new Set(knownIntents());
  (lastReport && lastReport.topIntents || []).forEach(i => ids.add(i.intent));
  if (row.intent) ids.add(row.intent);
  return Array.from(ids).filter(id => /^[a-z0-9_]{1,40}$/.test(id) && !NOT_UNDERSTOOD.includes(id)).sort();
}

const wait = ms => new Promise(resolve => setTimeout(resolve, ms));

/** Polls the server until the bot answers with every lesson; `onTick` shows how long it has been. */
async function trainingDone(onTick) {
  const started = Date.now();
  for (;;) {
    await wait(TRAINING_POLL_MS);
    onTick(Date.now() - started);
    const status = await api.teachStatus();
    if (status.status !== 'training' && status.lessonsApplied >= status.lessons) return status;
    if (Date.now() - started > TRAINING_GIVE_UP_MS) throw new Error(t('teach.slow'));
  }
}

function teachDialog(row, button) {
  const choiceExample = h('input', { type: 'radio', name: 'mode', value: 'example', checked: true });
  const choiceAnswer = h('input', { type: 'radio', name: 'mode', value: 'answer' });
  const guess = row.intent && !NOT_UNDERSTOOD.includes(row.intent) && /^[a-z0-9_]{1,40}$/.test(row.intent) ? row.intent : '';
  // Intents by their names only: the list is for people, faq.json's ids are the admin's business in the file.
  const intentInput = h('select', { name: 'intent' },
    intentChoices(row).map(id => ({ id, name: intentName(id) }))
      .sort((a, b) => a.name.localeCompare(b.name, lang()))
      .map(({ id, name }) => h('option', { value: id, selected: id === guess, text: name })));
  const newName = h('input', { name: 'title', attrs: { maxlength: '80', placeholder: t('teach.newNamePlaceholder'), autocomplete: 'off' } });
  const answerFr = h('textarea', { name: 'fr', rows: 3 });
  const answerEn = h('textarea', { name: 'en', rows: 3 });
  const language = h('select', { name: 'lang' }, h('option', { value: 'fr', text: 'Français' }), h('option', { value: 'en', text: 'English' }));
  // What language the question is in: the bot knows.
  api.parse(row.text).then(p => { if (p && (p.language === 'fr' || p.language === 'en')) language.value = p.language; }).catch(() => {});
  // The group's other wordings, ticked: taught together, the bot also understands paraphrases of them.
  const phrasings = (row.phrasings || []).map(text => h('input', { type: 'checkbox', name: 'phrasing', value: text, checked: true }));
  const another = h('input', { name: 'another', attrs: { maxlength: '500', autocomplete: 'off', placeholder: t('teach.anotherPlaceholder') } });
  const exampleBox = h('fieldset', { class: 'teach-part' }, field(t('teach.intent'), intentInput));
  const answerBox = h('fieldset', { class: 'teach-part', hidden: true },
    field(t('teach.newName'), newName), field(t('teach.answerFr'), answerFr), field(t('teach.answerEn'), answerEn));
  const progress = h('div', { class: 'teach-progress', hidden: true, attrs: { role: 'status', 'aria-live': 'polite' } },
    h('progress', { attrs: { 'aria-label': t('teach.training') } }), h('span', { class: 'teach-progress-text', text: t('teach.training') }));
  const switchMode = () => {
    exampleBox.hidden = !choiceExample.checked;
    answerBox.hidden = choiceExample.checked;
  };
  choiceExample.addEventListener('change', switchMode);
  choiceAnswer.addEventListener('change', switchMode);
  const dialog = openDialog(t('teach.heading'), h('div', { class: 'teach' },
    h('blockquote', { class: 'teach-question', text: row.text }),
    phrasings.length ? h('fieldset', { class: 'teach-phrasings' }, h('legend', { text: t('teach.phrasings') }),
      phrasings.map(box => h('label', { class: 'check' }, box, ' ', box.value))) : null,
    field(t('teach.another'), another),
    field(t('teach.language'), language),
    h('div', { class: 'radios', attrs: { role: 'radiogroup' } },
      h('label', {}, choiceExample, ' ', t('teach.asExample')),
      h('label', {}, choiceAnswer, ' ', t('teach.asAnswer'))),
    exampleBox, answerBox, progress), {
    submit: t('teach.submit'), cancel: t('teach.cancel'),
    onSubmit: async form => {
      const body = { text: row.text, lang: language.value, background: true,
        paraphrases: phrasings.filter(box => box.checked).map(box => box.value) };
      if (another.value.trim()) body.paraphrases.push(another.value.trim());
      if (choiceExample.checked) {
        body.intent = intentInput.value;
        if (!body.intent) return t('teach.needIntent');
      } else {
        if (!newName.value.trim()) return t('teach.needName');
        body.title = { [lang()]: newName.value.trim() };
        body.answer = {};
        if (answerFr.value.trim()) body.answer.fr = answerFr.value.trim();
        if (answerEn.value.trim()) body.answer.en = answerEn.value.trim();
        if (!Object.keys(body.answer).length) return t('teach.needAnswer');
      }
      const submit = form.querySelector('button[type=submit]');
      submit.disabled = true;
      form.setAttribute('aria-busy', 'true');
      progress.hidden = false;
      const text = progress.querySelector('.teach-progress-text');
      try {
        const result = await api.teach(body);
        await trainingDone(ms => { text.textContent = t('teach.trainingFor', { s: Math.max(1, Math.round(ms / 1000)) }); });
        taught.add(row.text);
        button.replaceWith(teachButton(row));
        forgetIntents(); // a new intent has a name now
        await loadIntents().catch(() => {});
        const now = await api.parse(row.text, body.lang).catch(() => null);
        const name = now && now.intent && now.intent.name;
        toastTaught(name && name === (result && result.intent) ? t('teach.doneAs', { intent: intentName(name) }) : t('teach.done'));
        return null;
      } catch (e) {
        if (e.missing) { teachMissing = true; return t('teach.unavailable'); }
        return t('teach.failed', { msg: e.message });
      } finally {
        submit.disabled = false;
        form.removeAttribute('aria-busy');
        progress.hidden = true;
      }
    },
  });
  return dialog;
}

/** How often the console asks whether the bot has finished retraining, and when it stops waiting. */
const TRAINING_POLL_MS = 250;
const TRAINING_GIVE_UP_MS = 120000;

function toastTaught(message) {
  const el = h('div', { class: 'toast', text: message });
  document.getElementById('toasts').append(el);
  setTimeout(() => el.remove(), 6000);
}

/** What the bot answers when it understood nothing: not an intent to teach. */
const NOT_UNDERSTOOD = ['out_of_scope', 'oos', 'unknown', 'fallback', 'none'];

