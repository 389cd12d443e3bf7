/** Vitest setup: the English messages, loaded as the page loads its language before the first render. */
import { loadCatalogue } from '../../src/i18n';

await loadCatalogue('en');
