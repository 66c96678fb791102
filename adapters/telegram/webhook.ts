// Webhook mode: Telegram POSTs each update to our URL with the secret we gave it in setWebhook.
import { createServer, type Server } from "node:http";
import { webhookCallback, type Bot } from "grammy";
import type { Logger } from "../../src/core/ports.ts";

export type WebhookOptions = {
  /** The public https URL Telegram posts to; its path is the one the server answers on. */
  url: string;
  /** Sent back by Telegram in X-Telegram-Bot-Api-Secret-Token; 1–256 of A–Z a–z 0–9 _ - */
  secret: string;
  /** Port to listen on (0 = any free port). */
  port: number;
  /** Interface to listen on. Default: all interfaces. */
  host?: string;
};

const MAX_BODY_BYTES = 1_000_000;

export function validateWebhookOptions(webhook: WebhookOptions): void {
  const fail = (message: string) => {
    throw Object.assign(new Error(message), { code: "TELEGRAM_WEBHOOK_INVALID" });
  };
  let url: URL | undefined;
  try {
    url = new URL(webhook.url);
  } catch {
    fail(`TELEGRAM_WEBHOOK_URL "${webhook.url}" is not a web address; use the public https URL Telegram should post to.`);
  }
  if (url && url.protocol !== "https:" && url.protocol !== "http:") fail("TELEGRAM_WEBHOOK_URL must start with https://");
  if (!/^[A-Za-z0-9_-]{1,256}$/.test(webhook.secret)) {
    fail("TELEGRAM_WEBHOOK_SECRET must be 1–256 characters of A–Z, a–z, 0–9, _ and - (e.g. the output of `openssl rand -hex 32`).");
  }
  if (!Number.isInteger(webhook.port) || webhook.port < 0 || webhook.port > 65535) fail(`PORT ${webhook.port} is not a port number (0–65535).`);
}

/** Listens for Telegram's POSTs on the webhook URL's path; anything else is refused. Resolves once listening. */
export function startWebhookServer(bot: Bot, webhook: WebhookOptions, log: Logger): Promise<Server> {
  const path = new URL(webhook.url).pathname;
  const handleUpdate = webhookCallback(bot, "http", {
    secretToken: webhook.secret,
    // A slow answer must not make Telegram deliver the same update again: reply 200 and finish in the background.
    onTimeout: "return",
    timeoutMilliseconds: 9_000,
  });
  const server = createServer((req, res) => {
    const requestPath = (req.url ?? "/").split("?")[0];
    if (req.method === "GET" && requestPath === "/healthz") {
      res.writeHead(200, { "Content-Type": "text/plain" }).end("ok");
      return;
    }
    if (requestPath !== path) {
      res.writeHead(404).end();
      return;
    }
    if (req.method !== "POST") {
      res.writeHead(405, { Allow: "POST" }).end();
      return;
    }
    if (Number(req.headers["content-length"] ?? 0) > MAX_BODY_BYTES) {
      res.writeHead(413).end();
      return;
    }
    // A wrong or missing X-Telegram-Bot-Api-Secret-Token is answered 401 inside the callback.
    handleUpdate(req, res).catch((error: unknown) => {
      log.warn({ message: error instanceof Error ? error.message : String(error) }, "telegram: webhook request failed");
      if (!res.headersSent) res.writeHead(error instanceof SyntaxError ? 400 : 500).end();
    });
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(webhook.port, webhook.host, () => {
      server.off("error", reject);
      resolve(server);
    });
  });
}
