// Imported by the generated service worker (vite.config.ts: workbox.importScripts). The manifest's share_target POSTs
// what the share sheet sends (a snapshot file, or a link as text or url) to ./share-target: Workbox's routes answer
// only GET, so this listener, added first, takes that POST, keeps its file and text in a cache for the page
// (src/state/incoming.ts reads and deletes them) and sends the page to ./?shared=1.
/* eslint-env serviceworker */
self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'POST') return;
  const target = new URL('./share-target', self.registration.scope);
  if (new URL(request.url).pathname !== target.pathname) return;
  event.respondWith(
    (async () => {
      const back = new URL('./?shared=1', self.registration.scope).href;
      try {
        const form = await request.formData();
        const cache = await caches.open('clv-share-target');
        const file = form.get('snapshot');
        if (file && typeof file !== 'string') {
          await cache.put(new URL('./shared-in/file', self.registration.scope).href,
            new Response(file, { headers: { 'content-type': file.type || 'application/json', 'x-file-name': encodeURIComponent(file.name || 'shared.clv.json') } }));
        }
        const text = ['url', 'text', 'title'].map((k) => form.get(k)).filter((v) => typeof v === 'string').join(' ');
        if (text) await cache.put(new URL('./shared-in/text', self.registration.scope).href, new Response(text.slice(0, 64 * 1024)));
      } catch (err) {
        console.error('share-target', err);
      }
      return Response.redirect(back, 303);
    })(),
  );
});
