// The JavaScript the login page loads: the entry script of dist/index.html and every chunk it
// imports statically (transitively), each gzipped as a browser would receive it.
// Usage: npm run build && node scripts/login-bundle.mjs [limit in kB, e.g. 150]
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';

const dist = new URL('../dist/', import.meta.url).pathname;
const html = readFileSync(join(dist, 'index.html'), 'utf8');
const entries = [...html.matchAll(/<script[^>]+src="\/([^"]+\.js)"/g)].map((m) => m[1]);
const preloads = [...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="\/([^"]+\.js)"/g)].map((m) => m[1]);

const seen = new Set();
const queue = [...entries, ...preloads];
while (queue.length > 0) {
  const file = queue.shift();
  if (seen.has(file)) continue;
  seen.add(file);
  const code = readFileSync(join(dist, file), 'utf8');
  // Static imports only: `import … from "./x.js"` and `import "./x.js"` (not `import("./x.js")`).
  for (const m of code.matchAll(/(?:^|[;}\n])\s*import\s*(?:[\w*{}\s,$]+from\s*)?["']\.\/([^"']+\.js)["']/g)) {
    queue.push(`assets/${m[1]}`);
  }
}

let total = 0;
for (const file of seen) {
  const raw = readFileSync(join(dist, file));
  const gz = gzipSync(raw).length;
  total += gz;
  console.log(`${file.padEnd(48)} ${(raw.length / 1024).toFixed(1).padStart(8)} KB  ${(gz / 1024).toFixed(1).padStart(7)} KB gzip`);
}
console.log(`login page JavaScript: ${total} bytes gzip (${(total / 1000).toFixed(1)} kB, ${(total / 1024).toFixed(1)} KiB) in ${seen.size} file(s)`);
const limit = Number(process.argv[2]);
if (limit && total / 1000 >= limit) {
  console.error(`over the ${limit} kB limit`);
  process.exit(1);
}
