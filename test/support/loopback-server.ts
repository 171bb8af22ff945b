// A test server listening on 127.0.0.1, on a port the system picks: every socket it
// accepts (and any its handler adds) is tracked, so close() ends them all instead of
// waiting for keep-alive connections to time out.
import type { Server } from "node:http";
import type { AddressInfo, Socket } from "node:net";

export interface Listening {
  readonly port: number;
  /** Another socket for close() to end (e.g. a proxy's upstream connection). */
  track(socket: Socket): void;
  close(): Promise<void>;
}

export async function listenOnLoopback(server: Server): Promise<Listening> {
  const sockets = new Set<Socket>();
  const track = (s: Socket): void => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  };
  server.on("connection", track);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as AddressInfo).port,
    track,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
      }),
  };
}
