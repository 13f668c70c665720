// Copies DCloud's MUI 3.7 (MIT, shipped in vue-awesome-mui's mui/dist) into mobile/lib/mui,
// where HBuilder and the browser load it. mobile/lib/ is ignored by git.
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const source = join(root, 'node_modules', 'vue-awesome-mui', 'mui', 'dist');
const target = join(root, 'mobile', 'lib', 'mui');

rmSync(target, { recursive: true, force: true });
mkdirSync(target, { recursive: true });
for (const dir of ['css', 'js', 'fonts']) {
  cpSync(join(source, dir), join(target, dir), { recursive: true });
}
console.log(`MUI copied to ${target}`);
