// The right pane: who the shopper is and what they did. Agents and admins only: ambassadors never get it
// (the server sends no `visitor` to them, and the pane is not even drawn).

import { h, fill, safeLink } from '../dom.js';
import { t, formatTime, formatMoney } from '../i18n.js';
import { selected, isAmbassador } from '../state.js';
import * as api from '../api.js';
import { channelLabel, stateLabel, visitorName } from './labels.js';

let loadedFor = null;
let actions = { openPast() {} };

export function initContext(handlers) {
  actions = handlers;
}

/** Loads the context of the selected conversation (once per selection, or again when asked). */
export async function renderContext(force = false) {
  const pane = document.getElementById('context');
  if (isAmbassador()) { fill(pane); pane.hidden = true; return; }
  const conversation = selected();
  if (!conversation) { loadedFor = null; fill(pane); return; }
  if (!force && loadedFor === conversation.id && conversation.context) { draw(pane, conversation); return; }
  loadedFor = conversation.id;
  try {
    conversation.context = await api.conversation(conversation.id);
  } catch {
    conversation.context = { error: true };
  }
  if (selected() === conversation) draw(pane, conversation);
}

function draw(pane, conversation) {
  const data = conversation.context;
  if (!data || data.error) {
    fill(pane, h('h2', { id: 'context-heading', text: t('context.heading') }), h('p', { class: 'muted', text: t('context.unavailable') }));
    return;
  }
  const v = data.visitor || {};
  fill(pane,
    h('div', { class: 'context-head' },
      h('h2', { id: 'context-heading', text: v.name ? unverified(v, v.name) : visitorName(conversation.summary) }),
      h('button', { type: 'button', class: 'ghost small', text: t('context.refresh'), on: { click: () => renderContext(true) } })),
    h('p', { class: `identity ${v.verified ? 'verified' : 'anonymous'}`, text: v.verified ? `✓ ${t('context.verified')}` : t('context.anonymous') }),
    h('dl', { class: 'facts' },
      fact(t('context.email'), v.email && unverified(v, v.email)),
      fact(t('context.replyEmail'), v.replyEmail ? v.replyEmail.email : null),
      fact(t('context.userId'), v.userId),
      fact(t('context.language'), data.language ? data.language.toUpperCase() : null),
      fact(t('context.locale'), v.locale),
      fact(t('context.channel'), channelLabel(v.channel || conversation.summary.channel)),
      fact(t('context.started'), formatTime(data.createdAt)),
      data.rating ? fact(t('context.rating'), `${'★'.repeat(data.rating.score)}${'☆'.repeat(5 - data.rating.score)} ${data.rating.comment || ''}`) : null),
    // Where they wrote from: kept with the conversation, without tracking consent (conversation context).
    v.startPage && v.startPage.url ? h('section', { class: 'context-section', dataset: { causette: 'start-page' } },
      h('h3', { text: t('context.startPage') }), safeLink(v.startPage.url, v.startPage.title || v.startPage.url)) : null,
    section(t('context.cart'), cart(v.cart)),
    section(t('context.pages'), pages(v.pages)),
    section(t('context.past'), past(v.pastConversations)));
}

/** A name or email the shop did not sign (the identity's first hash form) says so: anyone could have typed it. */
function unverified(v, value) {
  return v.detailsVerified ? value : `${value} (${t('context.unverifiedDetail')})`;
}

function fact(label, value) {
  if (value === null || value === undefined || value === '') return null;
  return [h('dt', { text: label }), h('dd', { text: value })];
}

function section(title, body) {
  return h('section', { class: 'context-section' }, h('h3', { text: title }), body);
}

function pages(list) {
  if (!list || !list.length) return h('p', { class: 'muted small', text: t('context.noPages') });
  return h('ol', { class: 'pages', attrs: { reversed: true } }, list.slice().reverse().map(p => h('li', {},
    safeLink(p.url, p.title || p.url),
    h('time', { class: 'muted small', dateTime: p.ts, text: formatTime(p.ts) }))));
}

/** A cart is whatever the shop's page sent with cart_update: items with name, quantity and price when it follows the widget's shape. */
function cart(data) {
  if (!data || (typeof data === 'object' && !Object.keys(data).length)) return h('p', { class: 'muted small', text: t('context.noCart') });
  const items = Array.isArray(data.items) ? data.items : null;
  if (items) {
    return h('div', {},
      h('ul', { class: 'cart' }, items.map(item => h('li', {},
        h('span', { text: `${item.quantity || item.qty || 1} × ${item.name || item.title || item.sku || ''}` }),
        item.price !== undefined ? h('span', { class: 'muted', text: money(item.price, data.currency) }) : null))),
      data.total !== undefined || data.value !== undefined
        ? h('p', { class: 'cart-total', text: `${t('context.total')} ${money(data.total ?? data.value, data.currency)}` }) : null);
  }
  return h('dl', { class: 'facts' }, Object.entries(data).slice(0, 12).map(([k, value]) =>
    fact(k, typeof value === 'object' ? JSON.stringify(value) : String(value))));
}

/** The cart's own currency when the page sent one, else the shop's. */
function money(value, currency) {
  return formatMoney(value, currency);
}

function past(list) {
  if (!list || !list.length) return h('p', { class: 'muted small', text: t('context.noPast') });
  return h('ul', { class: 'past' }, list.slice().sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1)).map(c => h('li', {},
    h('button', { type: 'button', class: 'link', on: { click: () => actions.openPast(c.conversationId) } },
      h('span', { text: formatTime(c.createdAt) }),
      h('span', { class: 'badge', text: channelLabel(c.channel) }),
      h('span', { class: 'muted small', text: stateLabel(c.state) })))));
}
