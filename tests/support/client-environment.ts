/**
 * A Vitest environment for the page's rune stores: Node globals, but modules transformed as for the browser, so that
 * Svelte compiles `.svelte.ts` files for the client and `$effect` runs.
 */
import type { Environment } from 'vitest/environments';

export default {
  name: 'node-client',
  viteEnvironment: 'client',
  setup() {
    return { teardown() {} };
  },
} satisfies Environment;
