// « Exporter les données de la pharmacie » (issue 15 §4, SONS portability clause): the titulaire
// asks for an archive of everything of the pharmacy, follows its progress, then downloads it.
// The archive is built by the module in the background (GET /exports/{id} says how far).
import { h } from './dom.js';
import { frenchDateTime } from './format.js';
import { describe } from './messages.js';

const FOLLOW_EVERY_MS = 500;

/**
 * @param {{button: HTMLButtonElement, slot: HTMLElement, api: object, complain: Function, say: Function}} deps
 * @returns {{show: (role: string) => void, stop: () => void}}
 */
export function attachDataExport({ button, slot, api, complain, say }) {
  let timer = null;
  let followed = null;

  function megabytes(bytes) {
    return `${(bytes / 1_000_000).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} Mo`;
  }

  async function download(view) {
    const link = slot.querySelector('#data-export-download');
    link.disabled = true;
    try {
      const zip = await api.exportArchive(view.exportId);
      const url = URL.createObjectURL(zip);
      const a = h('a', { href: url, download: `donnees-pharmacie-${view.createdAt.slice(0, 10)}.zip`, hidden: true });
      slot.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      slot.dataset.downloadedBytes = String(zip.size);
      say('Archive téléchargée.', 'Conservez-la en lieu sûr : elle contient les données des patients.');
    } catch (error) {
      if (error.kind !== 'unauthenticated') complain(describe(error));
    } finally {
      link.disabled = false;
    }
  }

  function render(view) {
    slot.dataset.status = view.status;
    slot.dataset.exportId = view.exportId;
    const parts = [h('span', { id: 'data-export-label', class: 'name' }, view.label)];
    if (view.status === 'RUNNING') {
      parts.push(
        h('progress', { id: 'data-export-progress', max: '100', value: String(view.progress.percent), 'aria-label': 'Avancement de l’export' }),
        h('span', { class: 'small muted' }, `${view.progress.done} / ${view.progress.total} éléments`),
      );
    } else if (view.status === 'DONE') {
      parts.push(
        h('button', { type: 'button', id: 'data-export-download', class: 'primary', onclick: () => download(view) },
          `Télécharger l’archive (${megabytes(view.sizeBytes)})`),
        h('span', { class: 'small muted' }, `conservée sur le module jusqu’au ${frenchDateTime(view.expiresAt)}`),
      );
    } else if (view.problem) {
      parts.push(h('span', { class: 'small muted' }, view.problem));
    }
    slot.replaceChildren(...parts);
  }

  async function follow(id) {
    followed = id;
    let view;
    try {
      view = await api.exportStatus(id);
    } catch (error) {
      if (error.kind !== 'unauthenticated') complain(describe(error));
      return;
    }
    if (followed !== id) return;
    render(view);
    if (view.status === 'RUNNING') {
      timer = setTimeout(() => follow(id), FOLLOW_EVERY_MS);
    } else {
      button.disabled = false;
    }
  }

  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      const view = await api.startExport();
      render(view);
      follow(view.exportId);
    } catch (error) {
      button.disabled = false;
      if (error.kind !== 'unauthenticated') complain(describe(error));
    }
  });

  return {
    /** The button is the titulaire's only (the server refuses anyone else anyway). */
    show(role) {
      button.hidden = role !== 'TITULAIRE';
    },
    stop() {
      clearTimeout(timer);
      followed = null;
      button.hidden = true;
      button.disabled = false;
      slot.replaceChildren();
      delete slot.dataset.status;
      delete slot.dataset.downloadedBytes;
    },
  };
}
