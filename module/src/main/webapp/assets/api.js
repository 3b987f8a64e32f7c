// The module's REST API (/api/v1, shared/DESIGN.md ▣). Every failure becomes an ApiError whose
// `kind` says what happened (problem from the API, network, unexpected answer, session over), so
// the page can always say one French sentence instead of showing a status, a stack or JSON.

// Relative to the page: the WAR may be deployed at "/" (deploy/run.sh) or under a context root.
const BASE = new URL('api/v1/', document.baseURI);
const SESSION_KEY = 'officine-segur.session';
// A base that hangs must not freeze the counter: after this the call counts as "no answer" and a
// dispensation can be retried safely with the same Idempotency-Key.
const TIMEOUT_MS = 30_000;

export class ApiError extends Error {
  /**
   * @param {'problem'|'network'|'unexpected'|'unauthenticated'} kind
   * @param {object|null} problem the RFC 9457 body when the API sent one
   */
  constructor(kind, problem = null, status = 0) {
    super(problem?.title ?? kind);
    this.kind = kind;
    this.problem = problem;
    this.status = status;
  }
}

/** The session lives in sessionStorage: closed with the tab, never shared with another counter. */
export const sessionStore = {
  load() {
    try {
      const session = JSON.parse(sessionStorage.getItem(SESSION_KEY) ?? 'null');
      return session?.token ? session : null;
    } catch {
      return null;
    }
  },
  save(session) {
    sessionStorage.setItem(SESSION_KEY, JSON.stringify(session));
  },
  clear() {
    sessionStorage.removeItem(SESSION_KEY);
  },
};

async function readProblem(response) {
  const type = response.headers.get('Content-Type') ?? '';
  if (!/json/i.test(type)) return null;
  try {
    const body = await response.json();
    return body && typeof body.title === 'string' ? body : null;
  } catch {
    return null;
  }
}

/**
 * A UUID v4 for Idempotency-Key. crypto.randomUUID exists only in secure contexts (https or
 * localhost); a counter reaching the module over the pharmacy LAN in plain http has only
 * getRandomValues, which is as random.
 */
export function newIdempotencyKey() {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** @param {{onUnauthenticated: () => void}} hooks called when the session is refused (401) */
export function createApi({ onUnauthenticated }) {
  async function call(path, { method = 'GET', body, contentType, headers = {}, auth = true, accept, blob = false } = {}) {
    const sent = { Accept: accept ?? 'application/json, application/problem+json', ...headers };
    if (contentType) sent['Content-Type'] = contentType;
    if (auth) {
      const session = sessionStore.load();
      if (!session) {
        onUnauthenticated();
        throw new ApiError('unauthenticated');
      }
      sent.Authorization = `Bearer ${session.token}`;
    }
    let response;
    try {
      response = await fetch(new URL(path, BASE), {
        method,
        headers: sent,
        body,
        cache: 'no-store',
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch {
      throw new ApiError('network');
    }
    if (response.status === 204) return null;
    if (response.ok) {
      try {
        return blob ? await response.blob() : await response.json();
      } catch {
        throw new ApiError('unexpected', null, response.status);
      }
    }
    const problem = await readProblem(response);
    if (auth && response.status === 401) {
      sessionStore.clear();
      onUnauthenticated();
      throw new ApiError('unauthenticated', problem, 401);
    }
    throw new ApiError(problem ? 'problem' : 'unexpected', problem, response.status);
  }

  return {
    openSession: (login, password) =>
      call('sessions', {
        method: 'POST',
        auth: false,
        contentType: 'application/json',
        body: JSON.stringify({ login, password }),
      }),

    /** Logout: the server forgets the token at once (another tab's copy stops working too). */
    closeSession: () => call('sessions/current', { method: 'DELETE' }),

    /** What a keyboard-wedge scanner typed, raw: the server repairs AZERTY-mangled text. */
    scanText: (text) =>
      call('scans', { method: 'POST', contentType: 'text/plain;charset=UTF-8', body: text }),

    /** @param {Blob} picture image/png or image/jpeg */
    scanPicture: (picture) =>
      call('scans', { method: 'POST', contentType: picture.type, body: picture }),

    prescription: (number) => call(`prescriptions/${encodeURIComponent(number)}`),

    /** Status lights of the national services and the pharmacy's waiting sends. */
    health: () => call('health/services'),

    /** "Réessayer": every waiting send of the pharmacy is due now. */
    retrySends: () => call('outbox/retry', { method: 'POST' }),

    /** The patient's identity status (QUALIFIEE or not), from the identity feature. */
    identity: (ins) => call(`identity/patients/${encodeURIComponent(ins)}`),

    /** INSi lookup by the traits of the identity document (each first name, then the list: the module's strategy). */
    insi: (traits) => call('identity/insi', { method: 'POST', contentType: 'application/json', body: JSON.stringify(traits) }),

    /** Qualifies an INS retrieved by INSi, the identity document checked; releases the DMP sends waiting for it. */
    qualify: (ins, documentType) =>
      call('identity/qualifications', {
        method: 'POST',
        contentType: 'application/json',
        body: JSON.stringify({ ins, identityDocument: { type: documentType, checkedTraitsMatch: true } }),
      }),

    /** A one-use ticket for the presence stream of this prescription (EventSource has no header). */
    presenceTicket: (number) =>
      call(`prescriptions/${encodeURIComponent(number)}/presence/ticket`, { method: 'POST' }),

    leavePresence: (number, viewerId) =>
      call(`prescriptions/${encodeURIComponent(number)}/presence/${encodeURIComponent(viewerId)}`, { method: 'DELETE' }),

    dispensation: (id) => call(`dispensations/${encodeURIComponent(id)}`),

    /** The pharmacy's dispensations in one status (IN_DOUBT: waiting for the base's word). */
    dispensationsInStatus: (status) => call(`dispensations?status=${encodeURIComponent(status)}`),

    /** An in-doubt dispensation: CHECK (ask the base now) or CANCEL (when the base never recorded it). */
    settle: (id, action) =>
      call(`dispensations/${encodeURIComponent(id)}/settlement`, {
        method: 'POST',
        contentType: 'application/json',
        body: JSON.stringify({ action }),
      }),

    /** A one-use ticket for the pharmacy's live stream of its dispensations (live.js). */
    pharmacyEventsTicket: () => call('counter/events/ticket', { method: 'POST' }),

    /** This pharmacy's lines unknown to the base still to reconcile ("n lignes à régulariser"). */
    reconciliations: () => call('reconciliations?state=PENDING'),

    resolveReconciliation: (id, note) =>
      call(`reconciliations/${encodeURIComponent(id)}/resolution`, {
        method: 'POST',
        contentType: 'application/json',
        body: JSON.stringify({ note }),
      }),

    /** The product reference (BDPM): label words, CIP13 or CIS; at most 20. */
    products: (q) => call(`products?q=${encodeURIComponent(q)}`),

    /** The other packs of the product's generic group. */
    substitutes: (cip13) => call(`products/${encodeURIComponent(cip13)}/substitutes`),

    /**
     * A PDF of the API as a Blob: the session token goes in a header, which a plain link or an
     * iframe src could not carry.
     */
    pdf: (path) => call(path, { accept: 'application/pdf, application/problem+json', blob: true }),

    /** The dispensation document to the prescriber's MSSanté mailbox (one message per dispensation). */
    messagePrescriber: (id, idempotencyKey) =>
      call(`dispensations/${encodeURIComponent(id)}/messages`, {
        method: 'POST',
        contentType: 'application/json',
        headers: { 'Idempotency-Key': idempotencyKey },
        body: JSON.stringify({ to: 'PRESCRIBER' }),
      }),

    /** The pharmacy's data export (titulaire): 202 and the export, built in the background. */
    startExport: () => call('exports', { method: 'POST' }),

    exportStatus: (id) => call(`exports/${encodeURIComponent(id)}`),

    /** The export's zip as a Blob (the token goes in a header, which a plain link could not carry). */
    exportArchive: (id) =>
      call(`exports/${encodeURIComponent(id)}/archive.zip`, { accept: 'application/zip, application/problem+json', blob: true }),

    dispense: (number, request, idempotencyKey) =>
      call(`prescriptions/${encodeURIComponent(number)}/dispensations`, {
        method: 'POST',
        contentType: 'application/json',
        headers: { 'Idempotency-Key': idempotencyKey },
        body: JSON.stringify(request),
      }),
  };
}
