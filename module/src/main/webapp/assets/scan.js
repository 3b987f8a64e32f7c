// The scan field and the picture inputs. A douchette (keyboard-wedge scanner) types the 18
// characters in a burst, usually followed by Enter; some are configured without Enter. A
// pharmacist typing by hand is slow and ends with Enter. Both must work without a click.
// A medicine box's GS1 DataMatrix goes into the same field: a longer burst, whose first 18
// characters must not be taken for a prescription number, so a burst is submitted once it stops.

export const NUMBER_LENGTH = 18;
const BURST_MS = 50; // a human does not type 18 keys under 50 ms apart; a scanner does
const SAME_TEXT_MS = 1000; // a scanner's trailing Enter after a burst submit is not a second scan

/**
 * @param {HTMLInputElement} field
 * @param {(text: string) => Promise<boolean>} onScan called with the raw text, at most once at a
 *     time; true when a prescription was opened
 * @returns {{submit: () => Promise<void>, opened: () => void}}
 */
export function attachScanField(field, onScan) {
  let run = 0; // characters inserted one by one, each less than BURST_MS after the previous one
  let lastCharAt = -Infinity;
  let busy = false;
  let lastText = '';
  let lastAt = -Infinity;
  // After a prescription opened, the next character typed starts a new number wherever the caret
  // was (a click, a driver's focus): the number on screen is never extended by the next scan.
  // After a refused number the text stays, selected, so a typo can be corrected.
  let done = false;

  let queued = false;
  let burstEnd = null; // timer: the burst is over when no character came for BURST_MS × 2

  async function submit() {
    clearTimeout(burstEnd);
    const text = field.value;
    if (!text.trim()) return;
    if (busy) {
      // Another number arrived while the previous one is being opened: the newest one wins.
      if (text !== lastText) queued = true;
      return;
    }
    const now = performance.now();
    if (text === lastText && now - lastAt < SAME_TEXT_MS) return;
    busy = true;
    lastText = text;
    lastAt = now;
    run = 0;
    // Selected at once: a scan arriving while this one is in flight replaces it, not extends it.
    field.select();
    try {
      done = await onScan(text);
    } finally {
      busy = false;
      if (queued) {
        queued = false;
        submit();
      } else if (document.activeElement === field) {
        field.select(); // the next scan replaces this one
      }
    }
  }

  field.addEventListener('keydown', (event) => {
    // Ctrl+Enter records the dispensation (the page's shortcut, even from this field): taken here
    // for a scan, it re-opened the prescription and dropped the form under the pharmacist's hands
    // whenever more than SAME_TEXT_MS had passed since the scan (issue 11 #10).
    if (event.key === 'Enter' && !event.ctrlKey && !event.metaKey) {
      event.preventDefault();
      submit();
    }
  });

  field.addEventListener('beforeinput', (event) => {
    if (done && event.inputType === 'insertText') field.value = '';
    done = false;
  });

  // Counted on 'input' rather than 'keydown': what matters is the characters that arrived, and a
  // keydown's `key` is empty or a dead key for some layouts and injected characters (é, à, ç…).
  field.addEventListener('input', (event) => {
    if (event.inputType === 'insertText' && event.data?.length === 1) {
      run = event.timeStamp - lastCharAt < BURST_MS ? run + 1 : 1;
      lastCharAt = event.timeStamp;
    } else {
      run = 0; // a paste, a deletion, an autocompletion: not a scanner burst
    }
    clearTimeout(burstEnd);
    // A scanner burst of at least a number's length: a prescription number (18 characters) or a
    // box code (longer), submitted once the burst stops, never in the middle of a box code.
    if (run >= NUMBER_LENGTH && field.value.length >= NUMBER_LENGTH) {
      burstEnd = setTimeout(() => {
        if (run >= NUMBER_LENGTH) submit();
      }, BURST_MS * 2);
    }
  });

  field.addEventListener('focus', () => field.select());
  return {
    submit,
    /** A prescription was opened some other way (a picture): the next key starts a new number. */
    opened() {
      done = true;
    },
  };
}

const SENT_AS_IS = new Set(['image/png', 'image/jpeg']);

/**
 * The API reads PNG and JPEG. Other pictures the browser can decode (WebP, GIF, BMP, a phone's
 * screenshot) are redrawn as PNG here rather than refused at the counter.
 * @param {Blob} file
 * @returns {Promise<Blob>}
 */
export async function asScannablePicture(file) {
  if (SENT_AS_IS.has(file.type)) return file;
  const bitmap = await createImageBitmap(file); // rejects when the browser cannot decode it
  try {
    const canvas = document.createElement('canvas');
    canvas.width = bitmap.width;
    canvas.height = bitmap.height;
    canvas.getContext('2d').drawImage(bitmap, 0, 0);
    return await new Promise((resolve, reject) =>
      canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('toBlob'))), 'image/png'),
    );
  } finally {
    bitmap.close();
  }
}

/**
 * Drag-and-drop and paste of a picture anywhere on the page.
 * @param {HTMLElement} overlay shown while a file is dragged over the page
 * @param {(file: File) => void} onPicture
 */
export function attachPictureDrop(overlay, onPicture) {
  let depth = 0;
  const hasFiles = (event) => [...(event.dataTransfer?.types ?? [])].includes('Files');
  document.addEventListener('dragenter', (event) => {
    if (!hasFiles(event)) return;
    depth += 1;
    overlay.hidden = false;
  });
  document.addEventListener('dragleave', () => {
    depth = Math.max(0, depth - 1);
    if (depth === 0) overlay.hidden = true;
  });
  document.addEventListener('dragover', (event) => {
    if (hasFiles(event)) event.preventDefault(); // allows the drop
  });
  document.addEventListener('drop', (event) => {
    depth = 0;
    overlay.hidden = true;
    if (!hasFiles(event)) return;
    event.preventDefault(); // otherwise the browser navigates away to the dropped file
    const files = [...(event.dataTransfer?.files ?? [])];
    // A non-image (a PDF…) is passed on too: it fails like an unreadable picture, with the same advice.
    const file = files.find((f) => f.type.startsWith('image/')) ?? files[0];
    if (file) onPicture(file);
  });
  document.addEventListener('paste', (event) => {
    const file = [...(event.clipboardData?.files ?? [])].find((f) => f.type.startsWith('image/'));
    if (!file) return; // pasted text goes where the caret is, as usual
    event.preventDefault();
    onPicture(file);
  });
}
