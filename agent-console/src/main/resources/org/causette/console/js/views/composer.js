// The composer: reply or internal note, canned responses with /shortcut, the bot's suggestion for the last
// question, and typing signals to the shopper.

import { h, fill, show } from '../dom.js';
import { t, lang } from '../i18n.js';
import { selected, isAmbassador, lastVisitorText, lastSeq } from '../state.js';
import * as api from '../api.js';
import { languageOf, reasonLabel } from './labels.js';
import { intentName } from '../intents.js';

const MAX_CHARS = 4000;
const TYPING_REPEAT_MS = 3000;
const TYPING_IDLE_MS = 4000;

let canned = [];            // [{shortcut, text:{fr,en}, intent?}]
let cannedIndex = 0;
let cannedMatches = [];
let typingSentAt = 0;
let typingTimer = null;
let typingConversation = null;
let suggestionKey = null;
let parseAvailable = true;
let modeFor = null;
let actions = { send() {}, typing() {} };

const composer = () => document.getElementById('composer');

export function initComposer(handlers) {
  actions = handlers;
  const form = document.getElementById('composer-form');
  const input = composer();
  form.addEventListener('submit', event => { event.preventDefault(); submit(); });
  input.addEventListener('keydown', onKeyDown);
  input.addEventListener('input', onInput);
  input.addEventListener('blur', () => setTimeout(() => closeCanned(), 150));
  document.getElementById('note-toggle').addEventListener('change', updateMode);
}

export async function loadCanned() {
  try {
    const data = await api.canned();
    canned = (data && (data.cannedResponses || data.canned || data)) || [];
    if (!Array.isArray(canned)) canned = [];
  } catch {
    canned = []; // the server has no canned responses (yet): "/" stays a plain character
  }
}

export function toggleNote() {
  const box = document.getElementById('note-toggle');
  if (isAmbassador()) return;
  box.checked = !box.checked;
  updateMode();
}

/** Shows the right placeholder and look for a reply or a note; clears the composer when the conversation changes. */
export function updateMode() {
  const conversation = selected();
  const held = Boolean(conversation && conversation.held && conversation.summary.state === 'assigned');
  const box = document.getElementById('note-toggle');
  const key = conversation ? `${conversation.id}/${held}` : null;
  if (key !== modeFor) {
    // Each conversation starts as a reply; one I do not hold (an admin supervising) takes notes only.
    modeFor = key;
    box.checked = !held;
  }
  box.disabled = !held;
  show(document.getElementById('note-toggle-label'), !isAmbassador());
  if (isAmbassador()) box.checked = false;
  const note = box.checked;
  const input = composer();
  input.placeholder = t(note ? 'composer.placeholderNote' : 'composer.placeholder');
  document.getElementById('composer-form').classList.toggle('note-mode', note);
  updateCount();
}

function submit() {
  const input = composer();
  const text = input.value.trim();
  const conversation = selected();
  if (!text || !conversation || [...text].length > MAX_CHARS) return;
  const internal = document.getElementById('note-toggle').checked;
  actions.send(conversation, text, internal);
  input.value = '';
  stopTyping();
  closeCanned();
  updateCount();
  input.focus();
}

function onKeyDown(event) {
  if (!document.getElementById('canned').hidden) {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      moveCanned(event.key === 'ArrowDown' ? 1 : -1);
      return;
    }
    if ((event.key === 'Enter' || event.key === 'Tab') && cannedMatches.length) {
      event.preventDefault();
      insertCanned(cannedMatches[cannedIndex]);
      return;
    }
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      closeCanned();
      return;
    }
  }
  if (event.key === 'Enter' && (event.ctrlKey || event.metaKey || !event.shiftKey) && !event.isComposing) {
    event.preventDefault();
    submit();
  }
}

function onInput() {
  updateCount();
  openCannedForToken();
  const conversation = selected();
  if (!conversation || !conversation.held || document.getElementById('note-toggle').checked) return;
  const now = Date.now();
  if (now - typingSentAt > TYPING_REPEAT_MS || typingConversation !== conversation.id) {
    typingSentAt = now;
    typingConversation = conversation.id;
    actions.typing(conversation.id, true);
  }
  clearTimeout(typingTimer);
  typingTimer = setTimeout(stopTyping, TYPING_IDLE_MS);
}

export function stopTyping() {
  clearTimeout(typingTimer);
  if (typingConversation && typingSentAt) actions.typing(typingConversation, false);
  typingSentAt = 0;
  typingConversation = null;
}

function updateCount() {
  const n = [...composer().value].length;
  const el = document.getElementById('composer-count');
  el.textContent = n > MAX_CHARS ? t('composer.tooLong', { n: n - MAX_CHARS }) : (n > MAX_CHARS - 400 ? `${n} / ${MAX_CHARS}` : '');
  el.classList.toggle('over', n > MAX_CHARS);
}

// ---- canned responses --------------------------------------------------------------------------------------------

function tokenAtCaret() {
  const input = composer();
  const before = input.value.slice(0, input.selectionStart);
  const match = /(^|\s)(\/[^\s/]*)$/.exec(before);
  return match ? { token: match[2], start: before.length - match[2].length, end: input.selectionStart } : null;
}

function openCannedForToken() {
  const found = tokenAtCaret();
  if (!found || !canned.length) { closeCanned(); return; }
  const word = found.token.toLowerCase();
  cannedMatches = canned.filter(c => String(c.shortcut || '').toLowerCase().startsWith(word));
  cannedIndex = 0;
  renderCanned();
}

/** "/" in an empty composer: every canned response. */
export function openCanned() {
  const input = composer();
  if (!canned.length) return false;
  if (!input.value) {
    input.value = '/';
    input.setSelectionRange(1, 1);
  }
  openCannedForToken();
  return true;
}

function cannedText(entry) {
  const conversation = selected();
  const wanted = languageOf(conversation && conversation.summary.visitor && conversation.summary.visitor.locale) || lang();
  const text = entry.text;
  if (typeof text === 'string') return text;
  return (text && (text[wanted] || text.fr || text.en || Object.values(text)[0])) || '';
}

function renderCanned() {
  const box = document.getElementById('canned');
  show(box, true);
  fill(box, h('div', { class: 'canned-title', text: t('canned.heading') }),
    cannedMatches.length
      ? cannedMatches.map((entry, i) => h('div', {
        class: `canned-item${i === cannedIndex ? ' active' : ''}`,
        id: `canned-${i}`,
        attrs: { role: 'option', 'aria-selected': i === cannedIndex ? 'true' : 'false' },
        on: { mousedown: event => { event.preventDefault(); insertCanned(entry); } },
      }, h('span', { class: 'shortcut', text: entry.shortcut }), h('span', { class: 'canned-text', text: cannedText(entry) })))
      : h('div', { class: 'canned-item empty', text: t('canned.none') }));
  composer().setAttribute('aria-activedescendant', cannedMatches.length ? `canned-${cannedIndex}` : '');
  composer().setAttribute('aria-expanded', 'true');
}

function moveCanned(step) {
  if (!cannedMatches.length) return;
  cannedIndex = (cannedIndex + step + cannedMatches.length) % cannedMatches.length;
  renderCanned();
  const active = document.getElementById(`canned-${cannedIndex}`);
  if (active) active.scrollIntoView({ block: 'nearest' });
}

function insertCanned(entry) {
  const found = tokenAtCaret();
  const input = composer();
  const text = cannedText(entry);
  if (found) {
    input.setRangeText(text, found.start, found.end, 'end');
  } else {
    input.setRangeText(text, input.selectionStart, input.selectionEnd, 'end');
  }
  closeCanned();
  updateCount();
  input.focus();
}

export function closeCanned() {
  show(document.getElementById('canned'), false);
  composer().setAttribute('aria-expanded', 'false');
  composer().removeAttribute('aria-activedescendant');
}

export function cannedOpen() {
  return !document.getElementById('canned').hidden;
}

// ---- the bot's suggestion --------------------------------------------------------------------------------------

/** Asks the bot what it makes of the shopper's last question, once per question. Agents and admins only. */
export async function updateSuggestion() {
  const box = document.getElementById('suggestion');
  const conversation = selected();
  const question = conversation && conversation.held && !isAmbassador() ? lastVisitorText(conversation) : null;
  if (!question || !parseAvailable) {
    suggestionKey = null;
    show(box, false);
    return;
  }
  const key = `${conversation.id}/${lastSeq(conversation)}`;
  if (key === suggestionKey) return;
  suggestionKey = key;
  const language = languageOf(conversation.summary.visitor && conversation.summary.visitor.locale);
  let parse;
  try {
    parse = await api.parse(question, language === 'fr' || language === 'en' ? language : undefined);
  } catch (e) {
    if (e.status === 403 || e.missing) parseAvailable = false;
    show(box, false);
    return;
  }
  if (suggestionKey !== key) return;
  renderSuggestion(box, parse);
}

function renderSuggestion(box, parse) {
  const intent = parse.intent && parse.intent.name;
  const understood = intent && parse.action !== 'clarify' && intent !== 'oos' && intent !== 'out_of_scope';
  // The answer text comes with the parse once the server sends it ("reply"); a canned response for the intent otherwise.
  const answer = (parse.reply && parse.reply.text) || (parse.answer && (parse.answer.text || parse.answer))
    || (understood ? cannedForIntent(intent) : null);
  fill(box,
    h('span', { class: 'suggest-title', text: t('suggest.heading') }),
    h('span', { class: 'suggest-intent', text: understood
      ? t('suggest.intent', { intent: intentName(intent), pct: Math.round((parse.intent.confidence || 0) * 100) })
      : t('suggest.none') }),
    parse.action === 'handover' && parse.handover ? h('span', { class: 'muted', text: t('suggest.handover', { reason: reasonLabel(parse.handover.reason) || t('reason.other') }) }) : null,
    typeof answer === 'string' && answer ? h('span', { class: 'suggest-answer', text: answer }) : null,
    typeof answer === 'string' && answer ? h('button', {
      type: 'button', class: 'small', text: t('suggest.use'),
      on: { click: () => { const input = composer(); input.value = answer; input.focus(); updateCount(); } },
    }) : null);
  show(box, true);
}

function cannedForIntent(intent) {
  const entry = canned.find(c => c.intent === intent || String(c.shortcut || '').replace(/^\//, '') === intent);
  return entry ? cannedText(entry) : null;
}
