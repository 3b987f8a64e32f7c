// The pharmacy's live stream (GET /api/v1/counter/events, server-sent events, issue 10 §1 §2):
// what changed about its dispensations after their first answer (settled in-doubt ones, sends to
// the DMP and the DP attempted). Ids and codes only: the page re-reads what it shows through the
// API. EventSource cannot send the bearer token: a one-use 30-second ticket first, as presence.js.
import { sessionStore } from './api.js';

const RECONNECT_MS = 5000;

/**
 * @param {{api: object, onEvent: (name: string, data: object) => void, onConnected: () => void}} deps
 *   onConnected: the stream is (re)open; events missed meanwhile are caught up by re-reading
 */
export function attachPharmacyEvents({ api, onEvent, onConnected }) {
  let current = null; // {source, timer}

  async function connect(me) {
    let ticket;
    try {
      ticket = (await api.pharmacyEventsTicket()).ticket;
    } catch {
      retryLater(me);
      return;
    }
    if (current !== me) return; // stopped meanwhile
    const url = new URL('api/v1/counter/events', document.baseURI);
    url.searchParams.set('ticket', ticket);
    const source = new EventSource(url);
    me.source = source;
    source.addEventListener('hello', () => onConnected());
    for (const name of ['dispensation', 'sends']) {
      source.addEventListener(name, (e) => onEvent(name, JSON.parse(e.data)));
    }
    // the session ended (logout elsewhere, card removed): a new ticket gets the 401 that logs out
    source.addEventListener('ended', () => {
      source.close();
      if (current === me && sessionStore.load()) connect(me);
    });
    source.onerror = () => {
      source.close(); // the ticket is used up: a new one, not the browser's own retry
      retryLater(me);
    };
  }

  function retryLater(me) {
    if (current !== me) return;
    me.timer = setTimeout(() => current === me && connect(me), RECONNECT_MS);
  }

  return {
    start() {
      this.stop();
      current = { source: null, timer: null };
      connect(current);
    },
    stop() {
      if (!current) return;
      current.source?.close();
      clearTimeout(current.timer);
      current = null;
    },
  };
}

/**
 * The box « Envois de cette délivrance » follows the dispensation it shows until every send is
 * final (issue 10 §2): re-read at once on each event about it, and whenever the stream (re)opens.
 * @param {{api: object, shown: () => string|null, render: (dispensation: object) => void}} deps
 */
export function followSends({ api, shown, render }) {
  let reading = null;
  let again = false;
  async function reread(id) {
    if (!id || id !== shown()) return;
    if (reading === id) {
      again = true; // an event during a read: that read may predate it, read once more after
      return;
    }
    reading = id;
    try {
      do {
        again = false;
        const dispensation = await api.dispensation(id);
        if (id === shown()) render(dispensation);
      } while (again && id === shown());
    } catch {
      // the last state stays; the next event or reconnection reads it again
    } finally {
      reading = null;
    }
  }
  return {
    /** An event from the stream. */
    event(name, data) {
      if (data?.dispensationId) reread(data.dispensationId);
    },
    /** The stream (re)opened, or the box was just drawn: what is shown may have changed meanwhile. */
    caughtUp() {
      reread(shown());
    },
  };
}
