// The customer card at the foot of the right pane: for a signed-in shopper, what the shop knows across devices and
// channels — lifetime value, purchases, their other conversations (web, Messenger, WhatsApp) to open. Agents and
// admins only: ambassadors never load it (and the server refuses them). The context pane redraws itself whole, so
// the card watches it and puts itself back each time.

import { h, fill } from '../dom.js';
import { t, formatTime, formatMoney } from '../i18n.js';
import { selected, isAmbassador } from '../state.js';
import * as api from '../api.js';
import { channelLabel, stateLabel } from './labels.js';

/** A card is reloaded when it is older than this (the shopper may buy while the agent talks with them). */
const FRESH_MS = 30_000;
const cards = new Map(); // conversationId → { at, data | null, pending }
let actions = { open() {} };

export function initCustomerCard(handlers) {
  actions = handlers;
  const pane = document.getElementById('context');
  new MutationObserver(() => placeCard(pane)).observe(pane, { childList: true });
}

function placeCard(pane) {
  if (isAmbassador()) return;
  const conversation = selected();
  // Only once the context pane has drawn this conversation (its heading is there).
  if (!conversation || !pane.querySelector('#context-heading')) return;
  const present = pane.querySelector('[data-customer-card]');
  if (present && present.dataset.for === conversation.id) return;
  if (present) present.remove();
  const section = h('section', { class: 'context-section customer-card', hidden: true,
    attrs: { 'data-customer-card': '', 'aria-label': t('customer.heading') }, dataset: { for: conversation.id } });
  pane.append(section);
  const cached = cards.get(conversation.id);
  if (cached && !cached.pending && Date.now() - cached.at < FRESH_MS) {
    draw(section, cached.data);
  } else if (!cached || !cached.pending) {
    load(conversation.id);
  }
}

async function load(id) {
  cards.set(id, { pending: true });
  let data = null;
  try {
    data = (await api.customerCard(id)).customer;
  } catch {
    data = null; // no card rather than an error: the rest of the pane says enough
  }
  cards.set(id, { at: Date.now(), data, pending: false });
  const section = document.querySelector(`#context [data-customer-card][data-for="${CSS.escape(id)}"]`);
  if (section) draw(section, data);
}

function draw(section, card) {
  if (!card) { fill(section); section.hidden = true; return; }
  section.hidden = false;
  fill(section,
    h('h3', { text: t('customer.heading') }),
    h('dl', { class: 'facts' },
      fact(t('customer.value'), money(card.lifetimeValue, card.currency), 'value'),
      fact(t('customer.purchases'), String(card.purchaseCount), 'purchases'),
      fact(t('customer.conversations'), String(card.conversationCount), 'conversations')),
    h('h3', { text: t('customer.others') }),
    card.otherConversations.length
      ? h('ul', { class: 'past' }, card.otherConversations.map(c => h('li', {},
        h('button', { type: 'button', class: 'link', dataset: { customerConversation: c.conversationId },
          on: { click: () => actions.open(c.conversationId) } },
          h('span', { text: formatTime(c.createdAt) }),
          h('span', { class: 'badge', text: channelLabel(c.channel) }),
          h('span', { class: 'muted small', text: stateLabel(c.state) })))))
      : h('p', { class: 'muted small', text: t('customer.none') }));
}

function fact(label, value, name) {
  return [h('dt', { text: label }), h('dd', { text: value, dataset: { customerFact: name } })];
}

function money(value, currency) {
  return formatMoney(Number(value) || 0, currency);
}
