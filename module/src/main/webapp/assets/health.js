// The status bar: one light per national service as the module's own calls saw them, the
// pharmacy's waiting sends with "Réessayer", and, when the e-prescription base does not answer,
// a banner saying what the pharmacist can still do. Polled, and refreshed after every action.
import { h } from './dom.js';
import { frenchDateTime } from './format.js';
import { describe } from './messages.js';

const POLL_MS = 15_000;

/** "3 min", "45 s", "2 h 05" */
export function age(seconds) {
  if (seconds == null) return '';
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')}`;
}

const STATE_SIGNS = Object.freeze({ UP: '✓', DEGRADED: '!', DOWN: '✕', UNKNOWN: '?' });

function light(s) {
  const details = [
    s.stateLabel,
    s.lastLatencyMs != null && `dernier appel ${s.lastLatencyMs} ms`,
    s.lastSuccessAt && `dernier succès ${frenchDateTime(s.lastSuccessAt)}`,
    s.state === 'DOWN' && s.lastFailureReason,
  ].filter(Boolean);
  return h(
    'li',
    { class: `light light-${s.state}`, id: `health-${s.service}`, dataset: { state: s.state }, title: details.join(' · ') },
    // the state is never told by the dot's colour alone (WCAG 1.4.1): a sign in the dot, and the
    // word beside the name whenever the service is not simply available
    h('span', { class: 'dot', 'aria-hidden': 'true' }, STATE_SIGNS[s.state] ?? '?'),
    h('span', { class: 'name' }, s.label),
    s.state !== 'UP' && h('span', { class: 'state-word', 'aria-hidden': 'true' }, s.stateLabel),
    h('span', { class: 'sr-only' }, ` : ${details.join(', ')}`),
    s.lastLatencyMs != null && h('span', { class: 'latency small muted', 'aria-hidden': 'true' }, `${s.lastLatencyMs} ms`),
  );
}

/**
 * @param {{bar: HTMLElement, banner: HTMLElement, api: object, say: Function, complain: Function}} deps
 */
export function attachHealth({ bar, banner, api, complain }) {
  let timer = null;
  let retrying = false;

  function render(health) {
    const pending = health.pendingSends;
    bar.replaceChildren(
      h('ul', { class: 'lights', 'aria-label': 'État des services nationaux' }, health.services.map(light)),
      h(
        'div',
        { class: `pending${pending ? ' has-pending' : ''}`, id: 'pending' },
        h(
          'span',
          { id: 'pending-label' },
          pending ? `${health.pendingLabel} (le plus ancien : ${age(health.oldestPendingSeconds)})` : health.pendingLabel,
        ),
        pending > 0 &&
          h('button', { type: 'button', id: 'retry-sends', class: 'secondary small-button', 'aria-keyshortcuts': 'Alt+R', onclick: retry }, 'Réessayer'),
      ),
    );
    banner.hidden = !health.eprescriptionDown;
    banner.replaceChildren(
      ...(health.eprescriptionDown
        ? [
            h('p', { class: 'sentence' }, 'La base ordonnance numérique ne répond pas : les ordonnances numériques ne peuvent pas être lues ni délivrées pour l’instant.'),
            h('ul', {}, health.whatYouCanDo.map((t) => h('li', {}, t))),
          ]
        : []),
    );
  }

  async function refresh() {
    try {
      render(await api.health());
    } catch (error) {
      if (error.kind === 'network') {
        bar.replaceChildren(h('p', { class: 'muted', id: 'pending-label' }, 'État des services inconnu : le module ne répond pas.'));
      }
      // other failures (session over...) are said by the action that hit them
    }
  }

  async function retry() {
    if (retrying) return;
    retrying = true;
    const button = document.getElementById('retry-sends');
    if (button) button.disabled = true;
    try {
      await api.retrySends();
      // The drain runs in the background: look again shortly, then on the usual beat.
      await new Promise((r) => setTimeout(r, 1000));
      await refresh();
    } catch (error) {
      if (error.kind !== 'unauthenticated') complain(describe(error));
    } finally {
      retrying = false;
    }
  }

  return {
    refresh,
    retry,
    start() {
      this.stop();
      refresh();
      timer = setInterval(refresh, POLL_MS);
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = null;
      bar.replaceChildren();
      banner.hidden = true;
    },
  };
}
