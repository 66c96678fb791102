// A local stand-in for the Slack Web API (https://slack.com/api/<method>) on 127.0.0.1: answers the
// methods the adapter uses, records every call with its parsed parameters, and can be taken down.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { createHash } from "node:crypto";
import type { Duplex } from "node:stream";

export type SlackCall = { method: string; params: Record<string, unknown>; token: string | undefined };

export type FakeSlackApi = {
  /** Base URL for `slackApiUrl`, ending in "/api/". */
  url: string;
  calls: SlackCall[];
  /** Calls of one method, in order. */
  callsTo(method: string): SlackCall[];
  /** Resolves once `predicate` holds for the recorded calls (polls; fails after `timeoutMs`). */
  waitFor<T>(predicate: (calls: SlackCall[]) => T | undefined | false, timeoutMs?: number): Promise<T>;
  /** "500": every call answers HTTP 500; "refuse": the port is closed (connection refused). */
  down(mode?: "500" | "refuse"): Promise<void>;
  up(): Promise<void>;
  /** The next call to `method` answers `{ ok: false, error }`. */
  failNext(method: string, error: string): void;
  reset(): void;
  close(): Promise<void>;
  /** Socket Mode: the WebSocket `apps.connections.open` hands out. */
  socket: {
    connected(): boolean;
    /** Sends an envelope (events_api, interactive, …) and resolves with the app's acknowledgement. */
    send(type: string, payload: Record<string, unknown>, extra?: Record<string, unknown>): Promise<Record<string, unknown>>;
    /** Resolves once an app has connected and been greeted. */
    waitConnected(timeoutMs?: number): Promise<void>;
  };
};

export const BOT = { user_id: "UBOT0001", bot_id: "BBOT0001", team_id: "T0TEAM01" };

export async function startFakeSlackApi(): Promise<FakeSlackApi> {
  const calls: SlackCall[] = [];
  const failures = new Map<string, string>();
  const sockets = new Set<Socket>();
  let mode: "up" | "500" | "refuse" = "up";
  let seq = 0;
  let port = 0;

  const answer = (method: string, params: Record<string, unknown>): Record<string, unknown> => {
    const failure = failures.get(method);
    if (failure !== undefined) {
      failures.delete(method);
      return { ok: false, error: failure };
    }
    switch (method) {
      case "auth.test":
        return { ok: true, url: "https://onerun-test.slack.com/", team: "Test", user: "onerun", ...BOT };
      case "chat.postMessage": {
        const ts = `1763888400.${String(++seq).padStart(6, "0")}`;
        return { ok: true, channel: params.channel, ts, message: { ts, text: params.text, bot_id: BOT.bot_id } };
      }
      case "chat.update":
        return { ok: true, channel: params.channel, ts: params.ts, text: params.text };
      case "chat.postEphemeral":
        return { ok: true, message_ts: `1763888400.${String(++seq).padStart(6, "0")}` };
      case "views.open":
        return { ok: true, view: { id: `V${++seq}`, ...(params.view as object) } };
      case "conversations.info":
        return { ok: true, channel: { id: params.channel, name: "handoff", is_member: true } };
      case "apps.connections.open":
        return { ok: true, url: `ws://127.0.0.1:${port}/link/?ticket=fake` };
      case "users.info":
        return { ok: true, user: { id: params.user, name: "someone" } };
      default:
        return { ok: true };
    }
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const method = (req.url ?? "").replace(/^\/api\//, "").split("?")[0] ?? "";
    const raw = Buffer.concat(chunks).toString("utf8");
    const params = parseParams(raw, req.headers["content-type"]);
    const auth = req.headers.authorization;
    const token = auth?.startsWith("Bearer ") ? auth.slice(7) : (params.token as string | undefined);
    if (mode === "500") {
      res.writeHead(500, { "content-type": "text/plain" }).end("down for the test");
      return;
    }
    calls.push({ method, params, token });
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(answer(method, params)));
  };

  const server: Server = createServer((req, res) => void handle(req, res));
  const ws = createFakeSocketMode();
  server.on("upgrade", (req, socket) => {
    if (mode !== "up" || !req.url?.startsWith("/link")) return void socket.destroy();
    ws.accept(req, socket);
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  const listen = () =>
    new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, "127.0.0.1", () => {
        server.off("error", reject);
        port = (server.address() as AddressInfo).port;
        resolve();
      });
    });
  const shut = () =>
    new Promise<void>((resolve) => {
      if (!server.listening) return resolve();
      ws.drop();
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    });
  await listen();

  const api: FakeSlackApi = {
    url: `http://127.0.0.1:${port}/api/`,
    calls,
    callsTo: (method) => calls.filter((c) => c.method === method),
    async waitFor(predicate, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const result = predicate(calls);
        if (result) return result as never;
        if (Date.now() > deadline) {
          throw new Error(`Timed out waiting for Slack calls; got: ${calls.map((c) => c.method).join(", ") || "none"}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    async down(newMode = "500") {
      mode = newMode;
      if (newMode === "refuse") await shut();
    },
    async up() {
      if (mode === "refuse") await listen();
      mode = "up";
    },
    failNext: (method, error) => void failures.set(method, error),
    reset: () => void calls.splice(0, calls.length),
    close: shut,
    socket: ws.api,
  };
  return api;
}

/** The Web API client sends form-encoded bodies with JSON-encoded objects (blocks, view); others send JSON. */
function parseParams(raw: string, contentType: string | undefined): Record<string, unknown> {
  if (!raw) return {};
  if (contentType?.includes("application/json")) return JSON.parse(raw) as Record<string, unknown>;
  const params: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    params[key] = /^[[{]/.test(value) ? safeJson(value) : value;
  }
  return params;
}

function safeJson(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

// --- Socket Mode: just enough of RFC 6455 for one local connection --------------------------------

function createFakeSocketMode() {
  let socket: Duplex | undefined;
  let buffer = Buffer.alloc(0);
  let envelopeSeq = 0;
  const acks = new Map<string, (ack: Record<string, unknown>) => void>();

  const frame = (opcode: number, payload: Buffer): Buffer => {
    const head =
      payload.length < 126
        ? Buffer.from([0x80 | opcode, payload.length])
        : payload.length < 65536
          ? Buffer.from([0x80 | opcode, 126, payload.length >> 8, payload.length & 0xff])
          : Buffer.concat([Buffer.from([0x80 | opcode, 127]), (() => { const b = Buffer.alloc(8); b.writeBigUInt64BE(BigInt(payload.length)); return b; })()]);
    return Buffer.concat([head, payload]);
  };
  const sendText = (text: string) => socket?.write(frame(0x1, Buffer.from(text, "utf8")));

  const read = () => {
    for (;;) {
      if (buffer.length < 2) return;
      const opcode = buffer[0]! & 0x0f;
      const masked = (buffer[1]! & 0x80) !== 0;
      let length = buffer[1]! & 0x7f;
      let offset = 2;
      if (length === 126) {
        if (buffer.length < 4) return;
        length = buffer.readUInt16BE(2);
        offset = 4;
      } else if (length === 127) {
        if (buffer.length < 10) return;
        length = Number(buffer.readBigUInt64BE(2));
        offset = 10;
      }
      const mask = masked ? buffer.subarray(offset, offset + 4) : undefined;
      if (masked) offset += 4;
      if (buffer.length < offset + length) return;
      const payload = Buffer.from(buffer.subarray(offset, offset + length));
      if (mask) for (let i = 0; i < payload.length; i++) payload[i]! ^= mask[i % 4]!;
      buffer = buffer.subarray(offset + length);
      if (opcode === 0x1) {
        const message = JSON.parse(payload.toString("utf8")) as { envelope_id?: string };
        const resolve = message.envelope_id ? acks.get(message.envelope_id) : undefined;
        if (resolve && message.envelope_id) {
          acks.delete(message.envelope_id);
          resolve(message as Record<string, unknown>);
        }
      } else if (opcode === 0x9) {
        socket?.write(frame(0xa, payload));
      } else if (opcode === 0x8) {
        socket?.end(frame(0x8, payload));
        socket = undefined;
      }
    }
  };

  return {
    accept(req: IncomingMessage, raw: Duplex) {
      const key = String(req.headers["sec-websocket-key"] ?? "");
      const accept = createHash("sha1").update(`${key}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`).digest("base64");
      raw.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`);
      socket = raw;
      buffer = Buffer.alloc(0);
      raw.on("data", (chunk: Buffer) => {
        buffer = Buffer.concat([buffer, chunk]);
        read();
      });
      raw.on("close", () => {
        if (socket === raw) socket = undefined;
      });
      raw.on("error", () => undefined);
      sendText(JSON.stringify({ type: "hello", num_connections: 1, debug_info: { host: "fake" }, connection_info: { app_id: "A0ONERUN" } }));
    },
    drop() {
      socket?.destroy();
      socket = undefined;
    },
    api: {
      connected: () => socket !== undefined,
      send(type: string, payload: Record<string, unknown>, extra: Record<string, unknown> = {}) {
        const envelopeId = `env-${++envelopeSeq}`;
        const acked = new Promise<Record<string, unknown>>((resolve) => acks.set(envelopeId, resolve));
        sendText(JSON.stringify({ envelope_id: envelopeId, type, payload, accepts_response_payload: type !== "events_api", retry_attempt: 0, retry_reason: "", ...extra }));
        return acked;
      },
      async waitConnected(timeoutMs = 5000) {
        const deadline = Date.now() + timeoutMs;
        while (!socket) {
          if (Date.now() > deadline) throw new Error("no Socket Mode connection");
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
      },
    },
  };
}
