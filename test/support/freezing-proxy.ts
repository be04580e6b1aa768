/**
 * A TCP proxy on 127.0.0.1 in front of a server, which can stop forwarding while keeping its
 * connections open: what a client sees of a frozen host, or of a network that silently drops
 * packets, as opposed to a server that refuses or closes connections.
 */
import net from 'node:net';

export interface FreezingProxy {
  port: number;
  /** The target's URL with the proxy's host and port in its place. */
  url: string;
  /** From now on nothing is forwarded either way, and no connection is closed. */
  freeze(): void;
  /** Closes the proxy and every connection through it. */
  close(): Promise<void>;
}

export async function startFreezingProxy(target: URL): Promise<FreezingProxy> {
  let frozen = false;
  const sockets = new Set<net.Socket>();
  const track = (socket: net.Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
  };
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(target.port), target.hostname);
    track(client);
    track(upstream);
    client.on('data', (chunk) => void (frozen || upstream.write(chunk)));
    upstream.on('data', (chunk) => void (frozen || client.write(chunk)));
    client.on('end', () => void (frozen || upstream.end()));
    upstream.on('end', () => void (frozen || client.end()));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('the proxy has no TCP port');
  const url = new URL(target);
  url.hostname = '127.0.0.1';
  url.port = String(address.port);
  return {
    port: address.port,
    url: url.toString(),
    freeze: () => {
      frozen = true;
    },
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
