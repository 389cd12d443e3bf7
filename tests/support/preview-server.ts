/** Serve the built app with `vite preview` on a port, for scripts that drive Chromium outside Playwright's runner. */
import { spawn } from 'node:child_process';

export interface PreviewServer {
  url: string;
  stop(): void;
}

export async function startPreview(root: string, port: number): Promise<PreviewServer> {
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
  for (let i = 0; i < 150; i++) {
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
