// The console's entry point: sign-in, the staff socket, and the wiring between frames, state and views.

import { h, $, $$, randomId } from './dom.js';
import { t, lang, setLang, onLangChange, applyStatic, setCurrency } from './i18n.js';
import { loadIntents, forgetIntents } from './intents.js';
import { initTheme, onThemeChange } from './theme.js';
import { initPanes, showPane } from './panes.js';
import * as api from './api.js';
import { StaffSocket } from './socket.js';
import { state, on, emit, conversationFrom, addMessages, lastSeq, selected, mineSorted, queueSorted, isAdmin, isAmbassador } from './state.js';
import * as notify from './notify.js';
import { initLists, renderLists } from './views/lists.js';
import { drawFilters } from './views/filters.js';
import { initTranscript, renderTranscript, redrawTranscript, renderTyping } from './views/transcript.js';
import { initComposer, loadCanned, updateMode, updateSuggestion, toggleNote, openCanned, stopTyping, closeCanned } from './views/composer.js';
import { initContext, renderContext } from './views/context.js';
import { initCustomerCard } from './views/customer.js';
import { initHistory, showHistory, resetHistory } from './views/history.js';
import { showReport, redrawReport } from './views/report.js';
import { showLeaderboard, redrawLeaderboard } from './views/leaderboard.js';
import { renderAmbassadorStats } from './views/ambassador.js';
import { openDialog, closeDialog, dialogOpen, field } from './views/dialog.js';
import { showHelp } from './views/help.js';
import { visitorName } from './views/labels.js';

const HISTORY_LIMIT = 50;
const TYPING_CLEAR_MS = 8000;
/** After a close, when to look for the shopper's rating (it comes a few seconds later, if at all). */
const RATING_CHECKS_MS = [1500, 5000, 15000, 45000];
/** An ambassador's thanks panel is refreshed this often too (ratings of earlier conversations come in late). */
const AMB_STATS_EVERY_MS = 60_000;
let ambStatsTimer = null;
let socket = null;
let acceptRequested = null;
const typingTimers = new Map();

// ---- start ---------------------------------------------------------------------------------------------------------

function boot() {
  applyStatic();
  $$('.lang-select').forEach(select => {
    select.value = lang();
    select.addEventListener('change', () => setLang(select.value));
  });
  onLangChange(() => {
    $$('.lang-select').forEach(select => { select.value = lang(); });
    if (!state.me) return;
    drawFilters();
    renderLists();
    redrawTranscript();
    renderContext();
    updateMode();
    redrawReport();
    redrawLeaderboard();
    resetHistory();
    if (state.view === 'history') showHistory();
    updateConnection();
    updateNotifyButton();
  });
  api.onUnauthorized(() => expired());
  initLists({ select, accept });
  initTranscript({ earlier });
  initComposer({ send, typing: (id, onOff) => socket && socket.send({ type: 'typing', conversationId: id, on: onOff }) });
  initContext({ openPast: openReadOnly });
  initCustomerCard({ open: openReadOnly });
  initHistory({ open: openReadOnly });
  on('lists', renderLists);
  on('transcript', () => { renderTranscript(); updateSuggestion(); });
  on('typing', () => renderTyping(selected()));
  wireHeader();
  initTheme();
  onThemeChange(() => { if (state.me) redrawReport(); });
  initPanes();
  document.addEventListener('keydown', shortcuts);
  window.addEventListener('focus', markRead);
  document.addEventListener('visibilitychange', markRead);
  if (api.session()) startConsole();
  else showLogin();
}

// ---- sign in -------------------------------------------------------------------------------------------------------

async function showLogin(message = '') {
  $('#app').hidden = true;
  $('#login-screen').hidden = false;
  $('#login-error').textContent = message;
  const wanted = new URLSearchParams(location.search).get('site');
  const siteInput = $('#login-site');
  if (!siteInput.value) siteInput.value = wanted || 'demo';
  $('#login-form').onsubmit = submitLogin;
  offerSitePicker(wanted);
  ($('#login-site').value ? $('#login-username') : $('#login-site')).focus();
}

/** With GET /api/sites on the server and several sites, the shop becomes a list; otherwise it stays a text field. */
async function offerSitePicker(wanted) {
  let sites;
  try { sites = await api.sites(); } catch { return; }
  const list = Array.isArray(sites) ? sites : (sites && sites.sites) || [];
  if (list.length < 2 || $('select#login-site')) return;
  const current = $('#login-site').value;
  const select = h('select', { id: 'login-site', name: 'site', dataset: { causette: 'site' } },
    list.map(s => h('option', { value: s.id, text: s.name ? `${s.name} (${s.id})` : s.id, selected: s.id === (wanted || current) })));
  $('#login-site').replaceWith(select);
}

async function submitLogin(event) {
  event.preventDefault();
  notify.unlockAudio();
  const error = $('#login-error');
  const button = $('[data-causette=login]');
  error.textContent = '';
  const site = $('#login-site').value.trim();
  const username = $('#login-username').value.trim();
  const password = $('#login-password').value;
  if (!site || !username || !password) {
    error.textContent = t('login.invalid');
    return;
  }
  button.disabled = true;
  try {
    await api.login(site, username, password);
    $('#login-password').value = '';
    startConsole();
  } catch (e) {
    error.textContent = e.status === 401 ? t('login.invalid')
      : e.status === 429 ? t('login.throttled', { s: e.retryAfter || 60 })
        : t('login.failed', { msg: e.message });
    $('#login-password').select();
  } finally {
    button.disabled = false;
  }
}

function startConsole() {
  const current = api.session();
  state.me = current.staff;
  state.presence = 'online';
  document.body.dataset.role = state.me.role;
  $('#login-screen').hidden = true;
  $('#app').hidden = false;
  $('#me').textContent = `${state.me.name} · ${t(`role.${state.me.role}`)}`;
  $('[data-view=report]').hidden = !isAdmin();
  $('[data-view=leaderboard]').hidden = !(isAdmin() || isAmbassador());
  $('#context').hidden = isAmbassador();
  setPresenceControl('online');
  setView('work');
  socket = new StaffSocket(current.token, { frame: handle, status: connectionStatus, refused: expired });
  socket.start();
  if (!isAmbassador()) loadCanned();
  if (isAmbassador()) {
    renderAmbassadorStats();
    ambStatsTimer = setInterval(() => { if (document.visibilityState === 'visible') renderAmbassadorStats(); }, AMB_STATS_EVERY_MS);
  }
  loadSiteFacts(current.staff.site);
  emit('lists', 'transcript');
}

/** The shop's currency (from the public site list) and the names of its intents: words, not codes, on screen. */
async function loadSiteFacts(siteId) {
  api.sites().then(data => {
    const found = ((data && data.sites) || []).find(s => s.id === siteId);
    setCurrency(found && found.currency);
  }).catch(() => setCurrency(null)).finally(() => { redrawReport(); renderContext(true); });
  if (!isAmbassador()) {
    await loadIntents();
    if (!state.me) return;
    renderLists();
    redrawTranscript();
    redrawReport();
  }
}

function expired() {
  stopConsole();
  api.forgetSession();
  showLogin(t('login.expired'));
}

function stopConsole() {
  if (socket) socket.stop();
  socket = null;
  clearInterval(ambStatsTimer);
  ambStatsTimer = null;
  forgetIntents();
  setCurrency(null);
  state.me = null;
  state.mine.clear();
  state.queue = [];
  state.selectedId = null;
  state.viewing = null;
  document.body.dataset.pane = 'list';
  resetHistory();
  delete document.body.dataset.role;
}

async function logout() {
  stopConsole();
  await api.logout();
  showLogin();
}

// ---- header --------------------------------------------------------------------------------------------------------

function wireHeader() {
  $('#logout').addEventListener('click', logout);
  $('#presence').addEventListener('change', event => {
    state.presence = event.target.value;
    setPresenceControl(state.presence);
    if (socket) socket.send({ type: 'presence', status: state.presence });
  });
  $$('.tab').forEach(tab => tab.addEventListener('click', () => setView(tab.dataset.view)));
  $('#help-button').addEventListener('click', showHelp);
  const sound = $('#sound-toggle');
  sound.checked = notify.soundOn();
  sound.addEventListener('change', () => notify.setSound(sound.checked));
  $('#notify-button').addEventListener('click', async () => { await notify.askNotifications(); updateNotifyButton(); });
  $('#transfer-button').addEventListener('click', transferDialog);
  $('#handback-button').addEventListener('click', () => command('handback'));
  $('#close-button').addEventListener('click', () => command('close'));
  updateNotifyButton();
}

function setPresenceControl(status) {
  const select = $('#presence');
  select.value = status;
  select.dataset.status = status;
}

function updateNotifyButton() {
  const button = $('#notify-button');
  button.hidden = !notify.notificationsSupported() || Notification.permission === 'denied';
  const allowed = notify.notificationsAllowed();
  // An icon: its words are its name and tooltip (the header stays on one line).
  const label = t(allowed ? 'header.notificationsOn' : 'header.notifications');
  button.title = label;
  button.setAttribute('aria-label', label);
  $('#notify-label').textContent = label;
  button.disabled = allowed;
}

function connectionStatus(status, seconds) {
  state.connection = status;
  state.reconnectIn = seconds;
  updateConnection();
}

function updateConnection() {
  const el = $('#connection');
  el.dataset.state = state.connection;
  el.textContent = state.connection === 'online' ? t('conn.online')
    : state.connection === 'lost' ? t('conn.lost', { s: state.reconnectIn }) : t('conn.connecting');
}

function setView(view) {
  if (view === 'report' && !isAdmin()) view = 'work';
  if (view === 'leaderboard' && !(isAdmin() || isAmbassador())) view = 'work';
  state.view = view;
  $$('.tab').forEach(tab => {
    const current = tab.dataset.view === view;
    tab.classList.toggle('active', current);
    if (current) tab.setAttribute('aria-current', 'page'); else tab.removeAttribute('aria-current');
  });
  $('#work').hidden = view !== 'work';
  $('#history').hidden = view !== 'history';
  $('#report').hidden = view !== 'report';
  $('#leaderboard').hidden = view !== 'leaderboard';
  if (view === 'history') showHistory();
  if (view === 'report') showReport();
  if (view === 'leaderboard') showLeaderboard();
}

function toast(message, kind = 'info') {
  const el = h('div', { class: `toast ${kind}`, text: message });
  $('#toasts').append(el);
  setTimeout(() => el.remove(), 6000);
}

// ---- frames --------------------------------------------------------------------------------------------------------

function handle(frame) {
  switch (frame.type) {
    case 'welcome': return welcome(frame);
    case 'queue': state.queue = frame.items || []; state.queueTotal = frame.total || 0; return emit('lists');
    case 'assigned': return assigned(frame);
    case 'unassigned': return unassigned(frame);
    case 'message': return message(frame);
    case 'ack': return acked(frame);
    case 'typing': return typing(frame);
    case 'read': return read(frame);
    case 'state': return stateChanged(frame);
    case 'history': return history(frame);
    case 'rated': return rated(frame);
    case 'error': return serverError(frame);
    default: return undefined;
  }
}

function welcome(frame) {
  state.me = { ...state.me, ...frame.staff };
  const held = new Set();
  for (const summary of frame.conversations || []) {
    held.add(summary.conversationId);
    const known = state.mine.get(summary.conversationId);
    if (known) known.summary = summary;
    else state.mine.set(summary.conversationId, conversationFrom(summary));
    socket.send({ type: 'history', conversationId: summary.conversationId, limit: HISTORY_LIMIT });
  }
  for (const id of Array.from(state.mine.keys())) if (!held.has(id)) state.mine.delete(id);
  state.queue = frame.queue || [];
  state.queueTotal = frame.queueTotal || 0;
  if (state.presence === 'away') socket.send({ type: 'presence', status: 'away' });
  if (!state.selectedId && state.mine.size) state.selectedId = mineSorted()[0].id;
  emit('lists', 'transcript');
  afterSelect();
}

function assigned(frame) {
  const summary = frame.conversation;
  const id = summary.conversationId;
  const known = state.mine.get(id);
  const conversation = known || conversationFrom(summary, frame.messages || []);
  if (known) { known.summary = summary; known.held = true; addMessages(known, frame.messages || []); }
  conversation.hasEarlier = conversation.messages.length > 0 && conversation.messages[0].seq > 1;
  // What was said before it came to me: a "no answer" badge goes once someone here answers after this point.
  if (!known || !known.assignedAtSeq) conversation.assignedAtSeq = lastSeq(conversation);
  state.mine.set(id, conversation);
  state.queue = state.queue.filter(s => s.conversationId !== id);
  if (state.viewing && state.viewing.id === id) state.viewing = null;
  if (!known && acceptRequested !== id) {
    notify.newAssignment(visitorName(summary), summary.lastMessage, () => select(id));
  }
  if (acceptRequested === id || !state.selectedId) {
    acceptRequested = null;
    select(id);
  }
  emit('lists', 'transcript');
}

function unassigned(frame) {
  const conversation = state.mine.get(frame.conversationId);
  state.mine.delete(frame.conversationId);
  if (conversation) {
    conversation.held = false;
    if (state.selectedId === frame.conversationId) state.viewing = conversation;
    toast(t(`unassigned.${frame.reason}`) === `unassigned.${frame.reason}` ? t('unassigned.other') : t(`unassigned.${frame.reason}`));
  }
  emit('lists', 'transcript');
  afterSelect();
}

function find(id) {
  return state.mine.get(id) || (state.viewing && state.viewing.id === id ? state.viewing : null);
}

function message(frame) {
  const conversation = find(frame.conversationId);
  if (!conversation) return;
  addMessages(conversation, [frame]);
  if (frame.from && frame.from.role === 'visitor') {
    conversation.typing = null;
    if (state.selectedId === conversation.id && attentive()) markRead();
    else conversation.unread = (conversation.unread || 0) + 1;
  }
  emit('lists', 'transcript', 'typing');
}

function acked(frame) {
  for (const conversation of [...state.mine.values(), state.viewing].filter(Boolean)) {
    const index = conversation.pending.findIndex(p => p.clientId === frame.clientId);
    if (index < 0) continue;
    const [sent] = conversation.pending.splice(index, 1);
    addMessages(conversation, [{
      conversationId: frame.conversationId, seq: frame.seq, id: frame.id, ts: frame.ts, text: sent.text, internal: sent.internal,
      from: { role: isAmbassador() ? 'ambassador' : 'agent', name: state.me.name },
    }]);
    emit('lists', 'transcript');
    return;
  }
}

function typing(frame) {
  const conversation = find(frame.conversationId);
  if (!conversation) return;
  // The preview (sites that show agents what the shopper types) comes masked from the server, never to ambassadors.
  conversation.typing = frame.on ? { ...(frame.from || {}), preview: frame.preview || null } : null;
  clearTimeout(typingTimers.get(conversation.id));
  if (frame.on) {
    typingTimers.set(conversation.id, setTimeout(() => { conversation.typing = null; emit('typing', 'lists'); }, TYPING_CLEAR_MS));
  }
  emit('typing', 'lists');
}

function read(frame) {
  const conversation = find(frame.conversationId);
  if (!conversation || frame.role !== 'visitor') return;
  conversation.visitorReadSeq = Math.max(conversation.visitorReadSeq || 0, frame.seq);
  redrawTranscript();
}

function stateChanged(frame) {
  const conversation = find(frame.conversationId);
  if (!conversation) return;
  conversation.summary = { ...conversation.summary, state: frame.state, reason: frame.reason ?? conversation.summary.reason };
  if (frame.state === 'closed') watchRating(conversation);
  if (frame.state === 'closed' || frame.state === 'bot') {
    conversation.held = false;
    conversation.typing = null;
    state.mine.delete(conversation.id);
    if (state.selectedId === conversation.id) state.viewing = conversation;
    afterSelect();
  }
  emit('lists', 'transcript', 'typing');
}

/** The shopper rates after the close: fetch the conversation a few times to show it, and thank the ambassador. */
function watchRating(conversation) {
  for (const delay of RATING_CHECKS_MS) {
    setTimeout(async () => {
      if (!state.me || conversation.rating) return;
      if (isAmbassador()) renderAmbassadorStats();
      try {
        const data = await api.conversation(conversation.id);
        if (data && data.rating) {
          conversation.rating = data.rating;
          if (isAmbassador()) renderAmbassadorStats();
          emit('transcript');
        }
      } catch { /* gone or not allowed: nothing to show */ }
    }, delay);
  }
}

/** The shopper rated a conversation this person held: the transcript and an ambassador's thanks panel, at once. */
function rated(frame) {
  const conversation = find(frame.conversationId);
  if (conversation) {
    conversation.rating = { score: frame.score, comment: frame.comment || null };
    emit('transcript');
  }
  if (isAmbassador()) renderAmbassadorStats();
}

function history(frame) {
  const conversation = find(frame.conversationId);
  if (!conversation) return;
  addMessages(conversation, frame.messages || []);
  conversation.hasEarlier = conversation.messages.length > 0 && conversation.messages[0].seq > 1;
  emit('lists', 'transcript');
}

function serverError(frame) {
  for (const conversation of [...state.mine.values(), state.viewing].filter(Boolean)) {
    const pending = conversation.pending.find(p => p.clientId === frame.ref);
    if (pending && frame.code !== 'unavailable') {
      pending.error = frame.message || frame.code;
      socket.forget(frame.ref);
      emit('transcript');
    }
  }
  if (acceptRequested && frame.ref === acceptRequested) acceptRequested = null;
  const key = `error.${frame.code}`;
  const text = t(key) === key ? t('error.generic', { msg: frame.message || frame.code }) : t(key, { msg: frame.message || '' });
  toast(text, 'error');
}

// ---- commands ------------------------------------------------------------------------------------------------------

function attentive() {
  return document.visibilityState === 'visible' && document.hasFocus() && state.view === 'work';
}

function markRead() {
  const conversation = selected();
  if (!conversation || !conversation.held || !socket || !attentive()) return;
  conversation.unread = 0;
  const seq = lastSeq(conversation);
  if (seq > (conversation.readSent || 0)) {
    conversation.readSent = seq;
    socket.send({ type: 'read', conversationId: conversation.id, seq });
  }
  emit('lists');
}

function select(id) {
  if (state.selectedId !== id) stopTyping();
  state.selectedId = id;
  if (!(state.viewing && state.viewing.id === id)) state.viewing = null;
  const conversation = selected();
  if (conversation) {
    conversation.unread = 0;
    if (conversation.held && !conversation.messages.length && socket) {
      socket.send({ type: 'history', conversationId: id, limit: HISTORY_LIMIT });
    }
  }
  if (state.view !== 'work') setView('work');
  if (conversation) showPane('conversation');
  emit('lists', 'transcript', 'typing');
  afterSelect();
  markRead();
  const composer = $('#composer');
  if (!$('#composer-form').hidden) composer.focus();
}

function afterSelect() {
  closeCanned();
  updateMode();
  renderContext();
}

async function openReadOnly(id) {
  if (state.mine.has(id)) { select(id); return; }
  let data;
  try {
    data = await api.conversation(id);
  } catch (e) {
    toast(t('error.generic', { msg: e.message }), 'error');
    return;
  }
  const conversation = conversationFrom(data.conversation, data.messages || [], false);
  conversation.context = data;
  conversation.rating = data.rating || null;
  conversation.hasEarlier = false;
  state.viewing = conversation;
  select(id);
}

function accept(id) {
  acceptRequested = id;
  notify.unlockAudio();
  if (socket) socket.send({ type: 'accept', conversationId: id });
}

function earlier(conversation) {
  if (!conversation.messages.length || !socket) return;
  socket.send({ type: 'history', conversationId: conversation.id, beforeSeq: conversation.messages[0].seq, limit: HISTORY_LIMIT });
}

function send(conversation, text, internal) {
  const clientId = randomId('s');
  conversation.pending.push({ clientId, text, internal });
  socket.sendMessage({ type: 'message', conversationId: conversation.id, clientId, text, internal });
  emit('transcript');
}

function command(type) {
  const conversation = selected();
  if (!conversation || !socket) return;
  stopTyping();
  socket.send({ type, conversationId: conversation.id });
}

/**
 * Transfer to a person or to a skill, each picked from the site's lists (GET /staff): names, not ids. A server
 * without that route gets two text fields (staff id or skill).
 */
async function transferDialog() {
  const conversation = selected();
  if (!conversation) return;
  let staff = null;
  try { staff = ((await api.staffList()) || {}).staff || null; } catch { staff = null; }
  let person;
  let skill;
  if (staff) {
    const people = staff.filter(s => s.role !== 'admin' && s.id !== state.me.id)
      .sort((a, b) => (b.online - a.online) || a.name.localeCompare(b.name, lang()));
    const skills = Array.from(new Set(staff.flatMap(s => [...(s.skills || []), ...(s.expertise || [])])))
      .sort((a, b) => a.localeCompare(b, lang()));
    person = h('select', { name: 'person' }, h('option', { value: '', text: t('transfer.choose') }),
      people.map(s => h('option', { value: s.id, text: `${s.name} · ${t(`role.${s.role}`)}${s.online ? ` · ${t('transfer.online')}` : ''}` })));
    skill = h('select', { name: 'skill' }, h('option', { value: '', text: t('transfer.choose') }),
      skills.map(k => h('option', { value: k, text: k.charAt(0).toLocaleUpperCase(lang()) + k.slice(1) })));
    // One or the other: choosing a person clears the skill, and the reverse.
    person.addEventListener('change', () => { if (person.value) skill.value = ''; });
    skill.addEventListener('change', () => { if (skill.value) person.value = ''; });
  } else {
    person = h('input', { name: 'person', attrs: { autocomplete: 'off' } });
    skill = h('input', { name: 'skill', attrs: { autocomplete: 'off' } });
  }
  openDialog(t('transfer.heading'), h('div', {}, field(t('transfer.toPerson'), person), field(t('transfer.toSkill'), skill)), {
    submit: t('transfer.submit'), cancel: t('transfer.cancel'),
    onSubmit: () => {
      const toStaffId = person.value.trim();
      const toSkill = skill.value.trim();
      if (!toStaffId === !toSkill) return t('transfer.needOne');
      socket.send(toStaffId ? { type: 'transfer', conversationId: conversation.id, toStaffId }
        : { type: 'transfer', conversationId: conversation.id, toSkill });
      return null;
    },
  });
}

// ---- keyboard ------------------------------------------------------------------------------------------------------

function inField(target) {
  return target && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
}

function shortcuts(event) {
  if (!state.me || dialogOpen()) return;
  if (event.altKey && !event.ctrlKey && !event.metaKey) {
    const handled = altShortcut(event.code);
    if (handled) event.preventDefault();
    return;
  }
  if (inField(event.target) || event.ctrlKey || event.metaKey || event.altKey) return;
  if (event.key === '?') { event.preventDefault(); showHelp(); }
  else if (event.key === '/' && state.view === 'work' && !$('#composer-form').hidden) {
    event.preventDefault();
    $('#composer').focus();
    openCanned();
  }
}

function altShortcut(code) {
  switch (code) {
    case 'ArrowUp':
    case 'ArrowDown': {
      const list = mineSorted();
      if (!list.length) return true;
      const index = list.findIndex(c => c.id === state.selectedId);
      const step = code === 'ArrowDown' ? 1 : -1;
      const next = index < 0 ? 0 : (index + step + list.length) % list.length;
      select(list[next].id);
      return true;
    }
    case 'KeyA': {
      const waiting = queueSorted().filter(s => !state.mine.has(s.conversationId));
      if (waiting.length) accept(waiting[0].conversationId);
      return true;
    }
    case 'KeyN': toggleNote(); return true;
    case 'KeyR': if (!$('#composer-form').hidden) $('#composer').focus(); return true;
    case 'KeyS': setView('history'); return true;
    default: return false;
  }
}

// Escape closes the dialog natively; make sure focus goes back where it was.
document.getElementById('dialog').addEventListener('close', () => closeDialog());

boot();
