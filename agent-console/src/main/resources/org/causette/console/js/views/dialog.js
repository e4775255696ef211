// One modal <dialog> for transfer, teaching the bot and the keyboard help. Esc closes it; focus returns where it was.

import { h, fill } from '../dom.js';
import { t } from '../i18n.js';

let returnFocus = null;

/**
 * Opens the dialog with a title and a form body. `onSubmit(form)` may return a message (shown, dialog stays open)
 * or a promise of one; a falsy result closes the dialog.
 */
export function openDialog(title, body, { submit, cancel, onSubmit } = {}) {
  const dialog = document.getElementById('dialog');
  returnFocus = document.activeElement;
  const error = h('p', { class: 'form-error', attrs: { role: 'alert' } });
  const form = h('form', { class: 'dialog-form', attrs: { method: 'dialog' } },
    h('h2', { id: 'dialog-title', text: title }),
    body,
    error,
    h('div', { class: 'dialog-buttons' },
      h('button', { type: 'button', class: 'ghost', text: cancel || t('help.close'), on: { click: () => closeDialog() } }),
      submit ? h('button', { type: 'submit', class: 'primary', text: submit }) : null));
  form.addEventListener('submit', async event => {
    event.preventDefault();
    if (!onSubmit) { closeDialog(); return; }
    const message = await onSubmit(form);
    if (message) error.textContent = message;
    else closeDialog();
  });
  fill(dialog, form);
  dialog.setAttribute('aria-labelledby', 'dialog-title');
  dialog.showModal();
  const first = form.querySelector('input:not([type=hidden]), select, textarea, button[type=submit]');
  if (first) first.focus();
  return dialog;
}

export function closeDialog() {
  const dialog = document.getElementById('dialog');
  if (dialog.open) dialog.close();
  if (returnFocus && returnFocus.focus) returnFocus.focus();
  returnFocus = null;
}

export function dialogOpen() {
  return document.getElementById('dialog').open;
}

export function field(label, input) {
  return h('label', { class: 'field' }, h('span', { text: label }), input);
}
