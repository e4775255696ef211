// The keyboard help (press ?).

import { h } from '../dom.js';
import { t } from '../i18n.js';
import { openDialog } from './dialog.js';

export const SHORTCUTS = [
  ['Alt + ↑ / Alt + ↓', 'help.nav'],
  ['Enter · Ctrl + Enter', 'help.send'],
  ['Shift + Enter', 'help.newline'],
  ['/', 'help.canned'],
  ['Alt + N', 'help.note'],
  ['Alt + A', 'help.accept'],
  ['Alt + R', 'help.composer'],
  ['Alt + S', 'help.search'],
  ['Esc', 'help.escape'],
  ['?', 'help.help'],
];

export function showHelp() {
  openDialog(t('help.heading'), h('dl', { class: 'shortcuts' },
    SHORTCUTS.map(([keys, label]) => [h('dt', {}, h('kbd', { text: keys })), h('dd', { text: t(label) })])));
}
