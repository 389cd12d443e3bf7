/**
 * The forecast modules the page imports at start must not reach model code: an import that reaches the models drags
 * their special functions and their module-level tables into the page's first chunk, though only the compute worker
 * runs them. This follows the value imports (not `import type`, which TypeScript erases) from each module, as the
 * bundler does.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');

/** Every module a file's value imports and re-exports reach: local files (relative to the root) and packages. */
function valueImports(entry: string): { files: string[]; packages: string[] } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    const source = readFileSync(resolve(root, file), 'utf8');
    const statements = [
      ...source.matchAll(/^\s*(?:import|export)\s+(?!type\s)[^'";]*?\s+from\s+['"]([^'"]+)['"]/gm),
      ...source.matchAll(/^\s*import\s+['"]([^'"]+)['"]/gm),
    ];
    for (const [, specifier] of statements) {
      if (!specifier.startsWith('.')) {
        packages.add(specifier);
        continue;
      }
      const base = resolve(root, dirname(file), specifier);
      const target = [`${base}.ts`, `${base}/index.ts`, base].find((p) => existsSync(p) && p.endsWith('.ts'));
      if (!target) throw new Error(`${file}: cannot resolve ${specifier}`);
      visit(relative(root, target));
    }
  };
  visit(entry);
  return { files: [...files].sort(), packages: [...packages].sort() };
}

describe('forecast modules for the page', () => {
  it.each(['src/core/forecast/settings.ts', 'src/core/forecast/snapshot-parts.ts'])('%s reaches no model code and no package', (entry) => {
    const { files, packages } = valueImports(entry);
    expect(packages).toEqual([]);
    expect(files.filter((f) => !['src/core/forecast/settings.ts', 'src/core/forecast/snapshot-parts.ts', 'src/core/forecast/models/clv.ts', 'src/core/snapshot/schema.ts'].includes(f))).toEqual([]);
  });

  it('the walk sees what the forecast index reaches (so the check above can fail)', () => {
    const { files, packages } = valueImports('src/core/forecast/index.ts');
    expect(files).toContain('src/core/forecast/models/special.ts');
    expect(files).toContain('src/core/forecast/models/gamma-functions.ts');
    // lnΓ and ψ are our own: @stdlib (CommonJS, ~8 KB gzip of helpers in the compute worker) is only the tests' reference.
    expect(packages.filter((name) => name.startsWith('@stdlib/'))).toEqual([]);
  });
});
