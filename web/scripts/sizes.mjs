// Prints the gzipped size of the initial JavaScript (the entry and what it imports statically) and of each chunk
// loaded later, and fails the build when the initial JavaScript exceeds its budget.
import { readFileSync, rmSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const BUDGET_KB = 250;
const dist = new URL('../dist/', import.meta.url);
const manifest = JSON.parse(readFileSync(new URL('.vite/manifest.json', dist), 'utf8'));
const kb = (n) => (n / 1024).toFixed(1).padStart(7);
const gz = (file) => gzipSync(readFileSync(new URL(file, dist))).length;

const entry = Object.values(manifest).find((c) => c.isEntry);
const initial = new Set();
(function walk(chunk) {
  if (initial.has(chunk.file)) return;
  initial.add(chunk.file);
  (chunk.imports ?? []).forEach((key) => walk(manifest[key]));
})(entry);

let total = 0;
console.log('JavaScript, gzipped:');
for (const file of initial) {
  total += gz(file);
  console.log(`  initial ${kb(gz(file))} KB  ${file}`);
}
const lazy = Object.values(manifest).filter((c) => c.file.endsWith('.js') && !initial.has(c.file));
for (const c of lazy) console.log(`  later   ${kb(gz(c.file))} KB  ${c.file}${c.src ? ` (${c.src})` : ''}`);
const css = new Set(Object.values(manifest).flatMap((c) => c.css ?? []));
for (const file of css) console.log(`  css     ${kb(gz(file))} KB  ${file}`);
console.log(`Initial JavaScript: ${kb(total).trim()} KB gzipped (budget ${BUDGET_KB} KB)`);
rmSync(new URL('.vite', dist), { recursive: true });
if (total > BUDGET_KB * 1024) {
  console.error(`The initial JavaScript exceeds ${BUDGET_KB} KB gzipped.`);
  process.exit(1);
}
