// plus.nativeUI in a browser: toasts, a waiting spinner and dialogs drawn in the top document,
// above every webview, with data-host-* hooks for tests.
export function createNativeUI(doc) {
  const el = (tag, attrs = {}, text) => {
    const node = doc.createElement(tag);
    for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, value);
    if (text !== undefined) node.textContent = text;
    return node;
  };
  let toastTimer = null;

  function toast(message, options = {}) {
    doc.querySelector('[data-host-toast]')?.remove();
    clearTimeout(toastTimer);
    const node = el('div', { class: 'host-toast', 'data-host-toast': '', role: 'status' },
      String(message));
    if (options.verticalAlign === 'top') node.classList.add('host-toast-top');
    if (options.verticalAlign === 'center') node.classList.add('host-toast-center');
    doc.body.appendChild(node);
    const ms = options.duration === 'long' ? 3500 : 2000;
    toastTimer = setTimeout(() => node.remove(), ms);
  }

  function showWaiting(title) {
    closeWaiting();
    const node = el('div', { class: 'host-waiting', 'data-host-waiting': '' });
    const box = el('div', { class: 'host-waiting-box' });
    const label = el('span', {}, title || '');
    box.append(el('span', { class: 'mui-spinner mui-spinner-white' }), label);
    node.appendChild(box);
    doc.body.appendChild(node);
    return { close: () => node.remove(), setTitle: (text) => { label.textContent = text; } };
  }

  function closeWaiting() { doc.querySelector('[data-host-waiting]')?.remove(); }

  // One modal with a message, optional input and buttons; resolves the index tapped.
  function dialog({ title, message, buttons, input, sheet = false }, callback) {
    const mask = el('div', { class: `host-dialog-mask${sheet ? ' host-sheet' : ''}`,
      'data-host-dialog': '' });
    const box = el('div', { class: 'host-dialog', role: 'dialog' });
    if (title) box.appendChild(el('div', { class: 'host-dialog-title' }, title));
    if (message) box.appendChild(el('div', { class: 'host-dialog-message' }, message));
    const field = input ? el('input', { class: 'host-dialog-input', 'data-host-input': '',
      placeholder: input.placeholder || '' }) : null;
    if (field) { field.value = input.value || ''; box.appendChild(field); }
    const row = el('div', { class: 'host-dialog-buttons' });
    buttons.forEach((label, index) => {
      const button = el('button', { type: 'button', 'data-host-button': String(index) }, label);
      button.addEventListener('click', () => {
        mask.remove();
        if (typeof callback === 'function') callback({ index, value: field ? field.value : undefined });
      });
      row.appendChild(button);
    });
    box.appendChild(row);
    mask.appendChild(box);
    doc.body.appendChild(mask);
    field?.focus();
  }

  return {
    toast,
    showWaiting,
    closeWaiting,
    alert: (message, callback, title, button) =>
      dialog({ title, message, buttons: [button || 'OK'] }, callback),
    confirm: (message, callback, title, buttons) =>
      dialog({ title, message, buttons: buttons || ['OK', 'Cancel'] }, callback),
    prompt: (message, callback, title, placeholder, buttons) =>
      dialog({ title, message, buttons: buttons || ['OK', 'Cancel'], input: { placeholder } },
        callback),
    actionSheet(options, callback) {
      // 5+ numbers the cancel button 0 and the others from 1.
      const labels = [...(options.buttons || []).map((b) => b.title), options.cancel || 'Cancel'];
      dialog({ title: options.title, buttons: labels, sheet: true },
        (e) => callback?.({ index: e.index === labels.length - 1 ? 0 : e.index + 1 }));
    },
  };
}
