/**
 * Serve a built site with Debian's nginx and the project's deploy/nginx/mapscope.conf, on a
 * loopback port, as a self-hosting team would (only `listen` and `root` differ).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const CONF = fileURLToPath(new URL('../../../deploy/nginx/mapscope.conf', import.meta.url));

export function nginxPath(): string {
  return process.env['NGINX_PATH'] || '/usr/sbin/nginx';
}

export interface NginxSite {
  url: string;
  close(): Promise<void>;
}

/** The server block with its two site-specific lines pointed at `port` and `root`. */
export async function siteConf(port: number, root: string): Promise<string> {
  const conf = await readFile(CONF, 'utf8');
  const lines = { listen: /^ {4}listen 8080;$/m, root: /^ {4}root \/usr\/share\/nginx\/html;$/m };
  for (const [name, pattern] of Object.entries(lines)) {
    if (!pattern.test(conf)) throw new Error(`${CONF}: expected its "${name}" line to match ${pattern}`);
  }
  return conf.replace(lines.listen, `    listen 127.0.0.1:${port};`).replace(lines.root, `    root ${JSON.stringify(root)};`);
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export async function serveWithNginx(root: string): Promise<NginxSite> {
  const binary = nginxPath();
  if (!existsSync(binary)) {
    throw new Error(`No nginx at ${binary}. Install it (apt-get install -y nginx) or set NGINX_PATH; .ci/run installs it.`);
  }
  const prefix = await mkdtemp(path.join(tmpdir(), 'mapscope-nginx-'));
  const port = await freePort();
  await writeFile(path.join(prefix, 'mapscope.conf'), await siteConf(port, root));
  // The main configuration a distribution or the official image provides, with paths a test may write.
  const temp = (name: string) => `${name}_temp_path ${JSON.stringify(path.join(prefix, name))};`;
  await writeFile(
    path.join(prefix, 'nginx.conf'),
    [
      'worker_processes 1;',
      // Run as root (a CI container), workers would switch to "nobody", who cannot read the
      // test's private temporary folders; a non-root nginx keeps its own user anyway.
      ...(process.getuid?.() === 0 ? ['user root;'] : []),
      `pid ${JSON.stringify(path.join(prefix, 'nginx.pid'))};`,
      'error_log stderr warn;',
      'daemon off;',
      'events { worker_connections 256; }',
      'http {',
      '  include /etc/nginx/mime.types;',
      '  default_type application/octet-stream;',
      '  access_log off;',
      '  sendfile on;',
      `  ${['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map(temp).join('\n  ')}`,
      `  include ${JSON.stringify(path.join(prefix, 'mapscope.conf'))};`,
      '}',
      '',
    ].join('\n'),
  );
  const child: ChildProcess = spawn(binary, ['-p', prefix, '-c', path.join(prefix, 'nginx.conf'), '-e', 'stderr'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const url = `http://127.0.0.1:${port}/`;
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`nginx exited with ${child.exitCode}: ${stderr}`);
    try {
      await fetch(url);
      break;
    } catch {
      if (Date.now() - started > 10_000) throw new Error(`nginx did not answer on ${url} within 10 s: ${stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  return {
    url,
    async close() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGQUIT');
        await exited;
      }
      await rm(prefix, { recursive: true, force: true });
    },
  };
}
