// A picture of the QR code from the counter's webcam: one frame, sent like a dropped picture.
// The button exists only when the browser sees a camera; the camera is on only while the preview
// is open, and stopped as soon as the frame is taken (a counter camera must not stay live).
import { h } from './dom.js';

/** Whether a camera is plugged in (labels stay hidden until permission: only the kind is read). */
export async function hasCamera() {
  if (!navigator.mediaDevices?.enumerateDevices || !navigator.mediaDevices.getUserMedia) return false;
  try {
    return (await navigator.mediaDevices.enumerateDevices()).some((d) => d.kind === 'videoinput');
  } catch {
    return false;
  }
}

/**
 * @param {{button: HTMLElement, panel: HTMLElement, onFrame: (blob: Blob) => void,
 *          onFailure: (sentence: string, action: string) => void, onClose: () => void}} deps
 */
export function attachWebcam({ button, panel, onFrame, onFailure, onClose }) {
  let stream = null;

  function close() {
    stream?.getTracks().forEach((t) => t.stop());
    stream = null;
    panel.hidden = true;
    panel.replaceChildren();
  }

  async function open() {
    if (stream) return;
    try {
      stream = await navigator.mediaDevices.getUserMedia({
        video: { width: { ideal: 1280 }, height: { ideal: 720 }, facingMode: 'environment' },
        audio: false,
      });
    } catch {
      onFailure('La webcam n’est pas accessible.', 'Autorisez la caméra dans le navigateur, ou tapez le numéro imprimé sous le QR code.');
      return;
    }
    const video = h('video', { id: 'webcam-video', autoplay: true, muted: true, playsinline: true, 'aria-label': 'Image de la webcam' });
    video.srcObject = stream;
    const take = h('button', { type: 'button', id: 'webcam-take', class: 'primary', onclick: () => capture(video) }, 'Prendre la photo');
    const cancel = h('button', { type: 'button', id: 'webcam-close', class: 'secondary', onclick: () => { close(); onClose(); } }, 'Fermer');
    panel.replaceChildren(
      h('p', { class: 'small' }, 'Présentez le QR code devant la caméra, puis ', h('kbd', {}, 'Entrée'), ' (', h('kbd', {}, 'Échap'), ' pour fermer).'),
      video,
      h('div', { class: 'row' }, take, cancel),
    );
    panel.hidden = false;
    take.focus();
  }

  async function capture(video) {
    if (!video.videoWidth) {
      await new Promise((resolve) => video.addEventListener('loadeddata', resolve, { once: true }));
    }
    const canvas = document.createElement('canvas');
    canvas.width = video.videoWidth;
    canvas.height = video.videoHeight;
    canvas.getContext('2d').drawImage(video, 0, 0);
    close();
    const blob = await new Promise((resolve) => canvas.toBlob(resolve, 'image/png'));
    if (blob) onFrame(blob);
    else onFailure('La photo n’a pas pu être prise.', 'Réessayez, ou tapez le numéro imprimé sous le QR code.');
  }

  hasCamera().then((present) => {
    button.hidden = !present;
    button.dataset.checked = 'true'; // tests wait for the answer, not for a delay
  });
  navigator.mediaDevices?.addEventListener?.('devicechange', async () => {
    button.hidden = !(await hasCamera());
  });
  button.addEventListener('click', open);
  panel.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      event.stopPropagation();
      close();
      onClose();
    }
  });
  return { open, close, isOpen: () => stream != null };
}
