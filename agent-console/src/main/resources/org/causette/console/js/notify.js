// Desktop notification and a short chime on a new assignment, when the person allowed them. The chime is
// synthesised with Web Audio: no media file, nothing that CSP has to allow.

import { t } from './i18n.js';

const SOUND_KEY = 'causette.console.sound';
let audio = null;

export function soundOn() {
  return localStorage.getItem(SOUND_KEY) !== 'off';
}

export function setSound(on) {
  localStorage.setItem(SOUND_KEY, on ? 'on' : 'off');
  if (on) unlockAudio();
}

/** Browsers start audio only after a user gesture: call this from one (sign-in, a click). */
export function unlockAudio() {
  try {
    if (!audio) audio = new AudioContext();
    if (audio.state === 'suspended') audio.resume();
  } catch { audio = null; }
}

function chime() {
  if (!soundOn() || !audio || audio.state !== 'running') return;
  const now = audio.currentTime;
  [880, 1320].forEach((frequency, i) => {
    const osc = audio.createOscillator();
    const gain = audio.createGain();
    osc.type = 'sine';
    osc.frequency.value = frequency;
    gain.gain.setValueAtTime(0.0001, now + i * 0.15);
    gain.gain.exponentialRampToValueAtTime(0.2, now + i * 0.15 + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, now + i * 0.15 + 0.35);
    osc.connect(gain).connect(audio.destination);
    osc.start(now + i * 0.15);
    osc.stop(now + i * 0.15 + 0.4);
  });
}

export function notificationsSupported() {
  return 'Notification' in window;
}

export function notificationsAllowed() {
  return notificationsSupported() && Notification.permission === 'granted';
}

export async function askNotifications() {
  if (!notificationsSupported()) return false;
  unlockAudio();
  return (await Notification.requestPermission()) === 'granted';
}

/** A new conversation for me: a chime, and a desktop notification when the console is not in view. */
export function newAssignment(who, text, onClick) {
  chime();
  if (!notificationsAllowed() || document.visibilityState === 'visible' && document.hasFocus()) return;
  try {
    const n = new Notification(t('notify.assigned'), { body: t('notify.assignedBody', { name: who, text: text || '' }), tag: 'causette-assigned' });
    n.onclick = () => { window.focus(); onClick(); n.close(); };
  } catch { /* some browsers only notify from a service worker */ }
}
