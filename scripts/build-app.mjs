// `npm run build`: packages mobile/ into dist/app/, a 5+App folder HBuilder opens as it is.
// Entry points come from the HTML files themselves (each `<script type="module" src>`), so a
// new page builds with no change here. Every webview loads the same three content-hashed
// files (MUI, one CSS bundle, one classic-script bundle), so after the first webview they
// come from the browser cache. The source keeps its plain ES modules; nothing there
// depends on this script.
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, posix, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SOURCE = join(ROOT, 'mobile');
// `node scripts/build-app.mjs [OUT]`: dist/app/ unless another folder is named (tests).
const OUT = resolve(process.argv[2] || join(ROOT, 'dist', 'app'));
const ASSETS = 'assets';
// Folders copied as they are (everything else the pages need goes through the bundles).
const STATIC = ['img', 'manifest.json', 'sw.js'];
const MODULE_SCRIPT = /<script\s+type="module"\s+src="([^"]+)"\s*><\/script>/g;
const STYLESHEET = /[ \t]*<link rel="stylesheet" href="[^"]+\.css">\n?/g;
const MUI_SCRIPT = /<script src="[^"]*lib\/mui\/js\/mui\.min\.js"><\/script>/;

// Every HTML file of the app (pages included), relative to mobile/, MUI's own excluded.
function htmlFiles(dir = SOURCE) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'lib' ? [] : htmlFiles(path);
    return entry.name.endsWith('.html') ? [relative(SOURCE, path)] : [];
  });
}

// The module each HTML file starts, as a path relative to mobile/ ("js/pages/main.js").
function entriesOf(html, file) {
  return [...html.matchAll(MODULE_SCRIPT)].map((match) =>
    posix.normalize(posix.join(posix.dirname(file.split('\\').join('/')), match[1])));
}

function hashed(name, content) {
  const digest = createHash('sha256').update(content).digest('hex').slice(0, 10);
  const dot = name.lastIndexOf('.');
  return `${name.slice(0, dot)}-${digest}${name.slice(dot)}`;
}

// One classic script: the pages' modules load lazily, the script tag names which one runs.
async function bundleScripts(entries) {
  const lines = entries.map((entry) =>
    `  ${JSON.stringify(entry)}: () => import(${JSON.stringify(join(SOURCE, entry))}),`);
  const dispatcher = [
    'const pages = {', ...lines, '};',
    'pages[document.currentScript.dataset.entry]();', ''].join('\n');
  const result = await esbuild.build({
    stdin: { contents: dispatcher, resolveDir: SOURCE, sourcefile: 'entry.js' },
    bundle: true, format: 'iife', target: 'es2020', minify: true, write: false,
    legalComments: 'none', logLevel: 'warning',
    // The host reads import.meta.url only to find host.css, which the bundle already has.
    logOverride: { 'empty-import-meta': 'silent' } });
  return result.outputFiles[0].contents;
}

// One stylesheet: MUI, the app's CSS and the browser host's; MUI's font as a hashed asset.
async function bundleStyles() {
  const sheets = ['lib/mui/css/mui.min.css', 'css/app.css', 'js/host/host.css'];
  const result = await esbuild.build({
    stdin: { contents: sheets.map((s) => `@import ${JSON.stringify(`./${s}`)};`).join('\n'),
      resolveDir: SOURCE, sourcefile: 'app.css', loader: 'css' },
    bundle: true, minify: true, write: false, outdir: join(OUT, ASSETS),
    assetNames: '[name]-[hash]', loader: { '.ttf': 'file' }, logLevel: 'warning' });
  return result.outputFiles;
}

// Hashed text files get a gzip twin (name.gz) that the server sends to clients accepting it.
function write(path, content) {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
  if (path.includes(`${ASSETS}/`) && /\.(js|css|ttf)$/.test(path)) {
    writeFileSync(`${path}.gz`, gzipSync(content, { level: 9 }));
  }
}

// The HTML with its stylesheets, MUI and module script swapped for the hashed files.
function rewrite(html, file, names) {
  const up = posix.relative(posix.dirname(file.split('\\').join('/')), '.') || '.';
  const at = (name) => `${up === '.' ? '' : `${up}/`}${ASSETS}/${name}`;
  let first = true;
  return html
    .replace(STYLESHEET, (line) => {
      if (!first) return '';
      first = false;
      return line.replace(/href="[^"]+"/, `href="${at(names.css)}"`);
    })
    // Deferred like the module script it comes before, so neither holds up the first paint.
    .replace(MUI_SCRIPT, `<script defer src="${at(names.mui)}"></script>`)
    .replace(MODULE_SCRIPT, (_, src) => {
      const entry = entriesOf(`<script type="module" src="${src}"></script>`, file)[0];
      return `<script defer src="${at(names.js)}" data-entry="${entry}"></script>`;
    });
}

async function build() {
  rmSync(OUT, { recursive: true, force: true });
  const pages = htmlFiles().map((file) => ({ file, html: readFileSync(join(SOURCE, file), 'utf8') }));
  const entries = [...new Set(pages.flatMap(({ file, html }) => entriesOf(html, file)))].sort();
  const names = {};
  const js = await bundleScripts(entries);
  names.js = hashed('app.js', js);
  write(join(OUT, ASSETS, names.js), js);
  const mui = readFileSync(join(SOURCE, 'lib/mui/js/mui.min.js'));
  names.mui = hashed('mui.js', mui);
  write(join(OUT, ASSETS, names.mui), mui);
  for (const output of await bundleStyles()) {
    if (output.path.endsWith('.css')) {
      // MUI's icon font: text shows at once, the icons when the font arrives.
      const css = Buffer.from(output.text.replaceAll('@font-face{', '@font-face{font-display:swap;'));
      names.css = hashed('app.css', css);
      write(join(OUT, ASSETS, names.css), css);
    } else {
      write(output.path, output.contents);
    }
  }
  for (const { file, html } of pages) write(join(OUT, file), rewrite(html, file, names));
  for (const item of STATIC) cpSync(join(SOURCE, item), join(OUT, item), { recursive: true });
  console.log(`built ${pages.length} pages, ${entries.length} entry points into ${OUT}`);
}

await build();
