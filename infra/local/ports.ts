import { createServer } from 'node:net';

/** A free TCP port on loopback, chosen by the OS. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** A problem the person starting the register can fix, told in one line. */
export class StartupError extends Error {
  override readonly name = 'StartupError';
}

/** Fails fast, before any engine starts, when a fixed port is taken. */
export function assertPortFree(port: number): Promise<void> {
  if (port === 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' ? portTaken(port) : error),
    );
    server.listen(port, '127.0.0.1', () => server.close(() => resolve()));
  });
}

export function portTaken(port: number): StartupError {
  return new StartupError(`Port ${port} is already in use: stop what uses it, or start on another port with PORT=${port + 1} npm start.`);
}
