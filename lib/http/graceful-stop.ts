import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import net, { type Socket } from 'node:net';

// A rolling restart must be invisible: on stop the server takes no new
// connections, answers every request it has already received (telling
// keep-alive clients `Connection: close`), and resolves as soon as the last
// response is out. Node's own server.close() also drops idle keep-alive
// connections at once, which loses a request that is on the wire but not yet
// read (behind nginx's pool of upstream connections, many); here an idle
// connection is closed only after the bytes already in its buffer had their
// chance to be read.

// How long an idle keep-alive connection stays open after stop begins.
const ON_THE_WIRE_MS = 150;

export type StopOutcome = 'drained' | 'deadline';

export type GracefulStop = {
  // Resolves when every connection is closed, or at the deadline (the
  // connections still open, requests that never finish, are then destroyed).
  stop: (deadlineMs: number) => Promise<StopOutcome>;
};

export function gracefulStop(server: Server): GracefulStop {
  const inFlight = new Map<Socket, Set<ServerResponse>>();
  let stopping = false;
  let settle: ((outcome: StopOutcome) => void) | undefined;

  const settleIfDrained = () => {
    if (stopping && inFlight.size === 0) settle?.('drained');
  };

  // Closes an idle connection once what is already on the wire has been
  // read: a timer first (the bytes may still be arriving), then a turn of
  // the event loop, whose poll phase reads them and starts their request.
  const closeWhenIdle = (socket: Socket) => {
    setTimeout(() => {
      setImmediate(() => {
        if (inFlight.get(socket)?.size === 0) socket.end();
      });
    }, ON_THE_WIRE_MS).unref();
  };

  server.on('connection', (socket: Socket) => {
    inFlight.set(socket, new Set());
    socket.once('close', () => {
      inFlight.delete(socket);
      settleIfDrained();
    });
    if (stopping) closeWhenIdle(socket);
  });

  // First of the request listeners, so the header is set before any handler answers.
  server.prependListener('request', (req: IncomingMessage, res: ServerResponse) => {
    const socket = req.socket;
    const responses = inFlight.get(socket) ?? new Set<ServerResponse>();
    inFlight.set(socket, responses);
    responses.add(res);
    if (stopping) res.setHeader('Connection', 'close');
    res.once('close', () => {
      responses.delete(res);
      // A response that went out as keep-alive before stop began: the
      // connection ends after it.
      if (stopping && responses.size === 0 && !socket.destroyed) closeWhenIdle(socket);
    });
  });

  return {
    stop(deadlineMs) {
      if (stopping) return Promise.reject(new Error('already stopping'));
      stopping = true;
      // net.Server's close: no new connections, and none of the open ones cut.
      net.Server.prototype.close.call(server);
      return new Promise<StopOutcome>((resolve) => {
        const deadline = setTimeout(() => {
          for (const socket of inFlight.keys()) socket.destroy();
          resolve('deadline');
        }, deadlineMs);
        deadline.unref();
        settle = (outcome) => {
          clearTimeout(deadline);
          resolve(outcome);
        };
        for (const [socket, responses] of inFlight) {
          for (const res of responses) if (!res.headersSent) res.setHeader('Connection', 'close');
          if (responses.size === 0) closeWhenIdle(socket);
        }
        settleIfDrained();
      });
    },
  };
}
