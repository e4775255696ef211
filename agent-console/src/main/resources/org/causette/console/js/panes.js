// Phones: one pane at a time. The list, then a conversation, then the shopper's context; the header's back button
// and the phone's own back gesture (history entries) go back a step. On wider screens every pane shows and the
// current pane is only remembered. The app's height follows the visual viewport, so the composer stays above the
// on-screen keyboard where the browser does not resize the layout for it (iOS Safari).

import { $ } from './dom.js';

const PHONE = window.matchMedia('(max-width: 720px)');
const DEPTH = { list: 0, conversation: 1, context: 2 };

export function currentPane() {
  return document.body.dataset.pane || 'list';
}

/** Shows a pane; going deeper adds a history entry so the phone's back gesture returns. */
export function showPane(pane, { fromHistory = false } = {}) {
  const before = currentPane();
  document.body.dataset.pane = pane;
  if (!fromHistory && PHONE.matches && DEPTH[pane] > DEPTH[before]) {
    history.pushState({ causettePane: pane }, '');
  }
}

function back(to) {
  if (PHONE.matches && history.state && history.state.causettePane) history.back();
  else showPane(to, { fromHistory: true });
}

export function initPanes() {
  document.body.dataset.pane = 'list';
  $('#back-button').addEventListener('click', () => back('list'));
  $('#context-back').addEventListener('click', () => back('conversation'));
  $('#context-button').addEventListener('click', () => showPane('context'));
  window.addEventListener('popstate', event => {
    showPane((event.state && event.state.causettePane) || 'list', { fromHistory: true });
  });
  const more = $('#more-button');
  const tools = $('#header-tools');
  more.addEventListener('click', () => {
    const open = !tools.classList.contains('open');
    tools.classList.toggle('open', open);
    more.setAttribute('aria-expanded', String(open));
  });
  const close = () => {
    tools.classList.remove('open');
    more.setAttribute('aria-expanded', 'false');
  };
  document.addEventListener('click', event => {
    if (tools.classList.contains('open') && !tools.contains(event.target) && !more.contains(event.target)) close();
  });
  document.addEventListener('keydown', event => {
    if (event.key === 'Escape' && tools.classList.contains('open')) { close(); more.focus(); }
  });
  if (window.visualViewport) {
    const fit = () => document.documentElement.style.setProperty('--app-height', `${Math.round(window.visualViewport.height)}px`);
    window.visualViewport.addEventListener('resize', fit);
    fit();
  }
}
