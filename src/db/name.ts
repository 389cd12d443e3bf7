/** The app's IndexedDB database; its own module so the page can name it without loading Dexie. */
export const DATABASE_NAME = 'clv-studio';
