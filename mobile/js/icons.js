// Transport icons (MUI's icon font has none): fixed SVG markup, never user text.
const svg = (path) => `<svg viewBox="0 0 24 24" aria-hidden="true"><path d="${path}"/></svg>`;

export const ICONS = Object.freeze({
  play: svg('M8 5v14l11-7z'),
  pause: svg('M6 5h4v14H6zM14 5h4v14h-4z'),
  next: svg('M6 18l8.5-6L6 6v12zM16 6v12h2V6h-2z'),
  prev: svg('M6 6h2v12H6zm3.5 6l8.5 6V6z'),
  cast: svg('M1 18v3h3c0-1.7-1.3-3-3-3zm0-4v2c2.8 0 5 2.2 5 5h2c0-3.9-3.1-7-7-7zm0-4v2c5 0 9 4 9 ' +
    '9h2c0-6.1-4.9-11-11-11zm20-7H3c-1.1 0-2 .9-2 2v3h2V5h18v14h-7v2h7c1.1 0 2-.9 2-2V5c0-1.1' +
    '-.9-2-2-2z'),
  stop: svg('M6 6h12v12H6z'),
});

// A play/pause button's label says what a tap does now, so it follows the icon.
const STATE_LABELS = Object.freeze({ play: 'Play', pause: 'Pause' });

export function setIcon(node, name) {
  node.innerHTML = ICONS[name];
  node.dataset.icon = name;
  if (STATE_LABELS[name]) node.setAttribute('aria-label', STATE_LABELS[name]);
}
