/** Serve the built app with `vite preview` on a port, for scripts that drive Chromium outside Playwright's runner. */
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';

/** A TCP port free on this machine now (the system picks it when port = 0), for a server of one's own. */
export function freePort(port = 0): Promise<number> {
  return new Promise((ok, fail) => {
    const probe = createServer();
    probe.once('error', fail);
    probe.listen(port, () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? ok(address.port) : fail(new Error('no port'))));
    });
  });
}

export interface PreviewServer {
  url: string;
  stop(): void;
}

export async function startPreview(root: string, port: number): Promise<PreviewServer> {
  // Someone else's server on the port would answer in our server's place: refuse a port that is taken.
  await freePort(port).catch((err: unknown) => {
    throw new Error(`port ${port} is taken, another server answers there: ${String(err)}`);
  });
  const server = spawn('npx', ['vite', 'preview', '--port', String(port), '--strictPort'], { cwd: root, stdio: 'ignore', detached: true });
  const url = `http://localhost:${port}/`;
  const stop = () => {
    try {
      if (server.pid) process.kill(-server.pid);
    } catch (err) {
      // Already gone (ESRCH): nothing to stop, and an error here would hide the one that ended the caller's work.
      if ((err as NodeJS.ErrnoException).code !== 'ESRCH') throw err;
    }
  };
  let exited: number | null = null;
  server.once('exit', (code) => (exited = code ?? -1));
  for (let i = 0; i < 150; i++) {
    // Our server ended (with --strictPort, a port already taken): whatever answers on the port is someone else's,
    // serving another build, and must not be measured.
    if (exited !== null) throw new Error(`vite preview exited (code ${exited}) before answering on ${url}: port ${port} taken?`);
    try {
      if ((await fetch(url)).ok) return { url, stop };
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  stop();
  throw new Error(`vite preview did not answer on ${url}`);
}
