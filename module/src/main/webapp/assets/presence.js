// "Un collègue a cette ordonnance ouverte": a live stream per open prescription (server-sent
// events). EventSource cannot send the bearer token: the page first trades it for a one-use,
// 30-second ticket bound to this prescription (POST .../presence/ticket), then opens the stream.
import { sessionStore } from './api.js';
import { h } from './dom.js';

const TIME = new Intl.DateTimeFormat('fr-FR', { timeStyle: 'short', timeZone: 'Europe/Paris' });
const RECONNECT_MS = 5000;

/**
 * @param {{slot: HTMLElement, api: object, onDispensation: (event: object) => void}} deps
 */
export function attachPresence({ slot, api, onDispensation }) {
  let watching = null; // {number, source, timer}

  function stop() {
    const was = watching;
    watching = null;
    if (was) {
      was.source?.close();
      clearTimeout(was.timer);
      // Only with a live session (not while logging out): otherwise the heartbeat notices.
      if (was.viewerId && sessionStore.load()) api.leavePresence(was.number, was.viewerId).catch(() => {});
    }
    slot.replaceChildren();
  }

  async function connect(current) {
    let ticket;
    try {
      ticket = (await api.presenceTicket(current.number)).ticket;
    } catch {
      retryLater(current);
      return;
    }
    if (watching !== current) return; // another prescription was opened meanwhile
    const url = new URL(`api/v1/prescriptions/${encodeURIComponent(current.number)}/presence`, document.baseURI);
    url.searchParams.set('ticket', ticket);
    const source = new EventSource(url);
    current.source = source;
    source.addEventListener('hello', (e) => {
      current.viewerId = JSON.parse(e.data).viewerId;
    });
    source.addEventListener('presence', (e) => show(JSON.parse(e.data).others ?? []));
    source.addEventListener('dispensation', (e) => onDispensation(JSON.parse(e.data)));
    // The session behind the stream ended (logout elsewhere, CPS card removed): asking for a new
    // ticket at once gets the 401 that takes the page back to the login.
    source.addEventListener('ended', () => {
      source.close();
      if (watching === current) connect(current);
    });
    // The ticket is used up: a dropped stream needs a new one, not the browser's own retry.
    source.onerror = () => {
      source.close();
      retryLater(current);
    };
  }

  function retryLater(current) {
    if (watching !== current) return;
    current.timer = setTimeout(() => watching === current && connect(current), RECONNECT_MS);
  }

  function show(others) {
    slot.replaceChildren(
      ...(others.length
        ? [
            h(
              'p',
              { class: 'colleague', id: 'colleague-notice' },
              others
                .map((o) => `${o.name}${o.sameLogin ? ' (même compte, autre écran)' : ''} a aussi cette ordonnance ouverte depuis ${TIME.format(new Date(o.since))}`)
                .join(' · '),
              '. Le serveur vérifie chaque délivrance : pas de double délivrance possible.',
            ),
          ]
        : []),
    );
  }

  return {
    watch(number) {
      if (watching?.number === number) return;
      stop();
      watching = { number, source: null, timer: null, viewerId: null };
      connect(watching);
    },
    stop,
  };
}
